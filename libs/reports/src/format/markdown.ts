import type { Cell, Column, Row } from './table.js';

/** A cell's text made safe inside a Markdown table: no line breaks, pipes escaped. */
export function markdownCell(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

const show = (column: Column, row: Row): string => {
  const value: Cell = row[column.key] ?? null;
  return column.format ? column.format(value, row) : value === null ? '—' : String(value);
};

/** A GitHub-flavoured Markdown table; `empty` is shown instead when there are no rows. */
export function markdownTable(
  columns: readonly Column[],
  rows: readonly Row[],
  empty = '_None._',
): string {
  if (rows.length === 0) return empty;
  const header = `| ${columns.map((c) => markdownCell(c.title)).join(' | ')} |`;
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map(
    (row) => `| ${columns.map((c) => markdownCell(show(c, row))).join(' | ')} |`,
  );
  return [header, rule, ...body].join('\n');
}

export const heading = (level: number, text: string): string => `${'#'.repeat(level)} ${text}`;
