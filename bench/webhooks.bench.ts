import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchArgs, benchEnvironment } from './support/bench-env.js';
import { fixedRateLoad } from './support/http-load.js';
import { recordingReadyNotifications } from './support/signed-requests.js';

/**
 * `npm run bench:webhooks -- --rate 1000 --seconds 20`: signed Kaltura notifications (verify +
 * durable publish) at a fixed rate, beside a bare endpoint of the same server in the same run.
 */
const { args } = benchArgs(
  'webhooks',
  'Signed Kaltura notifications at a fixed --rate for --seconds (after --warmup); BENCHMARKS.md.',
  { rate: 1000, seconds: 20, warmup: 5, connections: 10 },
);
const env = await benchEnvironment();
const secret = 'bench-kaltura-secret';
try {
  const api = await startApi();
  try {
    const load = {
      rate: args.rate,
      durationS: args.seconds,
      warmupS: args.warmup,
      connections: args.connections,
    };
    const bare = await fixedRateLoad({ ...load, url: `${api.url}/health/live` });
    console.log(
      `bare GET /health/live:       p50 ${bare.p50_ms} ms, p99 ${bare.p99_ms} ms, ${bare.rps} req/s`,
    );
    const webhooks = await fixedRateLoad({
      ...load,
      url: `${api.url}/webhooks/kaltura`,
      method: 'POST',
      request: recordingReadyNotifications(secret),
    });
    console.log(
      `POST /webhooks/kaltura:      p50 ${webhooks.p50_ms} ms, p99 ${webhooks.p99_ms} ms, ${webhooks.rps} req/s, non-2xx ${webhooks.non2xx}, errors ${webhooks.errors}`,
    );
    const stored = (await env.nats.jsm.streams.info(env.streams.ours.stream)).state.messages;
    console.log(`events stored: ${stored} (one per 2xx notification)`);
    console.log(
      JSON.stringify({
        bench: 'webhooks',
        rate: args.rate,
        seconds: args.seconds,
        connections: args.connections,
        p50_ms: webhooks.p50_ms,
        p99_ms: webhooks.p99_ms,
        rps: webhooks.rps,
        non2xx: webhooks.non2xx,
        bare_p50_ms: bare.p50_ms,
        bare_p99_ms: bare.p99_ms,
        bare_rps: bare.rps,
        events_stored: stored,
      }),
    );
  } finally {
    api.process.kill('SIGTERM');
  }
} finally {
  await env.dispose();
}

async function startApi(): Promise<{ url: string; process: ReturnType<typeof spawn> }> {
  const entry = fileURLToPath(new URL('../apps/api/src/main.js', import.meta.url));
  const child = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      NATS_URL: env.natsUrl,
      KD_STREAM: env.streams.ours.stream,
      KD_SUBJECT_PREFIX: env.streams.ours.subjectPrefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0000',
      KALTURA_WEBHOOK_SECRET: secret,
    },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`api exited with ${code}`)));
  });
  for (;;) {
    const ready = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (ready?.ok) return { url, process: child };
    await new Promise((r) => setTimeout(r, 100));
  }
}
