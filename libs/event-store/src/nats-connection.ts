import { readFileSync } from 'node:fs';
import {
  connect,
  credsAuthenticator,
  type ConnectionOptions,
  type NatsConnection,
} from '@nats-io/transport-node';
import type { Logger } from '@kd/observability';

/** How a process logs in to NATS: a user and password, or a creds file (JWT and NKey seed). */
export type NatsAuth = { user: string; pass: string } | { credsFile: string };

export interface NatsConnectionOptions {
  url: string;
  name: string;
  logger: Logger;
  /** None: anonymous, or the credentials in the URL (nats://user:pass@host). */
  auth?: NatsAuth;
  /** Give up after this many failed first attempts (default: never). */
  maxAttempts?: number;
  signal?: AbortSignal;
}

/**
 * Connects with retries and capped exponential backoff, logging each failure once, so a
 * process started before NATS waits for it instead of crash-looping. Once connected, the
 * client reconnects by itself forever.
 */
export async function connectNats({
  url,
  name,
  logger,
  maxAttempts = Infinity,
  signal,
  auth,
}: NatsConnectionOptions): Promise<NatsConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      const nc = await connect({
        servers: natsServerList(url),
        name,
        ...authOptions(auth),
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        timeout: 3000,
        // Otherwise the client builds an Error (a stack capture) for every request: ~15% of the
        // CPU of a publish-heavy process.
        noAsyncTraces: true,
      });
      logger.info({ url: redactUrl(url), attempt }, 'connected to NATS');
      watchStatus(nc, logger);
      return nc;
    } catch (error) {
      if (attempt >= maxAttempts || signal?.aborted) throw error;
      const delayMs = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7));
      logger.warn(
        { url: redactUrl(url), attempt, retryInMs: delayMs, err: String(error) },
        'NATS unreachable, retrying',
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** The creds file is read at every attempt, so a rotated file is picked up on reconnecting. */
function authOptions(auth: NatsAuth | undefined): Partial<ConnectionOptions> {
  if (!auth) return {};
  if ('credsFile' in auth)
    return { authenticator: credsAuthenticator(() => readFileSync(auth.credsFile)) };
  return { user: auth.user, pass: auth.pass };
}

function watchStatus(nc: NatsConnection, logger: Logger): void {
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'error') {
        logger.warn({ natsStatus: status.type }, `NATS ${status.type}`);
      }
    }
  })().catch(() => undefined);
}

/** `NATS_URL`: one server or a comma-separated list of a cluster's servers. */
export function natsServerList(url: string): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server.length > 0);
}

/** Hides credentials in every URL of a server list. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/,]*@/g, '//***@');
}
