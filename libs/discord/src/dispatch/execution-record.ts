import { discordLocaleCode, type PayloadOf } from '@kd/events';
import type { OptionValue } from '../interactions/interaction.schema.js';
import type { CommandInvocation, CommandVia } from '../interactions/command-invocation.js';
import type { CommandOutcome } from './command-outcome.js';

/** What the dispatcher reports about one execution; the caller records it as `command.executed`. */
export interface ExecutionRecord {
  /** Our command name, or `unknown` for a name we do not define. */
  command: string;
  /** The definition's version; 1 for an unknown command (the event requires a positive version). */
  commandVersion: number;
  /** Sanitized for the event log (see sanitizeOptionsForEvent). */
  options: Record<string, OptionValue>;
  outcome: CommandOutcome;
  errorCode: string | null;
  durationMs: number;
  /** Set when the command was asked for by a button press rather than typed. */
  via?: CommandVia;
}

export type RecordExecution = (
  invocation: CommandInvocation,
  record: ExecutionRecord,
) => Promise<void>;

/** The `command.executed` payload for an execution. */
export function toCommandExecutedPayload(
  invocation: CommandInvocation,
  record: ExecutionRecord,
): PayloadOf<'command.executed'> {
  return {
    interactionId: invocation.interactionId,
    command: record.command,
    commandVersion: record.commandVersion,
    options: record.options,
    userId: invocation.user.id,
    channelId: invocation.channelId,
    outcome: record.outcome,
    errorCode: record.errorCode,
    durationMs: record.durationMs,
    transport: invocation.transport,
    ...(record.via ? { via: record.via } : {}),
    locale: eventLocale(invocation.locale),
    guildLocale: eventLocale(invocation.guildLocale),
  };
}

/** A locale as the event stores it; anything that is not a locale code is left out (null). */
function eventLocale(value: string | null | undefined): string | null {
  return value && discordLocaleCode.safeParse(value).success ? value : null;
}
