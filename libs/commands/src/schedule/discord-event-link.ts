import type { REST } from '@discordjs/rest';
import { createScheduledEvent, discordRoutes, type ScheduledEventDraft } from '@kd/discord';
import type { DiscordEventFacts, MeetingSummary } from '@kd/meetings';
import type { Logger } from '@kd/observability';

/** How the meeting's Discord scheduled event turned out, for the reply. */
export type DiscordEventResult = 'created' | 'missing_permission' | 'failed';

export interface DiscordEvents {
  rest: Pick<REST, 'get' | 'post' | 'patch' | 'delete'>;
  facts: DiscordEventFacts;
}

/**
 * Creates the Discord event of a scheduled meeting and records the outcome. Discord being down
 * or refusing loses nothing: the meeting exists; the failure is recorded and told to the member.
 */
export async function openDiscordEvent(
  events: DiscordEvents,
  meeting: MeetingSummary,
  draft: ScheduledEventDraft,
  ctx: { correlationId: string; now: Date; logger: Logger },
): Promise<DiscordEventResult> {
  const guildId = meeting.guildId ?? '';
  const recordCtx = { correlationId: ctx.correlationId, occurredAt: ctx.now };
  let reason: string;
  try {
    const outcome = await createScheduledEvent(events.rest, guildId, draft);
    if (outcome.kind === 'ok') {
      await events.facts.linked(
        { meetingId: meeting.meetingId, guildId },
        outcome.event.id,
        recordCtx,
      );
      return 'created';
    }
    reason = outcome.kind === 'forbidden' ? outcome.reason : 'unavailable: guild not found';
  } catch (error) {
    ctx.logger.warn(
      { err: error, meetingId: meeting.meetingId },
      'could not create the Discord event',
    );
    reason = `unavailable: ${String(error)}`.slice(0, 500);
  }
  await events.facts.record(meeting.meetingId, { kind: 'failed', reason }, recordCtx);
  return reason.startsWith('missing_permissions') ? 'missing_permission' : 'failed';
}

/** The channel's name for the event's location; none when Discord will not say. */
export async function channelName(
  rest: Pick<REST, 'get'>,
  channelId: string,
): Promise<string | undefined> {
  try {
    const channel = (await rest.get(discordRoutes.channel(channelId))) as { name?: unknown };
    return typeof channel.name === 'string' ? channel.name : undefined;
  } catch {
    return undefined;
  }
}
