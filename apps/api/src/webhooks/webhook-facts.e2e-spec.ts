import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signKalturaNotification } from '@kd/kaltura';
import {
  sharedEnv,
  startApiStack,
  startApp,
  waitFor,
  type ApiStack,
  type ChildApp,
  type TestStream,
} from '@kd/testing';
import { commandInteraction, keys, post } from '../interactions/interaction-fixtures.js';

/**
 * DESIGN §6b: webhooks are decided from durable, immediately consistent state. The answer 200
 * comes after the meeting events are appended, so they are checked right after it, with the
 * read models stopped or emptied as a rebuild leaves them.
 */
describe('Kaltura webhooks become meeting events whatever the read models are doing', () => {
  let stack: ApiStack;
  let t: TestStream;
  let api: ChildApp;
  let sim: ChildApp;
  let db: pg.Client;

  beforeAll(async () => {
    stack = await startApiStack({ keys, projectorEnv: { PROJECTION_MAX_WAIT_MS: '20' } });
    ({ t, api, sim } = stack);
    db = new pg.Client({ connectionString: stack.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  async function startMeeting(title: string) {
    const response = await post(
      api.url,
      commandInteraction('kaltura-start', { type: 'meeting', title }),
    );
    expect(response.status).toBe(200);
    return waitFor(async () => {
      const created = (await t.eventsOfType('meeting.created')).find(
        (e) => (e.payload as { title: string }).title === title,
      );
      return created?.payload as { meetingId: string; kalturaResourceId: string } | undefined;
    });
  }
  const notify = async (kind: string, resourceId: string) => {
    const sent = await fetch(`${sim.url}/__sim/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind,
        resourceId,
        url: `${api.url}/webhooks/kaltura`,
        format: 'form',
      }),
    });
    return ((await sent.json()) as { status: number }).status;
  };
  const typesOf = async (meetingId: string) =>
    (await t.store.readAggregate('meeting', meetingId)).map((r) => r.event.type);
  const projected = async (meetingId: string) =>
    (await db.query('SELECT 1 FROM kd.meetings WHERE meeting_id = $1', [meetingId])).rowCount;
  const roomFacts = ['room_live_start', 'recording_ready', 'room_live_stop'];
  const expectEachOnce = (types: string[]) => {
    for (const type of ['meeting.started', 'meeting.recording_ready', 'meeting.ended'])
      expect(types.filter((x) => x === type)).toHaveLength(1);
  };

  it('records them while a rebuild has emptied the meetings read model', async () => {
    const { meetingId, kalturaResourceId } = await startMeeting('Rebuilt');
    await waitFor(async () => ((await projected(meetingId)) ? true : undefined));
    // What an in-place rebuild does first, before it replays the log. Locks in the projector's
    // order (meetings, then participants), so a batch applying meanwhile finishes first instead
    // of deadlocking with the TRUNCATE.
    await db.query('TRUNCATE kd.meetings, kd.meeting_participants, kd.meeting_rsvps');
    for (const kind of roomFacts) expect(await notify(kind, kalturaResourceId)).toBe(200);
    expectEachOnce(await typesOf(meetingId));
  });

  it('records them while `projections:rebuild meetings` runs', async () => {
    const { meetingId, kalturaResourceId } = await startMeeting('During a rebuild');
    const rebuild = spawn(
      process.execPath,
      [resolve('dist/libs/read-models/src/cli/rebuild.js'), 'meetings'],
      { env: { PATH: process.env.PATH, ...sharedEnv(stack.db, t) }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((done) => rebuild.once('exit', done));
    for (const kind of roomFacts) expect(await notify(kind, kalturaResourceId)).toBe(200);
    expectEachOnce(await typesOf(meetingId));
    expect(await exited).toBe(0);
  });

  it('records them with the projector stopped, for a meeting it never saw', async () => {
    await stack.projector?.stop();
    const { meetingId, kalturaResourceId } = await startMeeting('Unprojected');
    expect(await projected(meetingId)).toBe(0);
    for (const kind of roomFacts) expect(await notify(kind, kalturaResourceId)).toBe(200);
    expectEachOnce(await typesOf(meetingId));
  });

  it('counts a notification Kaltura retries, in either body form and hash, once', async () => {
    const { meetingId, kalturaResourceId } = await startMeeting('Retried');
    const json = JSON.stringify({
      objectType: 'KalturaHttpNotification',
      object: {
        objectType: 'KalturaLiveStreamEntry',
        id: '1_retried',
        referenceId: kalturaResourceId,
        liveStatus: 1,
      },
      eventObjectType: 1,
      eventType: 3,
      eventNotificationJobId: 880_000 + Math.floor(Math.random() * 100_000),
      templateSystemName: 'ROOM_LIVE_START',
      partnerId: 100,
    });
    const statuses: unknown[] = [];
    for (const [body, algo] of [
      [json, 'sha1'],
      [`data=${encodeURIComponent(json)}`, 'sha256'],
      [json, 'sha512'],
    ] as const) {
      const response = await fetch(`${api.url}/webhooks/kaltura`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-kaltura-signature': signKalturaNotification(
            body,
            stack.secrets.kalturaAdminSecret,
            algo,
          ),
          'x-kaltura-hash-algo': algo,
        },
      });
      statuses.push(((await response.json()) as { status: string }).status);
    }
    expect(statuses).toEqual(['stored', 'duplicate', 'duplicate']);
    const types = await typesOf(meetingId);
    expect(types.filter((x) => x === 'meeting.started')).toHaveLength(1);
  });
});

/** DESIGN §6: several api replicas behind a load balancer; Discord may deliver twice. */
describe('an interaction delivered to two api replicas at once', () => {
  let stack: ApiStack;
  let second: ChildApp;

  beforeAll(async () => {
    stack = await startApiStack({ keys });
    second = await startApp('api', {
      ...sharedEnv(stack.db, stack.t),
      JWT_SECRET: stack.secrets.jwtSecret,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_APPLICATION_ID: commandInteraction('x').application_id,
      DISCORD_API_URL: stack.discord.apiUrl,
      DISCORD_TOKEN: stack.secrets.botToken,
      KALTURA_SERVICE_URL: stack.sim.url,
      KALTURA_PARTNER_ID: '100',
      KALTURA_ADMIN_SECRET: stack.secrets.kalturaAdminSecret,
    });
  });
  afterAll(async () => {
    await second?.stop();
    await stack?.stop();
  });

  it('runs its side effects once: one Kaltura room, one command.executed', async () => {
    const interaction = commandInteraction('kaltura-start', { type: 'meeting', title: 'Twice' });
    const answers = await Promise.all(
      [stack.api, second, stack.api, second].map(async (app) => {
        const response = await post(app.url, interaction);
        return (await response.json()) as { type: number; data?: { content?: string } };
      }),
    );
    expect(answers.filter((a) => a.type === 5)).toHaveLength(1);
    expect(
      answers.filter((a) => a.data?.content === 'This interaction was already handled.'),
    ).toHaveLength(3);
    await waitFor(async () =>
      (await stack.t.eventsOfType('command.executed')).length ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const state = (await (await fetch(`${stack.sim.url}/__sim/state`)).json()) as {
      rooms: unknown[];
    };
    expect(state.rooms).toHaveLength(1);
    expect(await stack.t.eventsOfType('command.executed')).toHaveLength(1);
    expect(await stack.t.eventsOfType('meeting.created')).toHaveLength(1);
  });
});
