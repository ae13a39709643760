import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@kd/config';
import { notifierConfigSchema } from './notifier.config.js';

const load = (env: Record<string, string>) => loadConfig('notifier', notifierConfigSchema, env);

describe('notifier configuration', () => {
  it('starts without a Discord token on port 3002, with 5 attempts from a 500 ms backoff', () => {
    const config = load({});
    expect(config).toMatchObject({
      HTTP_PORT: 3002,
      DISCORD_API_URL: 'https://discord.com/api',
      NOTIFY_MAX_ATTEMPTS: 5,
      NOTIFY_BACKOFF_MS: 500,
      NOTIFY_REQUEST_TIMEOUT_MS: 10_000,
      NOTIFY_MAX_EVENT_AGE_MS: 3_600_000,
    });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.NOTIFY_RECORDING_URL).toBeUndefined();
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      load({
        NOTIFY_MAX_ATTEMPTS: '0',
        NOTIFY_BACKOFF_MS: 'soon',
        NOTIFY_RECORDING_URL: 'https://x.org/e',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^NOTIFY_MAX_ATTEMPTS: /),
      expect.stringMatching(/^NOTIFY_BACKOFF_MS: /),
      'NOTIFY_RECORDING_URL: must contain "{entryId}"',
    ]);
  });
});
