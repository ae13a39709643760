import { eventLogProjection } from './event-log/event-log.projection.js';
import type { Projection } from './projection.js';
import { meetingsProjection } from './meetings/meetings.projection.js';
import { guildConfigProjection } from './guild-config/guild-config.projection.js';
// Until the composition root collects the projections: @kd/analytics imports @kd/projections
// (the Projection type), so this list reaches the analytics projection by path, not front door.
import { analyticsProjection } from '../../analytics/src/projection/analytics.projection.js';

/** Every projection the projector runs, by name. */
export const projections: readonly Projection[] = [
  eventLogProjection,
  meetingsProjection,
  guildConfigProjection,
  analyticsProjection,
];

export function projectionNamed(name: string): Projection {
  const found = projections.find((p) => p.name === name);
  if (!found)
    throw new Error(
      `unknown projection "${name}"; known: ${projections.map((p) => p.name).join(', ')}`,
    );
  return found;
}
