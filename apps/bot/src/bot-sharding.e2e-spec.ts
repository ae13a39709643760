import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestStream,
  snowflakeFor,
  startApp,
  startDiscordGatewayFake,
  testNatsUrl,
  type ChildApp,
  type DiscordGatewayFake,
  type TestStream,
  waitFor,
} from '@kd/testing';
import { shardOf } from './gateway/sharding.js';

const guild = (n: number) => (BigInt(snowflakeFor(0)) + (BigInt(n) << 22n)).toString();
const guilds = [1, 2, 3, 4, 5, 6].map(guild);

describe('bot processes sharing the guilds (SHARD_COUNT=2)', () => {
  let t: TestStream;
  let fake: DiscordGatewayFake;
  const bots: Record<number, ChildApp> = {};

  beforeAll(async () => {
    t = await createTestStream();
    fake = await startDiscordGatewayFake({ guilds: guilds.map((id) => ({ id })), shards: 2 });
  });
  afterAll(async () => {
    await Promise.all(Object.values(bots).map((b) => b.stop()));
    await fake.close();
    await t.cleanup();
  });

  async function startShard(id: number): Promise<void> {
    await bots[id]?.stop();
    bots[id] = await startApp('bot', {
      NATS_URL: testNatsUrl,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
      DISCORD_TOKEN: 'shard-token',
      DISCORD_API_URL: fake.apiUrl,
      SHARD_COUNT: '2',
      SHARD_IDS: String(id),
    });
    const app = bots[id];
    await waitFor(() => app.logs.some((l) => l.includes('start-up reconciliation done')));
  }
  const installs = async (id: string) =>
    (await t.store.readAggregate('guild', id)).filter((r) => r.event.type === 'guild.installed');

  it('identifies each process with its own shard and records every guild once', async () => {
    expect(new Set(guilds.map((id) => shardOf(id, 2)))).toEqual(new Set([0, 1]));
    await Promise.all([startShard(0), startShard(1)]);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.identifies.every((i) => i.intents === 65537)).toBe(true);
    for (const id of guilds) expect(await installs(id)).toHaveLength(1);
    expect(await t.store.headSeq()).toBe(guilds.length);
  });

  it("does not take the other shard's guilds for removed when one process restarts", async () => {
    await startShard(0);
    expect(bots[0]!.logs.some((l) => /"absent":0,/.test(l))).toBe(true);
    expect(await t.store.headSeq()).toBe(guilds.length);
  });

  it('records a new guild through the process that owns its shard', async () => {
    const added = [7, 8].map(guild);
    for (const id of added) fake.addGuild({ id });
    await waitFor(async () => (await t.store.headSeq()) === guilds.length + 2);
    for (const id of added) {
      const [install] = await installs(id);
      expect(install?.event.type).toBe('guild.installed');
    }
    const owners = added.map((id) => shardOf(id, 2));
    for (const [i, id] of added.entries()) {
      const owner = bots[owners[i]!]!;
      expect(owner.logs.some((l) => l.includes(`"guildId":"${id}"`))).toBe(true);
    }
  });
});
