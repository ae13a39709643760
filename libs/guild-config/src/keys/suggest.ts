/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The closest candidates, best first. Keys sharing the typed prefix rank first, so
 * `notifications.templates` suggests the templates rather than similar-looking siblings.
 */
export function nearest(input: string, candidates: readonly string[], limit = 3): string[] {
  const scored = candidates.map((candidate) => ({
    candidate,
    score: editDistance(input, candidate) - (candidate.startsWith(`${input}.`) ? 1000 : 0),
  }));
  const threshold = Math.max(3, Math.ceil(input.length / 2));
  return scored
    .filter((s) => s.score <= threshold)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate);
}
