import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { commonEnv, kalturaEnv, loadConfigOrExit } from '@kd/config';
import { connectNats, natsAuthOf } from '@kd/event-store';
import { KalturaClient } from '@kd/kaltura';
import { createLogger, type Logger } from '@kd/observability';
import { z } from 'zod';

export const peopleEnv = z.object({ ...commonEnv, ...kalturaEnv });
export type PeopleEnv = z.output<typeof peopleEnv>;

/** Runs a people CLI against the configured NATS: config, logger (warn), connection, close. */
export async function withNats(
  name: string,
  run: (ctx: {
    config: PeopleEnv;
    logger: Logger;
    nc: NatsConnection;
    js: ReturnType<typeof jetstream>;
    jsm: Awaited<ReturnType<typeof jetstreamManager>>;
  }) => Promise<void>,
): Promise<void> {
  const config = loadConfigOrExit(name, peopleEnv);
  const logger = createLogger({ service: name, level: 'warn' });
  const nc = await connectNats({
    url: config.NATS_URL,
    name: `kd-${name}`,
    auth: natsAuthOf(config),
    logger,
    maxAttempts: 3,
  });
  try {
    await run({ config, logger, nc, js: jetstream(nc), jsm: await jetstreamManager(nc) });
  } finally {
    await nc.close();
  }
}

/** The Kaltura client the environment configures, or undefined without credentials. */
export function kalturaFrom(config: PeopleEnv): KalturaClient | undefined {
  if (!config.KALTURA_PARTNER_ID) return undefined;
  const appToken =
    config.KALTURA_APP_TOKEN_ID && config.KALTURA_APP_TOKEN
      ? {
          id: config.KALTURA_APP_TOKEN_ID,
          token: config.KALTURA_APP_TOKEN,
          hashType: config.KALTURA_APP_TOKEN_HASH_TYPE,
        }
      : undefined;
  if (!appToken && !config.KALTURA_ADMIN_SECRET) return undefined;
  return new KalturaClient({
    serviceUrl: config.KALTURA_SERVICE_URL,
    partnerId: config.KALTURA_PARTNER_ID,
    timeoutMs: config.KALTURA_TIMEOUT_MS,
    ...(appToken ? { appToken } : { adminSecret: config.KALTURA_ADMIN_SECRET }),
  });
}

export function exitWith(name: string, promise: Promise<void>): void {
  promise.then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${name}: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
