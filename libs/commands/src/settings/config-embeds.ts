import { discordLimits, truncate, type ReplyEmbed } from '@kd/discord';
import { translate, type Locale } from '@kd/i18n';
import { configUpdateSections, type ConfigSection, type GuildConfig } from '@kd/guild-config';
import { sectionRows, type ConfigRow } from './config-rows.js';

const blurple = 0x5865f2;
const changedColor = 0xfee75c;

export interface ConfigViewInput {
  effective: GuildConfig;
  /** Keys whose value differs from the defaults. */
  changedKeys: readonly string[];
}

/**
 * One embed per section (or just `section`), each setting in words, changed ones marked, within
 * Discord's limits: at most 25 fields an embed, 1024 characters a value, 6000 in all; what does
 * not fit is cut with a hint to view one section.
 */
export function configEmbeds(
  view: ConfigViewInput,
  locale: Locale,
  section?: ConfigSection,
): ReplyEmbed[] {
  const sections = section ? [section] : configUpdateSections;
  const budget = { left: discordLimits.embedTotal };
  const embeds = sections.map((s) =>
    sectionEmbed(s, sectionRows(s, view.effective, locale), view.changedKeys, locale),
  );
  return embeds.slice(0, discordLimits.embeds).map((embed) => withinBudget(embed, budget, locale));
}

function sectionEmbed(
  section: ConfigSection,
  rows: ConfigRow[],
  changedKeys: readonly string[],
  locale: Locale,
): ReplyEmbed {
  const marked = rows.map((row) => ({ row, changed: isChanged(row, changedKeys) }));
  const fields = marked.map(({ row, changed }) => ({
    name: truncate(
      changed ? `${row.label} · ✎ ${translate(locale, 'config.changed')}` : row.label,
      discordLimits.fieldName,
    ),
    value: cutValue(row.value, locale),
  }));
  const anyChanged = marked.some((m) => m.changed);
  return {
    title: translate(locale, `config.section_${section}`),
    color: anyChanged ? changedColor : blurple,
    fields: capFields(fields, locale),
  };
}

const isChanged = (row: ConfigRow, changedKeys: readonly string[]) =>
  changedKeys.some((changed) =>
    row.keys.some((key) => changed === key || changed.startsWith(`${key}.`)),
  );

/** A value over Discord's 1024 characters, cut at a line and told so. */
function cutValue(value: string, locale: Locale): string {
  if ([...value].length <= discordLimits.fieldValue) return value || '—';
  const hint = `\n${translate(locale, 'config.value_cut')}`;
  const room = discordLimits.fieldValue - [...hint].length;
  const lines = value.split('\n');
  let kept = '';
  for (const line of lines) {
    if ([...kept].length + [...line].length + 1 > room) break;
    kept = kept ? `${kept}\n${line}` : line;
  }
  return (kept || truncate(value, room)) + hint;
}

function capFields(fields: { name: string; value: string }[], locale: Locale) {
  if (fields.length <= discordLimits.fields) return fields;
  const kept = fields.slice(0, discordLimits.fields - 1);
  const more = fields.length - kept.length;
  return [...kept, { name: '…', value: translate(locale, 'config.more_fields', { count: more }) }];
}

const sizeOf = (embed: ReplyEmbed) =>
  [...(embed.title ?? '')].length +
  (embed.fields ?? []).reduce((n, f) => n + [...f.name].length + [...f.value].length, 0);

/** Keeps the fields that fit in what is left of the 6000 characters, then says what is left out. */
function withinBudget(embed: ReplyEmbed, budget: { left: number }, locale: Locale): ReplyEmbed {
  const size = sizeOf(embed);
  if (size <= budget.left) {
    budget.left -= size;
    return embed;
  }
  const note = translate(locale, 'config.view_cut');
  const room = budget.left - [...note].length - [...(embed.title ?? '')].length;
  const fields = [];
  let used = 0;
  for (const field of embed.fields ?? []) {
    const cost = [...field.name].length + [...field.value].length;
    if (used + cost > room) break;
    fields.push(field);
    used += cost;
  }
  budget.left = Math.max(0, room - used);
  return { ...embed, description: note, fields };
}
