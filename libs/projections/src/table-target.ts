/**
 * Where a projection writes: its live tables in schema `kd`, or the shadow copies a rebuild fills
 * beside them (`kd.<table>_rebuild`) while the live ones keep serving. Projections that support
 * shadow rebuilds name every table through `tableIn`, never as a literal `kd.x`.
 */
export interface TableTarget {
  /** Appended to every table name: '' for the live tables. */
  readonly suffix: string;
}

export const liveTables: TableTarget = { suffix: '' };
export const shadowTables: TableTarget = { suffix: '_rebuild' };

/** The qualified name of one of a projection's tables in the given target. */
export const tableIn = (target: TableTarget, table: string): string =>
  `kd.${table}${target.suffix}`;
