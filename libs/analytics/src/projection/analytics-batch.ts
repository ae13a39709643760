import type { DomainEvent, EventType } from '@kd/events';
import type { RecordedEvent } from '@kd/event-store';

export type Recorded<T extends EventType> = RecordedEvent<DomainEvent<T>>;

const meetingTypes: ReadonlySet<string> = new Set<EventType>([
  'meeting.created',
  'meeting.join_link_issued',
  'meeting.started',
  'meeting.participant_joined',
  'meeting.participant_left',
  'meeting.ended',
]);

/** Events that feed an analytics table: anything carrying a guild, and meeting events. */
export function isRelevant({ event }: RecordedEvent): boolean {
  return event.guildId !== null || meetingTypes.has(event.type);
}

/** The first copy of each event id (the batch is in stream order, so the earliest seq wins). */
export function firstCopies(events: readonly RecordedEvent[]): RecordedEvent[] {
  const seen = new Set<string>();
  return events.filter((r) => !seen.has(r.event.id) && Boolean(seen.add(r.event.id)));
}

/** The events of one type, typed. */
export function ofType<T extends EventType>(
  events: readonly RecordedEvent[],
  ...types: T[]
): Recorded<T>[] {
  const wanted: ReadonlySet<string> = new Set(types);
  return events.filter((r): r is Recorded<T> => wanted.has(r.event.type));
}

/** Column arrays for `unnest($1::…[], $2::…[], …)`: one array per picked field. */
export function columns<R>(rows: readonly R[], ...picks: ((row: R) => unknown)[]): unknown[][] {
  return picks.map((pick) => rows.map(pick));
}
