import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { revokeToken } from '@kd/auth';
import { EventStore } from '@kd/event-store';
import { currentCorrelationId } from '@kd/observability';
import { ApiDoc, ApiTag } from './api-doc.decorator.js';
import { JwtAuthGuard, type AuthenticatedRequest } from './jwt-auth.guard.js';
import { parseRequest } from './parse-request.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RequireScope } from './require-scope.decorator.js';
import { revokeTokenBody, revokeTokenResponse, tokenParams } from './token-schemas.js';

/** Operators revoke REST API tokens by jti (auth.token_revoked; every replica honours it). */
@Controller('api/v1/tokens')
@UseGuards(JwtAuthGuard, RateLimitGuard)
@ApiTag('tokens')
export class TokensController {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  @Post(':jti/revoke')
  @HttpCode(200)
  @RequireScope('operator')
  @ApiDoc({
    summary:
      'Revoke a REST API token by its jti (auth.token_revoked): every api replica refuses it within seconds; revoking twice records it once',
    body: revokeTokenBody,
    responses: { 200: { description: 'revoked', schema: revokeTokenResponse } },
  })
  async revoke(
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ) {
    const { jti } = parseRequest(tokenParams, params, 'path');
    const { reason } = parseRequest(revokeTokenBody, body ?? {}, 'body');
    const result = await revokeToken(this.store, {
      jti,
      revokedBy: `api:${request.claims.sub}`.slice(0, 128),
      reason,
      correlationId: currentCorrelationId() ?? 'api',
    });
    return { ...result, revoked: true as const };
  }
}
