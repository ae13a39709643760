import { parseArgs } from 'node:util';

export const VIDEO_ACCESS_USAGE = `usage: npm run video-access -- <grant|revoke|show> --guild <guildId> [--category <categoryId> ...] [--by <operator>]

Operator-only: which Kaltura categories a Discord server's /kaltura-video-search may see, on top
of the recordings of its own meetings. Guild admins cannot change this from Discord.

  grant    let the guild search these categories (appends guild.video_access_granted)
  revoke   take them back (appends guild.video_access_revoked)
  show     print what the guild may search now

  --guild     the Discord server id (snowflake)
  --category  a Kaltura category id; repeat for several (grant and revoke)
  --by        who you are, recorded in the event (default: $USER)
  --help      this text

Environment: NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX (as the apps).`;

export type VideoAccessCommand =
  | { kind: 'help' }
  | { kind: 'grant' | 'revoke'; guildId: string; categoryIds: string[]; by: string }
  | { kind: 'show'; guildId: string };

/** Reads the CLI arguments; throws with a message that ends in the usage text. */
export function parseVideoAccessArgs(argv: string[], defaultBy = 'operator'): VideoAccessCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      guild: { type: 'string' },
      category: { type: 'string', multiple: true },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  const [kind, ...extra] = positionals;
  if (kind !== 'grant' && kind !== 'revoke' && kind !== 'show')
    throw usage('say grant, revoke or show');
  if (extra.length > 0) throw usage(`unexpected argument "${extra[0]}"`);
  const guildId = values.guild ?? '';
  if (!/^\d{17,20}$/.test(guildId))
    throw usage('--guild must be a Discord server id (17–20 digits)');
  if (kind === 'show') return { kind, guildId };
  const categoryIds = [...new Set(values.category ?? [])];
  if (categoryIds.length === 0) throw usage('give at least one --category');
  const bad = categoryIds.find((id) => !/^[1-9]\d{0,18}$/.test(id));
  if (bad !== undefined) throw usage(`--category "${bad}" is not a Kaltura category id`);
  return { kind, guildId, categoryIds, by: (values.by ?? defaultBy).slice(0, 100) };
}

function usage(problem: string): Error {
  return new Error(`${problem}\n\n${VIDEO_ACCESS_USAGE}`);
}
