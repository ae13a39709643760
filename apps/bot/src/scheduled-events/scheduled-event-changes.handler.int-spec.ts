import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { scheduledEventDeleted, scheduledEventUserChange } from '@kd/discord';
import { KvBucket, bucketName } from '@kd/event-store';
import { fixedClock, newEvent } from '@kd/events';
import { DiscordEventFacts, MeetingDirectory } from '@kd/meetings';
import { createTestStream, snowflakeFor, testLogger, type TestStream } from '@kd/testing';
import { ScheduledEventChangesHandler } from './scheduled-event-changes.handler.js';

const guildId = snowflakeFor(7_500_001);
const hostId = snowflakeFor(7_500_002);
const memberId = snowflakeFor(7_500_003);
const discordEventId = snowflakeFor(7_500_004);
const otherGuild = snowflakeFor(7_500_005);
const meetingId = 'm0rsvpint01';
const at = '2026-12-28T00:00:00.000Z';

let t: TestStream;
let handler: ScheduledEventChangesHandler;

beforeEach(async () => {
  t = await createTestStream();
  const logger = testLogger('rsvp');
  const kv = (purpose: string) =>
    new KvBucket({ nats: { js: t.js }, name: bucketName(t.stream, purpose) });
  const facts = new DiscordEventFacts(
    t.store,
    logger,
    new MeetingDirectory(kv('ROOMS'), kv('PARKED')),
  );
  handler = new ScheduledEventChangesHandler({ discordEventFacts: facts }, fixedClock(at), logger);
  const context = { actor: { kind: 'user' as const, id: hostId }, correlationId: 'int', guildId };
  const created = { meetingId, kalturaResourceId: '1', type: 'meeting' as const, title: 'RSVP' };
  await t.store.append(
    newEvent('meeting.created', { ...created, ownerUserId: hostId, description: null }, context),
  );
  await facts.linked({ meetingId, guildId }, discordEventId, {
    correlationId: 'int',
    occurredAt: new Date(at),
  });
});
afterEach(() => t.cleanup());

const event = { id: discordEventId, guildId };

describe('ScheduledEventChangesHandler', () => {
  /** Meeting events as the store reads them back (user ids are sealed when stored). */
  const opened = async (type: string) =>
    (await t.store.readAggregate('meeting', meetingId))
      .map((r) => r.event)
      .filter((e) => e.type === type);
  it('records interest once per member and its removal, for the meeting linked to the event', async () => {
    const added = scheduledEventUserChange('rsvp_added', event, { id: memberId })!;
    expect(await handler.handle(added, 'c1')).toBe('recorded');
    expect(await handler.handle(added, 'c2')).toBe('unchanged'); // a redelivered dispatch
    const removed = scheduledEventUserChange('rsvp_removed', event, { id: memberId })!;
    expect(await handler.handle(removed, 'c3')).toBe('recorded');
    expect(await opened('meeting.rsvp_added')).toEqual([
      expect.objectContaining({ payload: { meetingId, userId: memberId, discordEventId } }),
    ]);
    expect(await opened('meeting.rsvp_removed')).toHaveLength(1);
  });

  it('records a deletion by a moderator, and ignores events of other guilds or not ours', async () => {
    const foreign = scheduledEventUserChange(
      'rsvp_added',
      { ...event, guildId: otherGuild },
      { id: memberId },
    )!;
    expect(await handler.handle(foreign, 'c1')).toBe('not_a_meeting');
    const unknown = scheduledEventDeleted({ id: snowflakeFor(7_500_099), guildId })!;
    expect(await handler.handle(unknown, 'c2')).toBe('not_a_meeting');
    expect(await handler.handle(scheduledEventDeleted(event)!, 'c3')).toBe('recorded');
    expect(await opened('meeting.discord_event_deleted')).toHaveLength(1);
    expect(await opened('meeting.rsvp_added')).toEqual([]);
  });
});
