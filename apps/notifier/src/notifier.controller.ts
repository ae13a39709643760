import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@kd/events';
import { GuildConfigService } from '@kd/guild-config';
import { NotificationService } from './service/notification.service.js';

/**
 * The notifier's event handlers, on the durable consumer `notifier` (stream order, one event at
 * a time). A handler that throws has its event delivered again after a backoff.
 */
@Controller()
export class NotifierController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly guildConfig: GuildConfigService,
  ) {}

  @EventPattern('meeting.scheduled')
  scheduled(@Payload() event: DomainEvent<'meeting.scheduled'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.canceled')
  canceled(@Payload() event: DomainEvent<'meeting.canceled'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.rsvp_added')
  rsvpAdded(@Payload() event: DomainEvent<'meeting.rsvp_added'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.rsvp_removed')
  rsvpRemoved(@Payload() event: DomainEvent<'meeting.rsvp_removed'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.started')
  started(@Payload() event: DomainEvent<'meeting.started'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.ended')
  ended(@Payload() event: DomainEvent<'meeting.ended'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.recording_ready')
  recordingReady(@Payload() event: DomainEvent<'meeting.recording_ready'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.participant_joined')
  participantJoined(@Payload() event: DomainEvent<'meeting.participant_joined'>): Promise<void> {
    return this.notifications.handle(event);
  }

  @EventPattern('meeting.participant_left')
  participantLeft(@Payload() event: DomainEvent<'meeting.participant_left'>): Promise<void> {
    return this.notifications.handle(event);
  }

  /** In stream order, so a notification after a change already sees the new configuration. */
  @EventPattern('config.updated')
  configUpdated(@Payload() event: DomainEvent<'config.updated'>): void {
    this.guildConfig.invalidateOn(event);
  }

  @EventPattern('config.reset')
  configReset(@Payload() event: DomainEvent<'config.reset'>): void {
    this.guildConfig.invalidateOn(event);
  }
}
