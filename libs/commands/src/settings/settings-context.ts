import { KdError } from '@kd/events';
import { resolveLocale, translate, type Locale } from '@kd/i18n';
import type { CommandInvocation } from '@kd/discord';
import type { CommandServices } from '../command-services.js';
import { correlationOf } from '../correlation.js';

/** What the settings handlers need about who asked, where, in which language, and when. */
export interface SettingsContext {
  guildId: string;
  locale: Locale;
  actor: { kind: 'user'; id: string };
  correlationId: string;
  now: Date;
  t: (key: string, values?: Record<string, string | number>) => string;
}

export function settingsContext(
  s: CommandServices,
  invocation: CommandInvocation,
): SettingsContext {
  const locale = resolveLocale(invocation.locale);
  return {
    guildId: invocation.guildId ?? '',
    locale,
    actor: { kind: 'user', id: invocation.user.id },
    correlationId: correlationOf(invocation),
    now: s.now?.() ?? new Date(),
    t: (key, values) => translate(locale, `config.${key}`, values),
  };
}

/** A Confirm/Save/Cancel pressed after its window, or whose change is gone. */
export class ComponentExpiredError extends KdError {
  constructor(message: string) {
    super('COMPONENT.EXPIRED', message, 'validation');
  }
}

/** A Confirm/Save/Cancel pressed by someone other than the member who asked. */
export class ComponentNotYoursError extends KdError {
  constructor(message: string) {
    super('COMPONENT.NOT_YOURS', message, 'permission');
  }
}
