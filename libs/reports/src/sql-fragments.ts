/** `col` in [$1, $2): the period's days as UTC instants (params are ISO dates). */
export const range = (column: string, from = 1): string =>
  `${column} >= ($${from}::date)::timestamp AT TIME ZONE 'UTC' AND ${column} < ($${from + 1}::date)::timestamp AT TIME ZONE 'UTC'`;

/** A timestamptz as ISO-8601 UTC text (NULL stays NULL). */
export const isoText = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * `numerator / denominator` as float8, NULL where the denominator is 0: a ratio over an empty
 * group (a quiet day, a ROLLUP total of no rows) is "no value", never a division error. Every
 * ratio in a report query goes through here (sql-division.spec.ts checks).
 */
export const ratio = (numerator: string, denominator: string): string =>
  `(${numerator})::float8 / nullif(${denominator}, 0)`;
