import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { KvBucket, bucketName, personKeysOf } from '@kd/event-store';
import type { DomainEvent } from '@kd/events';
import { KalturaClient } from '@kd/kaltura';
import { createTestStream, snowflakeFor, testLogger, type TestStream } from '@kd/testing';
/* eslint-disable no-restricted-imports -- the simulator has no lib entry; specs are not built, and
   starting it in-process on port 0 is the only way to run it without a prior build. */
import {
  createKalturaSim,
  type RunningKalturaSim,
} from '../../../../apps/kaltura-sim/src/kaltura-sim.js';
import { kalturaSimEnv } from '../../../../apps/kaltura-sim/src/kaltura-sim.config.js';
/* eslint-enable no-restricted-imports */
import { MeetingService } from '../service/meeting.service.js';
import { PeopleService } from './people.service.js';
import { PersonLinks } from './person-links.js';

const SECRET = 'people-int-admin-secret';
const PARTNER = 321;
const guildId = snowflakeFor(601);
const owner = snowflakeFor(602);
// A fixed clock on a Monday 00:00 UTC in ISO week 53: nothing may depend on the real date.
const T0 = Date.parse('2026-12-28T00:00:00.000Z');

let sim: RunningKalturaSim;
let t: TestStream;
let clock = T0;
let people: PeopleService;
let meetings: MeetingService;
let n = 0;
let knownBucket: KvBucket;
let pendingBucket: KvBucket;
let links: PersonLinks;

interface SimUser {
  id: string;
  screenName: string;
  firstName: string;
  partnerData: string;
}
interface SimState {
  users: SimUser[];
  requests: Record<string, number>;
}

beforeAll(async () => {
  const config = kalturaSimEnv.parse({
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    KALTURA_PARTNER_ID: String(PARTNER),
    KALTURA_ADMIN_SECRET: SECRET,
  });
  [sim, t] = await Promise.all([
    createKalturaSim(config, { host: '127.0.0.1' }),
    createTestStream(),
  ]);
  const kaltura = new KalturaClient({
    serviceUrl: sim.url,
    partnerId: PARTNER,
    adminSecret: SECRET,
    maxRetries: 0,
  });
  const personKeys = personKeysOf({ nats: t, stream: t.stream });
  knownBucket = new KvBucket({ nats: t, name: bucketName(t.stream, 'PEOPLE') });
  pendingBucket = new KvBucket({ nats: t, name: bucketName(t.stream, 'PEOPLE_PENDING') });
  links = new PersonLinks(knownBucket, pendingBucket, (discordUserId) =>
    personKeys.pseudonymOf(discordUserId, 'people'),
  );
  const logger = testLogger('people');
  const now = () => new Date(clock);
  people = new PeopleService({ kaltura, store: t.store, links, logger, now });
  meetings = new MeetingService({ store: t.store, kaltura, logger, now, people });
});
afterAll(async () => {
  await people.whenIdle();
  await Promise.all([sim.close(), t.cleanup()]);
});
beforeEach(async () => {
  clock = T0;
  await simControl('reset', {});
});

async function simControl(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}/__sim/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
}
const simState = async () => (await simControl('state')) as SimState;
const userCalls = async () =>
  Object.entries((await simState()).requests)
    .filter(([call]) => call.startsWith('user.'))
    .reduce((sum, [, count]) => sum + count, 0);
const kalturaUser = async (discordUserId: string) =>
  (await simState()).users.find((u) => u.id === `discord:${discordUserId}`);
/** Person events are keyed by their own id (docs/privacy.md): read each, opened, by payload. */
async function personEvents(discordUserId: string): Promise<DomainEvent[]> {
  const stored = [
    ...(await t.eventsOfType('person.linked')),
    ...(await t.eventsOfType('person.link_failed')),
  ];
  const opened = await Promise.all(stored.map((e) => t.store.readAggregate('person', e.id)));
  return opened
    .flat()
    .sort((a, b) => a.seq - b.seq)
    .map((r) => r.event)
    .filter((e) => (e.payload as { discordUserId?: string }).discordUserId === discordUserId);
}

async function startMeeting(): Promise<string> {
  const { meeting } = await meetings.create({
    guildId,
    ownerUserId: owner,
    ownerName: 'Host',
    type: 'meeting',
    title: 'People',
    correlationId: `corr-people-${++n}`,
  });
  await people.whenIdle();
  return meeting.meetingId;
}

function join(meetingId: string, userId: string, displayName: string) {
  return meetings.join({
    meetingId,
    guildId,
    userId,
    displayName,
    kalturaRole: 'viewerRole',
    correlationId: `corr-people-${++n}`,
  });
}

describe('a member as a Kaltura user', () => {
  it('creates the Kaltura user on the first join link, once, and records person.linked', async () => {
    const meetingId = await startMeeting();
    const member = snowflakeFor(610);
    await simControl('reset', {});

    const { joinUrl } = await join(meetingId, member, 'Ada Lovelace');
    expect(joinUrl).toContain('ks=');
    await people.whenIdle();

    expect(await kalturaUser(member)).toMatchObject({
      screenName: 'Ada Lovelace',
      firstName: 'Ada Lovelace',
      partnerData: JSON.stringify({ discordUserId: member }),
    });
    const [linked, ...rest] = await personEvents(member);
    expect(rest).toEqual([]);
    expect(linked).toMatchObject({
      type: 'person.linked',
      version: 1,
      guildId: null,
      actor: { kind: 'user', id: member },
      occurredAt: new Date(T0).toISOString(),
      payload: {
        discordUserId: member,
        kalturaUserId: `discord:${member}`,
        displayName: 'Ada Lovelace',
        kalturaAction: 'added',
      },
    });
    expect((await simState()).requests).toMatchObject({ 'user.get': 1, 'user.add': 1 });

    await simControl('reset', {});
    await join(meetingId, member, 'Ada Lovelace');
    await people.whenIdle();
    expect(await userCalls()).toBe(0);
    expect(await personEvents(member)).toHaveLength(1);
  });

  it('updates the Kaltura user when the display name changes', async () => {
    const meetingId = await startMeeting();
    const member = snowflakeFor(611);
    await join(meetingId, member, 'Grace');
    await people.whenIdle();

    await join(meetingId, member, 'Admiral Grace Hopper');
    await people.whenIdle();

    expect(await kalturaUser(member)).toMatchObject({ screenName: 'Admiral Grace Hopper' });
    const actions = (await personEvents(member)).map((e) => [
      e.type,
      (e.payload as { kalturaAction?: string; displayName?: string }).kalturaAction,
      (e.payload as { displayName?: string }).displayName,
    ]);
    expect(actions).toEqual([
      ['person.linked', 'added', 'Grace'],
      ['person.linked', 'updated', 'Admiral Grace Hopper'],
    ]);
  });

  it('keeps 200 emoji and control characters within Kaltura limits', async () => {
    const meetingId = await startMeeting();
    const member = snowflakeFor(612);
    await join(meetingId, member, `\u0000${'🎉'.repeat(200)}\u0007`);
    await people.whenIdle();

    const user = await kalturaUser(member);
    expect(user?.screenName).toBe('🎉'.repeat(100));
    expect(user?.firstName).toBe('🎉'.repeat(40));
    expect((await personEvents(member)).map((e) => e.type)).toEqual(['person.linked']);
  });

  it('answers the join while Kaltura users are down, records the failure and retries it later', async () => {
    const meetingId = await startMeeting();
    const member = snowflakeFor(613);
    await simControl('faults', { failMode: 'http500', failOnly: ['user'] });

    const { joinUrl } = await join(meetingId, member, 'Katherine');
    expect(joinUrl).toContain('ks=');
    await people.whenIdle();
    expect(await kalturaUser(member)).toBeUndefined();
    const [failed] = await personEvents(member);
    expect(failed).toMatchObject({
      type: 'person.link_failed',
      payload: {
        discordUserId: member,
        kalturaUserId: `discord:${member}`,
        service: 'user',
        action: 'get',
        code: 'KALTURA.UNAVAILABLE',
        attempt: 1,
        retryAt: new Date(T0 + 60_000).toISOString(),
      },
    });

    // Kept under a pseudonym: no bucket key names the member, the value does.
    expect(await pendingBucket.keys()).not.toContain(member);
    expect(await links.pendingIds()).toContain(member);

    // Not due yet: nothing is attempted.
    expect(await people.retryDue(new Date(T0 + 59_999))).toEqual({
      attempted: 0,
      linked: 0,
      failed: 0,
    });
    // Still down when due: a second failure, the next retry twice as late.
    expect(await people.retryDue(new Date(T0 + 60_000))).toMatchObject({ attempted: 1, failed: 1 });
    expect((await personEvents(member)).at(-1)).toMatchObject({
      type: 'person.link_failed',
      actor: { kind: 'system', id: 'people-retry' },
      payload: { attempt: 2, retryAt: new Date(T0 + 180_000).toISOString() },
    });

    await simControl('faults', { failMode: 'none', failOnly: null });
    clock = T0 + 180_000;
    expect(await people.retryDue(new Date(clock))).toEqual({ attempted: 1, linked: 1, failed: 0 });
    expect(await kalturaUser(member)).toMatchObject({ screenName: 'Katherine' });
    expect((await personEvents(member)).at(-1)).toMatchObject({
      type: 'person.linked',
      occurredAt: new Date(T0 + 180_000).toISOString(),
      payload: { kalturaAction: 'added', displayName: 'Katherine' },
    });

    // Linked: the next sweep has nothing left, and a retry twice is harmless.
    expect(await people.retryDue(new Date(T0 + 3_600_000))).toMatchObject({ attempted: 0 });
  });

  it('keys its cache by pseudonym, reads entries written under the Discord id before, and forgets both', async () => {
    const member = snowflakeFor(619);
    const legacy = { kalturaUserId: `discord:${member}`, displayName: 'Legacy' };
    await knownBucket.put(member, JSON.stringify(legacy));
    expect(await links.knownLink(member)).toEqual(legacy);

    await links.remember(member, { kalturaUserId: `discord:${member}`, displayName: 'Now' });
    expect(await links.knownLink(member)).toMatchObject({ displayName: 'Now' });
    const keys = await knownBucket.keys();
    expect(keys).not.toContain(member);
    expect(keys.some((key) => key.includes(member))).toBe(false);

    await links.postpone(member, {
      displayName: 'Now',
      attempts: 1,
      retryAt: T0,
      correlationId: 'c',
    });
    expect(await links.pendingLink(member)).toEqual({
      displayName: 'Now',
      attempts: 1,
      retryAt: T0,
      correlationId: 'c',
    });
    await links.drop(member);
    expect(await links.knownLink(member)).toBeUndefined();
    expect(await links.pendingLink(member)).toBeUndefined();
    expect(await links.pendingIds()).not.toContain(member);
  });

  it('takes over a Kaltura user that already exists (a retry after a lost answer)', async () => {
    const member = snowflakeFor(614);
    const context = { actor: { kind: 'user' as const, id: member }, correlationId: 'corr-exists' };
    const kaltura = new KalturaClient({
      serviceUrl: sim.url,
      partnerId: PARTNER,
      adminSecret: SECRET,
    });
    await kaltura.addUser(`discord:${member}`, {
      screenName: 'Old',
      firstName: 'Old',
      partnerData: '',
    });

    expect(await people.ensureLinked({ discordUserId: member, displayName: 'New' }, context)).toBe(
      'updated',
    );
    expect(await people.ensureLinked({ discordUserId: member, displayName: 'New' }, context)).toBe(
      'known',
    );
    expect(await kalturaUser(member)).toMatchObject({
      screenName: 'New',
      partnerData: JSON.stringify({ discordUserId: member }),
    });
  });
});
