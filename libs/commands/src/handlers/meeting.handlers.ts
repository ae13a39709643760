import { meetingButtons, type CommandHandler } from '@kd/discord';
import {
  hasPermission,
  parsePermissionBitfield,
  requireMeetingType,
  roleFor,
} from '@kd/guild-config';
import type { CommandServices } from '../command-services.js';
import { correlationOf, displayNameOf } from '../correlation.js';
import { activeMeetingLine, meetingEmbed } from '../format/meeting-embed.js';
import { required } from '../kaltura-required.js';

/**
 * The announcement is public and holds no link: Join gives each member their own, ephemerally.
 * The host's moderator link comes in a follow-up only they can see.
 */
export function startHandler(s: CommandServices): CommandHandler<'kaltura-start'> {
  return async (invocation, { options }) => {
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
    return {
      ephemeral: false,
      content: `Meeting created. Press **Join** for your own link, or use \`/kaltura-join meeting-id:${meeting.meetingId}\`.`,
      embeds: [meetingEmbed(meeting)],
      components: meetingButtons(meeting.meetingId, { end: true }),
      followUps: [
        {
          ephemeral: true,
          content: 'Your moderator link, only for you:',
          embeds: [meetingEmbed(meeting, { joinUrl })],
        },
      ],
    };
  };
}

export function joinHandler(s: CommandServices): CommandHandler<'kaltura-join'> {
  return async (invocation, { options }) => {
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
    return { ephemeral: true, embeds: [meetingEmbed(meeting, { joinUrl })] };
  };
}

export function endHandler(s: CommandServices): CommandHandler<'kaltura-end'> {
  return async (invocation, { options }) => {
    const bits = parsePermissionBitfield(invocation.memberPermissions);
    const meeting = await required(s.meetings).end({
      meetingId: options['meeting-id'],
      guildId: invocation.guildId ?? '',
      byUserId: invocation.user.id,
      canEndOthers: hasPermission(bits, 'ManageEvents') || hasPermission(bits, 'Administrator'),
      correlationId: correlationOf(invocation),
    });
    return { ephemeral: true, content: `Ended \`${meeting.meetingId}\`.` };
  };
}

export function listHandler(s: CommandServices): CommandHandler<'kaltura-list'> {
  return async (invocation) => {
    const meetings = await s.meetingQueries().listActive(invocation.guildId ?? '', 10);
    if (meetings.length === 0)
      return { ephemeral: true, content: 'No active meetings. Start one with `/kaltura-start`.' };
    return {
      ephemeral: true,
      content: ['**Active meetings**', ...meetings.map(activeMeetingLine)].join('\n'),
    };
  };
}
