import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, createTestStream, startApp } from '@kd/testing';
import {
  expectClearError,
  expectLogsFree,
  send,
  startHostileApi,
  type HostileApi,
} from './hostile-kit.js';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('api /metrics protection', () => {
  let h: HostileApi;

  beforeAll(async () => {
    h = await startHostileApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const scrape = (authorization?: string) =>
    send(h.api.url, {
      method: 'GET',
      path: '/metrics',
      headers: authorization ? { authorization } : {},
    });

  it.each([
    ['no credentials', () => undefined],
    ['a wrong password', () => basic(`${h.secrets.metricsUser}:wrong`)],
    ['a wrong user', () => basic(`nobody:${h.secrets.metricsPassword}`)],
    [
      'the password with a character more',
      () => basic(`${h.secrets.metricsUser}:${h.secrets.metricsPassword}x`),
    ],
    ['credentials that are not base64', () => 'Basic !!!not-base64!!!'],
    ['a bearer token instead of basic auth', () => `Bearer ${h.secrets.metricsPassword}`],
  ])('answers 401 with a JSON error and a Basic challenge to %s', async (_label, authorization) => {
    const response = await scrape(authorization());
    expectClearError(response, 401, 'AUTH.REQUIRED');
    expect(response.headers['www-authenticate']).toBe('Basic realm="metrics"');
  });

  it('serves the metrics to the right credentials, and never logs them', async () => {
    const response = await scrape(h.metricsAuth);
    expect(response.status).toBe(200);
    expect(response.text).toContain('kd_http_requests_total');
    expect(response.text).toContain('process_resident_memory_bytes');
    expectLogsFree(h.api, [h.secrets.metricsPassword, h.metricsAuth.slice(6)]);
  });

  it('answers 404 when METRICS_ENABLED=false', async () => {
    const [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    const api = await startApp('api', {
      DATABASE_URL: db.url,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
      JWT_SECRET: 'metrics-disabled-secret-0123456789abcdef',
      METRICS_ENABLED: 'false',
    });
    try {
      const response = await send(api.url, { method: 'GET', path: '/metrics' });
      expectClearError(response, 404, 'METRICS.DISABLED');
      expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    } finally {
      await api.stop();
      await Promise.all([db.drop(), t.cleanup()]);
    }
  });
});
