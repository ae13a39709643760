import type { Projection } from '@kd/projections';
import { projectionNamed, projections } from '@kd/read-models';

/**
 * The projections `PROJECTIONS` names (comma-separated; unset or blank: all), in registry order.
 * An unknown name fails the start: a typo must not leave a projection unapplied while the
 * projector holds its lease and reports healthy.
 */
export function selectProjections(value: string | undefined): Projection[] {
  const wanted = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (wanted.length === 0) return [...projections];
  const named = new Set(wanted.map((name) => projectionNamed(name)));
  return projections.filter((p) => named.has(p));
}
