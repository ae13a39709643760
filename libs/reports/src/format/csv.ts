import type { Cell, Table } from './table.js';

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or edge spaces); quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV: a header of column keys, raw values (ratios as fractions), CRLF line ends. */
export function toCsv(table: Pick<Table, 'columns' | 'rows'>): string {
  const lines = [table.columns.map((c) => csvField(c.key)).join(',')];
  for (const row of table.rows)
    lines.push(table.columns.map((c) => csvField(row[c.key] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
