import { CliUsageError, parseCli, usageOf, type CliOptions, type CliSpec } from '@kd/cli';
import { parseDuration } from '../duration.js';
import { isScope, type Scope } from '../scopes.js';

const spec = {
  command: 'npm run api:token --',
  synopsis: [
    '--subject <name> (--guild <id> [--guild <id> …] | --operator) [--scope read,write] [--ttl 24h]',
    'revoke <jti> [--reason <text>] [--by <name>]',
  ],
  summary: `Issues a REST API bearer token signed with JWT_SECRET (HS256; iss JWT_ISSUER, aud JWT_AUDIENCE),
or revokes one by its jti (appends auth.token_revoked; every api refuses it within seconds).`,
  options: {
    subject: {
      type: 'string',
      value: 'name',
      description: 'who the token is for (the integrator; recorded as the actor of its changes)',
    },
    guild: {
      type: 'strings',
      value: 'id',
      description: 'a guild the token may act on (repeat for several)',
    },
    operator: {
      type: 'boolean',
      description: 'an operator token: any guild, every route (instead of --guild)',
    },
    scope: {
      type: 'string',
      value: 'read,write',
      description: 'read, write (default read); operator is implied by --operator',
    },
    ttl: {
      type: 'string',
      value: 'duration',
      description:
        'lifetime: 30d, 12h, 15m or seconds (default 24h; at most JWT_MAX_LIFETIME, 30d)',
    },
    reason: { type: 'string', value: 'text', description: 'revoke: why (recorded in the event)' },
    by: { type: 'string', value: 'name', description: 'revoke: who revokes (default cli:$USER)' },
  },
  positionals: { max: 2 },
  epilogue: 'The token goes to stdout, what was issued (claims, jti, expiry) to stderr.',
} satisfies CliSpec<CliOptions>;

export const tokenUsage = usageOf(spec);

export type TokenCommand =
  | { kind: 'help' }
  | { kind: 'issue'; subject: string; guilds: string[]; scopes: Scope[]; ttlS: number }
  | { kind: 'revoke'; jti: string; reason: string; by: string | undefined };

export class UsageError extends Error {}

/** Reads the command line (pure: no environment, no clock). */
export function parseTokenArgs(argv: string[]): TokenCommand {
  let parsed;
  try {
    parsed = parseCli(spec, argv);
  } catch (error) {
    if (error instanceof CliUsageError) throw new UsageError(error.problem);
    throw error;
  }
  if (parsed.help) return { kind: 'help' };
  const { values, positionals } = parsed;
  if (positionals[0] === 'revoke') {
    const jti = positionals[1];
    if (!jti || positionals.length > 2) throw new UsageError('revoke takes exactly one jti');
    return { kind: 'revoke', jti, reason: values.reason ?? '', by: values.by };
  }
  if (positionals.length > 0 && positionals[0] !== 'issue')
    throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  return issueCommand(values);
}

function issueCommand(values: {
  subject?: string | undefined;
  guild?: string[] | undefined;
  operator?: boolean | undefined;
  scope?: string | undefined;
  ttl?: string | undefined;
}): TokenCommand {
  if (!values.subject) throw new UsageError('--subject is required');
  const guilds = values.guild ?? [];
  if (!values.operator && guilds.length === 0)
    throw new UsageError('--guild (repeatable) or --operator is required');
  if (values.operator && guilds.length > 0)
    throw new UsageError('--operator acts on every guild: do not combine it with --guild');
  const bad = guilds.find((g) => !/^\d{17,20}$/.test(g));
  if (bad) throw new UsageError(`--guild ${bad}: not a Discord guild id (17–20 digits)`);
  const words = (values.scope ?? 'read')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = words.find((w) => !isScope(w));
  if (unknown || words.length === 0)
    throw new UsageError(`--scope: use read and/or write (got "${unknown ?? ''}")`);
  const scopes = words as Scope[];
  const ttlS = parseDuration(values.ttl ?? '24h');
  if (!ttlS) throw new UsageError('--ttl: use 30d, 12h, 15m or a number of seconds');
  return {
    kind: 'issue',
    subject: values.subject,
    guilds,
    scopes: values.operator ? [...new Set([...scopes, 'operator' as const])] : scopes,
    ttlS,
  };
}
