import { projectionDurable, catchUp, ProjectionRunner } from '@kd/projections';
import { projectionNamed } from '../registry.js';
import { cliConfig, openDatabase, openNats, runCli } from './cli-context.js';

/**
 * `npm run projections:rebuild -- <name>`: empties the projection and applies the stream again
 * from sequence 1 through the same runner the projector uses. A running projector notices the
 * reset checkpoint and cooperates (batches are serialized on the checkpoint row).
 */
runCli('rebuild', async () => {
  const name = process.argv[2];
  if (!name) throw new Error('usage: npm run projections:rebuild -- <projection>');
  const projection = projectionNamed(name);
  const { config, logger } = cliConfig('rebuild');
  const [dataSource, nats] = await Promise.all([
    openDatabase(config, 'kd-rebuild', true),
    openNats(config, logger, 'kd-rebuild'),
  ]);
  try {
    const runner = new ProjectionRunner(projection, dataSource, logger);
    const started = Date.now();
    await runner.prepare({ forceRebuild: true });
    const checkpoint = await catchUp(runner, {
      nats,
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      logger,
      batchSize: config.PROJECTION_BATCH_SIZE,
      maxWaitMs: config.PROJECTION_MAX_WAIT_MS,
      durable: `${projectionDurable(name)}_rebuild`,
    });
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `rebuilt ${name} up to sequence ${checkpoint} in ${seconds.toFixed(1)} s (${Math.round(checkpoint / Math.max(seconds, 0.001))} events/s)\n`,
    );
  } finally {
    await Promise.all([dataSource.destroy(), nats.nc.close()]);
  }
});
