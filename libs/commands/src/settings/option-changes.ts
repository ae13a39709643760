import { InvalidOptionError, type OptionsOf } from '@kd/discord';
import { translate, type Locale } from '@kd/i18n';
import { keysOfKind, validateUpdate } from '@kd/guild-config';

type UpdateOptions = OptionsOf<'kaltura-config-update'>;
/** The typed sub-commands that set keys directly (the template one opens an editor). */
export type KeyedUpdate = Exclude<UpdateOptions, { subcommand: 'template' }>;

export interface KeyChange {
  key: string;
  /** What the configuration service takes: a typed value, text to coerce, or null to remove. */
  value: unknown;
}

const switchKeys = new Set(keysOfKind('boolean'));

/**
 * The dotted keys and values a typed sub-command stands for, each checked by the catalog before
 * anything is written (so `general` with one bad option changes nothing).
 */
export function changesOf(options: KeyedUpdate, locale: Locale): KeyChange[] {
  const changes = keyChanges(options, locale);
  for (const { key, value } of changes) validateUpdate(key, value);
  return changes;
}

function keyChanges(options: KeyedUpdate, locale: Locale): KeyChange[] {
  switch (options.subcommand) {
    case 'channel':
      return [
        { key: `notifications.channels.${options.kind}`, value: options.channel ?? 'default' },
      ];
    case 'role':
      return [
        {
          key: `roles.mapping.${options.role}`,
          value: options.kaltura_role === 'none' ? null : options.kaltura_role,
        },
      ];
    case 'switch':
      if (!switchKeys.has(options.key))
        throw new InvalidOptionError('kaltura-config-update', [
          { path: 'key', message: translate(locale, 'config.not_a_switch', { key: options.key }) },
        ]);
      return [{ key: options.key, value: options.value }];
    case 'general':
      return generalChanges(options, locale);
    case 'set':
      return [{ key: options.key, value: options.value }];
  }
}

function generalChanges(
  options: Extract<KeyedUpdate, { subcommand: 'general' }>,
  locale: Locale,
): KeyChange[] {
  const changes: KeyChange[] = [];
  if (options.timezone !== undefined)
    changes.push({ key: 'general.timezone', value: options.timezone });
  if (options.locale !== undefined) changes.push({ key: 'general.locale', value: options.locale });
  if (options.reminder_minutes !== undefined)
    changes.push({ key: 'notifications.reminder_minutes', value: options.reminder_minutes });
  if (changes.length === 0)
    throw new InvalidOptionError('kaltura-config-update', [
      { path: '', message: translate(locale, 'config.general_nothing') },
    ]);
  return changes;
}
