import { projections } from '../registry.js';
import type { CliOptions, CliSpec } from '@kd/cli';
import { cliConfig, openDatabase, openNats, runCli } from './cli-context.js';

interface Row {
  projection: string;
  last_seq: string;
  projection_version: number;
  updated_at: Date;
  dead_letters: string;
}

/** `npm run projections:status`: each projection's checkpoint, the stream head and the lag. */
const spec = {
  command: 'npm run projections:status --',
  synopsis: '',
  summary: "Each projection's checkpoint, the stream head and the lag, and its dead letters.",
  options: {},
  epilogue: 'Environment: DATABASE_URL, NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX (as the apps).',
} satisfies CliSpec<CliOptions>;

runCli('status', spec, async () => {
  const { config, logger } = cliConfig('status');
  const [dataSource, nats] = await Promise.all([
    openDatabase(config, 'kd-status'),
    openNats(config, logger, 'kd-status'),
  ]);
  try {
    const head = (await nats.jsm.streams.info(config.KD_STREAM)).state.last_seq;
    const rows: Row[] = await dataSource.query(`
      SELECT c.projection, c.last_seq, c.projection_version, c.updated_at,
             (SELECT count(*) FROM kd.projection_dead_letters d WHERE d.projection = c.projection) AS dead_letters
        FROM kd.projection_checkpoints c`);
    const byName = new Map(rows.map((r) => [r.projection, r]));
    const table = projections.map((p) => {
      const row = byName.get(p.name);
      const checkpoint = Number(row?.last_seq ?? 0);
      return {
        projection: p.name,
        version: `${row?.projection_version ?? '-'}/${p.version}`,
        checkpoint,
        head,
        lag: head - checkpoint,
        dead_letters: Number(row?.dead_letters ?? 0),
        updated_at: row?.updated_at?.toISOString() ?? 'never',
      };
    });
    process.stdout.write(
      `stream ${config.KD_STREAM} (${config.KD_SUBJECT_PREFIX}.>) head ${head}\n`,
    );
    console.table(table);
  } finally {
    await Promise.all([dataSource.destroy(), nats.nc.close()]);
  }
});
