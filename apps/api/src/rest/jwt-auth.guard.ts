import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Counter, register } from 'prom-client';
import { AuthError, verifyJwt, type JwtClaims } from '@kd/auth';
import { metricOnce } from '@kd/observability';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG } from '../api.tokens.js';

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

/** REST API v1: a valid HS256 bearer token is required; every refusal is counted by reason. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly failures = authFailures();

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    try {
      if (!header?.startsWith('Bearer '))
        throw new AuthError('missing_token', 'send "Authorization: Bearer <JWT>"');
      request.claims = verifyJwt(header.slice(7).trim(), this.config.JWT_SECRET);
      return true;
    } catch (error) {
      if (error instanceof AuthError) this.failures.inc({ reason: error.reason });
      throw error;
    }
  }
}

export { authFailures };
