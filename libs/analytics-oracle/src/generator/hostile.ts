import type { DomainEvent } from '@kd/events';
import { DAY_MS } from '../time/utc-time.js';
import type { GuildOutline } from './guild-simulation.js';
import { newGuildSim } from './guild-simulation.js';
import { issueCommand } from './issue-command.js';
import type { Rng } from './prng.js';
import { randomCommand } from './random-command.js';
import { HOUR_MS, MINUTE_MS, type World } from './world.js';

/** How much bad input to mix in. Rates are shares of events; counts are absolute. */
export interface HostileOptions {
  /** Share of events appended a second time, identical (same id), later in the stream. */
  duplicateRate: number;
  /** Share of gateway-delivered events recorded 1–72 hours after they occurred. */
  lateRate: number;
  /** Guild ids that run commands but never had a `guild.installed`. */
  unknownGuilds: number;
  /** Installed guilds with a few commands before their first install. */
  preInstallGuilds: number;
  /** Events that occurred far after `now` (a skewed clock), recorded before it. */
  futureEvents: number;
  /** Participant events for meetings that were never created. */
  orphanMeetingEvents: number;
}

/** Ids of the events carrying each kind of bad input (all present in `events`). */
export interface HostileReport {
  duplicateIds: string[];
  lateIds: string[];
  unknownGuildIds: string[];
  preInstallEventIds: string[];
  futureEventIds: string[];
  orphanMeetingEventIds: string[];
}

export function defaultHostileOptions(guilds: number): HostileOptions {
  return {
    duplicateRate: 0.005,
    lateRate: 0.02,
    unknownGuilds: Math.max(2, Math.round(guilds / 60)),
    preInstallGuilds: Math.max(2, Math.round(guilds / 40)),
    futureEvents: 6,
    orphanMeetingEvents: 4,
  };
}

export function addUnknownGuilds(world: World, rng: Rng, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const sim = newGuildSim(world, rng.fork(i), world.startMs - 300 * DAY_MS);
    for (let k = rng.int(3, 12); k > 0; k -= 1)
      randomCommand(sim, rng.int(world.startMs, world.nowMs - 1));
    return sim.guildId;
  });
}

export function addPreInstallCommands(
  guilds: readonly GuildOutline[],
  rng: Rng,
  count: number,
): string[] {
  return guilds.slice(0, count).flatMap(({ sim, firstInstallAt }) =>
    Array.from({ length: rng.int(1, 4) }, () => {
      const at = firstInstallAt - rng.int(HOUR_MS, 10 * DAY_MS);
      const userId = rng.pick(sim.users);
      return issueCommand(sim, { at, command: 'kaltura-list', outcome: 'ok', userId }).id;
    }),
  );
}

export function addFutureEvents(
  world: World,
  guilds: readonly GuildOutline[],
  rng: Rng,
  count: number,
): string[] {
  return Array.from({ length: count }, () => {
    const { sim } = rng.pick(guilds);
    const at = world.nowMs + rng.int(2, 400) * DAY_MS;
    const delayMs = world.nowMs - at - rng.int(MINUTE_MS, 10 * DAY_MS);
    if (rng.chance(0.7)) {
      const userId = rng.pick(sim.users);
      return issueCommand(sim, { at, command: 'kaltura-stats', outcome: 'ok', userId, delayMs }).id;
    }
    const id = rng.uuid();
    const actor = { kind: 'system', id: 'discord-gateway' } as const;
    world.timeline.emit(
      'guild.member_count_changed',
      { memberCount: rng.int(1, 500) },
      {
        at,
        guildId: sim.guildId,
        actor,
        correlationId: `gw-${id}`,
        id,
        delayMs,
      },
    );
    return id;
  });
}

export function addOrphanMeetingEvents(
  world: World,
  guilds: readonly GuildOutline[],
  rng: Rng,
  count: number,
): string[] {
  return Array.from({ length: count }, () => {
    const { sim } = rng.pick(guilds);
    const id = rng.uuid();
    world.timeline.emit(
      'meeting.participant_joined',
      { meetingId: `mtg_orphan_${rng.hex(6)}`, participantId: rng.pick(sim.users) },
      {
        at: rng.int(world.startMs, world.nowMs - 1),
        guildId: sim.guildId,
        actor: { kind: 'kaltura', id: 'kaltura-webhook' },
        correlationId: `orphan-${id}`,
        id,
        delayMs: 100,
      },
    );
    return id;
  });
}

/** Appends a copy of a share of the events again, a little later in the stream. */
export function duplicateSome(
  events: DomainEvent[],
  rng: Rng,
  rate: number,
): { events: DomainEvent[]; ids: string[] } {
  const copies = new Map<number, DomainEvent[]>();
  const ids: string[] = [];
  events.forEach((event, index) => {
    if (!rng.chance(rate)) return;
    const at = Math.min(events.length - 1, index + rng.int(1, 400));
    copies.set(at, [...(copies.get(at) ?? []), structuredClone(event)]);
    ids.push(event.id);
  });
  return { events: events.flatMap((event, index) => [event, ...(copies.get(index) ?? [])]), ids };
}
