import type { DomainEvent } from '@kd/events';
import { flattenDefaults } from '../config/config-state.js';
import type { JsonObject } from '../json.js';
import { DAY_MS, dayOf } from '../time/utc-time.js';
import { simulateGuild } from './guild-simulation.js';
import {
  addFutureEvents,
  addOrphanMeetingEvents,
  addPreInstallCommands,
  addUnknownGuilds,
  defaultHostileOptions,
  duplicateSome,
  type HostileOptions,
  type HostileReport,
} from './hostile.js';
import { IdMint } from './id-mint.js';
import { Rng } from './prng.js';
import { syntheticDefaultConfig } from './synthetic-defaults.js';
import { Timeline } from './timeline.js';
import type { World } from './world.js';

export interface HistoryOptions {
  seed: number;
  /** Guilds that install the bot (unknown guilds come on top). */
  guilds: number;
  /** Length of the history: installs spread over the `days` days before `now`. */
  days: number;
  now: Date;
  /** Defaults the configuration changes refer to (values set back to default). */
  defaults?: JsonObject;
  /** Bad input to mix in; `false` for a clean history. */
  hostile?: Partial<HostileOptions> | false;
}

export interface GeneratedHistory {
  /** In recorded (stream) order, duplicates included. */
  events: DomainEvent[];
  /** Guilds with at least one `guild.installed` (some uninstalled by now). */
  installedGuildIds: string[];
  hostile: HostileReport;
}

/** A deterministic synthetic event log (same options → same events) for analytics tests. */
export function generateHistory(options: HistoryOptions): GeneratedHistory {
  const nowMs = options.now.getTime();
  const root = new Rng(options.seed);
  const hostile =
    options.hostile === false
      ? noHostility
      : { ...defaultHostileOptions(options.guilds), ...options.hostile };
  const world: World = {
    timeline: new Timeline(),
    mint: new IdMint(),
    defaults: flattenDefaults(options.defaults ?? syntheticDefaultConfig),
    startMs: (dayOf(nowMs) - options.days) * DAY_MS,
    nowMs,
    lateRate: hostile.lateRate,
    lateIds: [],
  };
  const guilds = Array.from({ length: options.guilds }, (_, i) =>
    simulateGuild(world, root.fork(i)),
  );
  const extra = root.fork(options.guilds + 1);
  const report = {
    unknownGuildIds: addUnknownGuilds(world, extra.fork(1), hostile.unknownGuilds),
    preInstallEventIds: addPreInstallCommands(guilds, extra.fork(2), hostile.preInstallGuilds),
    futureEventIds: addFutureEvents(
      world,
      guilds,
      extra.fork(3),
      guilds.length > 0 ? hostile.futureEvents : 0,
    ),
    orphanMeetingEventIds: addOrphanMeetingEvents(
      world,
      guilds,
      extra.fork(4),
      guilds.length > 0 ? hostile.orphanMeetingEvents : 0,
    ),
  };
  const duplicated = duplicateSome(
    world.timeline.recorded(nowMs),
    extra.fork(5),
    hostile.duplicateRate,
  );
  const present = new Set(duplicated.events.map((e) => e.id));
  return {
    events: duplicated.events,
    installedGuildIds: guilds.map((g) => g.sim.guildId),
    hostile: {
      ...report,
      duplicateIds: duplicated.ids,
      lateIds: world.lateIds.filter((id) => present.has(id)),
      preInstallEventIds: report.preInstallEventIds.filter((id) => present.has(id)),
    },
  };
}

const noHostility: HostileOptions = {
  duplicateRate: 0,
  lateRate: 0,
  unknownGuilds: 0,
  preInstallGuilds: 0,
  futureEvents: 0,
  orphanMeetingEvents: 0,
};
