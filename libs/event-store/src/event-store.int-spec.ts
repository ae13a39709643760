import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { headers } from '@nats-io/nats-core';
import { EventValidationError, newEvent } from '@kd/events';
import {
  commandExecutedEvent,
  createTestStream,
  guildInstalledEvent,
  snowflakeFor,
  testGuildId,
  type TestStream,
} from '@kd/testing';
import { ConcurrencyError } from './errors.js';

describe('EventStore on JetStream', () => {
  let t: TestStream;
  beforeAll(async () => {
    t = await createTestStream();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const streamCount = async () => (await t.jsm.streams.info(t.stream)).state.messages;

  it('stores the same event published twice once', async () => {
    const event = guildInstalledEvent();
    const first = await t.store.append(event);
    const second = await t.store.append(event);
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, seq: first.seq });
    expect(await t.store.readAggregate('guild', event.guildId!)).toHaveLength(1);
  });

  it('counts a redelivered interaction once even under a new event id (permanent dedupe)', async () => {
    const event = commandExecutedEvent();
    const first = await t.store.append(event);
    const again = await t.store.append({ ...event, id: `${event.id}-retry` });
    expect(again).toMatchObject({ duplicate: true, seq: first.seq });
    expect(await t.store.readAggregate('command', event.payload.interactionId)).toHaveLength(1);
  });

  it('gives a concurrent writer of one aggregate the conflict error', async () => {
    const guildId = snowflakeFor(777);
    const config = (value: string) =>
      newEvent(
        'config.updated',
        { key: 'notifications.enabled', oldValue: null, newValue: value, actorUserId: 'u' },
        {
          actor: { kind: 'user', id: 'u' },
          correlationId: 'c',
          guildId,
        },
      );
    const base = await t.store.lastSeqOf('config', guildId);
    expect(base).toBe(0);
    const results = await Promise.allSettled([
      t.store.append(config('a'), { expectedLastSeq: base }),
      t.store.append(config('b'), { expectedLastSeq: base }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(await t.store.readAggregate('config', guildId)).toHaveLength(1);
  });

  it('never publishes an event that fails its schema', async () => {
    const before = await streamCount();
    const bad = { ...guildInstalledEvent(), payload: { name: 'x', memberCount: 'many' } };
    await expect(t.store.append(bad as never)).rejects.toBeInstanceOf(EventValidationError);
    expect(await streamCount()).toBe(before);
  });

  it('reads one aggregate in order and upcasts old versions', async () => {
    const meetingId = 'meeting-upcast-1';
    const v1 = {
      id: 'legacy-1',
      type: 'meeting.created',
      version: 1,
      occurredAt: '2025-01-01T00:00:00.000Z',
      recordedAt: '2025-01-01T00:00:00.000Z',
      guildId: testGuildId,
      actor: { kind: 'user', id: snowflakeFor(2) },
      correlationId: 'c',
      payload: {
        meetingId,
        kalturaResourceId: '9',
        type: 'meeting',
        title: 'Old',
        ownerUserId: snowflakeFor(2),
      },
    };
    await t.js.publish(`${t.subjectPrefix}.meeting.${meetingId}`, JSON.stringify(v1), {
      headers: headers(),
    });
    await t.store.append(
      newEvent(
        'meeting.started',
        { meetingId },
        { actor: { kind: 'kaltura', id: '100' }, correlationId: 'c', guildId: testGuildId },
      ),
    );
    const events = await t.store.readAggregate('meeting', meetingId);
    expect(events.map((e) => e.event.type)).toEqual(['meeting.created', 'meeting.started']);
    expect(events[0]).toMatchObject({
      recordedVersion: 1,
      event: { version: 2, payload: { title: 'Old', description: null } },
    });
    expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
  });

  it('returns nothing for an aggregate with no events', async () => {
    expect(await t.store.readAggregate('meeting', 'nobody-here')).toEqual([]);
  });
});
