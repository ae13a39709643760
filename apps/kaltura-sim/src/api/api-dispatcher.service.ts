import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@kd/observability';
import { ActionCatalog } from '../actions/action-catalog.service.js';
import { SimFaults } from '../faults/sim-faults.service.js';
import { SimStats } from '../faults/sim-stats.service.js';
import { AppTokenStore } from '../state/app-token-store.service.js';
import { SIM_CONFIG, SIM_LOGGER, type KalturaSimConfig } from '../kaltura-sim.config.js';
import { SimApiException } from './kaltura-api-exception.js';
import { requireSession } from './session-guard.js';
import type { Params } from './sim-action.js';

export type ApiOutcome = { kind: 'json'; body: unknown } | { kind: 'http500' } | { kind: 'hang' };

/** One API v3 call: faults first, then throttling, routing, the KS check and the handler. */
@Injectable()
export class ApiDispatcher {
  constructor(
    @Inject(SIM_CONFIG) private readonly config: KalturaSimConfig,
    @Inject(SIM_LOGGER) private readonly logger: Logger,
    private readonly actions: ActionCatalog,
    private readonly faults: SimFaults,
    private readonly stats: SimStats,
    private readonly appTokens: AppTokenStore,
  ) {}

  async dispatch(
    service: string,
    action: string,
    params: Params,
    closed: AbortSignal,
  ): Promise<ApiOutcome> {
    this.stats.record(service, action);
    const failure = this.faults.nextFailure(service, action);
    const { latencyMs } = this.faults.current();
    if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: closed }).catch(() => undefined);
    if (failure === 'hang' || failure === 'http500') return { kind: failure };
    if (failure === 'api_error')
      return { kind: 'json', body: new SimApiException('INTERNAL_SERVERL_ERROR').toBody() };
    try {
      return { kind: 'json', body: this.run(service, action, params) };
    } catch (error) {
      if (error instanceof SimApiException) return { kind: 'json', body: error.toBody() };
      this.logger.error({ err: error, service, action }, 'sim action crashed');
      return { kind: 'json', body: new SimApiException('INTERNAL_SERVERL_ERROR').toBody() };
    }
  }

  private run(service: string, action: string, params: Params): unknown {
    if (!this.faults.admit())
      throw new SimApiException('ACTION_BLOCKED', { ACTION_NAME: action, SERVICE_NAME: service });
    if (!this.actions.hasService(service))
      throw new SimApiException('SERVICE_DOES_NOT_EXISTS', { SRV_NAME: service });
    const handler = this.actions.find(service, action);
    if (!handler)
      throw new SimApiException('ACTION_DOES_NOT_EXISTS', {
        ACTION_NAME: action,
        SERVICE_NAME: service,
      });
    const session =
      handler.access === 'public'
        ? undefined
        : requireSession(params.ks, {
            partnerId: this.config.KALTURA_PARTNER_ID,
            adminSecret: this.config.KALTURA_ADMIN_SECRET,
            admin: handler.access === 'admin',
            service: service.toLowerCase(),
            action: action.toLowerCase(),
            revoked: (s) => this.appTokens.isDeleted(s.privileges.sessionid ?? ''),
          });
    this.logger.debug({ service, action, userId: session?.userId }, 'kaltura api call');
    return handler.run(params, session);
  }
}
