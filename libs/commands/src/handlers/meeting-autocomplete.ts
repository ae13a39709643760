import type { AutocompleteHandler } from '@kd/discord';
import { translate } from '@kd/i18n';
import type { CommandServices } from '../command-services.js';

/** Meeting ids for `/kaltura-join` and `/kaltura-end`: active meetings matching what is typed. */
export function meetingAutocomplete(s: CommandServices): AutocompleteHandler {
  return async (invocation, { locale }) => {
    const choices = await s
      .meetingQueries()
      .searchForAutocomplete(invocation.guildId ?? '', invocation.focused.value, 25);
    return choices.map((c) => ({
      name: translate(locale, 'meetings.autocomplete_choice', {
        title: c.title,
        status: c.status === 'live' ? 'live' : 'not_started',
      }).slice(0, 100),
      value: c.meetingId,
    }));
  };
}
