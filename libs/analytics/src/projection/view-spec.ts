import type { QueryRunner } from 'typeorm';

/** An analyst-facing view: its query, and what it and each of its columns mean. */
export interface ViewSpec {
  name: string;
  sql: string;
  comment: string;
  columns: Record<string, string>;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Creates the views in order, with COMMENT ON the view and every column. */
export async function createViews(q: QueryRunner, views: readonly ViewSpec[]): Promise<void> {
  for (const view of views) {
    await q.query(`CREATE VIEW ${view.name} AS ${view.sql}`);
    await q.query(`COMMENT ON VIEW ${view.name} IS ${quote(view.comment)}`);
    for (const [column, text] of Object.entries(view.columns))
      await q.query(`COMMENT ON COLUMN ${view.name}."${column}" IS ${quote(text)}`);
  }
}

export async function dropViews(q: QueryRunner, views: readonly ViewSpec[]): Promise<void> {
  for (const view of [...views].reverse()) await q.query(`DROP VIEW ${view.name}`);
}
