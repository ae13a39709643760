import { createProgress, type CliOptions, type CliSpec } from '@kd/cli';
import { systemClock } from '@kd/events';
import { projectionDurable, catchUp, ProjectionRunner } from '@kd/projections';
import { projectionNamed } from '../registry.js';
import { cliConfig, openDatabase, openNats, runCli } from './cli-context.js';

/**
 * `npm run projections:rebuild -- <name>`: empties the projection and applies the stream again
 * from sequence 1 through the same runner the projector uses. A running projector notices the
 * reset checkpoint and cooperates (batches are serialized on the checkpoint row).
 */
const spec = {
  command: 'npm run projections:rebuild --',
  synopsis: '<projection>',
  summary:
    'Empties the projection and applies the stream again from sequence 1 (progress on a terminal). Names: npm run projections:status.',
  options: {},
  positionals: { min: 1, max: 1 },
  epilogue:
    'Environment: DATABASE_URL, NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX, PROJECTION_BATCH_SIZE.',
} satisfies CliSpec<CliOptions>;

runCli('rebuild', spec, async (_options, [name = '']) => {
  const projection = projectionNamed(name);
  const { config, logger } = cliConfig('rebuild');
  const [dataSource, nats] = await Promise.all([
    openDatabase(config, 'kd-rebuild', true),
    openNats(config, logger, 'kd-rebuild'),
  ]);
  try {
    const runner = new ProjectionRunner(projection, dataSource, logger);
    const started = Date.now();
    const progress = createProgress({
      label: `rebuild ${name}`,
      unit: 'events',
      clock: systemClock,
    });
    await runner.prepare({ forceRebuild: true });
    const checkpoint = await catchUp(runner, {
      nats,
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      logger,
      batchSize: config.PROJECTION_BATCH_SIZE,
      maxWaitMs: config.PROJECTION_MAX_WAIT_MS,
      durable: `${projectionDurable(name)}_rebuild`,
      onProgress: (done, head) => progress.update(done, head),
    });
    progress.finish();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `rebuilt ${name} up to sequence ${checkpoint} in ${seconds.toFixed(1)} s (${Math.round(checkpoint / Math.max(seconds, 0.001))} events/s)\n`,
    );
  } finally {
    await Promise.all([dataSource.destroy(), nats.nc.close()]);
  }
});
