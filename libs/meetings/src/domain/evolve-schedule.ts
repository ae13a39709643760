import type { MeetingDraft } from './meeting-draft.js';
import type { MeetingEvent } from './meeting-state.js';

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
export function evolveSchedule(d: MeetingDraft, event: ScheduleEvent): void {
  const m = d.meeting;
  switch (event.type) {
    case 'meeting.scheduled': {
      const { startsAt, durationMinutes, timezone, scheduledBy, channelId } = event.payload;
      m.schedule = { startsAt, durationMinutes, timezone, scheduledBy, channelId };
      m.scheduledFor = startsAt;
      return;
    }
    case 'meeting.canceled':
      if (!m.canceledAt) {
        m.canceledAt = event.occurredAt;
        m.canceledBy = event.payload.canceledBy;
      }
      return;
    case 'meeting.discord_event_linked':
      m.discordEvent = { state: 'linked', discordEventId: event.payload.discordEventId };
      return;
    case 'meeting.discord_event_failed':
      m.discordEvent = { state: 'failed', reason: event.payload.reason };
      return;
    case 'meeting.discord_event_deleted':
      m.discordEvent = { state: 'deleted', discordEventId: event.payload.discordEventId };
      return;
    case 'meeting.rsvp_added':
      d.add('rsvps', event.payload.userId);
      return;
    case 'meeting.rsvp_removed':
      d.remove('rsvps', event.payload.userId);
      return;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
