import { afterEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { Client, GatewayIntentBits, type Guild } from 'discord.js';
import {
  shardOfGuild,
  startDiscordGatewayFake,
  type DiscordGatewayFake,
  type DiscordGatewayFakeOptions,
} from './discord-gateway-fake.js';
import { snowflakeFor } from './fixtures.js';

const token = 'fake-bot-token';
// Consecutive snowflakes share a shard: spread them over the timestamp bits instead.
const guildId = (n: number) => (BigInt(snowflakeFor(0)) + (BigInt(n) << 22n)).toString();

describe('Discord gateway fake with the real discord.js client', () => {
  let fake: DiscordGatewayFake | undefined;
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await fake?.close();
    fake = undefined;
  });

  async function connect(
    options: DiscordGatewayFakeOptions,
    shard?: { ids: number[]; count: number },
  ): Promise<Client> {
    fake ??= await startDiscordGatewayFake(options);
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: fake.apiUrl },
      ...(shard ? { shards: shard.ids, shardCount: shard.count } : {}),
    });
    clients.push(client);
    const ready = once(client, 'clientReady');
    await client.login(token);
    await ready;
    return client;
  }

  it('serves READY and a GUILD_CREATE per guild, and records the IDENTIFY', async () => {
    const joinedAt = '2024-03-01T10:00:00.000Z';
    const client = await connect({
      guilds: [
        { id: guildId(1), name: 'One', memberCount: 12, joinedAt },
        { id: guildId(2), memberCount: 3 },
      ],
    });
    expect(client.guilds.cache.size).toBe(2);
    const one = client.guilds.cache.get(guildId(1))!;
    expect([one.name, one.memberCount, one.joinedAt.toISOString(), one.available]).toEqual([
      'One',
      12,
      joinedAt,
      true,
    ]);
    expect(client.user?.id).toBe('100000000000000099');
    expect(fake!.identifies).toEqual([{ token, intents: 1, shard: [0, 1] }]);
    expect(fake!.requests).toContain('GET /api/v10/gateway/bot');
  });

  it('tells a new install, an outage and a removal apart', async () => {
    const client = await connect({ guilds: [{ id: guildId(1) }] });
    const created = once(client, 'guildCreate') as Promise<[Guild]>;
    fake!.addGuild({ id: guildId(2), memberCount: 7 });
    expect((await created)[0].memberCount).toBe(7);

    const unavailable = once(client, 'guildUnavailable') as Promise<[Guild]>;
    fake!.makeUnavailable(guildId(1));
    expect((await unavailable)[0].id).toBe(guildId(1));
    expect(client.guilds.cache.has(guildId(1))).toBe(true);
    const available = once(client, 'guildAvailable') as Promise<[Guild]>;
    fake!.makeAvailable(guildId(1));
    expect((await available)[0].available).toBe(true);

    const deleted = once(client, 'guildDelete') as Promise<[Guild]>;
    fake!.removeGuild(guildId(2));
    expect((await deleted)[0].id).toBe(guildId(2));
    expect(client.guilds.cache.has(guildId(2))).toBe(false);
  });

  it('reports a guild still in an outage at connect as unavailable, without delaying ready', async () => {
    fake = await startDiscordGatewayFake({ guilds: [{ id: guildId(1) }, { id: guildId(2) }] });
    fake.makeUnavailable(guildId(2));
    const started = Date.now();
    const client = await connect({});
    expect(Date.now() - started).toBeLessThan(5000);
    expect(client.guilds.cache.get(guildId(1))?.available).toBe(true);
    expect(client.guilds.cache.get(guildId(2))?.available).toBe(false);
  });

  it('answers with_counts with the member count set last', async () => {
    const client = await connect({ guilds: [{ id: guildId(1), memberCount: 5 }] });
    fake!.setMemberCount(guildId(1), 42);
    const guild = await client.guilds.fetch({ guild: guildId(1), withCounts: true, force: true });
    expect(guild.approximateMemberCount).toBe(42);
    expect(fake!.requests).toContain(`GET /api/v10/guilds/${guildId(1)}?with_counts=true`);
  });

  it('routes each guild to the shard that owns it', async () => {
    const ids = [1, 2, 3, 4].map(guildId);
    expect(new Set(ids.map((id) => shardOfGuild(id, 2)))).toEqual(new Set([0, 1]));
    const options = { guilds: ids.map((id) => ({ id })), shards: 2 };
    const zero = await connect(options, { ids: [0], count: 2 });
    const one = await connect(options, { ids: [1], count: 2 });
    const cached = (c: Client) => [...c.guilds.cache.keys()].sort();
    expect(cached(zero)).toEqual(ids.filter((id) => shardOfGuild(id, 2) === 0).sort());
    expect(cached(one)).toEqual(ids.filter((id) => shardOfGuild(id, 2) === 1).sort());
    expect(fake!.connectedShards().sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('refuses a wrong token and privileged intents as Discord does', async () => {
    fake = await startDiscordGatewayFake({ token });
    const wrong = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    clients.push(wrong);
    await expect(wrong.login('not-the-token')).rejects.toThrow(/invalid token/i);
    const greedy = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: fake.apiUrl },
    });
    clients.push(greedy);
    await expect(greedy.login(token)).rejects.toThrow(/disallowed intents/i);
  });
});
