import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { startDiscordRestFake, testLogger, type DiscordRestFake } from '@kd/testing';
import { ChannelOwnership } from './channel-ownership.js';
import { createDiscordRest } from './create-discord-rest.js';

const guild = '100000000000000777';
const otherGuild = '100000000000000778';
const own = '100000000000000300';
const foreign = '100000000000000301';
const unknown = '100000000000000302';

let fake: DiscordRestFake;
let rest: REST;
let clock: number;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'bot-token' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.registerChannel(guild, own);
  fake.registerChannel(otherGuild, foreign);
  rest = createDiscordRest({ token: 'bot-token', apiUrl: fake.apiUrl, logger: testLogger('co') });
  rest.options.retries = 0;
  clock = Date.UTC(2026, 0, 1);
});

const ownership = (options: { ttlMs?: number; maxEntries?: number } = {}) =>
  new ChannelOwnership({ rest, now: () => clock, ...options });
const lookups = () => fake.requestsTo('GET', /^\/channels\/\d+$/).length;

describe('ChannelOwnership', () => {
  it("accepts a channel of the guild and refuses another guild's or an unknown one", async () => {
    const channels = ownership();
    await expect(channels.assertInGuild(guild, own)).resolves.toBeUndefined();
    for (const channel of [foreign, unknown])
      await expect(channels.assertInGuild(guild, channel)).rejects.toMatchObject({
        code: 'CONFIG.CHANNEL_NOT_IN_GUILD',
        category: 'validation',
      });
    expect(await channels.guildOf(foreign)).toBe(otherGuild);
    expect(await channels.guildOf(unknown)).toBeNull();
  });

  it('asks Discord once per channel within the TTL, and again after it', async () => {
    const channels = ownership({ ttlMs: 60_000 });
    await Promise.all([channels.guildOf(own), channels.guildOf(own)]);
    await channels.guildOf(own);
    expect(lookups()).toBe(1);
    clock += 60_001;
    await channels.guildOf(own);
    expect(lookups()).toBe(2);
  });

  it('keeps at most maxEntries answers', async () => {
    const channels = ownership({ maxEntries: 1 });
    await channels.guildOf(own);
    await channels.guildOf(foreign);
    await channels.guildOf(own);
    expect(lookups()).toBe(3);
  });

  it('says DISCORD.UNAVAILABLE (not "not in guild") when Discord fails, and does not cache it', async () => {
    const channels = ownership();
    fake.failNext(1, { status: 503 });
    await expect(channels.assertInGuild(guild, own)).rejects.toMatchObject({
      code: 'DISCORD.UNAVAILABLE',
      category: 'unavailable',
    });
    await expect(channels.assertInGuild(guild, own)).resolves.toBeUndefined();
  });

  it('treats 403 Missing Access as a channel the guild does not have', async () => {
    const missingAccess = new DiscordAPIError(
      { code: 50001, message: 'Missing Access' },
      50001,
      403,
      'GET',
      `/channels/${own}`,
      {},
    );
    const denied = { get: () => Promise.reject(missingAccess) };
    const channels = new ChannelOwnership({ rest: denied, now: () => clock });
    expect(await channels.guildOf(own)).toBeNull();
  });
});
