import { KdError } from '@kd/events';
import { forgetButtons, type CommandHandler } from '@kd/discord';
import { resolveLocale, translate } from '@kd/i18n';
import type { CommandServices } from '../command-services.js';
import { recordAs } from '../record-execution.js';

/**
 * `/kaltura-forget-me`: asks first (Confirm/Cancel, for this member only); Confirm forgets the
 * member who pressed it. Its own execution is recorded under the forgotten placeholder, so the
 * request leaves no new trace of the person.
 */
export function forgetMeHandler(s: CommandServices): CommandHandler<'kaltura-forget-me'> {
  return async (invocation, { options }) => {
    const locale = resolveLocale(invocation.locale);
    const say = (key: string) => ({
      ephemeral: true,
      content: translate(locale, `privacy.${key}`),
    });
    if (options.confirm === 'no') return say('canceled');
    if (options.confirm !== 'yes') {
      return {
        ...say('question'),
        components: forgetButtons(invocation.user.id, {
          confirm: translate(locale, 'privacy.confirm'),
          cancel: translate(locale, 'privacy.cancel'),
        }),
      };
    }
    try {
      const outcome = await s.forgetter.forget(invocation.user.id, 'self');
      recordAs(invocation, outcome.placeholder);
      return say(outcome.kaltura === 'pending' ? 'kaltura_pending' : 'forgotten');
    } catch (error) {
      if (error instanceof KdError && error.code === 'PERSON.NOT_FOUND')
        return say('nothing_stored');
      throw error;
    }
  };
}
