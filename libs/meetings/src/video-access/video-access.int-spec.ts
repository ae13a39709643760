import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newEvent } from '@kd/events';
import { KalturaClient } from '@kd/kaltura';
import { createTestStream, snowflakeFor, testLogger, type TestStream } from '@kd/testing';
import { newMeetingId } from '../domain/meeting-id.js';
import { MeetingService } from '../service/meeting.service.js';
import { VideoAccessService } from './video-access.service.js';
import { VideoAccessStore } from './video-access.store.js';

const guildId = snowflakeFor(601);
const otherGuild = snowflakeFor(602);
const now = new Date('2026-01-05T10:00:00.000Z');

let t: TestStream;
let access: VideoAccessService;

beforeAll(async () => {
  t = await createTestStream();
  access = new VideoAccessService(
    t.store,
    new VideoAccessStore({ js: () => t.js, subjectPrefix: t.subjectPrefix }),
  );
});
afterAll(() => t.cleanup());

/** Kaltura is never called when recording a webhook fact. */
const kaltura = new KalturaClient({
  serviceUrl: 'http://127.0.0.1:9',
  partnerId: 1,
  adminSecret: 'unused-secret',
});
const meetings = (withAccess: boolean) =>
  new MeetingService({
    store: t.store,
    kaltura,
    logger: testLogger('video-access'),
    ...(withAccess ? { videoAccess: access } : {}),
  });

async function meetingIn(guild: string): Promise<string> {
  const meetingId = newMeetingId();
  await t.store.append(
    newEvent(
      'meeting.created',
      {
        meetingId,
        kalturaResourceId: '10001',
        type: 'meeting',
        title: 'Planning',
        ownerUserId: snowflakeFor(603),
        description: null,
      },
      { guildId: guild, actor: { kind: 'user', id: snowflakeFor(603) }, correlationId: 'c1' },
    ),
    { expectedLastSeq: 0 },
  );
  return meetingId;
}

const ctx = (job: string) => ({ causationId: job, correlationId: job, partnerId: '1' });

describe('video access in the KV bucket', () => {
  it("makes a recording searchable by its meeting's guild only, as the fact is recorded", async () => {
    const meetingId = await meetingIn(guildId);
    await meetings(true).recordRecordingReady(meetingId, '1_rec00001', ctx('kaltura-job-1'));
    expect(await access.scope(guildId)).toEqual({ entryIds: ['1_rec00001'], categoryIds: [] });
    expect(await access.scope(otherGuild)).toEqual({ entryIds: [], categoryIds: [] });
  });

  it('repairs a crash between the event and the access write on Kaltura’s retry', async () => {
    const meetingId = await meetingIn(guildId);
    // The event is stored, then the process dies before writing access (simulated: no access).
    await meetings(false).recordRecordingReady(meetingId, '1_rec00002', ctx('kaltura-job-2'));
    expect((await access.scope(guildId)).entryIds).not.toContain('1_rec00002');
    const retry = await meetings(true).recordRecordingReady(
      meetingId,
      '1_rec00002',
      ctx('kaltura-job-2'),
    );
    expect(retry.recorded).toBe(false);
    expect((await access.scope(guildId)).entryIds).toContain('1_rec00002');
  });

  it('keeps every concurrent change (compare-and-set on the key)', async () => {
    const guild = snowflakeFor(604);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        access.addRecording(guild, { entryId: `1_c${i}`, meetingId: `m${i}` }),
      ),
    );
    expect((await access.scope(guild)).entryIds.sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `1_c${i}`).sort(),
    );
  });

  it('records a grant before it takes effect and a revocation after', async () => {
    const guild = snowflakeFor(605);
    const change = { guildId: guild, by: 'ops', correlationId: 'g1', now };
    expect(await access.grant({ ...change, categoryIds: ['201', '204'] })).toEqual(['201', '204']);
    expect(await access.revoke({ ...change, categoryIds: ['201'] })).toEqual(['204']);
    expect((await access.scope(guild)).categoryIds).toEqual(['204']);
    const granted = await t.eventsOfType('guild.video_access_granted');
    expect(granted.at(-1)).toMatchObject({
      guildId: guild,
      occurredAt: now.toISOString(),
      payload: { categoryIds: ['201', '204'], grantedBy: 'ops' },
    });
    expect((await t.eventsOfType('guild.video_access_revoked')).at(-1)).toMatchObject({
      payload: { categoryIds: ['201'], revokedBy: 'ops' },
    });
  });
});
