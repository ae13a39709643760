import { systemClock } from '@kd/events';
import { projectionsToRebuild, rebuildProjections } from '../runner/rebuild-projections.js';
import { cliConfig, openDatabase, openNats, runCli } from './cli-context.js';

/**
 * `npm run projections:rebuild -- <name>` (or `-- --all`): empties the projection(s) and applies
 * the stream again from sequence 1 through the same runner the projector uses, every projection
 * in one pass. A running projector notices the reset checkpoint and cooperates (batches are
 * serialized on the checkpoint row). Progress (rate, ETA) on stderr when it is a terminal.
 */
runCli('rebuild', async () => {
  const selected = projectionsToRebuild(process.argv.slice(2));
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
      progress: process.stderr,
    });
    const names = selected.map((p) => p.name).join(', ');
    process.stdout.write(
      `rebuilt ${names} up to sequence ${checkpoint} in ${seconds.toFixed(1)} s (${Math.round(checkpoint / Math.max(seconds, 0.001))} events/s)\n`,
    );
  } finally {
    await Promise.all([dataSource.destroy(), nats.nc.close()]);
  }
});
