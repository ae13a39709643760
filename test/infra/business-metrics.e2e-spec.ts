import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventFactory, snowflake } from '@kd/analytics-oracle';
import {
  createTestDatabase,
  createTestStream,
  startApp,
  type ChildApp,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const daysAgo = (d: number) => hoursAgo(d * 24);

/** The value of the first sample of `name` whose labels include `labels` (e.g. `stat="mean"`). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) =>
        (l.startsWith(`${name} `) || l.startsWith(`${name}{`)) && (!labels || l.includes(labels)),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** The business gauges on the projector's /metrics, computed from the analytics views. */
describe('business gauges on /metrics', () => {
  let db: TestDatabase;
  let t: TestStream;
  let client: pg.Client;
  let projector: ChildApp;
  const f = eventFactory('bm');
  const [a, b, c] = [snowflake(71), snowflake(72), snowflake(73)];

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const events = [
      f.installed(a, daysAgo(40), 10),
      f.installed(b, daysAgo(20), 4),
      f.installed(c, daysAgo(10), 8),
      f.uninstalled(c, daysAgo(2)),
      f.command(a, daysAgo(3), { user: snowflake(81) }),
      f.command(a, daysAgo(3), { user: snowflake(82), command: 'kaltura-start' }),
      f.meetingCreated(a, hoursAgo(2), 'mtg_live_1', snowflake(81)),
      f.meetingStarted(a, hoursAgo(1), 'mtg_live_1'),
      f.joined(a, hoursAgo(1), 'mtg_live_1', 'p1'),
      f.joined(a, hoursAgo(1), 'mtg_live_1', 'p2'),
      f.left(a, hoursAgo(0.5), 'mtg_live_1', 'p2'),
      f.configUpdated(b, daysAgo(5), 'notifications.enabled', false, true),
    ];
    for (const event of events) await t.store.append(event);
    projector = await startApp('projector', {
      DATABASE_URL: db.url,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
      PROJECTION_MAX_WAIT_MS: '20',
      BUSINESS_METRICS_TTL_MS: '0',
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await client.query<{ last_seq: string }>(
        `SELECT last_seq FROM kd.projection_checkpoints WHERE projection = 'analytics'`,
      );
      if (Number(rows[0]?.last_seq ?? 0) >= events.length) break;
      if (Date.now() > deadline) throw new Error('analytics projection did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    await projector?.stop();
    await client?.end();
    await Promise.all([db?.drop(), t?.cleanup()]);
  });

  const scrape = async () => {
    const response = await fetch(`${projector.url}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  it('exports the install, live and ratio gauges as the views compute them', async () => {
    const text = await scrape();
    expect(sample(text, 'kd_installed_guilds')).toBe(2);
    expect(sample(text, 'kd_meetings_live')).toBe(1);
    expect(sample(text, 'kd_meeting_participants_live')).toBe(1);
    // a was active in the last 7 days, b was not: 1 of 2 installed guilds.
    expect(sample(text, 'kd_weekly_active_servers_ratio')).toBe(0.5);
    // b overrides notifications.enabled: 1 of 2 installed guilds.
    expect(sample(text, 'kd_configuration_ratio')).toBe(0.5);
    expect(sample(text, 'kd_notification_customization_ratio')).toBe(0.5);
    expect(sample(text, 'kd_template_customization_ratio')).toBe(0);
    const { rows } = await client.query<{ weekly_active_servers: string }>(
      'SELECT weekly_active_servers FROM analytics.retention_summary',
    );
    expect(Number(rows[0]?.weekly_active_servers)).toBe(0.5);
    expect(sample(text, 'kd_business_metrics_last_success_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
  });

  it('keeps serving the last values, and counts the error, when the query fails', async () => {
    const errorsBefore = sample(await scrape(), 'kd_business_metrics_errors_total') ?? 0;
    await client.query('ALTER VIEW analytics.live_summary RENAME TO live_summary_gone');
    try {
      // Scrapes answer at once with the last values; the failing reload behind them is counted.
      const deadline = Date.now() + 10_000;
      let text = await scrape();
      while ((sample(text, 'kd_business_metrics_errors_total') ?? 0) <= errorsBefore) {
        if (Date.now() > deadline) throw new Error('the failing query was never counted');
        await new Promise((r) => setTimeout(r, 50));
        text = await scrape();
      }
      expect(sample(text, 'kd_installed_guilds')).toBe(2);
      expect(sample(text, 'kd_weekly_active_servers_ratio')).toBe(0.5);
    } finally {
      await client.query('ALTER VIEW analytics.live_summary_gone RENAME TO live_summary');
    }
  });

  it('passes promtool check metrics (bar the three known default-metric lines)', async () => {
    const text = (await scrape())
      .split('\n')
      .filter((line) => !/\bnodejs_active_(handles|requests|resources)_total\b/.test(line))
      .join('\n');
    let output = '';
    try {
      output = execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; code?: string };
      if (e.code === 'ENOENT') throw new Error('promtool missing: run scripts/ensure-tools.sh');
      throw new Error(`promtool check metrics failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    expect(output).toBe('');
  });
});
