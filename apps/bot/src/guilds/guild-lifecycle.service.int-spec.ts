import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NatsClients } from '@kd/event-store';
import { newEvent } from '@kd/events';
import {
  createTestStream,
  snowflakeFor,
  testLogger,
  testNatsUrl,
  type TestStream,
} from '@kd/testing';
import type { GuildObservation } from '@kd/guilds';
import { GuildLifecycleService } from './guild-lifecycle.service.js';

const joined = Date.parse('2024-02-01T00:00:00.000Z');
const member = (guildId: string, memberCount: number): GuildObservation => ({
  kind: 'member',
  guildId,
  name: 'Shared',
  joinedTimestamp: joined,
  memberCount,
  at: new Date(),
});

describe('GuildLifecycleService on a real stream', () => {
  let t: TestStream;
  let nats: NatsClients;
  const service = () => new GuildLifecycleService(t.store, nats, testLogger('lifecycle'));

  beforeAll(async () => {
    t = await createTestStream();
    nats = new NatsClients({
      url: testNatsUrl,
      name: 'lifecycle-int',
      logger: testLogger('nats'),
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
    });
    await nats.ready;
  });
  afterAll(async () => {
    await nats.close();
    await t.cleanup();
  });

  it('stores one install when two processes see the same join at the same time', async () => {
    const guildId = snowflakeFor(301);
    const results = await Promise.all([
      service().observe(member(guildId, 5)),
      service().observe(member(guildId, 5)),
    ]);
    expect(results.flat()).toEqual(['guild.installed']);
    const stored = await t.store.readAggregate('guild', guildId);
    expect(stored.map((r) => r.event.type)).toEqual(['guild.installed']);
  });

  it('decides again on fresh state when another writer changed the guild meanwhile', async () => {
    const guildId = snowflakeFor(302);
    const lifecycle = service();
    expect(await lifecycle.observe(member(guildId, 5))).toEqual(['guild.installed']);
    await t.store.append(
      newEvent(
        'guild.uninstalled',
        {},
        {
          guildId,
          actor: { kind: 'system', id: 'other' },
          correlationId: 'other',
        },
      ),
    );
    const at = new Date();
    expect(await lifecycle.observe({ kind: 'counted', guildId, memberCount: 9, at })).toEqual([]);
    const stored = await t.store.readAggregate('guild', guildId);
    expect(stored.map((r) => r.event.type)).toEqual(['guild.installed', 'guild.uninstalled']);
  });

  it('records a changed count once and an unchanged one not at all', async () => {
    const guildId = snowflakeFor(303);
    const lifecycle = service();
    await lifecycle.observe(member(guildId, 5));
    const at = new Date();
    expect(await lifecycle.observe({ kind: 'counted', guildId, memberCount: 6, at })).toEqual([
      'guild.member_count_changed',
    ]);
    expect(await lifecycle.observe({ kind: 'counted', guildId, memberCount: 6, at })).toEqual([]);
    expect(await t.store.lastSeqOf('guild', guildId)).toBe(await t.store.headSeq());
  });
});
