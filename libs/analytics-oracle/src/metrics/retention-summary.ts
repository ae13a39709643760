import type { History } from '../history/history.types.js';
import type { RetentionSummary } from '@kd/analytics';
import { ratio } from '../stats.js';
import { lastDays } from '../time/clock.js';
import { byGuild, commandsIn, installDayOf, installedGuilds } from './command-window.js';

export function retentionSummary(history: History): RetentionSummary {
  const installed = installedGuilds(history);
  const activeLast7 = byGuild(commandsIn(history, lastDays(history.clock, 7)));
  return {
    installed_guilds: installed.length,
    weekly_active_servers: ratio(
      installed.filter((g) => activeLast7.has(g.guildId)).length,
      installed.length,
    ),
    command_retention_30d: commandRetention30d(history),
    meeting_retention: meetingRetention(history),
    server_retention_90d: serverRetention90d(history),
  };
}

/** Guilds whose install day is ≥ `days` days before today. */
function installedAtLeast(history: History, days: number) {
  return [...history.guilds.values()].filter((g) => {
    const installDay = installDayOf(g);
    return installDay !== null && installDay <= history.clock.today - days;
  });
}

function commandRetention30d(history: History): number | null {
  const eligible = installedAtLeast(history, 30);
  const commands = byGuild(history.commands);
  const retained = eligible.filter((g) => {
    const day30 = (installDayOf(g) as number) + 30;
    return (commands.get(g.guildId) ?? []).some((c) => c.day >= day30);
  });
  return ratio(retained.length, eligible.length);
}

function meetingRetention(history: History): number | null {
  const meetingsPerOwner = new Map<string, number>();
  for (const m of history.meetings.values()) {
    meetingsPerOwner.set(m.ownerUserId, (meetingsPerOwner.get(m.ownerUserId) ?? 0) + 1);
  }
  const counts = [...meetingsPerOwner.values()];
  return ratio(counts.filter((n) => n >= 2).length, counts.length);
}

function serverRetention90d(history: History): number | null {
  const eligible = installedAtLeast(history, 90);
  const activeLast30 = byGuild(commandsIn(history, lastDays(history.clock, 30)));
  const retained = eligible.filter((g) => g.installed && activeLast30.has(g.guildId));
  return ratio(retained.length, eligible.length);
}
