import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { newEvent, type NewEvent } from '@kd/events';
import { KalturaClient } from '@kd/kaltura';
import { createLogger } from '@kd/observability';
import { catchUpAll, createDataSource, ProjectionRunner } from '@kd/projections';
import { projections } from '@kd/read-models';
import {
  commandExecutedEvent,
  createTestDatabase,
  createTestStream,
  guildInstalledEvent,
  snowflakeFor,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
/* eslint-disable no-restricted-imports -- the simulator has no lib entry; specs are not built */
import {
  createKalturaSim,
  type RunningKalturaSim,
} from '../../../../apps/kaltura-sim/src/kaltura-sim.js';
import { kalturaSimEnv } from '../../../../apps/kaltura-sim/src/kaltura-sim.config.js';
/* eslint-enable no-restricted-imports */
import { checkpointFloor } from './checkpoint-floor.js';
import { PendingKalturaDeletions } from './pending-kaltura-deletions.js';
import { PersonForgetService } from './person-forget.service.js';
import { personKeysOf } from '@kd/event-store';

const SECRET = 'forget-admin-secret-0123456789';
const guildId = snowflakeFor(41);
const ada = snowflakeFor(4242);
const bob = snowflakeFor(4343);
const unknown = snowflakeFor(4444);
const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12));

let db: TestDatabase;
let t: TestStream;
let sim: RunningKalturaSim;
let dataSource: DataSource;
let runners: ProjectionRunner[];
const logLines: string[] = [];
const logger = createLogger({
  service: 'forget-test',
  level: 'info',
  destination: { write: (line: string) => void logLines.push(line) },
});

const ctx = (actorId: string | null, day: number, id?: string) => ({
  actor: actorId ? { kind: 'user' as const, id: actorId } : { kind: 'system' as const, id: 'test' },
  correlationId: `c-${day}`,
  guildId,
  occurredAt: at(day),
  ...(id ? { id } : {}),
});

function history(): NewEvent[] {
  const commands = [ada, bob, ada].map((user, i) => {
    const base = commandExecutedEvent(900 + i, guildId);
    return {
      ...base,
      actor: { kind: 'user' as const, id: user },
      occurredAt: at(3 + i).toISOString(),
      payload: { ...base.payload, userId: user },
    };
  });
  return [
    { ...guildInstalledEvent(guildId, 10), occurredAt: at(1).toISOString() },
    ...commands,
    newEvent(
      'meeting.created',
      {
        meetingId: 'm-forget',
        kalturaResourceId: '10001',
        type: 'meeting',
        title: 'Standup',
        ownerUserId: ada,
        description: null,
      },
      ctx(ada, 3),
    ),
    newEvent(
      'meeting.join_link_issued',
      { meetingId: 'm-forget', userId: ada, kalturaRole: 'adminRole' },
      ctx(ada, 3),
    ),
    newEvent(
      'meeting.join_link_issued',
      { meetingId: 'm-forget', userId: bob, kalturaRole: 'viewerRole' },
      ctx(bob, 3),
    ),
    newEvent(
      'meeting.participant_joined',
      { meetingId: 'm-forget', participantId: `discord:${ada}` },
      ctx(null, 3),
    ),
    newEvent('meeting.ended', { meetingId: 'm-forget', endedBy: ada }, ctx(ada, 4)),
    newEvent(
      'config.updated',
      { key: 'features.video_search', oldValue: true, newValue: false, actorUserId: ada },
      ctx(ada, 4),
    ),
  ] as NewEvent[];
}

async function project(): Promise<void> {
  await catchUpAll(runners, {
    nats: t,
    stream: t.stream,
    subjectPrefix: t.subjectPrefix,
    logger: testLogger('forget-catch-up'),
    batchSize: 100,
    maxWaitMs: 200,
    durable: `catch_up_${Math.random().toString(36).slice(2, 8)}`,
  });
}

/** Every text/json column of every kd.* and analytics.* table or view, as one text per row. */
async function personData(needle: string): Promise<string[]> {
  const columns: { s: string; t: string; c: string }[] = await dataSource.query(
    `SELECT table_schema s, table_name t, column_name c FROM information_schema.columns
      WHERE table_schema IN ('kd', 'analytics')
        AND data_type IN ('text', 'character varying', 'json', 'jsonb')`,
  );
  const hits: string[] = [];
  for (const { s, t: table, c } of columns) {
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM "${s}"."${table}" WHERE "${c}"::text LIKE $1 LIMIT 1`,
      [`%${needle}%`],
    );
    if (rows.length > 0) hits.push(`${s}.${table}.${c}`);
  }
  return hits;
}

const asOf = `SET kd.now = '2026-01-20T00:00:00Z'`;
async function summaries(): Promise<unknown[]> {
  return dataSource.transaction(async (tx) => {
    await tx.query(asOf);
    const views: unknown[] = [
      await tx.query('SELECT * FROM analytics.engagement_summary'),
      await tx.query('SELECT * FROM analytics.retention_summary'),
      await tx.query('SELECT * FROM analytics.customization_summary'),
      await tx.query('SELECT * FROM analytics.cohort_retention ORDER BY 1, 2'),
      await tx.query('SELECT * FROM analytics.guild_daily_activity ORDER BY 1, 2'),
      await tx.query('SELECT meeting_id, participants, duration_seconds FROM analytics.meetings'),
    ];
    return views;
  });
}

async function tableRows(): Promise<string[]> {
  const tables: { t: string }[] = await dataSource.query(
    `SELECT table_name t FROM information_schema.tables WHERE table_schema = 'kd'
      AND table_type = 'BASE TABLE' AND table_name NOT IN ('projection_checkpoints', 'migrations')
      ORDER BY 1`,
  );
  const out: string[] = [];
  for (const { t: table } of tables) {
    const rows: { r: string }[] = await dataSource.query(
      `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) r FROM kd."${table}" x`,
    );
    out.push(`${table}:${rows[0]?.r}`);
  }
  return out;
}

function service(kaltura: KalturaClient, waitMs = 0) {
  return new PersonForgetService({
    store: t.store,
    keys: personKeysOf({ nats: t, stream: t.stream }),
    pending: new PendingKalturaDeletions({ nats: t, stream: t.stream }),
    kaltura,
    checkpointFloor: () => checkpointFloor(dataSource),
    logger,
    waitMs,
  });
}

beforeAll(async () => {
  [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
  sim = await createKalturaSim(
    kalturaSimEnv.parse({
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      KALTURA_PARTNER_ID: '321',
      KALTURA_ADMIN_SECRET: SECRET,
    }),
    { host: '127.0.0.1' },
  );
  dataSource = createDataSource({ url: db.url, applicationName: 'forget-test' });
  await dataSource.initialize();
  runners = projections.map(
    (p) => new ProjectionRunner(p, dataSource, testLogger('forget-runner')),
  );
  for (const r of runners) await r.prepare();
  for (const event of history()) await t.store.append(event);
  await project();
});

afterAll(async () => {
  await dataSource.destroy();
  await Promise.all([db.drop(), t.cleanup(), sim.close()]);
});

const kalturaUp = () =>
  new KalturaClient({
    serviceUrl: sim.url,
    partnerId: '321',
    adminSecret: SECRET,
    retryBaseDelayMs: 10,
  });
const kalturaDown = () =>
  new KalturaClient({
    serviceUrl: 'http://127.0.0.1:9',
    partnerId: '321',
    adminSecret: SECRET,
    maxRetries: 0,
  });

describe('forgetting a person', () => {
  let before: unknown[];
  let logsFrom = 0;

  it('stores no Discord id in clear in the stream, and reads it back before the forget', async () => {
    const { state } = await t.jsm.streams.info(t.stream);
    for (let seq = 1; seq <= state.last_seq; seq++) {
      const text = new TextDecoder().decode(
        (await t.jsm.direct.getMessage(t.stream, { seq }))!.data,
      );
      expect(text).not.toContain(ada);
    }
    expect(await personData(ada)).not.toHaveLength(0);
    before = await summaries();
  });

  it('answers an id that is not a snowflake, and an unknown person, clearly', async () => {
    await expect(service(kalturaUp()).forget('ada', 'operator')).rejects.toMatchObject({
      code: 'PERSON.INVALID_ID',
    });
    await expect(service(kalturaUp()).forget(unknown, 'operator')).rejects.toMatchObject({
      code: 'PERSON.NOT_FOUND',
    });
  });

  it('completes the local part while Kaltura is down, leaving the deletion to retry', async () => {
    logsFrom = logLines.length;
    const outcome = await service(kalturaDown()).forget(ada, 'self');
    expect(outcome).toMatchObject({ status: 'forgotten', kaltura: 'pending', keyDestroyed: false });
    await project();
    const finished = await service(kalturaUp()).finishPending();
    expect(finished).toEqual({ keysDestroyed: 1, kalturaPending: 0 });
  });

  it('leaves no trace of the person in any kd.* or analytics.* table, the events read back, or new logs', async () => {
    expect(await personData(ada)).toEqual([]);
    expect(await personData(bob)).not.toHaveLength(0);
    const meeting = await t.store.readAggregate('meeting', 'm-forget');
    expect(JSON.stringify(meeting)).not.toContain(ada);
    expect(JSON.stringify(meeting)).toContain(bob);
    expect(logLines.slice(logsFrom).join('\n')).not.toContain(ada);
  });

  it('keeps every summary and the cohort matrix, and a rebuild gives the same rows', async () => {
    expect(await summaries()).toEqual(before);
    const afterForget = await tableRows();
    for (const r of runners) await r.prepare({ forceRebuild: true });
    await project();
    expect(await tableRows()).toEqual(afterForget);
    expect(await summaries()).toEqual(before);
    expect(await personData(ada)).toEqual([]);
  });

  it('is harmless to ask twice', async () => {
    const rows = await tableRows();
    await expect(service(kalturaUp()).forget(ada, 'operator')).rejects.toMatchObject({
      code: 'PERSON.NOT_FOUND',
    });
    await project();
    expect(await tableRows()).toEqual(rows);
  });
});
