import { newEvent, type EventType, type NewEvent } from '@kd/events';
import type { EventStore } from '@kd/event-store';
import type { DemoGuild, DemoMeeting } from './demo-world.js';

/**
 * Events the demo appends to the event store itself, standing in for sources it cannot drive
 * locally: the bot's gateway connection (installs, uninstalls, member counts; the bot does not
 * connect to Discord in local mode) and Kaltura participant notifications (the Kaltura simulator
 * has no participant template). Everything else arrives through the api.
 */
export class DirectEvents {
  readonly counts: Partial<Record<EventType, number>> = {};

  constructor(private readonly store: EventStore) {}

  installed(guild: DemoGuild): Promise<void> {
    const payload = { name: guild.name, memberCount: guild.memberCount };
    return this.append(newEvent('guild.installed', payload, this.gateway(guild.id)));
  }

  uninstalled(guild: DemoGuild): Promise<void> {
    return this.append(newEvent('guild.uninstalled', {}, this.gateway(guild.id)));
  }

  memberCount(guild: DemoGuild): Promise<void> {
    const payload = { memberCount: guild.memberCount };
    return this.append(newEvent('guild.member_count_changed', payload, this.gateway(guild.id)));
  }

  participant(meeting: DemoMeeting, participantId: string, joined: boolean): Promise<void> {
    const context = {
      actor: { kind: 'kaltura' as const, id: 'kaltura' },
      correlationId: `demo-${meeting.id}`,
      guildId: meeting.guildId,
    };
    const payload = { meetingId: meeting.id, participantId };
    return this.append(
      joined
        ? newEvent('meeting.participant_joined', payload, context)
        : newEvent('meeting.participant_left', payload, context),
    );
  }

  private gateway(guildId: string) {
    return {
      actor: { kind: 'system' as const, id: 'demo-gateway' },
      correlationId: `demo-gateway-${guildId}`,
      guildId,
    };
  }

  private async append(event: NewEvent): Promise<void> {
    await this.store.append(event);
    this.counts[event.type] = (this.counts[event.type] ?? 0) + 1;
  }
}
