import { eventLogProjection } from './event-log/event-log.projection.js';
import type { Projection } from './projection.js';

/** Every projection the projector runs, by name. */
export const projections: readonly Projection[] = [eventLogProjection];

export function projectionNamed(name: string): Projection {
  const found = projections.find((p) => p.name === name);
  if (!found)
    throw new Error(
      `unknown projection "${name}"; known: ${projections.map((p) => p.name).join(', ')}`,
    );
  return found;
}
