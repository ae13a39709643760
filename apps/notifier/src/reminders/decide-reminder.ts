import { discordLimits, meetingButtons, truncate } from '@kd/discord';
import { renderTemplate, type GuildConfig } from '@kd/guild-config';
import type { MeetingState } from '@kd/meetings';
import { escapeUserText } from '../notifications/escape-user-text.js';

/** Why a pending reminder is dropped without a message. */
export type ReminderDrop =
  'unknown_meeting' | 'canceled' | 'already_started' | 'too_late' | 'reminders_off' | 'no_channel';

export type ReminderDecision =
  | { action: 'wait'; dueAt: Date }
  | { action: 'drop'; reason: ReminderDrop }
  | {
      action: 'send';
      channelId: string;
      content: string;
      components: Record<string, unknown>[];
    };

/**
 * Whether a scheduled meeting's reminder is due at `now`: `notifications.reminder_minutes`
 * before its start (0 = off), if `notifications.types.meeting_reminder` is on, in the channel
 * `notifications.channels.meeting_reminder` names (`default`: where it was scheduled). A meeting
 * canceled or already started gets none; nor does one whose start has passed (the notifier was down).
 */
export function decideReminder(
  meeting: MeetingState,
  config: GuildConfig,
  now: Date,
): ReminderDecision {
  if (meeting.status === 'none' || !meeting.schedule) return drop('unknown_meeting');
  if (meeting.canceledAt) return drop('canceled');
  if (meeting.status !== 'created') return drop('already_started');
  const n = config.notifications;
  if (!n.enabled || !n.types.meeting_reminder || n.reminder_minutes <= 0)
    return drop('reminders_off');
  const startsAt = new Date(meeting.schedule.startsAt);
  if (now >= startsAt) return drop('too_late');
  const dueAt = new Date(startsAt.getTime() - n.reminder_minutes * 60_000);
  if (now < dueAt) return { action: 'wait', dueAt };
  const configured = n.channels.meeting_reminder;
  const channelId = configured === 'default' ? meeting.schedule.channelId : configured;
  if (!channelId) return drop('no_channel');
  const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
  const content = renderTemplate(n.templates.meeting_reminder, {
    title: escapeUserText(meeting.title),
    meetingId: meeting.meetingId,
    meetingType: meeting.type,
    startsAt: `<t:${Math.floor(startsAt.getTime() / 1000)}:F>`,
    minutes: String(minutes),
  });
  return {
    action: 'send',
    channelId,
    content: truncate(content, discordLimits.content),
    components: meetingButtons(meeting.meetingId),
  };
}

const drop = (reason: ReminderDrop): ReminderDecision => ({ action: 'drop', reason });
