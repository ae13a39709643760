import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { generateDiscordKeys } from '@kd/discord';
import { benchArgs, benchEnvironment } from './support/bench-env.js';
import { fixedRateLoad } from './support/http-load.js';
import { recordingReadyNotifications, signedInteraction } from './support/signed-requests.js';
import { startBuiltApp } from './support/start-app.js';

/**
 * `npm run bench:soak -- --minutes 10`: a sustained run of signed interactions (/kaltura-list)
 * and signed Kaltura webhooks at fixed rates against api + projector, sampling each process's
 * RSS, then reconciling counts: every 2xx became exactly one event, and every event exactly one
 * analytics.event_log row. `--minutes 1` for a quick run.
 */
const { args } = benchArgs(
  'soak',
  'A sustained run of signed interactions and webhooks (per second) for --minutes; memory and latency drift; BENCHMARKS.md.',
  { minutes: 10, interactions: 500, webhooks: 500, connections: 10 },
);
const env = await benchEnvironment();
const keys = generateDiscordKeys();
const webhookSecret = 'soak-kaltura-secret';
let next = BigInt(Date.now()) * 1000n;
const snowflake = () => (++next).toString().padStart(18, '1').slice(-19);

const interaction = () => ({
  id: snowflake(),
  type: 2,
  application_id: '223456789012345678',
  token: `soak-${next}`,
  guild_id: `12345678901234${String(Number(next % 500n)).padStart(4, '0')}`,
  channel_id: '323456789012345678',
  locale: 'en-US',
  member: {
    user: { id: '423456789012345678', username: 'soak', global_name: null },
    roles: [],
    permissions: '32',
  },
  data: { id: '523456789012345678', name: 'kaltura-list', type: 1, options: [] },
});

function rssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

const shared = {
  DATABASE_URL: env.databaseUrl,
  NATS_URL: env.natsUrl,
  KD_STREAM: env.streams.ours.stream,
  KD_SUBJECT_PREFIX: env.streams.ours.subjectPrefix,
};
const apps = {
  api: await startBuiltApp('api', {
    ...shared,
    JWT_SECRET: 'soak-jwt-secret-soak-jwt-secret-000000',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_API_URL: 'http://127.0.0.1:9/api',
    KALTURA_WEBHOOK_SECRET: webhookSecret,
  }),
  projector: await startBuiltApp('projector', shared),
};
const samples: Record<string, number[]> = { api: [], projector: [] };
const sample = () => {
  for (const [name, app] of Object.entries(apps)) samples[name]?.push(rssMiB(app.process));
};
try {
  sample();
  const timer = setInterval(sample, 5_000);
  const durationS = Math.round(args.minutes * 60);
  const load = { durationS, warmupS: 0, connections: args.connections };
  const [list, webhooks] = await Promise.all([
    fixedRateLoad({
      ...load,
      rate: args.interactions,
      url: `${apps.api.url}/interactions`,
      method: 'POST',
      request: () => signedInteraction(interaction(), keys),
    }),
    fixedRateLoad({
      ...load,
      rate: args.webhooks,
      url: `${apps.api.url}/webhooks/kaltura`,
      method: 'POST',
      request: recordingReadyNotifications(webhookSecret),
    }),
  ]);
  clearInterval(timer);
  sample();

  await new Promise((r) => setTimeout(r, 3_000)); // requests still in flight finish
  // The server's own count: the generator stops counting requests still in flight at its end.
  const metrics = await (await fetch(`${apps.api.url}/metrics`)).text();
  const served2xx = (route: string) =>
    metrics
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('kd_http_requests_total{') &&
          l.includes(`route="${route}"`) &&
          l.includes('status_class="2xx"'),
      )
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  const head = (await env.nats.jsm.streams.info(env.streams.ours.stream)).state;
  const deadline = Date.now() + 120_000;
  let applied = 0;
  while (Date.now() < deadline) {
    const rows = await env.dataSource.query<{ s: string }[]>(
      `SELECT last_seq AS s FROM kd.projection_checkpoints WHERE projection = 'event_log'`,
    );
    applied = Number(rows[0]?.s ?? 0);
    if (applied >= head.last_seq) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const byType = await env.dataSource.query<{ type: string; n: string }[]>(
    `SELECT type, count(*) AS n FROM analytics.event_log GROUP BY type`,
  );
  const count = (type: string) => Number(byType.find((r) => r.type === type)?.n ?? 0);
  const rows = byType.reduce((sum, r) => sum + Number(r.n), 0);
  const reconciled =
    count('command.executed') === served2xx('/interactions') &&
    count('kaltura.webhook_received') === served2xx('/webhooks/kaltura') &&
    rows === head.messages;
  const rss = Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [
      name,
      {
        start_mib: values[0],
        end_mib: values.at(-1),
        max_mib: Math.max(...values),
        // growth over the second half of the run: a leak keeps growing once warm
        second_half_growth_mib: (values.at(-1) ?? 0) - (values[Math.floor(values.length / 2)] ?? 0),
      },
    ]),
  );
  console.log(`interactions: ${JSON.stringify(list)}`);
  console.log(`webhooks:     ${JSON.stringify(webhooks)}`);
  console.log(`rss (MiB):    ${JSON.stringify(rss)}`);
  console.log(
    JSON.stringify({
      bench: 'soak',
      minutes: args.minutes,
      interactions_rate: args.interactions,
      webhooks_rate: args.webhooks,
      interactions_p99_ms: list.p99_ms,
      interactions_rps: list.rps,
      webhooks_p99_ms: webhooks.p99_ms,
      webhooks_rps: webhooks.rps,
      non2xx: list.non2xx + webhooks.non2xx,
      errors: list.errors + webhooks.errors,
      events_stored: head.messages,
      event_log_rows: rows,
      interactions_2xx: served2xx('/interactions'),
      webhooks_2xx: served2xx('/webhooks/kaltura'),
      commands_recorded: count('command.executed'),
      webhooks_recorded: count('kaltura.webhook_received'),
      projected_to_head: applied >= head.last_seq,
      reconciled,
      rss,
    }),
  );
  if (!reconciled) process.exitCode = 1;
} finally {
  for (const app of Object.values(apps)) app.process.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await env.dispose();
}
