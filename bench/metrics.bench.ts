import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { Registry } from 'prom-client';
import { EventStore, createEventStoreMetrics } from '@kd/event-store';
import { startTracedTimer } from '@kd/observability';
import { readGuildInsights } from '@kd/analytics';
import { readCheckpoint } from '@kd/projections';
import { fillAnalytics } from './support/analytics-fill.js';
import { benchEnvironment, logger, benchArgs, pipelined, rate } from './support/bench-env.js';
import { knowPeople, measureProjectionLag } from './support/projection-lag.js';
import { cpuSecondsOf } from './support/process-cpu.js';
import { realisticEvents } from './support/realistic-events.js';
import {
  periodicScrape,
  percentile,
  sampleValue,
  scrapeTimes,
  timedScrape,
} from './support/scrape.js';
import { startBuiltApp } from './support/start-app.js';

/**
 * `npm run bench:metrics [-- --quick]` (BENCHMARKS.md, "metrics"): DESIGN §8's three metrics
 * targets in one run, each on its own database and stream:
 * (a) the projector's /metrics scrape with 10,000 guilds and 1,000,000 events in the analytics
 *     read models, business gauges recomputed on every scrape (TTL 0) and with the default TTL;
 * (b) publish → projector throughput with instrumentation on vs off, alternating rounds;
 * (c) projection lag at a steady 5,000 events/s while /metrics is scraped.
 */
const fullDefaults = {
  guilds: 10_000,
  events: 1_000_000,
  days: 120,
  scrapes: 200,
  rounds: 5,
  'pipeline-events': 100_000,
  rate: 5_000,
  seconds: 30,
  'scrape-interval-ms': 1_000,
};
const quickDefaults: typeof fullDefaults = {
  guilds: 1_000,
  events: 50_000,
  days: 60,
  scrapes: 30,
  rounds: 2,
  'pipeline-events': 10_000,
  rate: 1_000,
  seconds: 3,
  'scrape-interval-ms': 1_000,
};
const cli = benchArgs(
  'metrics',
  'The three metrics targets of DESIGN §8: /metrics scrape time on big read models, publish → projector throughput with instrumentation on vs off, projection lag while scraped; BENCHMARKS.md.',
  fullDefaults,
  {
    quick: 'smaller defaults for a quick run',
    // Only (a), plus per-guild insights: the read-model half, without the pipeline rounds.
    'scrape-only': 'only the scrape half (a), plus per-guild insights',
    // Only (b): the instrumentation overhead rounds.
    'overhead-only': 'only the instrumentation overhead rounds (b)',
  },
);
const quick = cli.flags.quick;
const scrapeOnly = cli.flags['scrape-only'];
const overheadOnly = cli.flags['overhead-only'];
const args = { ...(quick ? quickDefaults : fullDefaults), ...cli.given };

type Env = Awaited<ReturnType<typeof benchEnvironment>>;

const projectorEnv = (env: Env, extra: Record<string, string> = {}) => ({
  DATABASE_URL: env.databaseUrl,
  NATS_URL: env.natsUrl,
  KD_STREAM: env.streams.ours.stream,
  KD_SUBJECT_PREFIX: env.streams.ours.subjectPrefix,
  // As in bench:pipeline and bench:lag: the pipeline figures are for analytics.event_log.
  PROJECTIONS: 'event_log',
  ...extra,
});

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function withEnv<T>(fn: (env: Env) => Promise<T>): Promise<T> {
  const env = await benchEnvironment();
  try {
    return await fn(env);
  } finally {
    await env.dispose();
  }
}

async function withProjector<T>(
  env: Env,
  extra: Record<string, string>,
  fn: (url: string, pid: number) => Promise<T>,
) {
  const app = await startBuiltApp('projector', projectorEnv(env, extra));
  try {
    while (
      !(await env.nats.jsm.consumers
        .info(env.streams.ours.stream, 'proj_event_log')
        .catch(() => null))
    )
      await new Promise((r) => setTimeout(r, 50));
    return await fn(app.url, app.process.pid ?? 0);
  } finally {
    await stop(app.process);
  }
}

/** (a) Scrape times of a projector whose database holds the filled analytics read models. */
async function scrapeCost() {
  return withEnv(async (env) => {
    let reported = 0;
    const fill = await fillAnalytics(env.dataSource, {
      guilds: args.guilds,
      events: args.events,
      days: args.days,
      now: new Date(),
      batch: 2_000,
      logger,
      onProgress: (n) => {
        if (n - reported < 100_000) return;
        reported = n;
        console.log(`  filled ${n} events`);
      },
    });
    // What autovacuum would have done by the time anyone scrapes a database of this size.
    await env.dataSource.query('ANALYZE');
    const [guilds] = await env.dataSource.query<{ guilds: number; installed: number }[]>(
      `SELECT (SELECT count(*)::int FROM kd.analytics_guilds) AS guilds,
              (SELECT installed_guilds FROM analytics.installed_guilds) AS installed`,
    );
    console.log(
      `filled ${fill.events} events (${fill.simulatedGuilds} simulated guilds over ${args.days} days, ` +
        `${fill.idleGuilds} installed-only) in ${fill.seconds} s: ${fill.per_s} events/s; ` +
        `${guilds?.guilds} guilds, ${guilds?.installed} installed`,
    );
    const measure = (extra: Record<string, string>) =>
      withProjector(env, extra, async (url) => {
        const times = await scrapeTimes(`${url}/metrics`, args.scrapes);
        const { body } = await timedScrape(`${url}/metrics`);
        return {
          p50: percentile(times, 0.5),
          p95: percentile(times, 0.95),
          max: percentile(times, 1),
          installedGauge: sampleValue(body, 'kd_installed_guilds'),
          queryErrors: sampleValue(body, 'kd_business_metrics_errors_total'),
          querySeconds:
            sampleValue(body, 'kd_business_metrics_query_duration_seconds_sum') /
            sampleValue(body, 'kd_business_metrics_query_duration_seconds_count'),
        };
      });
    const noCache = await measure({ BUSINESS_METRICS_TTL_MS: '0' });
    console.log(
      `/metrics, TTL 0 (queries on every scrape): p50 ${noCache.p50} ms, p95 ${noCache.p95} ms, ` +
        `max ${noCache.max} ms; summary query ${Math.round(noCache.querySeconds * 1000)} ms on average; ` +
        `kd_installed_guilds ${noCache.installedGauge}, query errors ${noCache.queryErrors}`,
    );
    const cached = await measure({});
    console.log(
      `/metrics, default TTL (15 s): p50 ${cached.p50} ms, p95 ${cached.p95} ms, max ${cached.max} ms`,
    );
    const insights = await guildInsightsTimes(env);
    console.log(
      `one guild's insights (/kaltura-stats, GET /api/v1/guilds/{id}/insights), ${insights.guilds} guilds: ` +
        `p50 ${insights.p50} ms, p95 ${insights.p95} ms, max ${insights.max} ms`,
    );
    return { fill, guilds, noCache, cached, insights };
  });
}

/** readGuildInsights (what /kaltura-stats and the insights endpoint run) for a spread of guilds. */
async function guildInsightsTimes(env: Env) {
  const sample = await env.dataSource.query<{ guild_id: string }[]>(
    `SELECT guild_id FROM kd.analytics_guilds ORDER BY md5(guild_id) LIMIT 100`,
  );
  const times: number[] = [];
  for (const { guild_id } of sample) {
    const started = performance.now();
    await readGuildInsights(env.dataSource, guild_id, { timeoutMs: 5_000, now: new Date() });
    times.push(performance.now() - started);
  }
  const at = (p: number) => percentile(times, p);
  return { guilds: times.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

interface Round {
  perS: number;
  /** CPU time (user + system) of the publishing process and the projector, per event. */
  cpuUsPerEvent: number;
}

/** (b) One publish → event_log round: events/s from the first append to the last applied. */
async function pipelineRound(
  on: boolean,
  n = args['pipeline-events'],
  label = `instrumentation ${on ? 'on ' : 'off'}`,
): Promise<Round> {
  return withEnv((env) =>
    withProjector(env, { METRICS_ENABLED: String(on) }, async (url, pid) => {
      const store = new EventStore({
        nats: env.nats,
        ...env.streams.ours,
        ...(on ? { metrics: createEventStoreMetrics(new Registry()) } : {}),
      });
      const scraper = on ? periodicScrape(`${url}/metrics`, args['scrape-interval-ms']) : undefined;
      const events = realisticEvents(n);
      const cpu0 = cpuMicros(pid);
      const t0 = performance.now();
      await pipelined(n, 256, (i) => store.append(events[i]!), 'append');
      while (((await readCheckpoint(env.dataSource.manager, 'event_log'))?.lastSeq ?? 0) < n)
        await new Promise((r) => setTimeout(r, 5));
      const perS = rate(n, performance.now() - t0);
      const cpuUsPerEvent = Math.round(((cpuMicros(pid) - cpu0) / n) * 10) / 10;
      const scrapes = await scraper?.stop();
      console.log(
        `  ${label}: ${perS} events/s, ${cpuUsPerEvent} µs CPU/event${on ? ` (${scrapes} scrapes)` : ''}`,
      );
      return { perS, cpuUsPerEvent };
    }),
  );
}

async function overhead() {
  // The first round of a run is slower whatever its mode (cold JIT, caches): warm up first.
  await pipelineRound(true, Math.ceil(args['pipeline-events'] / 5), 'warm-up (not counted)');
  const on: Round[] = [];
  const off: Round[] = [];
  for (let round = 0; round < args.rounds; round++) {
    // Alternate which goes first, so a drift of the shared machine hits both alike.
    const order = round % 2 === 0 ? [true, false] : [false, true];
    for (const mode of order) (mode ? on : off).push(await pipelineRound(mode));
  }
  const [onPerS, offPerS] = [median(on.map((r) => r.perS)), median(off.map((r) => r.perS))];
  const cpuOn = on.map((r) => r.cpuUsPerEvent);
  const cpuOff = off.map((r) => r.cpuUsPerEvent);
  const [cpuOnMedian, cpuOffMedian] = [medianOf(cpuOn), medianOf(cpuOff)];
  const callsUs = instrumentationCallsUs();
  return {
    on: on.map((r) => r.perS),
    off: off.map((r) => r.perS),
    // The per-append instrumentation alone, as a share of a whole event's CPU with it off.
    cpuInstrumentationCallsUs: callsUs,
    cpuInstrumentationCallsPct: Math.round((callsUs / cpuOffMedian) * 1000) / 10,
    onPerS,
    offPerS,
    pct: Math.round(((offPerS - onPerS) / offPerS) * 1000) / 10,
    cpuOn,
    cpuOff,
    cpuOnMedian,
    cpuOffMedian,
    cpuPct: Math.round(((cpuOnMedian - cpuOffMedian) / cpuOffMedian) * 1000) / 10,
    // Spread: each mode's (max − min) / median, the noise the figure has to be read against.
    cpuSpreadPct: Math.max(spreadPct(cpuOn), spreadPct(cpuOff)),
  };
}

/**
 * CPU µs of what `EventStore.append` adds per event when metrics are on, without the I/O it sits
 * beside: the publish-duration timer (histogram with exemplars) and the labelled counter.
 */
function instrumentationCallsUs(n = 200_000): number {
  const metrics = createEventStoreMetrics(new Registry());
  const types = ['command.executed', 'meeting.created', 'meeting.participant_joined', 'x.y'];
  const once = (i: number) => {
    const stop = startTracedTimer(metrics.publishDuration);
    metrics.published.inc({ type: types[i % types.length]! });
    stop();
  };
  for (let i = 0; i < n; i++) once(i); // warm-up
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) once(i);
  const cpu = process.cpuUsage(cpu0);
  return Math.round(((cpu.user + cpu.system) / n) * 100) / 100;
}

/** CPU time (user + system) of this process plus the process `pid`, in µs (/proc, Linux). */
function cpuMicros(pid: number): number {
  const own = process.cpuUsage();
  return own.user + own.system + (cpuSecondsOf(pid) ?? 0) * 1e6;
}

function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function spreadPct(xs: readonly number[]): number {
  const m = medianOf(xs);
  return m > 0 ? Math.round(((Math.max(...xs) - Math.min(...xs)) / m) * 1000) / 10 : 0;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : Math.round(((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2);
}

/** (c) bench:lag's measurement, with /metrics scraped meanwhile. */
async function lag() {
  return withEnv((env) =>
    withProjector(env, {}, async (url) => {
      const store = new EventStore({
        nats: env.nats,
        ...env.streams.ours,
        metrics: createEventStoreMetrics(new Registry()),
      });
      const scraper = periodicScrape(`${url}/metrics`, args['scrape-interval-ms']);
      const events = realisticEvents(args.rate * args.seconds);
      await knowPeople(store, events); // as bench:lag: steady load, the people known
      const result = await measureProjectionLag(
        store,
        env.dataSource,
        'event_log',
        events,
        args.rate,
        // As bench:lag: the start-up transient is reported apart from the steady percentiles.
        Math.min(3, args.seconds / 3),
      );
      await scraper.stop();
      return result;
    }),
  );
}

console.log(`bench:metrics${quick ? ' --quick' : ''}: ${JSON.stringify(args)}`);
if (overheadOnly) {
  console.log(
    `(b) instrumentation on vs off (${args.rounds} rounds of ${args['pipeline-events']} events)`,
  );
  const b = await overhead();
  console.log(JSON.stringify({ bench: 'metrics', overhead_only: true, ...b }));
  process.exit(0);
}
console.log('(a) /metrics scrape with filled read models');
const a = await scrapeCost();
// Part (a)'s figures: the whole line of --scrape-only, the start of the full one.
const scrapeFigures = {
  guilds: a.guilds?.guilds,
  installed_guilds: a.guilds?.installed,
  events: a.fill.events,
  fill_per_s: a.fill.per_s,
  scrape_p50_ms: a.noCache.p50,
  scrape_p95_ms: a.noCache.p95,
  scrape_max_ms: a.noCache.max,
  summary_query_ms: Math.round(a.noCache.querySeconds * 1000),
  scrape_query_errors: a.noCache.queryErrors,
  scrape_default_ttl_p50_ms: a.cached.p50,
  scrape_default_ttl_p95_ms: a.cached.p95,
  scrape_default_ttl_max_ms: a.cached.max,
  guild_insights_p50_ms: a.insights.p50,
  guild_insights_p95_ms: a.insights.p95,
  guild_insights_max_ms: a.insights.max,
};
if (scrapeOnly) {
  console.log(JSON.stringify({ bench: 'metrics', scrape_only: true, ...scrapeFigures }));
  process.exit(0);
}
console.log(
  `(b) pipeline throughput, instrumentation on vs off (${args.rounds} rounds of ${args['pipeline-events']} events)`,
);
const b = await overhead();
console.log(`    median on ${b.onPerS} events/s, off ${b.offPerS} events/s: overhead ${b.pct}%`);
console.log(
  `    CPU per event: median on ${b.cpuOnMedian} µs, off ${b.cpuOffMedian} µs: overhead ${b.cpuPct}% (spread within a mode up to ${b.cpuSpreadPct}%)`,
);
console.log(
  `    per-append instrumentation calls alone: ${b.cpuInstrumentationCallsUs} µs (${b.cpuInstrumentationCallsPct}% of an event's CPU with metrics off)`,
);
console.log(`(c) projection lag at ${args.rate} events/s for ${args.seconds} s`);
const c = await lag();
console.log(
  `    achieved ${c.achieved_rate} events/s: lag p50 ${c.lag_p50_s} s, p99 ${c.lag_p99_s} s, max ${c.lag_max_s} s`,
);
console.log(
  JSON.stringify({
    bench: 'metrics',
    quick,
    ...scrapeFigures,
    pipeline_on_per_s: b.onPerS,
    pipeline_off_per_s: b.offPerS,
    pipeline_rounds_on: b.on,
    pipeline_rounds_off: b.off,
    overhead_pct: b.pct,
    cpu_us_per_event_on: b.cpuOnMedian,
    cpu_us_per_event_off: b.cpuOffMedian,
    cpu_rounds_on: b.cpuOn,
    cpu_rounds_off: b.cpuOff,
    overhead_cpu_pct: b.cpuPct,
    overhead_cpu_spread_pct: b.cpuSpreadPct,
    cpu_us_instrumentation_calls_per_append: b.cpuInstrumentationCallsUs,
    lag_rate: c.achieved_rate,
    lag_p50_s: c.lag_p50_s,
    lag_p99_s: c.lag_p99_s,
  }),
);
