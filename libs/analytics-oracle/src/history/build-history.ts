import type { DomainEvent } from '@kd/events';
import { flattenDefaults } from '../config/config-state.js';
import type { JsonObject } from '../json.js';
import type { Clock } from '../time/clock.js';
import { foldGuildEvent, guildOf } from './guild-folds.js';
import type { History } from './history.types.js';
import { foldMeetingCreated, foldMeetingLifecycle } from './meeting-folds.js';
import type { Fact } from './prepare-events.js';

/**
 * Folds prepared facts (deduped, ≤ now, in (occurredAt, seq) order) into per-guild/meeting state;
 * `personOf` folds participant ids onto people (default: each id its own person).
 */
export function buildHistory(
  facts: readonly Fact[],
  clock: Clock,
  defaults: JsonObject,
  personOf: (participantId: string) => string = (id) => id,
): History {
  const history: History = {
    clock,
    personOf,
    defaults: flattenDefaults(defaults),
    guilds: new Map(),
    commands: [],
    meetings: new Map(),
  };
  for (const fact of facts) foldFact(history, fact);
  // Lifecycle events attach to their meeting whatever their time relative to the creation.
  for (const fact of facts) foldLifecycle(history, fact.event, fact.at);
  return history;
}

function foldFact(history: History, { event, at, day }: Fact): void {
  if (event.guildId !== null) guildOf(history, event.guildId);
  switch (event.type) {
    case 'guild.installed':
    case 'guild.uninstalled':
    case 'guild.member_count_changed':
    case 'config.updated':
    case 'config.reset':
      if (event.guildId !== null)
        foldGuildEvent(guildOf(history, event.guildId), event, at, history);
      return;
    case 'command.executed':
      if (event.guildId === null) return;
      history.commands.push({ guildId: event.guildId, at, day, ...pickCommand(event) });
      return;
    case 'meeting.created':
      foldMeetingCreated(history, event, at);
      return;
    case 'meeting.join_link_issued':
    case 'meeting.started':
    case 'meeting.participant_joined':
    case 'meeting.participant_left':
    case 'meeting.ended':
    case 'meeting.recording_ready':
    // Scheduling feeds only analytics.scheduled_meetings (SQL-only, docs/analytics-rules.md §7).
    case 'meeting.scheduled':
    case 'meeting.canceled':
    case 'meeting.discord_event_linked':
    case 'meeting.discord_event_failed':
    case 'meeting.discord_event_deleted':
    case 'meeting.rsvp_added':
    case 'meeting.rsvp_removed':
    case 'kaltura.webhook_received':
    case 'kaltura.webhook_parked':
    case 'kaltura.api_failed':
    case 'notification.sent':
    case 'notification.failed':
    case 'notification.announcement_posted':
    case 'notification.announcement_deleted':
    case 'auth.token_revoked':
    case 'person.linked':
    case 'person.link_failed':
    case 'person.forgotten':
    case 'guild.video_access_granted':
    case 'guild.video_access_revoked':
      return;
  }
}

function pickCommand({ payload }: DomainEvent<'command.executed'>) {
  return {
    userId: payload.userId,
    command: payload.command,
    outcome: payload.outcome,
    locale: payload.locale ?? 'unknown',
  };
}

type LifecycleEvent = Parameters<typeof foldMeetingLifecycle>[1];
const lifecycleTypes: ReadonlySet<string> = new Set<LifecycleEvent['type']>([
  'meeting.join_link_issued',
  'meeting.started',
  'meeting.participant_joined',
  'meeting.participant_left',
  'meeting.ended',
]);

function isLifecycle(event: DomainEvent): event is LifecycleEvent {
  return lifecycleTypes.has(event.type);
}

function foldLifecycle(history: History, event: DomainEvent, at: number): void {
  if (!isLifecycle(event)) return;
  const meeting = history.meetings.get(event.payload.meetingId);
  if (meeting) foldMeetingLifecycle(meeting, event, at, history.personOf);
}
