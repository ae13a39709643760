import { meetingButtons, type CommandHandler, type Reply } from '@kd/discord';
import { maxScheduledMinutes } from '@kd/events';
import { hasPermission, parsePermissionBitfield, requireMeetingType } from '@kd/guild-config';
import { resolveLocale, translatorFor } from '@kd/i18n';
import type { CommandServices } from '../command-services.js';
import { correlationOf, displayNameOf } from '../correlation.js';
import { meetingEmbed } from '../format/meeting-embed.js';
import { required } from '../kaltura-required.js';
import {
  channelName,
  openDiscordEvent,
  type DiscordEventResult,
} from '../schedule/discord-event-link.js';
import { checkDuration, discordTimestamp, startTimeOf } from '../schedule/start-time.js';

const defaultDurationMinutes = 60;

/**
 * Creates the Kaltura room now (the host's link works at once) and a Discord scheduled event
 * whose location names the channel, never a join link (DESIGN §6b).
 */
export function scheduleHandler(s: CommandServices): CommandHandler<'kaltura-schedule'> {
  return async (invocation, { options }) => {
    const guildId = invocation.guildId ?? '';
    const config = await s.guildConfig.get(guildId);
    const t = translatorFor(resolveLocale(invocation.locale, config.general.locale));
    const now = s.now?.() ?? new Date();
    requireMeetingType(config, options.type);
    const zone = config.general.timezone;
    const startsAt = startTimeOf(options.when, zone, now, t);
    const durationMinutes = options.duration ?? defaultDurationMinutes;
    checkDuration(durationMinutes, maxScheduledMinutes, t);
    await s.startLimits?.check(guildId, invocation.user.id, now);
    const channelId = invocation.channelId ?? '';
    const correlationId = correlationOf(invocation);
    const { meeting, joinUrl } = await required(s.meetings).create({
      guildId,
      ownerUserId: invocation.user.id,
      ownerName: displayNameOf(invocation),
      type: options.type,
      title: options.title,
      description: options.description ?? null,
      correlationId,
      interactionId: invocation.interactionId,
      schedule: { startsAt: startsAt.toISOString(), durationMinutes, timezone: zone, channelId },
    });
    let event: DiscordEventResult = 'failed';
    if (s.discordEvents) {
      const name = await channelName(s.discordEvents.rest, channelId);
      const location = name
        ? t('schedule.location', { channel: name })
        : t('schedule.location_no_channel');
      const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
      const draft = {
        name: meeting.title,
        description: meeting.description ?? undefined,
        location,
        startsAt,
        endsAt,
      };
      event = await openDiscordEvent(s.discordEvents, meeting, draft, {
        correlationId,
        now,
        logger: s.logger,
      });
    }
    const eventLine = {
      created: t('schedule.event_created'),
      missing_permission: t('schedule.event_missing_permission'),
      failed: t('schedule.event_failed'),
    }[event];
    const announcement = t('schedule.scheduled', {
      title: meeting.title,
      when: discordTimestamp(startsAt),
      minutes: durationMinutes,
      meetingId: meeting.meetingId,
    });
    return {
      ephemeral: false,
      content: `${announcement}\n${eventLine}`,
      embeds: [meetingEmbed(meeting)],
      components: meetingButtons(meeting.meetingId),
      followUps: [
        {
          ephemeral: true,
          content: t('schedule.host_link'),
          embeds: [meetingEmbed(meeting, { joinUrl })],
        },
      ],
    } satisfies Reply;
  };
}

/** The host, or a member allowed to manage events, cancels a meeting that has not started. */
export function cancelHandler(s: CommandServices): CommandHandler<'kaltura-cancel'> {
  return async (invocation, { options }) => {
    const guildId = invocation.guildId ?? '';
    const config = await s.guildConfig.get(guildId);
    const t = translatorFor(resolveLocale(invocation.locale, config.general.locale));
    const bits = parsePermissionBitfield(invocation.memberPermissions);
    const meeting = await required(s.meetings).cancel({
      meetingId: options.meeting,
      guildId,
      byUserId: invocation.user.id,
      canCancelOthers: hasPermission(bits, 'ManageEvents') || hasPermission(bits, 'Administrator'),
      ...(options.reason ? { reason: options.reason } : {}),
      correlationId: correlationOf(invocation),
    });
    return { ephemeral: true, content: t('schedule.canceled', { title: meeting.title }) };
  };
}
