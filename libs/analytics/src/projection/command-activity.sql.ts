import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { columns, reads, type Tables } from './analytics-batch.js';

export const commandEvents = reads('command.executed');

/** The locale of a command whose interaction carried none (and of every v1 event). */
export const unknownLocale = 'unknown';

/*
 * One statement: the raw guild commands, then the per-day aggregates from exactly the rows just
 * inserted. A (guild, day, user) row whose count equals what this batch added is new, so it adds
 * one distinct user to its (guild, day).
 */
const writeCommands = (at: Tables) => `
  WITH src AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])
      AS s(seq, guild_id, occurred_at, user_id, command, outcome, locale)
  ), ins AS (
    INSERT INTO ${at('commands')} (seq, guild_id, occurred_at, user_id, command, outcome, locale)
    SELECT * FROM src
    RETURNING guild_id, analytics.utc_day(occurred_at) AS day, user_id, command, outcome
  ), users AS (
    SELECT guild_id, day, user_id, count(*)::int AS n FROM ins GROUP BY 1, 2, 3
  ), user_rows AS (
    INSERT INTO ${at('guild_day_users')} AS u (guild_id, day, user_id, commands)
    SELECT guild_id, day, user_id, n FROM users
    ON CONFLICT (guild_id, day, user_id)
    DO UPDATE SET commands = u.commands + EXCLUDED.commands
    RETURNING guild_id, day, user_id, commands
  ), new_users AS (
    SELECT r.guild_id, r.day, count(*)::int AS n
    FROM user_rows r JOIN users s USING (guild_id, day, user_id)
    WHERE r.commands = s.n
    GROUP BY 1, 2
  ), command_rows AS (
    INSERT INTO ${at('guild_day_commands')} AS c (guild_id, day, command, commands, errors)
    SELECT guild_id, day, command, count(*), count(*) FILTER (WHERE outcome = 'error') FROM ins GROUP BY 1, 2, 3
    ON CONFLICT (guild_id, day, command)
    DO UPDATE SET commands = c.commands + EXCLUDED.commands, errors = c.errors + EXCLUDED.errors
  )
  INSERT INTO ${at('guild_days')} AS d (guild_id, day, commands, errors, unique_users)
  SELECT i.guild_id, i.day, count(*), count(*) FILTER (WHERE i.outcome = 'error'), coalesce(max(nu.n), 0)
  FROM ins i LEFT JOIN new_users nu USING (guild_id, day)
  GROUP BY 1, 2
  ON CONFLICT (guild_id, day)
  DO UPDATE SET commands = d.commands + EXCLUDED.commands, errors = d.errors + EXCLUDED.errors,
                unique_users = d.unique_users + EXCLUDED.unique_users`;

/** Guild commands (a DM, guildId null, is not one) into the raw table and the day aggregates. */
export async function writeCommandActivity(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
): Promise<void> {
  const commands = commandEvents
    .of(events, 'command.executed')
    .filter((r) => r.event.guildId !== null);
  if (commands.length === 0) return;
  await tx.query(
    writeCommands(at),
    columns(
      commands,
      (r) => r.seq,
      (r) => r.event.guildId,
      (r) => r.event.occurredAt,
      (r) => r.event.payload.userId,
      (r) => r.event.payload.command,
      (r) => r.event.payload.outcome,
      (r) => r.event.payload.locale ?? unknownLocale,
    ),
  );
}
