import type { Meeting } from '@kd/meetings';
import type { GuildConfig, NotificationKind } from '@kd/guild-config';

/** The states the living message shows, in lifecycle order (`canceled` ends a scheduled one). */
export type LivingStage = 'scheduled' | 'canceled' | 'live' | 'ended' | 'recording';

/** The notification kind whose switch, template and channel a stage uses. */
export const kindOfStage = {
  scheduled: 'meeting_scheduled',
  canceled: 'meeting_scheduled',
  live: 'meeting_start',
  ended: 'meeting_end',
  recording: 'recording_ready',
} as const satisfies Record<LivingStage, NotificationKind>;

/** The stages a meeting went through, oldest first, from its whole history. */
export function reachedStages(view: Meeting): LivingStage[] {
  const stages: LivingStage[] = [];
  if (view.scheduledFor) stages.push('scheduled');
  if (view.canceledAt !== null && view.status === 'created') return [...stages, 'canceled'];
  if (view.startedAt) stages.push('live');
  if (view.status === 'ended') stages.push('ended');
  if (view.recordingEntryIds.length > 0 && view.status !== 'live') stages.push('recording');
  return stages;
}

/** Whether a guild shows a kind at all (`notifications.types.*`; recordings need the feature). */
export function kindShown(config: GuildConfig, kind: NotificationKind): boolean {
  if (!config.notifications.types[kind]) return false;
  return kind !== 'recording_ready' || config.features.recordings;
}

/**
 * The stage the message shows: the latest one reached whose kind the guild shows. Rendered from
 * the whole history, so a late or redelivered `meeting.started` never takes an ended meeting back.
 */
export function shownStage(view: Meeting, config: GuildConfig): LivingStage | null {
  const reached = reachedStages(view);
  for (let i = reached.length - 1; i >= 0; i--) {
    const stage = reached[i];
    if (stage && kindShown(config, kindOfStage[stage])) return stage;
  }
  return null;
}
