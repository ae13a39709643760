type OptionValue = string | number | boolean;

const typeOf = (value: OptionValue) =>
  typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3;

/**
 * `data.options` as Discord sends them; a `subcommand` entry names the sub-command (type 1) the
 * other options belong to, as `/kaltura-config-update switch key:… value:…` arrives.
 */
export function commandOptions(options: Record<string, OptionValue>) {
  const { subcommand, ...rest } = options;
  const values = Object.entries(subcommand === undefined ? options : rest).map(([name, value]) => ({
    name,
    type: typeOf(value),
    value,
  }));
  return subcommand === undefined
    ? values
    : [{ name: String(subcommand), type: 1, options: values }];
}
