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

/** `/kaltura-cancel`: the guild's scheduled meetings that have not started, with their time. */
export function scheduledMeetingAutocomplete(s: CommandServices): AutocompleteHandler {
  return async (invocation) => {
    const choices = await s
      .meetingQueries()
      .searchForAutocomplete(invocation.guildId ?? '', invocation.focused.value, 25, 'scheduled');
    return choices.map((c) => ({
      name: `${c.title}${c.scheduledStart ? ` (${c.scheduledStart.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : ''}`.slice(
        0,
        100,
      ),
      value: c.meetingId,
    }));
  };
}
