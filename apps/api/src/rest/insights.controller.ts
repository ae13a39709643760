import { Controller, Get, Inject, Param, Req, UseGuards } from '@nestjs/common';
import { CLOCK, KdError, type Clock } from '@kd/events';
import {
  CachedSnapshot,
  installReport,
  readGuildInsights,
  readInstallSummary,
  type InstallSummary,
} from '@kd/insights';
import type { DatabaseHolder } from '@kd/projections';
import { READ_DATABASE } from '../api.tokens.js';
import { JwtAuthGuard, type AuthenticatedRequest } from './jwt-auth.guard.js';
import { assertGuildAccess, parseRequest } from './parse-request.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RequireScope } from './require-scope.decorator.js';
import { guildParams } from './rest-schemas.js';

const queryTimeoutMs = 5_000;

const unavailable = (cause: unknown) =>
  new KdError(
    'ANALYTICS.UNAVAILABLE',
    'the analytics read models cannot be read right now',
    'unavailable',
    {
      cause,
    },
  );

/** Engagement, retention and customization figures from the `analytics` views. */
@Controller('api/v1')
@UseGuards(JwtAuthGuard, RateLimitGuard)
export class InsightsController {
  /** The install-wide summary is the same for every caller: computed at most every 15 s. */
  private readonly summary: CachedSnapshot<{ summary: InstallSummary; at: Date }>;

  constructor(
    @Inject(READ_DATABASE) private readonly db: DatabaseHolder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.summary = new CachedSnapshot({
      load: async () => {
        const at = this.clock();
        const read = { timeoutMs: queryTimeoutMs, now: at };
        return { summary: await readInstallSummary(this.db.dataSource, read), at };
      },
      ttlMs: 15_000,
      background: true,
    });
  }

  @Get('guilds/:guildId/insights')
  @RequireScope('read')
  async guild(@Param() params: unknown, @Req() request: AuthenticatedRequest) {
    const { guildId } = parseRequest(guildParams, params, 'path');
    assertGuildAccess(request.claims, guildId);
    const insights = await readGuildInsights(this.db.dataSource, guildId, {
      timeoutMs: queryTimeoutMs,
      now: this.clock(),
    }).catch((error: unknown) => {
      throw unavailable(error);
    });
    if (!insights)
      throw new KdError('GUILD.NOT_FOUND', `no events recorded for guild ${guildId}`, 'not_found');
    return insights;
  }

  @Get('metrics/summary')
  @RequireScope('operator')
  async install() {
    const { value, stale } = await this.summary.get();
    if (!value) throw unavailable(new Error('no summary computed yet'));
    return { ...installReport(value.summary, value.at), stale };
  }
}
