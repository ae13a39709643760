import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Counter, register } from 'prom-client';
import {
  AuthError,
  InsufficientScopeError,
  RevocationsNotLoadedError,
  assertScope,
  tokenSettingsOf,
  verifyJwt,
  type JwtClaims,
  type RevokedTokens,
  type Scope,
  type TokenSettings,
} from '@kd/auth';
import { CLOCK, KdError, type Clock } from '@kd/events';
import { metricOnce } from '@kd/observability';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG, REVOKED_TOKENS } from '../api.tokens.js';
import { REQUIRED_SCOPE } from './require-scope.decorator.js';

export interface AuthenticatedRequest extends Request {
  claims: JwtClaims;
}

const authFailures = () =>
  metricOnce(
    register,
    'kd_auth_failures_total',
    (registers) =>
      new Counter({
        name: 'kd_auth_failures_total',
        help: 'Rejected credentials (JWTs, Discord and Kaltura signatures), by reason',
        labelNames: ['reason'],
        registers,
      }),
  );

/** How long a request waits for the revocation list at start before a 503. */
const revocationWaitMs = 5_000;

/**
 * REST API v1: a valid HS256 bearer token (jose; iss, aud, lifetime, guilds or operator scope),
 * not revoked, with the scope the route declares (@RequireScope). Every refusal is counted by
 * reason. Fails closed: no revocation list loaded yet → 503; a route without a scope → 500.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly failures = authFailures();
  private readonly settings: TokenSettings;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(REVOKED_TOKENS) private readonly revoked: RevokedTokens,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.settings = tokenSettingsOf(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.get<Scope | undefined>(REQUIRED_SCOPE, context.getHandler());
    if (!scope)
      throw new KdError('AUTH.ROUTE_WITHOUT_SCOPE', 'route declares no scope', 'internal');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.claims = await this.authenticate(request.headers.authorization);
      assertScope(request.claims, scope);
      return true;
    } catch (error) {
      if (error instanceof AuthError) this.failures.inc({ reason: error.reason });
      if (error instanceof InsufficientScopeError)
        this.failures.inc({ reason: 'insufficient_scope' });
      throw error;
    }
  }

  private async authenticate(header: string | undefined): Promise<JwtClaims> {
    if (!header?.startsWith('Bearer '))
      throw new AuthError('missing_token', 'send "Authorization: Bearer <JWT>"');
    const claims = await verifyJwt(header.slice(7).trim(), this.settings, this.clock().getTime());
    if (!(await this.revoked.whenLoaded(revocationWaitMs))) throw new RevocationsNotLoadedError();
    if (this.revoked.has(claims.jti)) throw new AuthError('revoked', 'token revoked');
    return claims;
  }
}

export { authFailures };
