import { resolveLocale, type Locale } from '@kd/i18n';
import type { OptionValue } from './interaction.schema.js';

export type CommandTransport = 'http' | 'gateway';

export interface InvokingUser {
  id: string;
  username: string;
  globalName: string | null;
  /** The member's nickname in the guild of the interaction (absent in DMs). */
  nick?: string | null;
}

/** One slash command, whichever transport delivered it; handlers see only this. */
export interface CommandInvocation {
  interactionId: string;
  applicationId: string;
  /** Interaction token (15 minutes): needed for follow-ups, never logged or recorded. */
  token: string;
  guildId: string | null;
  channelId: string | null;
  user: InvokingUser;
  /** Role ids of the member, without the guild's @everyone role. Empty in DMs. */
  memberRoles: string[];
  /** The member's permissions in the channel, a decimal bitfield; "0" in DMs. */
  memberPermissions: string;
  commandName: string;
  /** Option values by name; sub-command options are flattened into the same record. */
  options: Record<string, OptionValue>;
  /** The member's Discord client language as sent (`en-GB`, `de`, …); null when not sent. */
  locale: string | null;
  /** The server's preferred language (community servers; Discord sends `en-US` otherwise). */
  guildLocale?: string | null;
  transport: CommandTransport;
  /** How the command was asked for when not typed as a slash command (a button press). */
  via?: CommandVia;
  /** A settings button or modal: what it asks (see settingsActions), handled by its own handler. */
  component?: ComponentPress;
}

/** `command.executed.via`: absent means the slash command itself. */
export type CommandVia = 'button' | 'modal';

export interface ComponentPress {
  action: string;
  /** The id part of `kd1:<action>:<id>`. */
  id: string;
  /** A submitted modal's text inputs by custom_id; empty for a button. */
  fields: Record<string, string>;
}

/** An autocomplete request: the options typed so far and the one being typed. */
export interface AutocompleteInvocation extends CommandInvocation {
  focused: { name: string; value: string };
}

export const defaultLocale = 'en-US';

/** The catalog locale replies to this invocation use: the member's, then the server's, then English. */
export function replyLocaleOf(
  invocation: Pick<CommandInvocation, 'locale' | 'guildLocale'>,
): Locale {
  return resolveLocale(invocation.locale, invocation.guildLocale);
}
