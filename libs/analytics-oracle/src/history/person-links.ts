import type { DomainEvent } from '@kd/events';

const ours = /^discord:(\d{17,20})$/;

/**
 * docs/analytics-rules.md §4, one person one count: a participant id `discord:<id>` is that
 * Discord member; any other id is the member its first `person.linked` (in stream order, first
 * copy of each event id) names, however late that link was recorded; else the id itself.
 */
export function personFold(events: readonly DomainEvent[]): (participantId: string) => string {
  const seen = new Set<string>();
  const links = new Map<string, string>();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if (event.type !== 'person.linked') continue;
    const { kalturaUserId, discordUserId } = event.payload;
    if (!ours.test(kalturaUserId) && !links.has(kalturaUserId))
      links.set(kalturaUserId, discordUserId);
  }
  return (id) => ours.exec(id)?.[1] ?? links.get(id) ?? id;
}
