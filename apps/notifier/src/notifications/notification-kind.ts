import type { DomainEvent } from '@kd/events';
import type { NotificationKind } from '@kd/guild-config';

/**
 * The events that notify, and the configuration kind each one is (config/default_config.json).
 * `meeting.created` has no kind: the `/kaltura-start` reply already announces a new meeting.
 */
export const kindByEventType = {
  'meeting.scheduled': 'meeting_scheduled',
  // These three only refresh a living message (its RSVP count, its canceled state).
  'meeting.canceled': 'meeting_scheduled',
  'meeting.rsvp_added': 'meeting_scheduled',
  'meeting.rsvp_removed': 'meeting_scheduled',
  'meeting.started': 'meeting_start',
  'meeting.ended': 'meeting_end',
  'meeting.recording_ready': 'recording_ready',
  'meeting.participant_joined': 'participant_join',
  'meeting.participant_left': 'participant_leave',
} as const satisfies Record<string, NotificationKind>;

export type NotifyingEventType = keyof typeof kindByEventType;
export type NotifyingEvent = DomainEvent<NotifyingEventType>;

export const notifyingEventTypes = Object.keys(kindByEventType) as NotifyingEventType[];

/** Events that change a living message but never make a post of their own ("separate posts"). */
export const livingOnlyEventTypes: ReadonlySet<string> = new Set([
  'meeting.canceled',
  'meeting.rsvp_added',
  'meeting.rsvp_removed',
]);

export function kindOf(type: NotifyingEventType): NotificationKind {
  return kindByEventType[type];
}

export function isNotifying(event: { type: string }): event is NotifyingEvent {
  return Object.hasOwn(kindByEventType, event.type);
}
