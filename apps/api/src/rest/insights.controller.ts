import { Controller, Get, Inject, Param, Req, UseGuards } from '@nestjs/common';
import { CLOCK, KdError, type Clock } from '@kd/events';
import {
  installReport,
  readGuildInsights,
  summarySnapshot,
  type CachedSnapshot,
  type SummaryAt,
} from '@kd/analytics';
import type { DatabaseHolder } from '@kd/projections';
import { READ_DATABASE } from '../api.tokens.js';
import { ApiDoc, ApiTag } from './api-doc.decorator.js';
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
@ApiTag('insights')
export class InsightsController {
  /** The install-wide summary is the same for every caller: computed at most every 15 s. */
  private readonly summary: CachedSnapshot<SummaryAt>;

  constructor(
    @Inject(READ_DATABASE) private readonly db: DatabaseHolder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.summary = summarySnapshot({
      dataSource: () => this.db.dataSource,
      clock: this.clock,
      timeoutMs: queryTimeoutMs,
    });
  }

  @Get('guilds/:guildId/insights')
  @RequireScope('read')
  @ApiDoc({
    summary:
      "A guild's own engagement, retention and customization figures, each engagement metric with its target (docs/analytics.md)",
    responses: {
      200: { description: 'insights' },
      404: { description: 'no events recorded for this guild' },
      503: { description: 'the analytics read models cannot be read' },
    },
  })
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
  @ApiDoc({
    summary:
      'The whole install: every DESIGN §4 metric with its target, installed guilds, live meetings (cached 15 s; operator tokens only)',
    responses: {
      200: { description: 'summary' },
      503: { description: 'the analytics read models cannot be read' },
    },
  })
  async install() {
    const { value, stale } = await this.summary.get();
    if (!value) throw unavailable(new Error('no summary computed yet'));
    return { ...installReport(value.summary, value.at), stale };
  }
}
