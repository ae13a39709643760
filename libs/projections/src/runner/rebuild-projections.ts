import type { DataSource } from 'typeorm';
import type { Clock } from '@kd/events';
import type { Projection } from '../projection.js';
import { catchUpAll, projectionDurable, type CatchUpOptions } from '../projection-host.js';
import { projectionNamed, projections } from '../registry.js';
import { progressLine, type ProgressSink } from './progress.js';
import { ProjectionRunner } from './projection-runner.js';

export interface RebuildOptions extends Omit<CatchUpOptions, 'durable' | 'onProgress'> {
  dataSource: DataSource;
  clock: Clock;
  /** Where the progress line goes when it is a terminal (stderr of the CLI). */
  progress: ProgressSink;
}

/** `<name>` → that projection; `--all` → every projection of the registry. */
export function projectionsToRebuild(args: readonly string[]): Projection[] {
  if (args.includes('--all')) return [...projections];
  const name = args.find((a) => !a.startsWith('-'));
  if (!name) throw new Error('usage: npm run projections:rebuild -- <projection> | --all');
  return [projectionNamed(name)];
}

/**
 * Empties the given projections and applies the stream again from sequence 1, all of them in
 * one pass over the stream (one consumer, each projection its own transaction and checkpoint).
 */
export async function rebuildProjections(
  selected: readonly Projection[],
  options: RebuildOptions,
): Promise<{ checkpoint: number; seconds: number }> {
  const { dataSource, logger, clock } = options;
  const runners = selected.map((p) => new ProjectionRunner(p, dataSource, logger));
  const started = clock().getTime();
  for (const runner of runners) await runner.prepare({ forceRebuild: true });
  const progress = progressLine(options.progress, clock);
  const durable = `${projectionDurable(selected.length === 1 ? selected[0]!.name : 'all')}_rebuild`;
  try {
    const checkpoint = await catchUpAll(runners, {
      ...options,
      durable,
      onProgress: (seq, head) => progress.update(seq, head),
    });
    return { checkpoint, seconds: (clock().getTime() - started) / 1000 };
  } finally {
    progress.done();
  }
}
