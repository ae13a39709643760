export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  title: string;
  /** How the Markdown shows the value; CSV always carries the raw value. */
  format?: (value: Cell, row: Row) => string;
  align?: 'left' | 'right';
}

/** One table of a report: a CSV file of its own and (usually) a Markdown table. */
export interface Table {
  /** File-name part: `<report>-<name>.csv`. */
  name: string;
  columns: Column[];
  rows: Row[];
}

/** A report ready to be written: its Markdown and the tables behind it. */
export interface RenderedReport {
  baseName: string;
  markdown: string;
  tables: Table[];
  /** True when no event occurred in the period (the Markdown says so under its header). */
  quiet?: boolean;
  /** The self-contained HTML page (`--format html`), written beside the Markdown and CSV. */
  html?: string;
}
