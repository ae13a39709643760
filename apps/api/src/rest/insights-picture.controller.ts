import { createHash } from 'node:crypto';
import {
  Controller,
  Get,
  Inject,
  Param,
  Query,
  Req,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CLOCK, KdError, type Clock } from '@kd/events';
import { readGuildInsightsWithTrends } from '@kd/analytics';
import { guildInsightsPng } from '@kd/commands';
import { resolveLocale } from '@kd/i18n';
import type { DatabaseHolder } from '@kd/projections';
import { READ_DATABASE } from '../api.tokens.js';
import { ApiDoc, ApiTag } from './api-doc.decorator.js';
import { JwtAuthGuard, type AuthenticatedRequest } from './jwt-auth.guard.js';
import { assertGuildAccess, parseRequest } from './parse-request.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RequireScope } from './require-scope.decorator.js';
import { guildParams } from './rest-schemas.js';

const pictureQuery = z.object({
  locale: z
    .string()
    .max(16)
    .optional()
    .describe('language of the labels (en-US, de, es-ES, fr, pt-BR; others fall back)'),
});

/** `/kaltura-stats`'s picture over REST, for dashboards and wikis. */
@Controller('api/v1')
@UseGuards(JwtAuthGuard, RateLimitGuard)
@ApiTag('insights')
export class InsightsPictureController {
  constructor(
    @Inject(READ_DATABASE) private readonly db: DatabaseHolder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('guilds/:guildId/insights.png')
  @RequireScope('read')
  @ApiDoc({
    summary:
      "A guild's insights as a PNG (1000×760): the last 30 days of commands and active members, meetings per week, the engagement metrics against their targets; alt text in X-Alt-Text",
    query: pictureQuery,
    responses: {
      200: { description: 'the picture', contentType: 'image/png' },
      304: { description: 'unchanged since the ETag sent in If-None-Match' },
      404: { description: 'no events recorded for this guild' },
      503: { description: 'the analytics read models cannot be read' },
    },
  })
  async picture(
    @Param() params: unknown,
    @Query() query: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | undefined> {
    const { guildId } = parseRequest(guildParams, params, 'path');
    const { locale } = parseRequest(pictureQuery, query, 'query');
    assertGuildAccess(request.claims, guildId);
    const overview = await readGuildInsightsWithTrends(this.db.dataSource, guildId, {
      timeoutMs: 5_000,
      now: this.clock(),
    }).catch((error: unknown) => {
      throw new KdError(
        'ANALYTICS.UNAVAILABLE',
        'the analytics read models cannot be read right now',
        'unavailable',
        { cause: error },
      );
    });
    if (!overview)
      throw new KdError('GUILD.NOT_FOUND', `no events recorded for guild ${guildId}`, 'not_found');
    const { png, alt } = guildInsightsPng(overview, resolveLocale(locale));
    // Same figures, same bytes (the charts are deterministic): the hash is a strong ETag.
    const etag = `"${createHash('sha256').update(png).digest('base64url').slice(0, 32)}"`;
    response.setHeader('Cache-Control', 'private, max-age=60');
    response.setHeader('ETag', etag);
    response.setHeader('Vary', 'Authorization');
    response.setHeader('X-Alt-Text', encodeURIComponent(alt));
    if (request.headers['if-none-match'] === etag) {
      response.status(304);
      return undefined;
    }
    return new StreamableFile(png, {
      type: 'image/png',
      disposition: 'inline; filename="insights.png"',
      length: png.length,
    });
  }
}
