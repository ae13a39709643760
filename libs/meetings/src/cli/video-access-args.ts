import { CliUsageError, parseCli, usageOf, type CliOptions, type CliSpec } from '@kd/cli';

const spec = {
  command: 'npm run video-access --',
  synopsis: '<grant|revoke|show> --guild <guildId> [--category <categoryId> ...] [--by <operator>]',
  summary: `Operator-only: which Kaltura categories a Discord server's /kaltura-video-search may see, on top
of the recordings of its own meetings. Guild admins cannot change this from Discord.

  grant    let the guild search these categories (appends guild.video_access_granted)
  revoke   take them back (appends guild.video_access_revoked)
  show     print what the guild may search now`,
  options: {
    guild: { type: 'string', value: 'guildId', description: 'the Discord server id (snowflake)' },
    category: {
      type: 'strings',
      value: 'categoryId',
      description: 'a Kaltura category id; repeat for several (grant and revoke)',
    },
    by: {
      type: 'string',
      value: 'operator',
      description: 'who you are, recorded in the event (default: $USER)',
    },
  },
  positionals: { max: 2 },
  epilogue: 'Environment: NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX (as the apps).',
} satisfies CliSpec<CliOptions>;

export const VIDEO_ACCESS_USAGE = usageOf(spec);

export type VideoAccessCommand =
  | { kind: 'help' }
  | { kind: 'grant' | 'revoke'; guildId: string; categoryIds: string[]; by: string }
  | { kind: 'show'; guildId: string };

/** Reads the CLI arguments; throws with a message that ends in the usage text. */
export function parseVideoAccessArgs(argv: string[], defaultBy = 'operator'): VideoAccessCommand {
  let parsed;
  try {
    parsed = parseCli(spec, argv);
  } catch (error) {
    if (error instanceof CliUsageError) throw usage(error.problem);
    throw error;
  }
  if (parsed.help) return { kind: 'help' };
  const { values, positionals } = parsed;
  const [kind, ...extra] = positionals;
  if (kind !== 'grant' && kind !== 'revoke' && kind !== 'show')
    throw usage('say grant, revoke or show');
  if (extra.length > 0) throw usage(`unexpected argument "${extra[0]}"`);
  const guildId = values.guild ?? '';
  if (!/^\d{17,20}$/.test(guildId))
    throw usage('--guild must be a Discord server id (17–20 digits)');
  if (kind === 'show') return { kind, guildId };
  const categoryIds = [...new Set(values.category)];
  if (categoryIds.length === 0) throw usage('give at least one --category');
  const bad = categoryIds.find((id) => !/^[1-9]\d{0,18}$/.test(id));
  if (bad !== undefined) throw usage(`--category "${bad}" is not a Kaltura category id`);
  return { kind, guildId, categoryIds, by: (values.by ?? defaultBy).slice(0, 100) };
}

function usage(problem: string): Error {
  return new Error(`${problem}\n\n${VIDEO_ACCESS_USAGE}`);
}
