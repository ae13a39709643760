import { meetingButtons, type CommandHandler } from '@kd/discord';
import {
  hasPermission,
  parsePermissionBitfield,
  requireMeetingType,
  roleFor,
} from '@kd/guild-config';
import type { CommandServices } from '../command-services.js';
import { translatorFor } from '@kd/i18n';
import { correlationOf, displayNameOf } from '../correlation.js';
import { activeMeetingLine, meetingEmbed } from '../format/meeting-embed.js';
import { required } from '../kaltura-required.js';

/**
 * The announcement is public and holds no link: Join gives each member their own, ephemerally.
 * The host's moderator link comes in a follow-up only they can see.
 */
export function startHandler(s: CommandServices): CommandHandler<'kaltura-start'> {
  return async (invocation, { options, locale }) => {
    const guildId = invocation.guildId ?? '';
    requireMeetingType(await s.guildConfig.get(guildId), options.type);
    required(s.meetings);
    await s.startLimits?.check(guildId, invocation.user.id, s.now?.() ?? new Date());
    const { meeting, joinUrl } = await required(s.meetings).create({
      guildId,
      ownerUserId: invocation.user.id,
      ownerName: displayNameOf(invocation),
      type: options.type,
      title: options.title,
      description: options.description ?? null,
      correlationId: correlationOf(invocation),
      interactionId: invocation.interactionId,
    });
    const t = translatorFor(locale);
    return {
      ephemeral: false,
      content: t('meetings.created', {
        joinCommand: t('commands.kaltura-join.name'),
        meetingOption: t('commands.kaltura-join.options.meeting-id.name'),
        meetingId: meeting.meetingId,
      }),
      embeds: [meetingEmbed(meeting, {}, locale)],
      components: meetingButtons(meeting.meetingId, {
        end: true,
        labels: { join: t('meetings.button_join'), end: t('meetings.button_end') },
      }),
      followUps: [
        {
          ephemeral: true,
          content: t('meetings.moderator_link'),
          embeds: [meetingEmbed(meeting, { joinUrl }, locale)],
        },
      ],
    };
  };
}

export function joinHandler(s: CommandServices): CommandHandler<'kaltura-join'> {
  return async (invocation, { options, locale }) => {
    const guildId = invocation.guildId ?? '';
    const config = await s.guildConfig.get(guildId);
    const { meeting, joinUrl } = await required(s.meetings).join({
      meetingId: options['meeting-id'],
      guildId,
      userId: invocation.user.id,
      displayName: displayNameOf(invocation),
      kalturaRole: roleFor(config, invocation.memberRoles, invocation.memberPermissions),
      correlationId: correlationOf(invocation),
    });
    return { ephemeral: true, embeds: [meetingEmbed(meeting, { joinUrl }, locale)] };
  };
}

export function endHandler(s: CommandServices): CommandHandler<'kaltura-end'> {
  return async (invocation, { options, locale }) => {
    const bits = parsePermissionBitfield(invocation.memberPermissions);
    const meeting = await required(s.meetings).end({
      meetingId: options['meeting-id'],
      guildId: invocation.guildId ?? '',
      byUserId: invocation.user.id,
      canEndOthers: hasPermission(bits, 'ManageEvents') || hasPermission(bits, 'Administrator'),
      correlationId: correlationOf(invocation),
    });
    const content = translatorFor(locale)('meetings.ended', { meetingId: meeting.meetingId });
    return { ephemeral: true, content };
  };
}

export function listHandler(s: CommandServices): CommandHandler<'kaltura-list'> {
  return async (invocation, { locale }) => {
    const t = translatorFor(locale);
    const meetings = await s.meetingQueries().listActive(invocation.guildId ?? '', 10);
    if (meetings.length === 0) {
      const startCommand = t('commands.kaltura-start.name');
      return { ephemeral: true, content: t('meetings.none_active', { startCommand }) };
    }
    const lines = meetings.map((meeting) => activeMeetingLine(meeting, locale));
    return { ephemeral: true, content: [t('meetings.active_heading'), ...lines].join('\n') };
  };
}
