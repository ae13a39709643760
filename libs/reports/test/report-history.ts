import type { DomainEvent } from '@kd/events';
import { eventFactory, makeEvent, snowflake } from '@kd/analytics-oracle';

/*
 * A small history with hand-computed report figures (reports.int-spec.ts): four guilds from
 * September to November 2026, reported as of Monday 2026-11-23 (daily 2026-11-22, weekly
 * 2026-W47 = 11-16 … 11-22, monthly October with weeks 09-28, 10-05, 10-12, 10-19).
 */
export const g1 = snowflake(1);
export const g2 = snowflake(2);
export const g3 = snowflake(3);
export const g4 = snowflake(4);
export const u = (n: number) => snowflake(100 + n);
const role = snowflake(900);

const f = eventFactory('rep');
let n = 0;
const stamp = (guildId: string | null, at: string, causationId?: string) => ({
  id: `rep-x-${++n}`,
  occurredAt: at,
  guildId,
  ...(causationId ? { causationId } : {}),
});
type Outcome = 'ok' | 'error' | 'denied' | 'invalid';
const cmd = (
  guild: string | null,
  at: string,
  command: string,
  user: number,
  outcome: Outcome = 'ok',
  durationMs = 5,
) => {
  const event = f.command(guild, at, { command, user: u(user), outcome });
  return { ...event, payload: { ...event.payload, durationMs } };
};
const webhook = (at: string, eventType: string, eventObjectType: string) =>
  makeEvent(
    'kaltura.webhook_received',
    {
      notificationJobId: `job-${n + 1}`,
      eventType,
      eventObjectType,
      objectType: 'KalturaMediaEntry',
      objectId: '0_abc',
      templateSystemName: null,
    },
    stamp(null, at),
  );
const apiFailed = (guild: string, at: string, code: string) =>
  makeEvent(
    'kaltura.api_failed',
    {
      service: 'schedule_scheduleresource',
      action: 'add',
      code,
      message: 'failed',
      meetingId: null,
      interactionId: snowflake(5000 + n),
    },
    stamp(guild, at),
  );
const sent = (guild: string, at: string, kind: string) =>
  makeEvent(
    'notification.sent',
    { kind, channelId: snowflake(700), messageId: snowflake(800 + n) },
    stamp(guild, at, `cause-${n}`),
  );
const failed = (guild: string, at: string, kind: string) =>
  makeEvent(
    'notification.failed',
    { kind, channelId: snowflake(700), attempts: 5, reason: 'Discord said "no", twice' },
    stamp(guild, at, `cause-${n}`),
  );

/** Joined with a NUL in its participant id: PostgreSQL text cannot hold it, so it is parked. */
export const poison = f.joined(g1, '2026-11-22T15:00:00.000Z', 'm4', 'bad\u0000id');

export const history: DomainEvent[] = [
  f.installed(g1, '2026-09-01T10:00:00.000Z', 10),
  cmd(g1, '2026-09-02T10:00:00.000Z', 'kaltura-start', 1),
  f.configUpdated(
    g1,
    '2026-09-03T10:00:00.000Z',
    'notifications.channels.meeting_start',
    snowflake(701),
  ),
  cmd(g1, '2026-09-15T10:00:00.000Z', 'kaltura-list', 2),
  // October
  cmd(g1, '2026-10-01T10:00:00.000Z', 'kaltura-start', 1),
  f.installed(g2, '2026-10-06T10:00:00.000Z', 4),
  f.installed(g3, '2026-10-07T10:00:00.000Z', null),
  cmd(g1, '2026-10-08T10:00:00.000Z', 'kaltura-list', 1),
  cmd(g2, '2026-10-08T11:00:00.000Z', 'kaltura-join', 3),
  f.meetingCreated(g1, '2026-10-08T12:00:00.000Z', 'm1', u(1)),
  f.joinLink(g1, '2026-10-08T12:01:00.000Z', 'm1', u(2)),
  f.meetingStarted(g1, '2026-10-08T12:05:00.000Z', 'm1'),
  f.joined(g1, '2026-10-08T12:06:00.000Z', 'm1', u(2)),
  f.meetingEnded(g1, '2026-10-08T13:00:00.000Z', 'm1'),
  cmd(g3, '2026-10-09T11:00:00.000Z', 'kaltura-start', 4, 'error'),
  apiFailed(g3, '2026-10-09T11:00:01.000Z', 'INVALID_KS'),
  f.configUpdated(g3, '2026-10-09T12:00:00.000Z', 'notifications.enabled', false),
  f.configUpdated(
    g1,
    '2026-10-10T10:00:00.000Z',
    'notifications.templates.meeting_start',
    'Hello {{title}}',
  ),
  f.configUpdated(g1, '2026-10-11T10:00:00.000Z', `roles.mapping.${role}`, 'adminRole'),
  f.configUpdated(
    g2,
    '2026-10-12T10:00:00.000Z',
    'notifications.templates.meeting_start',
    'Yo, "team", go',
  ),
  cmd(g2, '2026-10-13T11:00:00.000Z', 'kaltura-join', 3),
  f.meetingCreated(g2, '2026-10-13T12:00:00.000Z', 'm2', u(3)),
  f.meetingEnded(g2, '2026-10-13T12:30:00.000Z', 'm2'),
  f.uninstalled(g3, '2026-10-20T10:00:00.000Z'),
  cmd(g1, '2026-10-21T10:00:00.000Z', 'kaltura-config-update', 1),
  f.configReset(g2, '2026-10-25T10:00:00.000Z', 'notifications'),
  cmd(g1, '2026-10-31T10:00:00.000Z', 'kaltura-list', 2),
  // November: W46, then W47
  cmd(g2, '2026-11-10T10:00:00.000Z', 'kaltura-list', 3),
  f.installed(g4, '2026-11-16T09:00:00.000Z', 5),
  cmd(g1, '2026-11-16T10:00:00.000Z', 'kaltura-start', 1),
  cmd(g4, '2026-11-17T10:00:00.000Z', 'kaltura-list', 5),
  cmd(g4, '2026-11-17T11:00:00.000Z', 'kaltura-list', 6),
  f.meetingCreated(g1, '2026-11-18T12:00:00.000Z', 'm3', u(1)),
  f.joinLink(g1, '2026-11-18T12:01:00.000Z', 'm3', u(5)),
  f.meetingEnded(g1, '2026-11-18T13:00:00.000Z', 'm3'),
  cmd(g1, '2026-11-20T10:00:00.000Z', 'kaltura-stats', 2),
  cmd(g1, '2026-11-21T23:59:59.999Z', 'kaltura-list', 1),
  // The day of the daily report: 2026-11-22
  cmd(g1, '2026-11-22T08:00:00.000Z', 'kaltura-start', 1, 'ok', 100),
  cmd(g1, '2026-11-22T09:00:00.000Z', 'kaltura-start', 2, 'error', 300),
  cmd(g1, '2026-11-22T10:00:00.000Z', 'kaltura-list', 1, 'ok', 10),
  cmd(g2, '2026-11-22T11:00:00.000Z', 'kaltura-list', 3, 'denied', 20),
  cmd(null, '2026-11-22T12:00:00.000Z', 'kaltura-video-search', 4, 'invalid', 40),
  f.meetingCreated(g1, '2026-11-22T12:00:00.000Z', 'm4', u(1)),
  webhook('2026-11-22T12:00:01.000Z', 'OBJECT_CHANGED', 'entry'),
  webhook('2026-11-22T12:00:02.000Z', 'OBJECT_CHANGED', 'entry'),
  webhook('2026-11-22T12:00:03.000Z', 'custom "x", y', 'entry'),
  apiFailed(g1, '2026-11-22T13:00:00.000Z', 'INVALID_KS'),
  sent(g1, '2026-11-22T14:00:00.000Z', 'meeting_start'),
  sent(g1, '2026-11-22T14:00:01.000Z', 'meeting_start'),
  failed(g1, '2026-11-22T14:00:02.000Z', 'meeting_end'),
  poison,
  // Outside every period: the report day's end, and later
  cmd(g1, '2026-11-23T00:00:00.000Z', 'kaltura-list', 1),
];
