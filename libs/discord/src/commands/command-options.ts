import {
  ApplicationCommandOptionType,
  ChannelType,
  type LocalizationMap,
} from 'discord-api-types/v10';
import { z } from 'zod';

/** Discord's application command option types we use. */
export const OptionType = {
  Subcommand: ApplicationCommandOptionType.Subcommand,
  String: ApplicationCommandOptionType.String,
  Integer: ApplicationCommandOptionType.Integer,
  Boolean: ApplicationCommandOptionType.Boolean,
  Channel: ApplicationCommandOptionType.Channel,
  Role: ApplicationCommandOptionType.Role,
} as const;

/** Channel types a channel option offers: guild text and announcement channels. */
export const textChannelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export interface DiscordChoice {
  name: string;
  name_localizations?: LocalizationMap;
  value: string;
}

/** A command option as Discord's API takes it (the `name` comes from the key in the definition). */
export interface DiscordOptionShape {
  type: (typeof OptionType)[keyof typeof OptionType];
  name_localizations?: LocalizationMap;
  description: string;
  description_localizations?: LocalizationMap;
  required?: boolean;
  choices?: DiscordChoice[];
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  autocomplete?: boolean;
  channel_types?: number[];
  /** A sub-command's own options. */
  options?: (DiscordOptionShape & { name: string })[];
}

/** An option's Discord shape and the zod schema that checks what arrives for it. */
export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  discord: DiscordOptionShape;
  schema: S;
}

/** zod's type error: a missing required option reads better as "is required". */
const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : expected;

type Maybe<R, S extends z.ZodType> = R extends true ? S : z.ZodOptional<S>;

function spec<R extends boolean, S extends z.ZodType>(
  discord: DiscordOptionShape,
  schema: S,
  required: R | undefined,
): OptionSpec<Maybe<R, S>> {
  const checked = required ? schema : schema.optional();
  const shape = required ? { ...discord, required: true } : discord;
  return { discord: shape, schema: checked as Maybe<R, S> };
}

export function stringOption<R extends boolean = false>(o: {
  description: string;
  required?: R;
  minLength?: number;
  maxLength: number;
  autocomplete?: boolean;
}): OptionSpec<Maybe<R, z.ZodString>> {
  const min = o.minLength ?? 1;
  const schema = z
    .string({ error: 'must be text' })
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(o.maxLength, `must be at most ${o.maxLength} characters`);
  const discord: DiscordOptionShape = {
    type: OptionType.String,
    description: o.description,
    min_length: min,
    max_length: o.maxLength,
    ...(o.autocomplete ? { autocomplete: true } : {}),
  };
  return spec(discord, schema, o.required);
}

/** A string from a fixed list; `choices` maps each value to the label Discord shows. */
export function choiceOption<const C extends Record<string, string>, R extends boolean = false>(o: {
  description: string;
  required?: R;
  choices: C;
}): OptionSpec<Maybe<R, z.ZodEnum<{ [K in keyof C & string]: K }>>> {
  const values = Object.keys(o.choices) as [keyof C & string, ...(keyof C & string)[]];
  const schema = z.enum(values, { error: typeError(`must be one of ${values.join(', ')}`) });
  const choices = Object.entries(o.choices).map(([value, name]) => ({ name, value }));
  const discord = { type: OptionType.String, description: o.description, choices };
  return spec(discord, schema, o.required);
}

export function integerOption<R extends boolean = false>(o: {
  description: string;
  required?: R;
  min: number;
  max: number;
}): OptionSpec<Maybe<R, z.ZodNumber>> {
  const range = `must be a whole number from ${o.min} to ${o.max}`;
  const schema = z
    .number({ error: typeError(range) })
    .int(range)
    .min(o.min, range)
    .max(o.max, range);
  const discord = {
    type: OptionType.Integer,
    description: o.description,
    min_value: o.min,
    max_value: o.max,
  };
  return spec(discord, schema, o.required);
}

export function booleanOption<R extends boolean = false>(o: {
  description: string;
  required?: R;
}): OptionSpec<Maybe<R, z.ZodBoolean>> {
  const schema = z.boolean({ error: typeError('must be true or false') });
  return spec({ type: OptionType.Boolean, description: o.description }, schema, o.required);
}

/**
 * A channel of the server, picked from Discord's channel list; its value is the channel id. The
 * id is still checked against the guild where it is used (a hand-made request can name any).
 */
export function channelOption<R extends boolean = false>(o: {
  description: string;
  required?: R;
}): OptionSpec<Maybe<R, z.ZodString>> {
  const schema = z
    .string({ error: typeError('must be a channel') })
    .regex(/^\d{17,20}$/, 'must be a channel');
  const discord = {
    type: OptionType.Channel,
    description: o.description,
    channel_types: [...textChannelTypes],
  };
  return spec(discord, schema, o.required);
}

/** A role of the server, picked from Discord's role list; its value is the role id. */
export function roleOption<R extends boolean = false>(o: {
  description: string;
  required?: R;
}): OptionSpec<Maybe<R, z.ZodString>> {
  const schema = z
    .string({ error: typeError('must be a role') })
    .regex(/^\d{17,20}$/, 'must be a role');
  return spec({ type: OptionType.Role, description: o.description }, schema, o.required);
}
