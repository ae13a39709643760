import { z } from 'zod';
import { natsAuthOf, type NatsAuth } from '@kd/event-store';

/** Where the demo sends its traffic and how much (docs/demo.md). */
export interface DemoOptions {
  durationMs: number;
  /** Guilds with traffic (and, with history, with a synthetic past). */
  guilds: number;
  /** People spread over those guilds (a few per guild at least). */
  users: number;
  /** Slash commands per second (on average; arrivals are random). */
  rate: number;
  apiUrl: string;
  discordSimUrl: string;
  kalturaSimUrl: string;
  /** Days of synthetic history appended before the live traffic; 0 = none. */
  historyDays: number;
  seed: number;
  nats: { url: string; stream: string; subjectPrefix: string; auth?: NatsAuth | undefined };
  /** A progress line this often (ms); 0 = none. */
  progressEveryMs: number;
}

export const demoDefaults = {
  guilds: 40,
  users: 300,
  rate: 3,
  apiUrl: 'http://127.0.0.1:3000',
  discordSimUrl: 'http://127.0.0.1:4011',
  kalturaSimUrl: 'http://127.0.0.1:4010',
  historyDays: 120,
  seed: 1,
  progressEveryMs: 10_000,
} as const;

export const demoUsage = `usage: npm run demo -- (--minutes N | --seconds N) [--guilds ${demoDefaults.guilds}] [--users ${demoDefaults.users}]
         [--rate ${demoDefaults.rate}] [--api ${demoDefaults.apiUrl}] [--discord-sim ${demoDefaults.discordSimUrl}]
         [--kaltura-sim ${demoDefaults.kalturaSimUrl}] [--nats nats://127.0.0.1:4222] [--history-days ${demoDefaults.historyDays}] [--seed ${demoDefaults.seed}]
  NATS_URL, KD_STREAM and KD_SUBJECT_PREFIX are read from the environment as the apps read them.`;

const positive = z.coerce.number().positive();
const count = z.coerce.number().int().min(0);
const flags = z.strictObject({
  minutes: positive.optional(),
  seconds: positive.optional(),
  guilds: count.min(1).default(demoDefaults.guilds),
  users: count.min(1).default(demoDefaults.users),
  rate: positive.max(1000).default(demoDefaults.rate),
  api: z.url().default(demoDefaults.apiUrl),
  'discord-sim': z.url().default(demoDefaults.discordSimUrl),
  'kaltura-sim': z.url().default(demoDefaults.kalturaSimUrl),
  nats: z.string().min(1).optional(),
  'history-days': count.max(3650).default(demoDefaults.historyDays),
  seed: z.coerce.number().int().default(demoDefaults.seed),
});

export class DemoUsageError extends Error {}

/** `--name value` pairs (and `--name=value`) to options; every problem at once, with the usage. */
export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [, name, inline] = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i] ?? '') ?? [];
    const value = inline ?? argv[i + 1];
    if (!name || value === undefined) problems.push(`unexpected argument "${argv[i]}"`);
    else raw[name] = value;
    if (inline === undefined) i++;
  }
  const parsed = flags.safeParse(raw);
  if (parsed.success && (parsed.data.minutes === undefined) === (parsed.data.seconds === undefined))
    problems.push('give the duration: --minutes N or --seconds N (one of them)');
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`));
  if (problems.length > 0 || !parsed.success)
    throw new DemoUsageError(`${problems.join('\n')}\n${demoUsage}`);
  const f = parsed.data;
  return {
    durationMs: Math.round(((f.minutes ?? 0) * 60 + (f.seconds ?? 0)) * 1000),
    guilds: f.guilds,
    users: Math.max(f.users, f.guilds),
    rate: f.rate,
    apiUrl: trimSlash(f.api),
    discordSimUrl: trimSlash(f['discord-sim']),
    kalturaSimUrl: trimSlash(f['kaltura-sim']),
    historyDays: f['history-days'],
    seed: f.seed,
    nats: {
      url: f.nats ?? env.NATS_URL ?? 'nats://127.0.0.1:4222',
      stream: env.KD_STREAM || 'KD_EVENTS',
      subjectPrefix: env.KD_SUBJECT_PREFIX || 'kd.events',
      // NATS_USER and NATS_PASSWORD, or NATS_CREDS, as the apps read them.
      auth: natsAuthOf({
        NATS_USER: env.NATS_USER || undefined,
        NATS_PASSWORD: env.NATS_PASSWORD || undefined,
        NATS_CREDS: env.NATS_CREDS || undefined,
      }),
    },
    progressEveryMs: demoDefaults.progressEveryMs,
  };
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
