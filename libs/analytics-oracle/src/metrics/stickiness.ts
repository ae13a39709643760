import type { History } from '../history/history.types.js';
import type { Stickiness } from '@kd/analytics';
import { mean, median } from '../stats.js';
import { lastDays } from '../time/clock.js';
import { byGuild, commandsIn, countDistinct, installedGuilds } from './command-window.js';

const WINDOW_DAYS = 30;

/** Active days in the last 30 complete days per installed guild with ≥1 command in them. */
export function stickiness(history: History): Stickiness {
  const perGuild = byGuild(commandsIn(history, lastDays(history.clock, WINDOW_DAYS)));
  const rows = installedGuilds(history)
    .filter((g) => perGuild.has(g.guildId))
    .map((g) => ({
      guild_id: g.guildId,
      active_days: countDistinct(perGuild.get(g.guildId) ?? [], (c) => String(c.day)),
    }))
    .sort((a, b) => (a.guild_id < b.guild_id ? -1 : a.guild_id > b.guild_id ? 1 : 0));
  const days = rows.map((r) => r.active_days);
  const avg = mean(days);
  return {
    window_days: WINDOW_DAYS,
    guilds: rows.length,
    active_days_mean: avg,
    active_days_median: median(days),
    dau_mau: avg === null ? null : avg / WINDOW_DAYS,
    per_guild: rows,
  };
}
