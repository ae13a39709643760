import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EventStore } from '@kd/event-store';
import { benchArgs, benchEnvironment, timedProgress } from './support/bench-env.js';
import { knowPeople, measureProjectionLag } from './support/projection-lag.js';
import { realisticEvents } from './support/realistic-events.js';

/**
 * `npm run bench:lag -- --rate 5000 --seconds 30`: projection lag at a steady publish rate, the
 * bench's people known already (their person keys exist, as a running community's members'
 * do); `--new-people`: every one of them appears for the first time in the run's first seconds.
 */
const { args, flags } = benchArgs(
  'lag',
  'Projection lag while events are published at a steady --rate for --seconds, the first --warmup seconds left out of the percentiles (reported apart); BENCHMARKS.md.',
  { rate: 5000, seconds: 30, warmup: 3 },
  {
    'new-people':
      "every person of the mix is new in the run's first seconds (their keys are made while measuring)",
  },
);
const env = await benchEnvironment();
try {
  const projector = spawn(
    process.execPath,
    [fileURLToPath(new URL('../apps/projector/src/main.js', import.meta.url))],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: env.databaseUrl,
        NATS_URL: env.natsUrl,
        KD_STREAM: env.streams.ours.stream,
        KD_SUBJECT_PREFIX: env.streams.ours.subjectPrefix,
        // The figures are for analytics.event_log, as DESIGN §8 defines the pipeline target.
        PROJECTIONS: 'event_log',
        HTTP_PORT: '0',
        LOG_LEVEL: 'warn',
      },
    },
  );
  try {
    while (
      !(await env.nats.jsm.consumers
        .info(env.streams.ours.stream, 'proj_event_log')
        .catch(() => null))
    )
      await new Promise((r) => setTimeout(r, 50));
    const store = new EventStore({ nats: env.nats, ...env.streams.ours });
    const events = realisticEvents(args.rate * args.seconds);
    const people = flags['new-people'] ? 'new' : 'known';
    if (people === 'known') await knowPeople(store, events);
    const done = timedProgress(`publish at ${args.rate}/s`, args.seconds);
    const result = await measureProjectionLag(
      store,
      env.dataSource,
      'event_log',
      events,
      args.rate,
      args.warmup,
    ).finally(done);
    console.log(
      `steady ${result.achieved_rate} events/s: lag p50 ${result.lag_p50_s} s, p99 ${result.lag_p99_s} s, max ${result.lag_max_s} s (after ${result.warmup_s} s; during them at most ${result.warmup_lag_max_s} s)`,
    );
    console.log(JSON.stringify({ bench: 'lag', people, ...result }));
  } finally {
    projector.kill('SIGTERM');
  }
} finally {
  await env.dispose();
}
