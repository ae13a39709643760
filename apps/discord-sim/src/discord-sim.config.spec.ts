import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@kd/config';
import { discordSimEnv, SIM_DEV_APPLICATION_ID, SIM_DEV_BOT_TOKEN } from './discord-sim.config.js';

const load = (env: Record<string, string>) => loadConfig('discord-sim', discordSimEnv, env);

describe('discord-sim configuration', () => {
  it('runs on port 4011 with development values, posting interactions to a local api', () => {
    expect(load({})).toMatchObject({
      HTTP_PORT: 4011,
      DISCORD_SIM_HOST: '0.0.0.0',
      DISCORD_SIM_APPLICATION_ID: SIM_DEV_APPLICATION_ID,
      DISCORD_SIM_BOT_TOKEN: SIM_DEV_BOT_TOKEN,
      DISCORD_SIM_INTERACTIONS_URL: 'http://127.0.0.1:3000/interactions',
      DISCORD_SIM_RATE_LIMIT_EVERY: 0,
    });
    expect(load({}).DISCORD_SIM_PRIVATE_KEY).toBeUndefined();
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      load({
        DISCORD_SIM_PRIVATE_KEY: 'nope',
        DISCORD_SIM_APPLICATION_ID: '42',
        DISCORD_SIM_INTERACTIONS_URL: 'somewhere',
        DISCORD_SIM_RATE_LIMIT_EVERY: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^DISCORD_SIM_PRIVATE_KEY: must be a PKCS#8/),
      expect.stringMatching(/^DISCORD_SIM_APPLICATION_ID: must be a Discord snowflake/),
      expect.stringMatching(/^DISCORD_SIM_INTERACTIONS_URL: /),
      expect.stringMatching(/^DISCORD_SIM_RATE_LIMIT_EVERY: /),
    ]);
  });
});
