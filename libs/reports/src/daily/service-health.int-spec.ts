import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseDay, periodBefore } from '../period.js';
import type { Unavailable } from '../sql.js';
import { history, poison } from '../../test/report-history.js';
import { projectedHistory, type ProjectedHistory } from '../../test/projected-history.js';
import { readServiceHealth, type ServiceHealthData } from './service-health.query.js';

const asOf = parseDay('2026-11-23');
let h: ProjectedHistory;
beforeAll(async () => {
  h = await projectedHistory();
});
afterAll(() => h.dispose());
const read: ProjectedHistory['read'] = (period, fn, role) => h.read(period, fn, role);

describe('daily service health (2026-11-22)', () => {
  const day = periodBefore('daily', asOf);

  it('counts commands by outcome with error ratio and duration percentiles per command', async () => {
    const data = await read(day, (sql) => readServiceHealth(sql, day));
    expect(data.commands).toEqual([
      {
        command: 'kaltura-list',
        total: 2,
        ok: 1,
        error: 0,
        denied: 1,
        invalid: 0,
        error_ratio: 0,
        p50_ms: 15,
        p95_ms: 19.5,
      },
      {
        command: 'kaltura-start',
        total: 2,
        ok: 1,
        error: 1,
        denied: 0,
        invalid: 0,
        error_ratio: 0.5,
        p50_ms: 200,
        p95_ms: 290,
      },
      {
        command: 'kaltura-video-search',
        total: 1,
        ok: 0,
        error: 0,
        denied: 0,
        invalid: 1,
        error_ratio: 0,
        p50_ms: 40,
        p95_ms: 40,
      },
    ]);
    expect(data.total).toEqual({
      command: null,
      total: 5,
      ok: 2,
      error: 1,
      denied: 1,
      invalid: 1,
      error_ratio: 0.2,
      p50_ms: 40,
      p95_ms: 260,
    });
  });

  it('counts webhooks, Kaltura failures and notifications of the day only', async () => {
    const data = await read(day, (sql) => readServiceHealth(sql, day));
    expect(data.webhooks).toEqual([
      { event_type: 'OBJECT_CHANGED', object_type: 'entry', received: 2 },
      { event_type: 'custom "x", y', object_type: 'entry', received: 1 },
    ]);
    expect(data.kalturaFailures).toEqual([
      { service: 'schedule_scheduleresource', action: 'add', code: 'INVALID_KS', failures: 1 },
    ]);
    expect(data.notifications).toEqual([
      { kind: 'meeting_end', sent: 0, failed: 1, failure_ratio: 1 },
      { kind: 'meeting_start', sent: 2, failed: 0, failure_ratio: 0 },
    ]);
  });

  it('lists dead letters by when they were parked, and the checkpoints', async () => {
    const data = await read(day, (sql) => readServiceHealth(sql, day));
    expect(data.deadLetters).toEqual({ parked: [], outstanding: 2 });
    // parked_at is processing time: read the day the projection parked them on from the table.
    const [{ day: parkedOn } = { day: '' }] = await h.client
      .query<{ day: string }>(
        `SELECT to_char(max(parked_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM kd.projection_dead_letters`,
      )
      .then((r) => r.rows);
    const parkedDay = periodBefore('daily', new Date(parseDay(parkedOn).getTime() + 86_400_000));
    const now = await read(parkedDay, (sql) => readServiceHealth(sql, parkedDay));
    const parked = (now.deadLetters as Exclude<ServiceHealthData['deadLetters'], Unavailable>)
      .parked;
    expect(parked.map((p) => [p.projection, p.event_id, p.event_type]).sort()).toEqual([
      ['analytics', poison.id, 'meeting.participant_joined'],
      ['event_log', poison.id, 'meeting.participant_joined'],
    ]);
    expect(data.checkpoints).toMatchObject({
      highest: history.length,
      eventLogHighest: history.length,
      rows: [
        { projection: 'analytics', last_seq: history.length, behind_highest: 0 },
        { projection: 'event_log', last_seq: history.length, behind_highest: 0 },
      ],
    });
  });

  it('gives the read-only kd_analytics role everything but the kd.* parts', async () => {
    const owner = await read(day, (sql) => readServiceHealth(sql, day));
    const analyst = await read(day, (sql) => readServiceHealth(sql, day), 'kd_analytics');
    expect(analyst).toEqual({
      ...owner,
      deadLetters: { unavailable: 'permission denied for schema kd' },
      checkpoints: { unavailable: 'permission denied for schema kd' },
    });
  });
});
