import { timedProgress } from './bench-env.js';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  rate: number;
  durationS: number;
  warmupS: number;
  connections: number;
  /** Builds each request (body and headers), e.g. to sign a fresh payload. */
  request?: () => { body: string; headers: Record<string, string> };
}

export interface LoadResult {
  p50_ms: number;
  p99_ms: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Fixed-rate load (autocannon `overallRate`, so latency includes coordinated-omission correction)
 * after a warm-up at the same rate. The generator runs in this process, on the same machine.
 */
export async function fixedRateLoad(options: LoadOptions): Promise<LoadResult> {
  const done = timedProgress(
    `${options.method ?? 'GET'} ${new URL(options.url).pathname} at ${options.rate}/s`,
    options.warmupS + options.durationS,
  );
  try {
    if (options.warmupS > 0) await run(options, options.warmupS);
    return await run(options, options.durationS);
  } finally {
    done();
  }
}

async function run(options: LoadOptions, durationS: number): Promise<LoadResult> {
  const build = options.request;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections: options.connections,
    overallRate: options.rate,
    duration: durationS,
    requests: [
      build
        ? {
            setupRequest: (request) => {
              const { body, headers } = build();
              return { ...request, body, headers: { ...request.headers, ...headers } };
            },
          }
        : {},
    ],
  });
  return {
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    rps: Math.round(result.requests.average),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
