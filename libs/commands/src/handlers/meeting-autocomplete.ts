import type { AutocompleteHandler } from '@kd/discord';
import type { CommandServices } from '../command-services.js';

/** Meeting ids for `/kaltura-join` and `/kaltura-end`: active meetings matching what is typed. */
export function meetingAutocomplete(s: CommandServices): AutocompleteHandler {
  return async (invocation) => {
    const choices = await s
      .meetingQueries()
      .searchForAutocomplete(invocation.guildId ?? '', invocation.focused.value, 25);
    return choices.map((c) => ({
      name: `${c.title} (${c.status === 'live' ? 'live' : 'not started'})`.slice(0, 100),
      value: c.meetingId,
    }));
  };
}
