import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { newEvent, prepareForAppend, type NewEvent } from '@kd/events';
import type { ConsumedMessage } from '@kd/event-store';
import {
  commandExecutedEvent,
  createTestDatabase,
  guildInstalledEvent,
  testLogger,
  type TestDatabase,
} from '@kd/testing';
import { createDataSource, ProjectionRunner, type Projection } from '@kd/projections';
import { copyThreshold, ingestEventLog } from './event-log-ingest.js';
import { eventLogProjection } from './event-log.projection.js';

type AnyNewEvent = NewEvent<'guild.installed'> | NewEvent<'command.executed'>;

describe('event_log ingest by COPY', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const logger = testLogger('event-log-ingest-test');
  const encoder = new TextEncoder();
  const batchSize = copyThreshold * 2;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, applicationName: 'event-log-ingest-test' });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    await new ProjectionRunner(eventLogProjection, dataSource, logger).prepare({
      forceRebuild: true,
    });
  });

  const freshEvents = (n: number): AnyNewEvent[] =>
    Array.from({ length: n }, (_, i) => (i % 3 ? commandExecutedEvent() : guildInstalledEvent()));
  const messages = (events: readonly AnyNewEvent[], firstSeq: number): ConsumedMessage[] =>
    events.map((e, i) => ({
      seq: firstSeq + i,
      data: encoder.encode(JSON.stringify(prepareForAppend(e, new Date()))),
      redelivered: false,
    }));
  const rows = () =>
    dataSource.query<{ seq: string; id: string }[]>(
      `SELECT seq, id FROM kd.event_log ORDER BY seq`,
    );
  const checkpoint = async () =>
    Number(
      (
        await dataSource.query<{ last_seq: string }[]>(
          `SELECT last_seq FROM kd.projection_checkpoints WHERE projection = 'event_log'`,
        )
      )[0]?.last_seq,
    );

  it('copies a batch of new ids straight into the table, and stages one that repeats an id', async () => {
    const first = freshEvents(batchSize);
    const repeated = [...freshEvents(batchSize - 1), first[7]!];
    const decode = (events: AnyNewEvent[], seq: number) =>
      new ProjectionRunner(eventLogProjection, dataSource, logger)
        .prepareBatch(messages(events, seq))
        .map((d) => d.event!);
    const paths = await dataSource.transaction(async (tx) => [
      await ingestEventLog(decode(first, 1), tx),
      await ingestEventLog(decode(repeated, batchSize + 1), tx),
      await ingestEventLog(decode(freshEvents(3), 2 * batchSize + 1), tx),
    ]);
    expect(paths).toEqual(['copy', 'staging', 'insert']);
    expect(await rows()).toHaveLength(2 * batchSize + 2);
    const staged = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM kd.event_log_staging`,
    );
    expect(staged[0]?.n).toBe(0);
  });

  it('counts an id repeated across batches and within a batch once, at its first seq', async () => {
    const runner = new ProjectionRunner(eventLogProjection, dataSource, logger);
    const first = freshEvents(batchSize);
    const second = [...freshEvents(batchSize - 3), first[0]!, first[1]!, first[1]!];
    await runner.handleBatch(messages(first, 1));
    const outcome = await runner.handleBatch(messages(second, batchSize + 1));
    expect(outcome).toMatchObject({ parked: 0, lastSeq: 2 * batchSize });
    const applied = await rows();
    expect(applied).toHaveLength(2 * batchSize - 3);
    expect(new Set(applied.map((r) => r.id)).size).toBe(applied.length);
    const idOf = (e: AnyNewEvent) => applied.find((r) => r.id === e.id)?.seq;
    expect([idOf(first[0]!), idOf(first[1]!)]).toEqual(['1', '2']);
    expect(await checkpoint()).toBe(2 * batchSize);
  });

  it('stores through COPY exactly what the event held: tabs, newlines, backslashes, quotes, emoji', async () => {
    const runner = new ProjectionRunner(eventLogProjection, dataSource, logger);
    const events: AnyNewEvent[] = freshEvents(batchSize);
    const name = 'tab\there\nnew line\r\\back "quoted" \\N 🎉';
    const odd = newEvent(
      'guild.installed',
      { name, memberCount: 3 },
      { actor: { kind: 'system', id: 't' }, correlationId: 'c\\N', guildId: '123456789012345671' },
    );
    events[10] = odd;
    await runner.handleBatch(messages(events, 1));
    const [row] = await dataSource.query<{ name: string; correlation_id: string }[]>(
      `SELECT payload->>'name' AS name, correlation_id FROM kd.event_log WHERE id = $1`,
      [odd.id],
    );
    expect(row).toEqual({ name, correlation_id: 'c\\N' });
  });

  it('parks one poison event of a COPY batch and applies the rest', async () => {
    const runner = new ProjectionRunner(eventLogProjection, dataSource, logger);
    const events: AnyNewEvent[] = freshEvents(batchSize);
    const poison = newEvent(
      'guild.installed',
      { name: 'nul \u0000 byte', memberCount: 3 },
      { actor: { kind: 'system', id: 't' }, correlationId: 'c', guildId: '123456789012345670' },
    );
    events[40] = poison;
    const outcome = await runner.handleBatch(messages(events, 1));
    expect(outcome).toEqual({ applied: batchSize - 1, parked: 1, skipped: 0, lastSeq: batchSize });
    expect(await rows()).toHaveLength(batchSize - 1);
    const parked = await dataSource.query<{ seq: string; event_id: string }[]>(
      `SELECT seq, event_id FROM kd.projection_dead_letters WHERE projection = 'event_log'`,
    );
    expect(parked).toEqual([{ seq: '41', event_id: poison.id }]);
  });

  it('loses a batch killed after its COPY whole, checkpoint included, and applies it once on redelivery', async () => {
    const killing = createDataSource({ url: db.url, applicationName: 'event-log-ingest-kill' });
    await killing.initialize();
    const killedAfterCopy: Projection = {
      ...eventLogProjection,
      async apply(events, tx, target) {
        await eventLogProjection.apply(events, tx, target);
        await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      },
    };
    const batch = messages(freshEvents(batchSize), 1);
    try {
      await expect(
        new ProjectionRunner(killedAfterCopy, killing, logger).handleBatch(batch),
      ).rejects.toThrow();
    } finally {
      await killing.destroy().catch(() => undefined);
    }
    expect(await rows()).toHaveLength(0);
    expect(await checkpoint()).toBe(0);

    const runner = new ProjectionRunner(eventLogProjection, dataSource, logger);
    expect(await runner.handleBatch(batch)).toMatchObject({ applied: batchSize, skipped: 0 });
    expect(await runner.handleBatch(batch)).toMatchObject({ applied: 0, skipped: batchSize });
    expect(await rows()).toHaveLength(batchSize);
    expect(await checkpoint()).toBe(batchSize);
  });
});
