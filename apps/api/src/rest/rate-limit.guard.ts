import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { CLOCK, KdError, type Clock } from '@kd/events';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG } from '../api.tokens.js';
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

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Per-token rate limit (token bucket keyed by the JWT subject): API_RATE_LIMIT_PER_MINUTE
 * sustained, the same number as burst. In memory: each api replica limits on its own.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const subject = http.getRequest<AuthenticatedRequest>().claims.sub;
    const perMinute = this.config.API_RATE_LIMIT_PER_MINUTE;
    const now = this.clock().getTime();
    const bucket = this.buckets.get(subject) ?? { tokens: perMinute, updatedAt: now };
    bucket.tokens = Math.min(
      perMinute,
      bucket.tokens + ((now - bucket.updatedAt) / 60_000) * perMinute,
    );
    bucket.updatedAt = now;
    this.buckets.set(subject, bucket);
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil(((1 - bucket.tokens) / perMinute) * 60);
      http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new RateLimitedError(retryAfter);
    }
    bucket.tokens -= 1;
    return true;
  }
}
