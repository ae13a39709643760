import type { CommandFact, GuildState, History } from '../history/history.types.js';
import { inRange, type DayRange } from '../time/clock.js';
import { dayOf } from '../time/utc-time.js';

export function commandsIn(history: History, range: DayRange): CommandFact[] {
  return history.commands.filter((c) => inRange(c.day, range));
}

/** guild id → its commands in the list. */
export function byGuild(commands: readonly CommandFact[]): Map<string, CommandFact[]> {
  const groups = new Map<string, CommandFact[]>();
  for (const c of commands) {
    const group = groups.get(c.guildId);
    if (group) group.push(c);
    else groups.set(c.guildId, [c]);
  }
  return groups;
}

export function installedGuilds(history: History): GuildState[] {
  return [...history.guilds.values()].filter((g) => g.installed);
}

export function installDayOf(guild: GuildState): number | null {
  return guild.firstInstallAt === null ? null : dayOf(guild.firstInstallAt);
}

export function countDistinct<T>(items: readonly T[], key: (item: T) => string): number {
  return new Set(items.map(key)).size;
}
