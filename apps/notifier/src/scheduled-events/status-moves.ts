import { GuildScheduledEventStatus } from '@kd/discord';
import type { MeetingState } from '@kd/meetings';

const { Scheduled, Active, Completed, Canceled } = GuildScheduledEventStatus;

/**
 * Where the meeting's Discord event should stand, from the meeting as its whole history tells
 * (not the one event being handled): a late or redelivered `started` never undoes `ended`.
 */
export function targetStatus(meeting: MeetingState): GuildScheduledEventStatus | undefined {
  if (meeting.status === 'none') return undefined;
  if (meeting.canceledAt) return Canceled;
  if (meeting.status === 'ended') return Completed;
  if (meeting.status === 'live') return Active;
  return undefined;
}

/**
 * The PATCHes that take the event from `current` to `target`, in the only order Discord allows
 * (Scheduled → Active → Completed, Scheduled → Canceled). Nothing when it is there already or
 * cannot get there (a completed event is never reopened).
 */
export function statusMoves(
  current: GuildScheduledEventStatus,
  target: GuildScheduledEventStatus,
): GuildScheduledEventStatus[] {
  if (current === target) return [];
  if (current === Scheduled && target === Active) return [Active];
  // A meeting ended without Kaltura reporting its start still took place: it passes through Active.
  if (current === Scheduled && target === Completed) return [Active, Completed];
  if (current === Scheduled && target === Canceled) return [Canceled];
  if (current === Active && target === Completed) return [Completed];
  return [];
}
