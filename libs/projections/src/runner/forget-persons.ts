import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { tableIn, type TableTarget } from '../table-target.js';

/** A clear value of a forgotten person and the placeholder every reader now sees instead. */
interface Replacement {
  value: string;
  placeholder: string;
}

/** The clear forms a batch's `person.forgotten` events name (none once the key is destroyed). */
export function replacementsIn(events: readonly RecordedEvent[]): Replacement[] {
  return events.flatMap(({ event }) => {
    if (event.type !== 'person.forgotten') return [];
    const p = event.payload;
    return [
      { value: p.userId, placeholder: p.userPlaceholder },
      { value: p.participantId, placeholder: p.participantPlaceholder },
    ].filter((r) => r.value !== r.placeholder && !r.value.startsWith('forgotten:'));
  });
}

const personColumnTypes = ['text', 'character varying', 'json', 'jsonb'];

/**
 * Rewrites every text and JSON column of a projection's tables (and its dead letters) that holds
 * a forgotten person's clear value: whole values, and quoted values inside JSON, so rows show the
 * placeholder that a rebuild would produce (docs/privacy.md). Runs for every projection, whatever
 * it handles, so a read model that starts storing person data is covered without a second list.
 */
export async function forgetPersons(
  tx: EntityManager,
  projection: { name: string; tables: readonly string[] },
  target: TableTarget,
  replacements: readonly Replacement[],
): Promise<void> {
  if (replacements.length === 0) return;
  const names = projection.tables.map((t) => tableIn(target, t).slice('kd.'.length));
  const columns: { table_name: string; column_name: string; data_type: string }[] = await tx.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'kd' AND table_name = ANY($1) AND data_type = ANY($2)`,
    [names, personColumnTypes],
  );
  for (const c of columns) {
    await rewrite(tx, `kd.${quote(c.table_name)}`, c.column_name, c.data_type, replacements, '');
  }
  const deadLetters: { column_name: string; data_type: string }[] = await tx.query(
    `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'kd' AND table_name = 'projection_dead_letters' AND data_type = ANY($1)`,
    [personColumnTypes],
  );
  for (const c of deadLetters) {
    if (c.column_name === 'projection') continue;
    const only = `AND projection = '${projection.name.replaceAll("'", "''")}'`;
    await rewrite(tx, 'kd.projection_dead_letters', c.column_name, c.data_type, replacements, only);
  }
}

async function rewrite(
  tx: EntityManager,
  table: string,
  column: string,
  type: string,
  replacements: readonly Replacement[],
  filter: string,
): Promise<void> {
  const col = quote(column);
  const json = type === 'json' || type === 'jsonb';
  const asText = json ? `${col}::text` : col;
  const params: string[] = [];
  const param = (v: string) => `$${params.push(v)}`;
  let replaced = asText;
  for (const r of replacements) {
    replaced = `replace(${replaced}, ${param(JSON.stringify(r.value))}, ${param(JSON.stringify(r.placeholder))})`;
  }
  const quoted = replacements.map(
    (r) => `${asText} LIKE ${param(`%${likeEscape(JSON.stringify(r.value))}%`)}`,
  );
  const exact = json ? [] : replacements.map((r) => `${col} = ${param(r.value)}`);
  const whole = json
    ? ''
    : replacements.map((r) => `WHEN ${param(r.value)} THEN ${param(r.placeholder)} `).join('');
  const value = json ? `(${replaced})::${type}` : `CASE ${col} ${whole}ELSE ${replaced} END`;
  await tx.query(
    `UPDATE ${table} SET ${col} = ${value} WHERE (${[...exact, ...quoted].join(' OR ')}) ${filter}`,
    params,
  );
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const likeEscape = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);
