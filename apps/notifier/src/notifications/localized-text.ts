import { renderTemplate, type GuildConfig, type NotificationKind } from '@kd/guild-config';
import { hasMessage, resolveLocale, translate, type Locale } from '@kd/i18n';

/** The guild's notification language (`general.locale`); one we lack falls back to English. */
export function notificationLocale(config: GuildConfig): Locale {
  return resolveLocale(config.general.locale);
}

/**
 * A kind's message text. A template the guild wrote is used as written; the default template
 * (unchanged since config/default_config.json) comes from the `notify` catalog in the guild's
 * language, with the same placeholders.
 */
export function templateText(
  kind: NotificationKind,
  config: GuildConfig,
  defaults: GuildConfig,
  values: Readonly<Record<string, string>>,
): string {
  const template = config.notifications.templates[kind];
  const isDefault = template === defaults.notifications.templates[kind];
  return fillTemplate(kind, template, isDefault ? notificationLocale(config) : null, values);
}

/** `template` as written, or with `translateTo`, the catalog's version of the default template. */
export function fillTemplate(
  kind: NotificationKind,
  template: string,
  translateTo: Locale | null,
  values: Readonly<Record<string, string>>,
): string {
  const key = `notify.template_${kind}`;
  if (!translateTo || !hasMessage(key)) return renderTemplate(template, values);
  return translate(translateTo, key, values);
}

/** A meeting's length in the guild's language: `45 s`, `12 min`, `1 h 05 min`, `2 d 3 h`. */
export function localizedDuration(fromIso: string, toIso: string, locale: Locale): string {
  const seconds = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return translate(locale, 'notify.duration_seconds', { seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return translate(locale, 'notify.duration_minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const padded = String(minutes % 60).padStart(2, '0');
    return translate(locale, 'notify.duration_hours', { hours, minutes: padded });
  }
  return translate(locale, 'notify.duration_days', {
    days: Math.floor(hours / 24),
    hours: hours % 24,
  });
}
