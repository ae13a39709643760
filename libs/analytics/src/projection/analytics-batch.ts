import type { DomainEvent, EventType } from '@kd/events';
import type { RecordedEvent } from '@kd/event-store';
import { tableIn, type TableTarget } from '@kd/projections';

export type Recorded<T extends EventType> = RecordedEvent<DomainEvent<T>>;

/** The first copy of each event id (the batch is in stream order, so the earliest seq wins). */
export function firstCopies(events: readonly RecordedEvent[]): RecordedEvent[] {
  const seen = new Set<string>();
  return events.filter((r) => !seen.has(r.event.id) && Boolean(seen.add(r.event.id)));
}

/** The events of one type, typed. */
function ofType<T extends EventType>(
  events: readonly RecordedEvent[],
  ...types: T[]
): Recorded<T>[] {
  const wanted: ReadonlySet<string> = new Set(types);
  return events.filter((r): r is Recorded<T> => wanted.has(r.event.type));
}

/** The event types one writer reads, and the only way it reads them. */
export interface EventReader<T extends EventType> {
  readonly types: readonly T[];
  /** The events of the given declared types, typed (an undeclared type does not compile). */
  of<U extends T>(events: readonly RecordedEvent[], ...types: U[]): Recorded<U>[];
}

/**
 * Declares what a writer handles: the projection's lists of event types are derived from these
 * declarations (analyticsEventTypes), never kept by hand beside the code that reads them.
 */
export function reads<const T extends EventType>(...types: T[]): EventReader<T> {
  return { types, of: (events, ...wanted) => ofType(events, ...wanted) };
}

/** Column arrays for `unnest($1::…[], $2::…[], …)`: one array per picked field. */
export function columns<R>(rows: readonly R[], ...picks: ((row: R) => unknown)[]): unknown[][] {
  return picks.map((pick) => rows.map(pick));
}

/** The projection's tables in schema `kd`, without their `analytics_` prefix. */
export const analyticsTableNames = [
  'event_ids',
  'guilds',
  'guild_installs',
  'member_counts',
  'config_events',
  'commands',
  'guild_days',
  'guild_day_users',
  'guild_day_commands',
  'meetings',
  'meeting_participants',
  'meeting_presence',
  'person_links',
] as const;
export type AnalyticsTable = (typeof analyticsTableNames)[number];

/**
 * Where the writers write: the qualified name of a table in the target, live (`kd.analytics_x`)
 * or a rebuild's shadow (`kd.analytics_x_rebuild`). Writers never name a table otherwise, and
 * name conflicts by columns (`ON CONFLICT (…)`), since the shadow's constraints carry other names.
 */
export type Tables = (table: AnalyticsTable) => string;
export const tablesIn =
  (target: TableTarget): Tables =>
  (table) =>
    tableIn(target, `analytics_${table}`);
