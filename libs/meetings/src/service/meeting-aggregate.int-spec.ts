import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandHandler } from '@kd/event-store';
import { newEvent, type NewEvent } from '@kd/events';
import { createTestStream, snowflakeFor, type TestStream } from '@kd/testing';
import { immutableFold } from '../domain/immutable-fold.fixture.js';
import type { MeetingEvent } from '../domain/meeting-state.js';
import { randomHistory } from '../domain/random-history.fixture.js';
import { meetingAggregate } from './meeting-aggregate.js';

const guildId = snowflakeFor(9501);
const context = (causationId?: string) => ({
  actor: { kind: 'user' as const, id: snowflakeFor(9502) },
  correlationId: 'agg-int',
  guildId,
  ...(causationId ? { causationId } : {}),
});

function created(meetingId: string): NewEvent {
  return newEvent(
    'meeting.created',
    {
      meetingId,
      kalturaResourceId: '40001',
      type: 'meeting',
      title: 'Long meeting',
      ownerUserId: snowflakeFor(9502),
      description: null,
    },
    context(),
  );
}

describe('meeting aggregate loads from snapshots (JetStream)', () => {
  let t: TestStream;
  let handler: CommandHandler;
  let fullFold: CommandHandler;
  beforeAll(async () => {
    t = await createTestStream();
    handler = new CommandHandler({ store: t.store }); // default snapshotEvery
    fullFold = new CommandHandler({ store: t.store, snapshots: null });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('snapshot + the events after it == the full fold == the immutable fold, all along a long history', async () => {
    const meetingId = 'm0snapshotint';
    const noise = 'm0othermeeting';
    const steps = randomHistory(meetingId, 1_500, { seed: 42, members: 400 });
    const others = randomHistory(noise, 1_500, { seed: 43, members: 50 });
    await t.store.append(created(meetingId));
    await t.store.append(created(noise));
    const append = (s: (typeof steps)[number]) =>
      t.store.append(newEvent(s.decision.type, s.decision.payload, context(s.causationId)));
    let fromSnapshot = 0;
    for (let i = 0; i < steps.length;) {
      const chunk = 37 + ((i * 7) % 80); // 37..116 events between loads
      for (const step of steps.slice(i, i + chunk)) {
        await append(step);
        if (i % 3 === 0) await append(others[i]!); // the tail scattered among other events
      }
      i += chunk;
      const snapshot = await t.store.snapshots.get('meeting', meetingId);
      const loaded = await handler.load(meetingAggregate, meetingId);
      await handler.snapshotsWritten();
      if (snapshot && snapshot.lastSeq < loaded.lastSeq) fromSnapshot++;
      const full = await fullFold.load(meetingAggregate, meetingId);
      const recorded = await t.store.readAggregate('meeting', meetingId);
      expect(loaded).toEqual(full);
      expect(loaded.state).toEqual(immutableFold(recorded.map((r) => r.event as MeetingEvent)));
    }
    expect(fromSnapshot).toBeGreaterThan(10);
    const last = await fullFold.load(meetingAggregate, meetingId);
    expect(last.state.status !== 'none' && last.state.linkRoles.size).toBeGreaterThan(300);
  }, 180_000);
});
