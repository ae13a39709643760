import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A value of one COPY column: `null` is SQL NULL; everything else goes as its text form. */
export type CopyValue = string | number | null;

/**
 * `COPY table (columns) FROM STDIN` (text format) on the transaction's own connection, so the
 * rows commit or roll back with the batch and its checkpoint.
 */
export async function copyRows(
  tx: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  await copyText(tx, table, columns, encodeCopyText(rows));
}

/** COPY of rows already in COPY's text format (see `encodeCopyText`). */
export async function copyText(
  tx: EntityManager,
  table: string,
  columns: readonly string[],
  text: string,
): Promise<void> {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('copyRows needs a transaction');
  const client = (await runner.connect()) as PoolClient;
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([text]), sink);
}

/** Rows in COPY's text format. Throws on a NUL character, which PostgreSQL text cannot hold. */
export function encodeCopyText(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(encodeValue).join('\t') + '\n';
  return out;
}

function encodeValue(value: CopyValue): string {
  if (value === null) return '\\N';
  const text = String(value);
  if (text.includes('\u0000')) throw new Error('a text value contains a NUL character');
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, escapeChar) : text;
}

function escapeChar(c: string): string {
  switch (c) {
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    default:
      return '\\\\';
  }
}
