import type { DataSource } from 'typeorm';
import { generateHistory, makeEvent, snowflake } from '@kd/analytics-oracle';
import type { DomainEvent } from '@kd/events';
import type { ConsumedMessage } from '@kd/event-store';
import type { Logger } from '@kd/observability';
import { ProjectionRunner } from '@kd/projections';
import { projectionNamed } from '@kd/read-models';

export interface FillOptions {
  /** Guilds in the read models: simulated ones, then installed-only ones up to this number. */
  guilds: number;
  /** Events in total (the installs of the installed-only guilds included). */
  events: number;
  /** Length of the simulated history, ending at `now`. */
  days: number;
  now: Date;
  batch: number;
  logger: Logger;
  onProgress?(applied: number): void;
}

export interface FillResult {
  events: number;
  simulatedGuilds: number;
  idleGuilds: number;
  seconds: number;
  per_s: number;
}

const encoder = new TextEncoder();
const CHUNK_GUILDS = 50;

/**
 * Fills the analytics fact tables with the real projection code (the runner's handleBatch, the
 * same decode, validation and SQL as the projector), without NATS: @kd/analytics's generator
 * simulates guilds 50 at a time (each chunk its own seed, its events in recorded order) while
 * the event budget allows, whole guilds only; the remaining guilds are installed at even
 * intervals over the window and do nothing but change member counts (which fill the budget).
 */
export async function fillAnalytics(dataSource: DataSource, o: FillOptions): Promise<FillResult> {
  const runner = new ProjectionRunner(projectionNamed('analytics'), dataSource, o.logger);
  await runner.prepare();
  let seq = 0;
  let simulated = 0;
  const started = performance.now();
  const apply = async (events: readonly DomainEvent[]) => {
    for (let i = 0; i < events.length; i += o.batch) {
      const messages: ConsumedMessage[] = events.slice(i, i + o.batch).map((e) => ({
        seq: ++seq,
        data: encoder.encode(JSON.stringify(e)),
        redelivered: false,
      }));
      await runner.handleBatch(messages);
      o.onProgress?.(seq);
    }
  };
  // Simulate while the budget allows, keeping every guild's history whole; the guilds left
  // over are installed-only, and member-count changes of theirs make up the exact total.
  while (simulated < o.guilds) {
    const n = Math.min(CHUNK_GUILDS, o.guilds - simulated);
    const { events, installedGuildIds } = generateHistory({
      seed: 1_000 + simulated,
      guilds: n,
      days: o.days,
      now: o.now,
      hostile: false,
    });
    const kept = wholeGuildsWithin(
      events,
      installedGuildIds,
      o.events - seq - (o.guilds - simulated),
    );
    simulated += kept.guilds;
    await apply(kept.events);
    if (kept.guilds < n) break;
  }
  const idle = o.guilds - simulated;
  await apply(idleGuildEvents(idle, Math.max(idle, o.events - seq), o));
  const seconds = (performance.now() - started) / 1000;
  return {
    events: seq,
    simulatedGuilds: simulated,
    idleGuilds: o.guilds - simulated,
    seconds: Math.round(seconds),
    per_s: Math.round(seq / seconds),
  };
}

/** The first guilds of a chunk whose events (in recorded order) fit in `room`. */
function wholeGuildsWithin(events: DomainEvent[], guildIds: string[], room: number) {
  const count = new Map<string, number>();
  for (const e of events) if (e.guildId) count.set(e.guildId, (count.get(e.guildId) ?? 0) + 1);
  const keep = new Set<string>();
  let total = events.filter((e) => !e.guildId).length;
  for (const id of guildIds) {
    const n = count.get(id) ?? 0;
    if (total + n > room) break;
    keep.add(id);
    total += n;
  }
  if (keep.size === guildIds.length) return { events, guilds: keep.size };
  return {
    events: events.filter((e) => e.guildId !== null && keep.has(e.guildId)),
    guilds: keep.size,
  };
}

/** `count` guilds installed at even intervals over the window, then member-count changes up to `total` events. */
function idleGuildEvents(
  count: number,
  total: number,
  o: Pick<FillOptions, 'days' | 'now'>,
): DomainEvent[] {
  const span = o.days * 86_400_000;
  const start = o.now.getTime() - span;
  const at = (i: number, of: number) => new Date(start + Math.floor(((i + 0.5) / of) * span));
  const guild = (i: number) => snowflake(50_000_000 + (i % count));
  const installs = Array.from({ length: count }, (_, i) =>
    makeEvent(
      'guild.installed',
      { name: `Idle ${i}`, memberCount: 20 + (i % 200) },
      { id: `idle-install-${i}`, occurredAt: at(i, count), guildId: guild(i) },
    ),
  );
  const changes = Array.from({ length: total - count }, (_, i) =>
    makeEvent(
      'guild.member_count_changed',
      { memberCount: 20 + (i % 300) },
      { id: `idle-count-${i}`, occurredAt: at(i, total - count), guildId: guild(i) },
    ),
  );
  return [...installs, ...changes];
}
