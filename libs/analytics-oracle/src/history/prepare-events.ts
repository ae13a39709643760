import type { DomainEvent } from '@kd/events';
import { dayOf } from '../time/utc-time.js';

/** An event kept for analysis: first copy of its id, `seq` = its position in the list (1-based). */
export interface Fact {
  seq: number;
  at: number;
  day: number;
  event: DomainEvent;
}

/**
 * Dedupe by id (the first copy wins, as the event log's ON CONFLICT DO NOTHING does), drop
 * what occurred after `now`, and order by (occurredAt, seq): late-arriving events take their
 * place in time, and ties keep stream order.
 */
export function prepareEvents(events: readonly DomainEvent[], nowMs: number): Fact[] {
  const seen = new Set<string>();
  const facts: Fact[] = [];
  events.forEach((event, index) => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    const at = Date.parse(event.occurredAt);
    if (at <= nowMs) facts.push({ seq: index + 1, at, day: dayOf(at), event });
  });
  return facts.sort((a, b) => a.at - b.at || a.seq - b.seq);
}
