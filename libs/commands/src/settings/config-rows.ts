import type { Locale } from '@kd/i18n';
import { translate } from '@kd/i18n';
import {
  commandNames,
  everyone,
  featureNames,
  notificationKinds,
  type ConfigSection,
  type GuildConfig,
} from '@kd/guild-config';

/** One setting as a person reads it: a label, its value in words, and the keys it shows. */
export interface ConfigRow {
  label: string;
  value: string;
  keys: readonly string[];
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Longest template text shown in the overview; the editor shows it whole. */
export const templatePreviewChars = 160;

/** The rows of one section, in the order the defaults file has them. */
export function sectionRows(
  section: ConfigSection,
  config: GuildConfig,
  locale: Locale,
): ConfigRow[] {
  const t: Translate = (key, values) => translate(locale, `config.${key}`, values);
  switch (section) {
    case 'general':
      return generalRows(config, t, locale);
    case 'notifications':
      return notificationRows(config, t);
    case 'commands':
      return commandRows(config, t);
    case 'roles':
      return roleRows(config, t);
    case 'features':
      return featureNames.map((feature) => ({
        label: t(`feature_${feature}`),
        value: onOff(config.features[feature], t),
        keys: [`features.${feature}`],
      }));
  }
}

const onOff = (on: boolean, t: Translate) => (on ? `✅ ${t('on')}` : `⛔ ${t('off')}`);

function generalRows(config: GuildConfig, t: Translate, locale: Locale): ConfigRow[] {
  const language = new Intl.DisplayNames([locale], { type: 'language' });
  const { timezone, locale: guildLocale } = config.general;
  return [
    { label: t('label_timezone'), value: `\`${timezone}\``, keys: ['general.timezone'] },
    {
      label: t('label_locale'),
      value: `${language.of(guildLocale) ?? guildLocale} (\`${guildLocale}\`)`,
      keys: ['general.locale'],
    },
  ];
}

function notificationRows(config: GuildConfig, t: Translate): ConfigRow[] {
  const n = config.notifications;
  const rows: ConfigRow[] = [
    {
      label: t('label_notifications'),
      value: onOff(n.enabled, t),
      keys: ['notifications.enabled'],
    },
    {
      label: t('label_living_message'),
      value: onOff(n.living_message, t),
      keys: ['notifications.living_message'],
    },
    {
      label: t('label_reminder'),
      value: t('reminder_value', { minutes: n.reminder_minutes }),
      keys: ['notifications.reminder_minutes'],
    },
  ];
  for (const kind of notificationKinds) {
    const channel = n.channels[kind];
    const where = channel === 'default' ? t('channel_default') : `<#${channel}>`;
    rows.push({
      label: t(`kind_${kind}`),
      value: [
        `${onOff(n.types[kind], t)} · ${where}`,
        templateExcerpt(n.templates[kind], kind, t),
      ].join('\n'),
      keys: ['types', 'channels', 'templates'].map((part) => `notifications.${part}.${kind}`),
    });
  }
  return rows;
}

/** A template on one line, cut with the way to see and edit it whole. */
function templateExcerpt(template: string, kind: string, t: Translate): string {
  const flat = template.replaceAll('`', 'ˋ').replace(/\s*\n\s*/g, ' ⏎ ');
  const chars = [...flat];
  if (chars.length <= templatePreviewChars) return `\`${flat}\``;
  return `\`${chars.slice(0, templatePreviewChars - 1).join('')}…\`\n${t('cut_hint', { kind })}`;
}

function commandRows(config: GuildConfig, t: Translate): ConfigRow[] {
  return commandNames.map((command) => ({
    label: `/${command}`,
    value: `${onOff(config.commands.enabled[command], t)} · ${t('who', {
      list: accessList(config.commands.permissions[command], t),
    })}`,
    keys: [`commands.enabled.${command}`, `commands.permissions.${command}`],
  }));
}

function roleRows(config: GuildConfig, t: Translate): ConfigRow[] {
  const mapped = Object.entries(config.roles.mapping);
  return [
    {
      label: t('label_role_mapping'),
      value:
        mapped.length === 0
          ? t('mapping_none')
          : mapped.map(([role, kaltura]) => `<@&${role}> → ${t(`role_${kaltura}`)}`).join('\n'),
      keys: ['roles.mapping'],
    },
    {
      label: t('label_default_role'),
      value: t(`role_${config.roles.default}`),
      keys: ['roles.default'],
    },
    {
      label: t('label_moderators'),
      value: config.roles.moderator_permissions.map(permissionWords).join(', ') || t('none'),
      keys: ['roles.moderator_permissions'],
    },
  ];
}

function accessList(entries: readonly string[], t: Translate): string {
  return entries
    .map((entry) =>
      entry === everyone
        ? t('everyone')
        : /^\d+$/.test(entry)
          ? `<@&${entry}>`
          : permissionWords(entry),
    )
    .join(', ');
}

/** `ManageGuild` → `Manage Guild`: Discord's permission names, spaced as its settings show them. */
const permissionWords = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2');
