import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newEvent, type DomainEvent } from '@kd/events';
import { createTestStream, snowflakeFor, testLogger, waitFor, type TestStream } from '@kd/testing';
import { LiveEvents } from './live-events.js';

const guildId = snowflakeFor(4242);
const context = { actor: { kind: 'user' as const, id: 'u1' }, correlationId: 'corr-live', guildId };

describe('LiveEvents', () => {
  let t: TestStream;
  let live: LiveEvents;
  const heard: DomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestStream();
    // An event published before the subscription is not replayed.
    await t.store.append(newEvent('config.reset', { section: 'all', actorUserId: 'u0' }, context));
    live = new LiveEvents({
      nats: { ready: Promise.resolve(), nc: t.nc },
      subjectPrefix: t.subjectPrefix,
      aggregate: 'config',
      logger: testLogger('live'),
      onEvent: (event) => heard.push(event),
    });
    await t.nc.flush();
  });
  afterAll(async () => {
    live.close();
    await t.cleanup();
  });

  it('hears the aggregate events appended after it subscribed, decoded, and no others', async () => {
    await t.store.append(newEvent('guild.installed', { name: 'g', memberCount: 3 }, context));
    const updated = newEvent(
      'config.updated',
      { key: 'notifications.enabled', oldValue: true, newValue: false, actorUserId: 'u1' },
      context,
    );
    await t.store.append(updated);
    await waitFor(() => heard.length > 0, 5_000);
    await t.nc.flush();
    expect(heard.map((e) => [e.id, e.type, e.guildId])).toEqual([
      [updated.id, 'config.updated', guildId],
    ]);
    expect(heard[0]?.payload).toEqual(updated.payload);
  });
});
