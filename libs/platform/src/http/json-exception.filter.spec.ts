import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import { KdError } from '@kd/events';
import type { Logger } from '@kd/observability';
import { JsonExceptionFilter } from './json-exception.filter.js';

/** Runs the filter on one exception; returns what the client got and what was logged. */
function filter(exception: unknown) {
  const logged: unknown[] = [];
  const logger = { error: (fields: unknown) => logged.push(fields) } as unknown as Logger;
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    getHeader: (name: string) => (name === 'x-correlation-id' ? 'corr-123' : undefined),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new JsonExceptionFilter(logger).catch(exception, host);
  return { ...sent, text: JSON.stringify(sent.body), logged };
}

describe('JsonExceptionFilter', () => {
  it('answers an unexpected error with 500, its code and the correlation id only', () => {
    const result = filter(new Error('connect ECONNREFUSED 10.0.0.7:5432 (kd_secret_host)'));
    expect(result.status).toBe(500);
    expect(result.body).toEqual({ error: { code: 'INTERNAL', correlationId: 'corr-123' } });
    expect(result.logged).toEqual([expect.objectContaining({ correlationId: 'corr-123' })]);
  });

  it('keeps the message of a 5xx KdError out of the body', () => {
    const cause = 'nats: connection refused at nats-internal:4222';
    const result = filter(new KdError('EVENT_STORE.UNAVAILABLE', cause, 'unavailable'));
    expect(result.status).toBe(503);
    expect(result.body).toEqual({
      error: { code: 'EVENT_STORE.UNAVAILABLE', correlationId: 'corr-123' },
    });
    expect(result.text).not.toContain('nats-internal');
  });

  it('keeps the body of a 5xx HttpException out too', () => {
    const result = filter(
      new HttpException({ error: { code: 'X.Y', message: 'db at 10.0.0.7' } }, 502),
    );
    expect(result).toMatchObject({
      status: 502,
      body: { error: { code: 'X.Y', correlationId: 'corr-123' } },
    });
    expect(result.text).not.toContain('10.0.0.7');
  });

  it('still explains a 4xx to the client', () => {
    const result = filter(new KdError('CONFIG.UNKNOWN_KEY', 'Unknown key "x".', 'validation'));
    expect(result).toMatchObject({
      status: 400,
      body: { error: { code: 'CONFIG.UNKNOWN_KEY', message: 'Unknown key "x".' } },
    });
  });

  it('answers a channel of another guild with 422', () => {
    const error = new KdError('CONFIG.CHANNEL_NOT_IN_GUILD', 'not in this server', 'validation');
    expect(filter(error).status).toBe(422);
  });
});
