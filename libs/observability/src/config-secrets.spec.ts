import { describe, expect, it } from '@jest/globals';
import { configSecrets } from './config-secrets.js';

describe('configSecrets', () => {
  it('finds secrets, tokens, passwords, the metrics password and URL passwords, nothing else', () => {
    expect(
      configSecrets({
        JWT_SECRET: 'jwt-secret-value',
        DISCORD_TOKEN: 'bot-token-value',
        KD_ANALYTICS_PASSWORD: 'analytics-pw',
        METRICS_BASIC_AUTH: 'prom:scrape-pw',
        DATABASE_URL: 'postgres://kd:db%40pw@db:5432/kd',
        NATS_URL: 'nats://127.0.0.1:4222',
        LOG_LEVEL: 'info',
        HTTP_PORT: 3000,
        DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
        KALTURA_ADMIN_SECRET: undefined,
      }),
    ).toEqual(['jwt-secret-value', 'bot-token-value', 'analytics-pw', 'scrape-pw', 'db@pw']);
  });
});
