import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { discordIdOfKalturaUser } from '@kd/events';
import { columns, reads, type Tables } from './analytics-batch.js';

/** `person.linked`: which Discord member a Kaltura user is (docs/analytics-rules.md §4). */
export const personEvents = reads('person.linked');

/** A participant id → the person it counts as. */
export type PersonFold = (participantId: string) => string;

interface DbLink {
  kaltura_user_id: string;
  discord_user_id: string;
}

interface LinkRow {
  kalturaUserId: string;
  discordUserId: string;
  seq: number;
}

/**
 * Links of the batch, the first per Kaltura user id. `discord:<id>` needs none: it is that
 * Discord id by its form, whatever a link says.
 */
function linkRows(events: readonly RecordedEvent[]): LinkRow[] {
  const rows = new Map<string, LinkRow>();
  for (const { seq, event } of personEvents.of(events, 'person.linked')) {
    const { kalturaUserId, discordUserId } = event.payload;
    if (discordIdOfKalturaUser(kalturaUserId) !== undefined || rows.has(kalturaUserId)) continue;
    rows.set(kalturaUserId, { kalturaUserId, discordUserId, seq });
  }
  return [...rows.values()];
}

/**
 * Records the batch's new links (the first link of a Kaltura user wins for good) and moves the
 * sightings already counted under that Kaltura id onto the person, merged with theirs.
 */
export async function writePersonLinks(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
): Promise<void> {
  const rows = linkRows(events);
  if (rows.length === 0) return;
  const added = await tx.query<DbLink[]>(
    `INSERT INTO ${at('person_links')} (kaltura_user_id, discord_user_id, seq)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
     ON CONFLICT (kaltura_user_id) DO NOTHING
     RETURNING kaltura_user_id, discord_user_id`,
    columns(
      rows,
      (r) => r.kalturaUserId,
      (r) => r.discordUserId,
      (r) => r.seq,
    ),
  );
  if (added.length === 0) return;
  const links = [added.map((a) => a.kaltura_user_id), added.map((a) => a.discord_user_id)];
  await tx.query(
    `WITH moved AS (
       DELETE FROM ${at('meeting_participants')} p
       USING unnest($1::text[], $2::text[]) AS l(kaltura_user_id, discord_user_id)
       WHERE p.participant_id = l.kaltura_user_id
       RETURNING p.meeting_id, l.discord_user_id, p.first_seen_at)
     INSERT INTO ${at('meeting_participants')} AS p (meeting_id, participant_id, first_seen_at)
     SELECT meeting_id, discord_user_id, min(first_seen_at) FROM moved GROUP BY 1, 2
     ON CONFLICT (meeting_id, participant_id)
     DO UPDATE SET first_seen_at = LEAST(p.first_seen_at, EXCLUDED.first_seen_at)`,
    links,
  );
  await tx.query(
    `UPDATE ${at('meeting_presence')} p SET participant_id = l.discord_user_id
     FROM unnest($1::text[], $2::text[]) AS l(kaltura_user_id, discord_user_id)
     WHERE p.participant_id = l.kaltura_user_id`,
    links,
  );
}

/**
 * How the batch's participant ids fold (after writePersonLinks): `discord:<id>` is that id, a
 * linked Kaltura user is its person, anything else stays itself.
 */
export async function personFoldFor(
  tx: EntityManager,
  at: Tables,
  participantIds: Iterable<string>,
): Promise<PersonFold> {
  const others = [...new Set(participantIds)].filter((id) => !discordIdOfKalturaUser(id));
  const linked =
    others.length === 0
      ? []
      : await tx.query<DbLink[]>(
          `SELECT kaltura_user_id, discord_user_id FROM ${at('person_links')}
           WHERE kaltura_user_id = ANY($1::text[])`,
          [others],
        );
  const links = new Map(linked.map((l) => [l.kaltura_user_id, l.discord_user_id]));
  return (id) => discordIdOfKalturaUser(id) ?? links.get(id) ?? id;
}
