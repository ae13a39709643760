import { isUserFacingCommand, userFacingCommands, type EngagementSummary } from '@kd/analytics';
import type { CommandFact, History } from '../history/history.types.js';
import { mean, median, ratio } from '../stats.js';
import { inRange, lastDays, lastWeeks } from '../time/clock.js';
import { dayOf, isoWeekOf } from '../time/utc-time.js';
import { byGuild, commandsIn, countDistinct, installedGuilds } from './command-window.js';

export function engagementSummary(history: History): EngagementSummary {
  const last30 = commandsIn(history, lastDays(history.clock, 30));
  const uniqueUsers = uniqueUserShares(history, last30);
  return {
    command_usage_rate: commandUsageRate(history),
    unique_users_mean: mean(uniqueUsers),
    unique_users_median: median(uniqueUsers),
    meeting_creation_rate: meetingCreationRate(history),
    meeting_join_rate: meetingJoinRate(history),
    feature_adoption: featureShare(last30),
    feature_adoption_per_guild_mean: featureAdoptionPerGuild(history, last30),
  };
}

function commandUsageRate(history: History): number | null {
  const commands = commandsIn(history, lastDays(history.clock, 7));
  return ratio(
    commands.length,
    countDistinct(commands, (c) => `${c.guildId}|${c.day}`),
  );
}

/** Per installed guild with a member count > 0: users in 30 days / members, capped at 1. */
function uniqueUserShares(history: History, last30: readonly CommandFact[]): number[] {
  const perGuild = byGuild(last30);
  return installedGuilds(history)
    .filter((g) => g.memberCount !== null && g.memberCount > 0)
    .map((g) => {
      const users = countDistinct(perGuild.get(g.guildId) ?? [], (c) => c.userId);
      return Math.min(1, users / (g.memberCount as number));
    });
}

function meetingCreationRate(history: History): number | null {
  const window = lastWeeks(history.clock, 4);
  const created = [...history.meetings.values()].filter(
    (m) => m.guildId !== null && inRange(dayOf(m.createdAt), window),
  ).length;
  const commands = commandsIn(history, window);
  return ratio(
    created,
    countDistinct(commands, (c) => `${c.guildId}|${isoWeekOf(c.day)}`),
  );
}

function meetingJoinRate(history: History): number | null {
  const window = lastDays(history.clock, 30);
  const ended = [...history.meetings.values()].filter(
    (m) => m.endedAt !== null && inRange(dayOf(m.endedAt), window),
  );
  return mean(ended.map((m) => m.participants.size));
}

function featureShare(commands: readonly CommandFact[]): number {
  const used = new Set(commands.map((c) => c.command).filter(isUserFacingCommand));
  return used.size / userFacingCommands.length;
}

function featureAdoptionPerGuild(history: History, last30: readonly CommandFact[]): number | null {
  const perGuild = byGuild(last30);
  const shares = installedGuilds(history)
    .filter((g) => perGuild.has(g.guildId))
    .map((g) => featureShare(perGuild.get(g.guildId) ?? []));
  return mean(shares);
}
