import { newEvent, type NewEvent } from '@kd/events';

const snowflake = (n: number) => (100000000000000000n + BigInt(n)).toString();
const commands = [
  'kaltura-start',
  'kaltura-join',
  'kaltura-list',
  'kaltura-end',
  'kaltura-video-search',
  'kaltura-config-view',
];

/** A realistic mix: mostly commands, with meetings, joins, config changes and installs. */
export function realisticEvents(count: number, guilds = 1000): NewEvent[] {
  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const guildId = snowflake(1 + (i % guilds));
    const userId = snowflake(10_000 + (i % 7919));
    const context = {
      actor: { kind: 'user' as const, id: userId },
      correlationId: `bench-${i}`,
      guildId,
    };
    const kind = i % 20;
    if (kind < 12) {
      const interactionId = snowflake(1_000_000 + i);
      events.push(
        newEvent(
          'command.executed',
          {
            interactionId,
            command: commands[i % commands.length] ?? 'kaltura-list',
            commandVersion: 1,
            options: { query: 'weekly sync', limit: 5 },
            userId,
            channelId: snowflake(500 + (i % 50)),
            outcome: i % 97 === 0 ? 'error' : 'ok',
            errorCode: i % 97 === 0 ? 'KALTURA.UNAVAILABLE' : null,
            durationMs: 5 + (i % 300),
            transport: i % 2 === 0 ? 'http' : 'gateway',
            locale: i % 3 === 0 ? 'de' : 'en-US',
            guildLocale: 'en-US',
          },
          { ...context, id: `cmd-${interactionId}` },
        ),
      );
    } else if (kind < 15) {
      events.push(
        newEvent(
          'meeting.created',
          {
            meetingId: `m-${i}`,
            kalturaResourceId: String(40_000 + i),
            type: 'meeting',
            title: `Team sync ${i}`,
            ownerUserId: userId,
            description: null,
          },
          context,
        ),
      );
    } else if (kind < 18) {
      events.push(
        newEvent(
          'meeting.join_link_issued',
          { meetingId: `m-${i - (i % 20) + 12}`, userId, kalturaRole: 'viewerRole' },
          context,
        ),
      );
    } else if (kind === 18) {
      events.push(
        newEvent(
          'config.updated',
          {
            key: 'notifications.templates.meeting_start',
            oldValue: null,
            newValue: `Meeting {{title}} #${i}`,
            actorUserId: userId,
          },
          context,
        ),
      );
    } else {
      events.push(
        newEvent(
          'guild.member_count_changed',
          { memberCount: 100 + (i % 500) },
          { ...context, actor: { kind: 'system', id: 'bot' } },
        ),
      );
    }
  }
  return events;
}
