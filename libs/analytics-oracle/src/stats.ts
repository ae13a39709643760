/** Ratios are `null` when the denominator is 0 (DESIGN §4). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function mean(values: readonly number[]): number | null {
  return ratio(
    values.reduce((sum, v) => sum + v, 0),
    values.length,
  );
}

/** Continuous median (PostgreSQL `percentile_cont(0.5)`): the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}
