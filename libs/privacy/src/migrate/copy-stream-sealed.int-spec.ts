import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStore, subjectOf } from '@kd/event-store';
import { newEvent, prepareForAppend } from '@kd/events';
import {
  commandExecutedEvent,
  createTestStream,
  guildInstalledEvent,
  snowflakeFor,
  testUserId,
  type TestStream,
} from '@kd/testing';
import { copyStreamSealed } from './copy-stream-sealed.js';

const owner = snowflakeFor(8801);
let t: TestStream;
let to: { stream: string; subjectPrefix: string };

beforeAll(async () => {
  t = await createTestStream();
  to = { stream: `${t.stream}_V2`, subjectPrefix: `${t.subjectPrefix}v2` };
});
afterAll(async () => {
  await t.jsm.streams.delete(to.stream).catch(() => false);
  await t.jsm.streams.delete(`KV_${to.stream}_PERSON_KEYS`).catch(() => false);
  await t.cleanup();
});

/** Events as an install wrote them before personal fields were sealed. */
async function writePlaintext(): Promise<void> {
  const events = [
    guildInstalledEvent(),
    commandExecutedEvent(),
    commandExecutedEvent(),
    newEvent(
      'meeting.created',
      {
        meetingId: 'm-old',
        kalturaResourceId: '1',
        type: 'meeting',
        title: 'Old',
        ownerUserId: owner,
        description: null,
      },
      { actor: { kind: 'user', id: owner }, correlationId: 'c', guildId: snowflakeFor(1) },
    ),
    newEvent(
      'meeting.participant_joined',
      { meetingId: 'm-old', participantId: `discord:${owner}` },
      { actor: { kind: 'kaltura', id: 'kaltura' }, correlationId: 'c', guildId: snowflakeFor(1) },
    ),
  ];
  for (const event of events) {
    const stamped = prepareForAppend(event, new Date('2026-01-05T10:00:00.000Z'));
    await t.js.publish(subjectOf(t.subjectPrefix, stamped), JSON.stringify(stamped), {
      msgID: stamped.id,
    });
  }
}

describe('npm run people:migrate-stream', () => {
  it('copies a plaintext stream with every personal value sealed, verified by counts', async () => {
    await writePlaintext();
    const result = await copyStreamSealed({ nats: t, from: t, to });
    expect(result).toEqual({ copied: 5, skipped: 0, mismatches: [] });
    const { state } = await t.jsm.streams.info(to.stream);
    for (let seq = 1; seq <= state.last_seq; seq++) {
      const raw = new TextDecoder().decode(
        (await t.jsm.direct.getMessage(to.stream, { seq }))!.data,
      );
      expect(raw).not.toContain(owner);
      expect(raw).not.toContain(testUserId);
    }
  });

  it('reads the copy back as the original events', async () => {
    const copy = new EventStore({ nats: t, ...to });
    const [created, joined] = await copy.readAggregate('meeting', 'm-old');
    expect(created?.event.payload).toMatchObject({ ownerUserId: owner });
    expect(created?.event.recordedAt).toBe('2026-01-05T10:00:00.000Z');
    expect(joined?.event.payload).toMatchObject({ participantId: `discord:${owner}` });
  });

  it('refuses to copy into a stream that already holds events', async () => {
    await expect(copyStreamSealed({ nats: t, from: t, to })).rejects.toThrow('not empty');
  });
});
