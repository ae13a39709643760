import type { Meeting } from '@kd/meetings';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { discordLimits, fitEmbeds, truncate, type ReplyEmbed } from '@kd/discord';
import type { GuildConfig, NotificationKind } from '@kd/guild-config';
import { translatorFor, type Locale } from '@kd/i18n';
import { escapeUserText } from './escape-user-text.js';
import { buttonRow, joinButtonRow } from './join-button.js';
import { kindOfStage, shownStage, type LivingStage } from './living-stage.js';
import { notificationLocale, templateText } from './localized-text.js';
import {
  discordTime,
  meetingDuration,
  recordingLink,
  stageValues,
  type LinkOptions,
} from './placeholder-values.js';

/** The one message of a meeting, as posted or edited (Discord's wire shape, mentions aside). */
export interface LivingMessage {
  stage: LivingStage;
  kind: NotificationKind;
  content: string;
  embeds: ReplyEmbed[];
  /** Always present: an edit to `[]` removes the Join button of a meeting that is over. */
  components: Record<string, unknown>[];
}

export interface LivingMessageInput {
  view: Meeting;
  config: GuildConfig;
  /** config/default_config.json: a template equal to its default is translated. */
  defaults: GuildConfig;
  links: LinkOptions;
}

const stageColors: Record<LivingStage, number> = {
  scheduled: 0x5865f2,
  canceled: 0x747f8d,
  live: 0xed4245,
  ended: 0x4f545c,
  recording: 0x57f287,
};

/**
 * The living message of a meeting from its whole history: the guild's template of the shown
 * stage (translated when it is the default), then an embed of facts with labels in the guild's
 * language, and the stage's button. Null when no stage the guild shows was reached yet. No join
 * URL is ever part of it (DESIGN §6b): Join gives each member their own link, privately.
 */
export function renderLivingMessage(input: LivingMessageInput): LivingMessage | null {
  const { view, config, defaults, links } = input;
  const stage = shownStage(view, config);
  if (!stage) return null;
  const locale = notificationLocale(config);
  const t = translatorFor(locale);
  const kind = kindOfStage[stage];
  const text =
    stage === 'canceled'
      ? t('notify.canceled_content', { title: escapeUserText(view.title) })
      : templateText(kind, config, defaults, stageValues(view, stage, links, locale));
  const embed: ReplyEmbed = {
    title: t(`notify.state_${stage}`),
    color: stageColors[stage],
    fields: stageFields(view, stage, links, locale),
    footer: { text: t('notify.footer_meeting', { meetingId: view.meetingId }) },
  };
  return {
    stage,
    kind,
    content: truncate(text, discordLimits.content),
    embeds: fitEmbeds([embed]),
    components: stageButtons(view, stage, links, locale),
  };
}

type Field = { name: string; value: string; inline: boolean };

function stageFields(view: Meeting, stage: LivingStage, links: LinkOptions, locale: Locale) {
  const t = translatorFor(locale);
  const field = (name: string, value: string): Field => ({ name: t(name), value, inline: true });
  const people = (count: number) => t('notify.people', { count });
  const startsAt = view.scheduledFor;
  switch (stage) {
    case 'scheduled': {
      const fields = startsAt
        ? [
            field(
              'notify.field_starts',
              `${discordTime(startsAt, 'F')} (${discordTime(startsAt, 'R')})`,
            ),
          ]
        : [];
      if (view.rsvps !== undefined)
        fields.push(field('notify.field_rsvps', people(view.rsvps.size)));
      return fields;
    }
    case 'canceled':
      return startsAt ? [field('notify.field_starts', `~~${discordTime(startsAt, 'F')}~~`)] : [];
    case 'live': {
      const since = view.startedAt ?? view.createdAt;
      return [
        field('notify.field_live_since', `${discordTime(since, 't')} (${discordTime(since, 'R')})`),
        field('notify.field_in_room', people(view.present.size)),
      ];
    }
    case 'ended':
    case 'recording': {
      const fields = [
        field('notify.field_duration', meetingDuration(view, locale)),
        field('notify.field_participants', people(view.participants.size)),
      ];
      const entryId = view.recordingEntryIds.at(-1);
      if (stage === 'recording' && entryId && !recordingLink(entryId, links))
        fields.push(field('notify.field_recording', escapeUserText(entryId)));
      return fields;
    }
  }
}

function stageButtons(
  view: Meeting,
  stage: LivingStage,
  links: LinkOptions,
  locale: Locale,
): Record<string, unknown>[] {
  const t = translatorFor(locale);
  if (stage === 'live' && view.status === 'live') return joinButtonRow(view.meetingId, locale);
  const entryId = view.recordingEntryIds.at(-1);
  const url = stage === 'recording' && entryId ? recordingLink(entryId, links) : undefined;
  if (url)
    return buttonRow({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: t('notify.button_recording'),
      url,
    });
  return [];
}
