import { z } from 'zod';
import type { CommandDefinition, OptionSpecs, OptionsShape } from './command-definition.js';
import { OptionType, type OptionSpec } from './command-options.js';

export interface SubcommandSpec<O extends OptionSpecs = OptionSpecs> {
  description: string;
  options: O;
}
type Subcommands = Record<string, SubcommandSpec>;

/** The checked options of one sub-command, its name under `subcommand`. */
export type SubcommandOptions<S extends Subcommands> = {
  [K in keyof S & string]: { subcommand: K } & z.output<z.ZodObject<OptionsShape<S[K]['options']>>>;
}[keyof S & string];

/**
 * A command whose options are sub-commands (`/kaltura-config-update channel …`). The invocation
 * names the chosen one under `subcommand` (see flattenOptions); the schema checks that
 * sub-command's own options only.
 */
export function defineSubcommandCommand<const N extends string, const S extends Subcommands>(
  definition: Omit<CommandDefinition<N>, 'optionsSchema' | 'options'> & { subcommands: S },
): CommandDefinition<N, Record<string, OptionSpec>, z.ZodType<SubcommandOptions<S>>> {
  const { subcommands, ...rest } = definition;
  const entries = Object.entries(subcommands);
  const options = Object.fromEntries(
    entries.map(([name, sub]) => [name, subcommandSpec(sub)]),
  ) as Record<string, OptionSpec>;
  const variants = entries.map(([name, sub]) =>
    z.object({
      subcommand: z.literal(name),
      ...Object.fromEntries(Object.entries(sub.options).map(([key, spec]) => [key, spec.schema])),
    }),
  );
  const schema = z.discriminatedUnion(
    'subcommand',
    variants as unknown as [z.ZodObject<{ subcommand: z.ZodLiteral<string> }>],
    { error: () => `must be one of ${Object.keys(subcommands).join(', ')}` },
  );
  return {
    ...rest,
    options,
    optionsSchema: schema as unknown as z.ZodType<SubcommandOptions<S>>,
  };
}

function subcommandSpec(sub: SubcommandSpec): OptionSpec {
  return {
    discord: {
      type: OptionType.Subcommand,
      description: sub.description,
      options: Object.entries(sub.options).map(([name, spec]) => ({ name, ...spec.discord })),
    },
    schema: z.never(),
  };
}
