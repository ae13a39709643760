import { deliveryDelay, type GuildSim } from './world.js';

export type Outcome = 'ok' | 'error' | 'denied' | 'invalid';
export type OptionValue = string | number | boolean | null;

/** A `command.executed` just emitted, for the events it causes. */
export interface IssuedCommand {
  id: string;
  at: number;
  userId: string;
  correlationId: string;
}

const errorCodes: Record<Outcome, readonly string[]> = {
  ok: [],
  error: ['KALTURA.UNAVAILABLE', 'KALTURA.TIMEOUT', 'INTERNAL.UNEXPECTED', 'MEETING.NOT_FOUND'],
  denied: ['PERMISSION.MISSING_ROLE', 'PERMISSION.COMMAND_DISABLED'],
  invalid: ['VALIDATION.BAD_OPTION', 'VALIDATION.UNKNOWN_KEY'],
};

export interface CommandSpec {
  at: number;
  command: string;
  outcome: Outcome;
  userId: string;
  options?: Record<string, OptionValue>;
  /** recordedAt − occurredAt; by default a delivery delay (sometimes hours, via the gateway). */
  delayMs?: number;
}

/** Emits one `command.executed`; its id is the interaction id, as the bot derives it. */
export function issueCommand(sim: GuildSim, spec: CommandSpec): IssuedCommand {
  const { rng, world } = sim;
  const { at, command, outcome, userId } = spec;
  const interactionId = world.mint.snowflakeAt(at);
  const transport = rng.chance(0.65) ? 'gateway' : 'http';
  const correlationId = `corr-${interactionId}`;
  world.timeline.emit(
    'command.executed',
    {
      interactionId,
      command,
      commandVersion: 1,
      options: spec.options ?? {},
      userId,
      channelId: rng.chance(0.02) ? null : rng.pick(sim.channels),
      outcome,
      errorCode: outcome === 'ok' ? null : rng.pick(errorCodes[outcome]),
      durationMs: rng.int(15, outcome === 'error' ? 5000 : 1500),
      transport,
      locale: localeOf(userId),
      guildLocale: sim.guildId.endsWith('7') ? 'de' : 'en-US',
    },
    {
      at,
      guildId: sim.guildId,
      actor: { kind: 'user', id: userId },
      correlationId,
      id: interactionId,
      delayMs: spec.delayMs ?? deliveryDelay(sim, interactionId, transport === 'gateway'),
    },
  );
  return { id: interactionId, at, userId, correlationId };
}

/** `/kaltura-join` that succeeded, and the join link it issued. */
export function issueJoinLink(sim: GuildSim, at: number, userId: string, meetingId: string): void {
  const command = issueCommand(sim, {
    at,
    command: 'kaltura-join',
    outcome: 'ok',
    userId,
    options: { meeting: meetingId },
  });
  sim.world.timeline.emit(
    'meeting.join_link_issued',
    { meetingId, userId, kalturaRole: sim.rng.chance(0.1) ? 'adminRole' : 'viewerRole' },
    {
      at: at + sim.rng.int(100, 900),
      guildId: sim.guildId,
      actor: { kind: 'user', id: userId },
      correlationId: command.correlationId,
      causationId: command.id,
      id: sim.rng.uuid(),
      delayMs: sim.rng.int(3, 200),
    },
  );
}

/** Discord client languages of the synthetic members, roughly as a European community's. */
const memberLocales = ['en-US', 'en-US', 'en-GB', 'de', 'es-ES', 'fr', 'pt-BR', 'ja'] as const;

/**
 * A member's locale, fixed by their id (no random draw, so the rest of a seeded history stays as
 * it was); a few members' clients send none (null).
 */
function localeOf(userId: string): string | null {
  const n = Number(userId.slice(-4));
  return n % 29 === 0 ? null : (memberLocales[n % memberLocales.length] ?? 'en-US');
}
