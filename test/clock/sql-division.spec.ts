import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// A ratio over an empty group (a quiet day, the ROLLUP total of no rows, a guild with no
// members) must be NULL, not "division by zero". Divisions by an aggregate or a column go
// through nullif (the reports' ratio() fragment writes it); this scan keeps it that way.
const root = join(import.meta.dirname, '..', '..');
const sqlDivision = /\/\s*(?!nullif\b)(count|sum|avg|max|min|[a-z_]+\.[a-z_]+)\s*\(?/gi;
const inSql = /`[^`]*`/gs;

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', 'testing', 'fake'].includes(entry.name)
        ? []
        : productionSources(path);
    return /\.ts$/.test(entry.name) && !/spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Denominators that cannot be 0 by construction, with the reason. */
const nonZeroByConstruction: Record<string, string> = {
  '/ g.size': 'a cohort is grouped from its members: count(*) of a non-empty group',
  '/ c.features': 'the number of user-facing commands, a constant list',
};

/** SQL divisions in template literals whose denominator can be 0 and is not guarded. */
function unguardedDivisions(source: string): string[] {
  const found: string[] = [];
  for (const [literal] of source.matchAll(inSql)) {
    if (!/\b(SELECT|FROM)\b/.test(literal)) continue;
    for (const match of literal.matchAll(sqlDivision)) {
      const division = match[0].trim();
      const column = division.slice(1).trim();
      const guarded =
        !column.endsWith('(') &&
        (literal.includes(`WHERE ${column} > 0`) || literal.includes(`WHEN ${column} > 0`));
      if (!guarded && !(division in nonZeroByConstruction)) found.push(division);
    }
  }
  return found;
}

describe('SQL ratios', () => {
  it('finds an unguarded division in a query (the check can fail)', () => {
    expect(
      unguardedDivisions('q(`SELECT count(*) FILTER (WHERE x)::float8 / count(*) FROM t`)'),
    ).toEqual(['/ count(']);
    expect(unguardedDivisions('q(`SELECT a.n::float8 / g.total FROM t`)')).toEqual(['/ g.total']);
    expect(unguardedDivisions('q(`SELECT a / g.n FROM g WHERE g.n > 0`)')).toEqual([]);
    expect(unguardedDivisions('q(`SELECT a::float8 / nullif(count(*), 0) FROM t`)')).toEqual([]);
  });

  it('divides only through nullif in every report, insight and view query', () => {
    const offenders = ['libs', 'apps'].flatMap((top) =>
      productionSources(join(root, top)).flatMap((file) =>
        unguardedDivisions(readFileSync(file, 'utf8')).map(
          (division) => `${relative(root, file)}: ${division}`,
        ),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
