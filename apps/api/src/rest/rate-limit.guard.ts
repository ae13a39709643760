import { createHash } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import {
  decideRate,
  NatsClients,
  RateWindows,
  type RateDecision,
  type RateRule,
} from '@kd/event-store';
import { CLOCK, KdError, type Clock } from '@kd/events';
import type { Logger } from '@kd/observability';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG, LOGGER } from '../api.tokens.js';
import type { AuthenticatedRequest } from './jwt-auth.guard.js';

export class RateLimitedError extends KdError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'HTTP.RATE_LIMITED',
      `too many requests; retry after ${retryAfterSeconds} s`,
      'rate_limited',
    );
  }
}

const windowMs = 60_000;

/**
 * Per-token rate limit (keyed by the JWT subject): API_RATE_LIMIT_PER_MINUTE requests in any
 * sliding minute, counted in a JetStream KV bucket (`<stream>_rest_rate`) that every api replica
 * shares, so a client spreading requests over replicas gets no more. While the bucket is
 * unreachable each replica counts on its own (a NATS outage must not turn every REST call into
 * a 503 when reads would still work); that is logged once per outage.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly shared: RateWindows;
  private readonly local = new Map<string, number[]>();
  private sharedDown = false;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    nats: NatsClients,
  ) {
    this.shared = new RateWindows({
      nats,
      stream: `${config.KD_STREAM}_rest`,
      maxAgeMs: 2 * windowMs,
      maxAttempts: 20,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const subject = http.getRequest<AuthenticatedRequest>().claims.sub;
    // KV keys allow few characters; a digest of the subject also keeps it out of the bucket.
    const key = `rest.${createHash('sha256').update(subject).digest('hex').slice(0, 40)}`;
    const rule = { limit: this.config.API_RATE_LIMIT_PER_MINUTE, windowMs };
    const decision = await this.take(key, rule, this.clock());
    if (decision.allowed) return true;
    const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new RateLimitedError(retryAfter);
  }

  private async take(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    try {
      const decision = await this.shared.take(key, rule, now);
      if (this.sharedDown) this.logger.info({}, 'shared REST rate limit reachable again');
      this.sharedDown = false;
      return decision;
    } catch (error) {
      if (!this.sharedDown)
        this.logger.warn(
          { err: String(error) },
          'shared REST rate limit unreachable: limiting per replica until it is back',
        );
      this.sharedDown = true;
      return this.takeLocally(key, rule, now.getTime());
    }
  }

  private takeLocally(key: string, rule: RateRule, now: number): RateDecision {
    const decision = decideRate(this.local.get(key) ?? [], rule, now);
    this.local.delete(key);
    this.local.set(key, decision.stamps);
    if (this.local.size > 10_000) this.local.delete(this.local.keys().next().value as string);
    return decision;
  }
}
