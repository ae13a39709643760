import { parseCli, usageOf, type CliOptions, type CliSpec } from '@kd/cli';
import { copyStreamSealed } from '../migrate/copy-stream-sealed.js';
import { exitWith, withNats } from './people-cli.js';

const spec = {
  command: 'npm run people:migrate-stream --',
  synopsis: '--to <stream> --to-prefix <subject prefix>',
  summary: `One-time migration (docs/privacy.md): copies KD_STREAM into a new stream with every personal
value sealed under a per-person key, then checks the count of every subject. Stop the writers
first; afterwards set KD_STREAM and KD_SUBJECT_PREFIX to the new ones and rebuild the projections.`,
  options: {
    to: { type: 'string', value: 'stream', description: 'the new stream (must not hold events)' },
    'to-prefix': {
      type: 'string',
      value: 'prefix',
      description: 'its subject prefix, e.g. kd.events2',
    },
  },
  positionals: { max: 0 },
  epilogue: 'Environment: NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX (the stream to copy).',
} satisfies CliSpec<CliOptions>;

async function main(): Promise<void> {
  const parsed = parseCli(spec, process.argv.slice(2));
  const to = parsed.help ? undefined : parsed.values.to;
  const toPrefix = parsed.help ? undefined : parsed.values['to-prefix'];
  if (typeof to !== 'string' || typeof toPrefix !== 'string') {
    process.stdout.write(`${usageOf(spec)}\n`);
    return;
  }
  await withNats('people-migrate-stream', async ({ config, js, jsm }) => {
    const result = await copyStreamSealed({
      nats: { js, jsm, replicas: config.KD_STREAM_REPLICAS },
      from: { stream: config.KD_STREAM, subjectPrefix: config.KD_SUBJECT_PREFIX },
      to: { stream: to, subjectPrefix: toPrefix },
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.mismatches.length > 0) throw new Error('counts differ: keep the old stream');
  });
}

exitWith('people:migrate-stream', main());
