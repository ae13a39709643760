import type { Period } from '../period.js';
import { heading, markdownTable } from './markdown.js';
import type { Column, Row, Table } from './table.js';

const periodWords = {
  daily: 'the UTC day',
  weekly: 'the ISO week (Monday–Sunday, UTC)',
  monthly: 'the calendar month (UTC)',
} as const;

const lastDay = (period: Period): string =>
  new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Title and the line that says which period and instant the figures describe. */
export function reportHeader(title: string, period: Period, generatedAt: string): string {
  const span = period.kind === 'daily' ? period.start : `${period.start} … ${lastDay(period)}`;
  return [
    heading(1, `${title} — ${period.label}`),
    '',
    `Period: ${periodWords[period.kind]} ${span}; figures as of ${period.end}T00:00:00Z ` +
      `(events by when they occurred). Generated ${generatedAt} from the read models ` +
      '(schema `analytics`).',
  ].join('\n');
}

/** Markdown blocks joined by blank lines, ending with a newline. */
export const document = (...blocks: string[]): string => `${blocks.join('\n\n')}\n`;

/** A Markdown table of at most `limit` rows, saying where the rest is. */
export function limitedTable(
  table: Table,
  baseName: string,
  limit: number,
  empty?: string,
): string {
  const shown = markdownTable(table.columns, table.rows.slice(0, limit), empty);
  return table.rows.length > limit
    ? `${shown}\n\n_${limit} of ${table.rows.length} rows; all in \`${baseName}-${table.name}.csv\`._`
    : shown;
}

export const table = (name: string, columns: Column[], rows: Row[]): Table => ({
  name,
  columns,
  rows,
});
