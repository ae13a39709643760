import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  commandExecutedEvent,
  createTestDatabase,
  createTestStream,
  guildInstalledEvent,
  startApp,
  type ChildApp,
  type TestDatabase,
  type TestStream,
  waitFor,
} from '@kd/testing';

describe('projector process', () => {
  let db: TestDatabase;
  let t: TestStream;
  let client: pg.Client;
  const env = () => ({
    DATABASE_URL: db.url,
    KD_STREAM: t.stream,
    KD_SUBJECT_PREFIX: t.subjectPrefix,
    PROJECTION_BATCH_SIZE: '200',
    PROJECTION_MAX_WAIT_MS: '20',
  });

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  const checkpoint = async () =>
    Number(
      (
        await client.query(
          `SELECT coalesce(max(last_seq), 0) AS s FROM kd.projection_checkpoints WHERE projection = 'event_log'`,
        )
      ).rows[0].s,
    );

  async function publish(n: number): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      pending.push(t.store.append(i % 10 === 0 ? guildInstalledEvent() : commandExecutedEvent()));
      if (pending.length >= 256) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
  }

  it('applies every event exactly once across a SIGKILL in the middle of a batch', async () => {
    const total = 20_000;
    await publish(total);
    let projector: ChildApp = await startApp('projector', env());
    await waitFor(async () => (await checkpoint()) >= 2_000, 30_000);
    await projector.stop('SIGKILL');
    const atKill = await checkpoint();
    expect(atKill).toBeLessThan(total);
    projector = await startApp('projector', env());
    try {
      await waitFor(async () => (await checkpoint()) >= total, 30_000);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, count(DISTINCT id)::int AS ids, min(seq)::int AS lo, max(seq)::int AS hi FROM analytics.event_log`,
      );
      expect(rows[0]).toEqual({ n: total, seqs: total, ids: total, lo: 1, hi: total });
    } finally {
      await projector.stop();
    }
  });

  it('protects /metrics with basic auth when configured, and hides it when disabled', async () => {
    const guarded = await startApp('projector', { ...env(), METRICS_BASIC_AUTH: 'prom:s3cret' });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${guarded.url}/metrics`, {
        headers: { authorization: `Basic ${Buffer.from('prom:nope').toString('base64')}` },
      });
      expect(wrong.status).toBe(401);
      const scrape = () =>
        fetch(`${guarded.url}/metrics`, {
          headers: { authorization: `Basic ${Buffer.from('prom:s3cret').toString('base64')}` },
        });
      expect((await scrape()).status).toBe(200);
      // The runners (and their series) exist once NATS and PostgreSQL answered.
      let text = '';
      await waitFor(async () =>
        (text = await (await scrape()).text()).includes('kd_projection_events_total{'),
      );
      expect(text).toMatch(
        /^kd_projection_events_total\{projection="event_log",app="projector"\} \d+/m,
      );
      expect(text).toContain('process_resident_memory_bytes');
    } finally {
      await guarded.stop();
    }
    const disabled = await startApp('projector', { ...env(), METRICS_ENABLED: 'false' });
    try {
      expect((await fetch(`${disabled.url}/metrics`)).status).toBe(404);
    } finally {
      await disabled.stop();
    }
  });
});
