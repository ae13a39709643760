import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { eventLogProjection } from '@kd/event-log';
import { newEvent } from '@kd/events';
import {
  commandExecutedEvent,
  createTestDatabase,
  createTestStream,
  guildInstalledEvent,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { createDataSource } from '../data-source.js';
import { catchUp } from '../projection-host.js';
import { ProjectionRunner } from './projection-runner.js';

describe('ProjectionRunner with analytics.event_log', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  const logger = testLogger('runner-test');

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'runner-test' });
    await dataSource.initialize();
    runner = new ProjectionRunner(eventLogProjection, dataSource, logger);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  const run = (durable = 'proj_event_log') =>
    catchUp(runner, {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 50,
      maxWaitMs: 50,
      durable,
    });
  const rows = async () =>
    dataSource.query<{ seq: string; id: string; type: string }[]>(
      `SELECT seq, id, type, payload FROM analytics.event_log ORDER BY seq`,
    );
  const publishMany = async (n: number) => {
    for (let i = 0; i < n; i++)
      await t.store.append(i % 3 === 0 ? guildInstalledEvent() : commandExecutedEvent());
  };

  it('applies every event once, in stream order, and checkpoints the head', async () => {
    await publishMany(120);
    const checkpoint = await run();
    const applied = await rows();
    expect(applied).toHaveLength(120);
    expect(applied.map((r) => Number(r.seq))).toEqual(applied.map((_, i) => i + 1));
    expect(checkpoint).toBe(120);
    expect(await runner.checkpoint()).toBe(120);
  });

  it('skips a redelivered batch at or below the checkpoint', async () => {
    const before = await rows();
    const redelivered = [
      { seq: 5, data: new TextEncoder().encode(JSON.stringify({ junk: true })), redelivered: true },
    ];
    const outcome = await runner.handleBatch(redelivered);
    expect(outcome).toMatchObject({ applied: 0, skipped: 1, parked: 0 });
    expect(await rows()).toEqual(before);
  });

  it('parks a malformed message and an unappliable event, and later events still apply', async () => {
    await t.js.publish(`${t.subjectPrefix}.guild.broken`, 'this is not json');
    const poison = newEvent(
      'guild.installed',
      { name: 'nul \u0000 byte', memberCount: 3 },
      { actor: { kind: 'system', id: 't' }, correlationId: 'c', guildId: '123456789012345670' },
    );
    await t.js.publish(
      `${t.subjectPrefix}.guild.123456789012345670`,
      JSON.stringify({ ...poison, version: 1, recordedAt: poison.occurredAt }),
    );
    await publishMany(10);
    const checkpoint = await run();
    expect(checkpoint).toBe(132);
    expect(await rows()).toHaveLength(130);
    const parked = await dataSource.query<
      { seq: string; error_code: string; event_type: string | null }[]
    >(`SELECT seq, error_code, event_type FROM kd.projection_dead_letters ORDER BY seq`);
    expect(parked).toEqual([
      { seq: '121', error_code: 'EVENT.MALFORMED_JSON', event_type: null },
      { seq: '122', error_code: 'PROJECTION.APPLY_FAILED', event_type: 'guild.installed' },
    ]);
  });

  it('rebuilds from sequence 1 to identical rows', async () => {
    const before = await rows();
    await runner.prepare({ forceRebuild: true });
    expect(await rows()).toHaveLength(0);
    await run('proj_event_log_rebuild');
    expect(await rows()).toEqual(before);
    const parked = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM kd.projection_dead_letters`,
    );
    expect(parked[0]?.n).toBe(2);
  });
});
