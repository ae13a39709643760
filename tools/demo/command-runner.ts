import type { EventStore } from '@kd/event-store';
import type { PlannedCommand } from './command-mix.js';
import type { DemoTally } from './demo-tally.js';
import { interactionPayload } from './interaction-payload.js';
import type { DiscordSimClient, SimInteractionResult } from './sim-clients.js';
import { sleep } from './timers.js';

/** How long to wait for a deferred reply (the api edits `@original` after calling Kaltura). */
const FOLLOW_UP_WAIT_MS = 10_000;

/**
 * Sends one planned slash command through discord-sim (signed like Discord, posted to the api),
 * then reads back the `command.executed` the api recorded for it to count its real outcome.
 */
export class CommandRunner {
  constructor(
    private readonly discord: DiscordSimClient,
    private readonly store: EventStore,
    private readonly tally: DemoTally,
  ) {}

  async run(planned: PlannedCommand): Promise<SimInteractionResult | undefined> {
    this.tally.interactions.sent++;
    this.tally.interactions.byExpectation[planned.expect]++;
    let result: SimInteractionResult;
    try {
      result = await this.discord.send(interactionPayload(planned), FOLLOW_UP_WAIT_MS);
    } catch (error) {
      this.tally.interactions.failed++;
      this.tally.outcome(planned.command, 'not_sent');
      throw error;
    }
    if (result.status !== 200) {
      this.tally.interactions.failed++;
      this.tally.outcome(planned.command, `http_${result.status ?? 'unreachable'}`);
      throw new Error(`${planned.command}: the api answered ${result.status ?? 'nothing'}`);
    }
    this.tally.interactions.answered++;
    this.tally.outcome(planned.command, await this.recordedOutcome(result.interaction.id));
    return result;
  }

  private async recordedOutcome(interactionId: string): Promise<string> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const [recorded] = await this.store.readAggregate('command', interactionId);
      if (recorded?.event.type === 'command.executed')
        return (recorded.event.payload as { outcome: string }).outcome;
      await sleep(250 * (attempt + 1));
    }
    return 'unrecorded';
  }
}

/**
 * The meeting id in `/kaltura-start`'s reply ("… `/kaltura-join meeting-id:<id>` …"), whatever
 * the member's language (the command and option names are localized too).
 */
export function meetingIdIn(result: SimInteractionResult | undefined): string | undefined {
  const text = result?.followUp?.content ?? '';
  return /`\/\S+ [^\s:]+:([\w-]+)`/u.exec(text)?.[1];
}
