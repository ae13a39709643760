import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@kd/config';
import { botConfigSchema } from './bot.config.js';

const load = (env: Record<string, string>) => loadConfig('bot', botConfigSchema, env);

describe('bot configuration', () => {
  it('starts without a Discord token, on port 3003, refreshing member counts every 6 hours', () => {
    const config = load({});
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.HTTP_PORT).toBe(3003);
    expect(config.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(config.MEMBER_COUNT_REFRESH_MINUTES).toBe(360);
    expect(config.SHARD_COUNT).toBeUndefined();
  });

  it('reads the shards this process runs', () => {
    const config = load({ SHARD_COUNT: '4', SHARD_IDS: '1,3,3' });
    expect([config.SHARD_COUNT, config.SHARD_IDS]).toEqual([4, [1, 3]]);
  });

  it('lists every sharding problem at once', () => {
    expect(() => load({ SHARD_IDS: '0' })).toThrow(/SHARD_IDS: needs SHARD_COUNT/);
    let error: unknown;
    try {
      load({ SHARD_COUNT: '2', SHARD_IDS: '0,2', MEMBER_COUNT_REFRESH_MINUTES: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^MEMBER_COUNT_REFRESH_MINUTES: /),
      'SHARD_IDS: every shard id must be below SHARD_COUNT',
    ]);
  });
});
