import type { Meeting, MeetingEvent } from './meeting-state.js';

export type ScheduleEvent = Extract<
  MeetingEvent,
  {
    type:
      | 'meeting.scheduled'
      | 'meeting.canceled'
      | 'meeting.discord_event_linked'
      | 'meeting.discord_event_failed'
      | 'meeting.discord_event_deleted'
      | 'meeting.rsvp_added'
      | 'meeting.rsvp_removed';
  }
>;

/** The scheduling side of a meeting: its start time, cancelation, Discord event and RSVPs. */
export function evolveSchedule(m: Meeting, event: ScheduleEvent): Meeting {
  switch (event.type) {
    case 'meeting.scheduled': {
      const { startsAt, durationMinutes, timezone, scheduledBy, channelId } = event.payload;
      const schedule = { startsAt, durationMinutes, timezone, scheduledBy, channelId };
      return { ...m, schedule, scheduledFor: startsAt };
    }
    case 'meeting.canceled':
      return m.canceledAt
        ? m
        : { ...m, canceledAt: event.occurredAt, canceledBy: event.payload.canceledBy };
    case 'meeting.discord_event_linked':
      return {
        ...m,
        discordEvent: { state: 'linked', discordEventId: event.payload.discordEventId },
      };
    case 'meeting.discord_event_failed':
      return { ...m, discordEvent: { state: 'failed', reason: event.payload.reason } };
    case 'meeting.discord_event_deleted':
      return {
        ...m,
        discordEvent: { state: 'deleted', discordEventId: event.payload.discordEventId },
      };
    case 'meeting.rsvp_added':
      return { ...m, rsvps: new Set([...m.rsvps, event.payload.userId]) };
    case 'meeting.rsvp_removed':
      return { ...m, rsvps: new Set([...m.rsvps].filter((u) => u !== event.payload.userId)) };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
