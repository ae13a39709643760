import { readCli, usageOf, type CliOptions, type CliSpec } from '@kd/cli';
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

const spec = {
  command: 'npm run demo --',
  synopsis: '(--minutes N | --seconds N) [options]',
  summary:
    'Realistic traffic through the running stack: synthetic history, then slash commands, Kaltura notifications and guild events (docs/demo.md).',
  options: {
    minutes: { type: 'string', value: 'N', description: 'how long to run' },
    seconds: { type: 'string', value: 'N', description: 'how long to run (instead of --minutes)' },
    guilds: {
      type: 'string',
      value: 'N',
      description: `guilds with traffic (default ${demoDefaults.guilds})`,
    },
    users: {
      type: 'string',
      value: 'N',
      description: `people over those guilds (default ${demoDefaults.users})`,
    },
    rate: {
      type: 'string',
      value: 'N',
      description: `slash commands per second (default ${demoDefaults.rate})`,
    },
    api: { type: 'string', value: 'url', description: `the api (default ${demoDefaults.apiUrl})` },
    'discord-sim': {
      type: 'string',
      value: 'url',
      description: `discord-sim (default ${demoDefaults.discordSimUrl})`,
    },
    'kaltura-sim': {
      type: 'string',
      value: 'url',
      description: `kaltura-sim (default ${demoDefaults.kalturaSimUrl})`,
    },
    nats: {
      type: 'string',
      value: 'url',
      description: 'NATS (default NATS_URL, else nats://127.0.0.1:4222)',
    },
    'history-days': {
      type: 'string',
      value: 'N',
      description: `days of synthetic history first; 0 = none (default ${demoDefaults.historyDays})`,
    },
    seed: { type: 'string', value: 'N', description: `random seed (default ${demoDefaults.seed})` },
  },
  epilogue:
    'NATS_URL, KD_STREAM and KD_SUBJECT_PREFIX are read from the environment as the apps read them.',
} satisfies CliSpec<CliOptions>;

export const demoUsage = usageOf(spec);

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
export function parseDemoArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): DemoOptions | { help: true } {
  const read = readCli(spec, argv);
  if (read.parsed.help) return { help: true };
  const problems = [...read.problems];
  const raw = Object.fromEntries(
    Object.entries(read.parsed.values).filter(([, value]) => value !== undefined),
  );
  const parsed = flags.safeParse(raw);
  if (parsed.success && (parsed.data.minutes === undefined) === (parsed.data.seconds === undefined))
    problems.push('give the duration: --minutes N or --seconds N (one of them)');
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`));
  if (problems.length > 0 || !parsed.success)
    throw new DemoUsageError(`${problems.join('\n')}\n\n${demoUsage}`);
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
