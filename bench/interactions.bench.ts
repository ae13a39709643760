import { generateDiscordKeys } from '@kd/discord';
import { benchArgs, benchEnvironment } from './support/bench-env.js';
import { fixedRateLoad } from './support/http-load.js';
import { signedInteraction } from './support/signed-requests.js';
import { startBuiltApp } from './support/start-app.js';

/**
 * `npm run bench:interactions -- --rate 1000 --seconds 20`: signed Discord interactions answered
 * from local state (`/kaltura-list`: signature check, guild configuration, read model query,
 * `command.executed` appended) at a fixed rate beside a bare endpoint in the same run; then
 * Kaltura-bound `/kaltura-start` while Kaltura answers in 4 s: the acknowledgement time.
 */
const { args } = benchArgs(
  'interactions',
  'Signed interactions at a fixed --rate for --seconds (after --warmup), then /kaltura-start while Kaltura is slow (--slow s); BENCHMARKS.md.',
  { rate: 1000, seconds: 20, warmup: 5, connections: 10, slow: 20 },
);
const env = await benchEnvironment();
const keys = generateDiscordKeys();
const simSecret = 'bench-sim-secret';
let next = BigInt(Date.now()) * 1000n;
const snowflake = () => (++next).toString().padStart(18, '1').slice(-19);
const guildId = '123456789012345678';
const interaction = (
  name: string,
  options: { name: string; type: number; value: string }[] = [],
) => ({
  id: snowflake(),
  type: 2,
  application_id: '223456789012345678',
  token: `bench-${next}`,
  guild_id: guildId,
  channel_id: '323456789012345678',
  locale: 'en-US',
  member: {
    user: { id: '423456789012345678', username: 'bench', global_name: null },
    roles: [],
    permissions: '32',
  },
  data: { id: '523456789012345678', name, type: 1, options },
});
const signed = (body: unknown) => signedInteraction(body, keys);

try {
  const sim = await startBuiltApp('kaltura-sim', {
    KALTURA_PARTNER_ID: '100',
    KALTURA_ADMIN_SECRET: simSecret,
  });
  const api = await startBuiltApp('api', {
    DATABASE_URL: env.databaseUrl,
    NATS_URL: env.natsUrl,
    KD_STREAM: env.streams.ours.stream,
    KD_SUBJECT_PREFIX: env.streams.ours.subjectPrefix,
    JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0000',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_API_URL: 'http://127.0.0.1:9/api',
    KALTURA_SERVICE_URL: sim.url,
    KALTURA_PARTNER_ID: '100',
    KALTURA_ADMIN_SECRET: simSecret,
    // The bench starts many meetings as one member: measure acknowledgements, not the limit.
    START_RATE_LIMIT_PER_USER: '0',
    START_RATE_LIMIT_PER_GUILD: '0',
  });
  try {
    const load = {
      rate: args.rate,
      durationS: args.seconds,
      warmupS: args.warmup,
      connections: args.connections,
    };
    const bare = await fixedRateLoad({ ...load, url: `${api.url}/health/live` });
    console.log(
      `bare GET /health/live:        p50 ${bare.p50_ms} ms, p99 ${bare.p99_ms} ms, ${bare.rps} req/s`,
    );
    const list = await fixedRateLoad({
      ...load,
      url: `${api.url}/interactions`,
      method: 'POST',
      request: () => signed(interaction('kaltura-list')),
    });
    console.log(
      `POST /interactions /kaltura-list: p50 ${list.p50_ms} ms, p99 ${list.p99_ms} ms, ${list.rps} req/s, non-2xx ${list.non2xx}`,
    );
    const recorded = (await env.nats.jsm.streams.info(env.streams.ours.stream)).state.messages;
    console.log(`command.executed events: ${recorded}`);

    await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 4000 }),
    });
    const acks: number[] = [];
    await Promise.all(
      Array.from({ length: args.slow }, async () => {
        const started = performance.now();
        const response = await fetch(`${api.url}/interactions`, {
          method: 'POST',
          ...signed(
            interaction('kaltura-start', [
              { name: 'type', type: 3, value: 'meeting' },
              { name: 'title', type: 3, value: 'bench' },
            ]),
          ),
        });
        await response.text();
        acks.push(performance.now() - started);
      }),
    );
    const slowAckMax = Math.round(Math.max(...acks));
    console.log(
      `/kaltura-start with Kaltura answering in 4 s: acknowledged (deferred) within ${slowAckMax} ms at most`,
    );
    console.log(
      JSON.stringify({
        bench: 'interactions',
        rate: args.rate,
        seconds: args.seconds,
        connections: args.connections,
        p50_ms: list.p50_ms,
        p99_ms: list.p99_ms,
        rps: list.rps,
        non2xx: list.non2xx,
        bare_p50_ms: bare.p50_ms,
        bare_p99_ms: bare.p99_ms,
        events_recorded: recorded,
        slow_kaltura_ack_max_ms: slowAckMax,
      }),
    );
    await new Promise((r) => setTimeout(r, 5000)); // let the deferred follow-ups finish before teardown
  } finally {
    api.process.kill('SIGTERM');
    sim.process.kill('SIGTERM');
  }
} finally {
  await env.dispose();
}
