import { randomBytes } from 'node:crypto';
import { generateDiscordKeys, type DiscordTestKeys } from '@kd/discord';
import { startDiscordRestFake, type DiscordRestFake } from '@kd/discord-fake';
import { startApp, type ChildApp } from './child-app.js';
import { interactionApplicationId } from './interaction-payloads.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestStream, type TestStream } from './test-nats.js';

export interface ApiStackSecrets {
  jwtSecret: string;
  botToken: string;
  kalturaAdminSecret: string;
}

export interface ApiStackOptions {
  /** Added to (and overriding) the api's wiring below. */
  apiEnv?: Record<string, string | undefined>;
  /** Added to kaltura-sim's environment (e.g. a seeded app token). */
  simEnv?: Record<string, string>;
  /** Start the projector too, with this env on top of the database and stream. */
  projectorEnv?: Record<string, string>;
  /** The key pair whose public half the api trusts for `POST /interactions`. */
  keys?: DiscordTestKeys;
  /** Fixed secrets (random ones otherwise). */
  secrets?: Partial<ApiStackSecrets>;
  /** Where the stream lives (default the shared NATS, one replica), e.g. a `natsCluster(3)`. */
  nats?: { url: string; replicas: number };
}

export interface ApiStack {
  db: TestDatabase;
  t: TestStream;
  discord: DiscordRestFake;
  sim: ChildApp;
  api: ChildApp;
  projector: ChildApp | undefined;
  keys: DiscordTestKeys;
  secrets: ApiStackSecrets;
  stop(): Promise<void>;
}

/** Environment every app of a stack shares: its own database and its own stream and subjects. */
export function sharedEnv(db: TestDatabase, t: TestStream): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    NATS_URL: t.url,
    KD_STREAM: t.stream,
    KD_STREAM_REPLICAS: String(t.replicas),
    KD_SUBJECT_PREFIX: t.subjectPrefix,
  };
}

/**
 * The built api wired as in production, on a test database and stream of its own: Discord REST
 * calls go to a fake that accepts only its bot token, Kaltura is kaltura-sim (partner 100), and
 * `POST /interactions` trusts `keys`. Optionally the projector on the same database and stream.
 */
export async function startApiStack(options: ApiStackOptions = {}): Promise<ApiStack> {
  const random = () => randomBytes(16).toString('hex');
  const secrets: ApiStackSecrets = {
    jwtSecret: `jwt-${random()}`,
    botToken: `bot-${random()}`,
    kalturaAdminSecret: `admin-${random()}`,
    ...options.secrets,
  };
  const keys = options.keys ?? generateDiscordKeys();
  const [db, t, discord] = await Promise.all([
    createTestDatabase(),
    createTestStream(options.nats ?? {}),
    startDiscordRestFake({ botToken: secrets.botToken }),
  ]);
  const started: ChildApp[] = [];
  const cleanUp = async () => {
    await Promise.all(started.map((app) => app.stop()));
    await Promise.all([db.drop(), t.cleanup(), discord.close()]);
  };
  try {
    return await startApps();
  } catch (error) {
    await cleanUp();
    throw error;
  }

  async function startApps(): Promise<ApiStack> {
    const sim = await startApp('kaltura-sim', {
      KALTURA_PARTNER_ID: '100',
      KALTURA_ADMIN_SECRET: secrets.kalturaAdminSecret,
      ...options.simEnv,
    }).then(keep);
    // allSettled: when one fails to start, the other has still been kept and is stopped.
    const [api, projector] = await bothStarted(
      startApp('api', {
        ...sharedEnv(db, t),
        JWT_SECRET: secrets.jwtSecret,
        DISCORD_PUBLIC_KEY: keys.publicKeyHex,
        DISCORD_APPLICATION_ID: interactionApplicationId,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_TOKEN: secrets.botToken,
        KALTURA_SERVICE_URL: sim.url,
        KALTURA_PARTNER_ID: '100',
        KALTURA_ADMIN_SECRET: secrets.kalturaAdminSecret,
        ...options.apiEnv,
      }).then(keep),
      options.projectorEnv
        ? startApp('projector', { ...sharedEnv(db, t), ...options.projectorEnv }).then(keep)
        : Promise.resolve(undefined),
    );
    return {
      db,
      t,
      discord,
      sim,
      api,
      projector,
      keys,
      secrets,
      stop: cleanUp,
    };
  }

  async function bothStarted<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
    const [ra, rb] = await Promise.allSettled([a, b]);
    if (ra.status === 'rejected') throw ra.reason;
    if (rb.status === 'rejected') throw rb.reason;
    return [ra.value, rb.value];
  }

  function keep(app: ChildApp): ChildApp {
    started.push(app);
    return app;
  }
}
