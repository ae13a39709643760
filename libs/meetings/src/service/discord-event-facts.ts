import { CommandHandler, conflictBackoff, type EventStore } from '@kd/event-store';
import type { Actor } from '@kd/events';
import type { Logger } from '@kd/observability';
import {
  decideDiscordEventFact,
  type DiscordEventFact,
} from '../domain/meeting-schedule.decider.js';
import { parseMeetingId } from '../domain/meeting-id.js';
import { discordEventKey } from '../domain/kaltura-fact.js';
import { meetingAggregate, meetingEvents } from './meeting-aggregate.js';
import type { MeetingDirectory, RoomLink } from './meeting-directory.js';
import { summarize, type MeetingSummary } from './meeting-summary.js';

export interface DiscordFactContext {
  correlationId: string;
  /** The event that led to this fact (the `meeting.*` event synced, a gateway dispatch). */
  causationId?: string | undefined;
  actor?: Actor;
  occurredAt: Date;
}

export interface RecordedFact {
  /** False when the fact was already recorded, or the meeting is unknown. */
  recorded: boolean;
  meeting: MeetingSummary | undefined;
}

/**
 * What Discord says about a meeting's scheduled event (linked, refused, deleted, RSVPs), recorded
 * on the meeting's subject. No Kaltura needed: the notifier and the bot use it directly.
 */
export class DiscordEventFacts {
  private readonly handler: CommandHandler;

  constructor(
    store: EventStore,
    logger: Logger,
    private readonly directory?: MeetingDirectory,
  ) {
    this.handler = new CommandHandler({
      store,
      logger: logger.child({ context: 'DiscordEventFacts' }),
    });
  }

  /** Links the Discord event to its meeting in the directory first, then records it. */
  async linked(
    ref: RoomLink,
    discordEventId: string,
    ctx: DiscordFactContext,
  ): Promise<RecordedFact> {
    await this.directory?.link(discordEventKey(discordEventId), ref);
    return this.record(ref.meetingId, { kind: 'linked', discordEventId }, ctx);
  }

  /** The meeting a Discord scheduled event mirrors, from durable state (not a projection). */
  async meetingOf(discordEventId: string): Promise<RoomLink | undefined> {
    return this.directory?.find(discordEventKey(discordEventId));
  }

  async record(
    meetingIdInput: string,
    fact: DiscordEventFact,
    ctx: DiscordFactContext,
  ): Promise<RecordedFact> {
    const meetingId = parseMeetingId(meetingIdInput);
    if (!meetingId) return { recorded: false, meeting: undefined };
    const { state, appended } = await this.handler.handle(
      meetingAggregate,
      meetingId,
      (current) => {
        const guildId = current.status === 'none' ? null : current.guildId;
        return meetingEvents(decideDiscordEventFact(fact, current), () => ({
          actor: ctx.actor ?? { kind: 'system', id: 'discord' },
          correlationId: ctx.correlationId,
          ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
          guildId,
          occurredAt: ctx.occurredAt,
        }));
      },
      { policy: { maxAttempts: 5, conflict: conflictBackoff } },
    );
    return {
      recorded: appended.length > 0,
      meeting: state.status === 'none' ? undefined : summarize(state),
    };
  }
}
