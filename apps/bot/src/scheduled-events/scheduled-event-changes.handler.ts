import { Inject, Injectable } from '@nestjs/common';
import type { ScheduledEventChange } from '@kd/discord';
import { CLOCK, type Clock } from '@kd/events';
import type { DiscordEventFacts } from '@kd/meetings';
import type { Logger } from '@kd/observability';
import { COMMAND_RUNTIME, LOGGER } from '../bot.tokens.js';

export type ChangeOutcome = 'recorded' | 'unchanged' | 'not_a_meeting';

/**
 * Records RSVPs and deletions of the Discord events that mirror meetings. The meeting is found
 * from durable state (the directory entry written when the event was linked); an event of
 * another guild, or one we did not create, is ignored.
 */
@Injectable()
export class ScheduledEventChangesHandler {
  constructor(
    @Inject(COMMAND_RUNTIME) private readonly runtime: { discordEventFacts: DiscordEventFacts },
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(change: ScheduledEventChange, correlationId: string): Promise<ChangeOutcome> {
    const facts = this.runtime.discordEventFacts;
    const link = await facts.meetingOf(change.discordEventId);
    if (!link || link.guildId !== change.guildId) return 'not_a_meeting';
    const actor =
      change.kind === 'deleted'
        ? { kind: 'system' as const, id: 'discord' }
        : { kind: 'user' as const, id: change.userId };
    const { recorded } = await facts.record(link.meetingId, change, {
      correlationId,
      actor,
      occurredAt: this.clock(),
    });
    this.logger.info(
      { meetingId: link.meetingId, kind: change.kind, recorded },
      'scheduled event change',
    );
    return recorded ? 'recorded' : 'unchanged';
  }
}
