import type { AutocompleteHandler } from '@kd/discord';
import { keysOfKind, knownKeyPatterns, matchingKeys, timeZones } from '@kd/guild-config';

const switchKeys = keysOfKind('boolean');
const settableKeys = knownKeyPatterns.filter((key) => !key.includes('<'));

/**
 * `/kaltura-config-update`: the switches for `switch key`, every key of the catalog for
 * `set key`, and IANA zones for `general timezone`, matching what is typed.
 */
export const configUpdateAutocomplete: AutocompleteHandler = (invocation) => {
  const { name, value } = invocation.focused;
  const candidates =
    name === 'timezone'
      ? timeZones()
      : invocation.options.subcommand === 'switch'
        ? switchKeys
        : settableKeys;
  return Promise.resolve(matchingKeys(value, candidates).map((key) => ({ name: key, value: key })));
};
