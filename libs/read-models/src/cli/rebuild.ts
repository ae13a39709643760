import type { CliOptions, CliSpec } from '@kd/cli';
import { systemClock } from '@kd/events';
import { projectionsToRebuild, rebuildProjections } from './rebuild-projections.js';
import { cliConfig, openDatabase, openNats, runCli } from './cli-context.js';

/**
 * `npm run projections:rebuild -- <name>` (or `-- --all`): empties the projection(s) and applies
 * the stream again from sequence 1 through the same runner the projector uses, every projection
 * in one pass. A running projector notices the reset checkpoint and cooperates (batches are
 * serialized on the checkpoint row). Progress (rate, ETA) on stderr when it is a terminal.
 */
const spec = {
  command: 'npm run projections:rebuild --',
  synopsis: '<projection> | --all',
  summary:
    'Empties the projection(s) and applies the stream again from sequence 1, all in one pass (progress on a terminal). Names: npm run projections:status.',
  options: {
    all: { type: 'boolean', description: 'every projection, in one pass over the stream' },
  },
  positionals: { min: 0, max: 1 },
  epilogue:
    'Environment: DATABASE_URL, NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX, PROJECTION_BATCH_SIZE.',
} satisfies CliSpec<CliOptions>;

runCli('rebuild', spec, async (options, [name]) => {
  const selected = projectionsToRebuild(options.all === true, name);
  const { config, logger } = cliConfig('rebuild');
  const [dataSource, nats] = await Promise.all([
    openDatabase(config, 'kd-rebuild', true),
    openNats(config, logger, 'kd-rebuild'),
  ]);
  try {
    const { checkpoint, seconds } = await rebuildProjections(selected, {
      dataSource,
      nats,
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      logger,
      batchSize: config.PROJECTION_BATCH_SIZE,
      maxWaitMs: config.PROJECTION_MAX_WAIT_MS,
      clock: systemClock,
    });
    const names = selected.map((p) => p.name).join(', ');
    process.stdout.write(
      `rebuilt ${names} up to sequence ${checkpoint} in ${seconds.toFixed(1)} s (${Math.round(checkpoint / Math.max(seconds, 0.001))} events/s)\n`,
    );
  } finally {
    await Promise.all([dataSource.destroy(), nats.nc.close()]);
  }
});
