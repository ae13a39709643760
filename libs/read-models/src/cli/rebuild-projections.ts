import type { DataSource } from 'typeorm';
import { createProgress } from '@kd/cli';
import type { Clock } from '@kd/events';
import {
  projectionDurable,
  rebuildWithShadows,
  type CatchUpOptions,
  type Projection,
} from '@kd/projections';
import { projectionNamed, projections } from '../registry.js';

export interface RebuildOptions extends Omit<CatchUpOptions, 'durable' | 'onProgress'> {
  dataSource: DataSource;
  clock: Clock;
}

/** `<name>` → that projection; `--all` → every projection of the registry. */
export function projectionsToRebuild(all: boolean, name: string | undefined): Projection[] {
  if (all && name) throw new Error('give a projection name or --all, not both');
  if (all) return [...projections];
  if (!name) throw new Error('give a projection name or --all (names: npm run projections:status)');
  return [projectionNamed(name)];
}

/**
 * Applies the stream again from sequence 1 to the given projections, all of them in one pass
 * (one consumer, each projection its own transaction and checkpoint). Projections with
 * `shadowRebuild` build into shadow tables and swap them in at the end, the live ones serving
 * meanwhile; the others are emptied first (docs/projections.md). Progress (rate, ETA) on stderr
 * when it is a terminal and CI is unset.
 */
export async function rebuildProjections(
  selected: readonly Projection[],
  options: RebuildOptions,
): Promise<{ checkpoint: number; seconds: number }> {
  const { dataSource, logger, clock } = options;
  const started = clock().getTime();
  const label = `rebuild ${selected.map((p) => p.name).join(', ')}`;
  const progress = createProgress({ label, unit: 'events', clock });
  const durable = `${projectionDurable(selected.length === 1 ? selected[0]!.name : 'all')}_rebuild`;
  try {
    const checkpoint = await rebuildWithShadows(selected, {
      ...options,
      dataSource,
      logger,
      durable,
      onProgress: (seq, head) => progress.update(seq, head),
    });
    return { checkpoint, seconds: (clock().getTime() - started) / 1000 };
  } finally {
    progress.finish();
  }
}
