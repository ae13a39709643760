import type { DataSource } from 'typeorm';
import { catchUp, catchUpAll, type CatchUpOptions } from '../projection-host.js';
import type { Projection } from '../projection.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { shadowTables } from '../table-target.js';
import { createShadowTables, dropShadowTables } from './shadow-tables.js';
import { swapShadowTables } from './swap-shadow.js';

export interface ShadowRebuildOptions extends CatchUpOptions {
  dataSource: DataSource;
  /** Catch-up rounds after a swap found the live projector ahead of the shadow (default 5). */
  maxSwapAttempts?: number;
  /** Called right before each swap (tests inject failures here). */
  beforeSwap?(projection: Projection): Promise<void>;
}

/**
 * Rebuilds the projections from sequence 1 in one pass over the stream. Those with
 * `shadowRebuild` build into shadow tables while the live ones keep serving, then each swaps in
 * atomically (swap-shadow.ts); if anything fails before its swap, its shadow is dropped and its
 * live tables are untouched. The others are emptied first and rebuilt in place (downtime).
 * Returns the lowest checkpoint reached.
 */
export async function rebuildWithShadows(
  selected: readonly Projection[],
  options: ShadowRebuildOptions,
): Promise<number> {
  const { dataSource, logger } = options;
  const shadowed = selected.filter((p) => p.shadowRebuild);
  const inPlace = selected.filter((p) => !p.shadowRebuild);
  const pending = new Set<Projection>();
  try {
    for (const projection of shadowed) {
      pending.add(projection);
      await createShadowTables(dataSource, projection);
    }
    const shadowRunners = new Map(
      shadowed.map((p) => [
        p,
        new ProjectionRunner(p, dataSource, logger, undefined, shadowTables),
      ]),
    );
    const inPlaceRunners = inPlace.map((p) => new ProjectionRunner(p, dataSource, logger));
    for (const runner of inPlaceRunners) await runner.prepare({ forceRebuild: true });
    const passed = await catchUpAll([...inPlaceRunners, ...shadowRunners.values()], options);
    // A shadow may go beyond the pass (the tail applied before its swap).
    let checkpoint = inPlace.length > 0 ? passed : Infinity;
    for (const [projection, runner] of shadowRunners) {
      const reached = await swapWhenCaughtUp(projection, runner, options);
      pending.delete(projection);
      checkpoint = Math.min(checkpoint, reached);
      logger.info({ projection: projection.name, checkpoint: reached }, 'shadow tables swapped in');
    }
    return Number.isFinite(checkpoint) ? checkpoint : passed;
  } catch (error) {
    for (const projection of pending)
      await dropShadowTables(dataSource, projection).catch((dropError: unknown) =>
        logger.error(
          { projection: projection.name, err: String(dropError) },
          'could not drop shadow tables',
        ),
      );
    throw error;
  }
}

async function swapWhenCaughtUp(
  projection: Projection,
  runner: ProjectionRunner,
  options: ShadowRebuildOptions,
): Promise<number> {
  const attempts = options.maxSwapAttempts ?? 5;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await options.beforeSwap?.(projection);
    const outcome = await swapShadowTables(options.dataSource, projection).catch(
      (error: unknown) => {
        // A reader that locked the views and tables in another order: PostgreSQL aborted the
        // swap (rolled back whole) rather than the reader; try again.
        if (!isDeadlock(error) || attempt === attempts) throw error;
        options.logger.warn(
          { projection: projection.name, attempt },
          'shadow swap deadlocked with a reader, retrying',
        );
        return undefined;
      },
    );
    if (!outcome) continue;
    if (outcome.swapped) return outcome.checkpoint;
    // The live projector went on meanwhile: the shadow applies the new tail, then tries again.
    options.logger.info(
      { projection: projection.name, ...outcome, attempt },
      'live projection ahead of its shadow, catching up before the swap',
    );
    await catchUp(runner, { ...options, durable: `${options.durable}_tail` });
  }
  throw new Error(`shadow of ${projection.name} did not catch up in ${attempts} attempts`);
}

/** PostgreSQL's deadlock_detected (SQLSTATE 40P01), however the driver wrapped it. */
function isDeadlock(error: unknown): boolean {
  const codeOf = (e: unknown) =>
    typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  const driver =
    typeof error === 'object' && error !== null && 'driverError' in error
      ? error.driverError
      : undefined;
  return codeOf(error) === '40P01' || codeOf(driver) === '40P01';
}
