import { generateHistory } from '@kd/analytics-oracle';
import type { DomainEvent } from '@kd/events';
import type { EventStore } from '@kd/event-store';

export interface HistoryGuild {
  id: string;
  memberCount: number | null;
}

export interface AppendedHistory {
  events: number;
  /** Guilds installed at the end of the history, with their latest member count. */
  installed: HistoryGuild[];
}

/**
 * Cohorts, retention and "last 4 complete weeks" need weeks of history that minutes of traffic
 * cannot make: the demo first appends a synthetic past (@kd/analytics generateHistory: installs,
 * commands, meetings and member counts over `days` days, with their real occurredAt). Same seed and
 * day → the same event ids, so running the demo again the same day adds no second copy. Its
 * configuration changes and notifications are left out: the live traffic makes real ones through
 * the api and the notifier.
 */
export async function appendHistory(
  store: EventStore,
  options: { seed: number; guilds: number; days: number; now: Date },
): Promise<AppendedHistory> {
  const { events } = generateHistory({ ...options, hostile: false });
  const kept = events.filter((e) => !/^(config|notification)\./.test(e.type));
  // Per guild in recorded order (a meeting's events stay in order), guilds side by side.
  const byGuild = new Map<string, DomainEvent[]>();
  for (const event of kept) {
    const key = event.guildId ?? '';
    const queue = byGuild.get(key) ?? [];
    if (queue.length === 0) byGuild.set(key, queue);
    queue.push(event);
  }
  const queues = [...byGuild.values()];
  const workers = Array.from({ length: Math.min(16, queues.length) }, async () => {
    for (let queue = queues.pop(); queue; queue = queues.pop())
      for (const event of queue) await store.append(event);
  });
  await Promise.all(workers);
  return { events: kept.length, installed: installedAtEnd(kept) };
}

function installedAtEnd(events: readonly DomainEvent[]): HistoryGuild[] {
  const state = new Map<string, { installed: boolean; memberCount: number | null }>();
  const ordered = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  for (const event of ordered) {
    if (!event.guildId) continue;
    const guild = state.get(event.guildId) ?? { installed: false, memberCount: null };
    if (event.type === 'guild.installed') {
      const { memberCount } = event.payload as { memberCount: number | null };
      state.set(event.guildId, { installed: true, memberCount: memberCount ?? guild.memberCount });
    } else if (event.type === 'guild.uninstalled') {
      state.set(event.guildId, { ...guild, installed: false });
    } else if (event.type === 'guild.member_count_changed') {
      const { memberCount } = event.payload;
      state.set(event.guildId, { ...guild, memberCount });
    }
  }
  return [...state]
    .filter(([, g]) => g.installed)
    .map(([id, g]) => ({ id, memberCount: g.memberCount }));
}
