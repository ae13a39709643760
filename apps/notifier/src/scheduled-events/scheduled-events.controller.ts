import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@kd/events';
import { ScheduledEventSync } from './scheduled-event-sync.js';

/** Meeting changes that move its Discord scheduled event (beside the notifications of the same events). */
@Controller()
export class ScheduledEventsController {
  constructor(private readonly sync: ScheduledEventSync) {}

  @EventPattern('meeting.discord_event_linked')
  linked(@Payload() event: DomainEvent<'meeting.discord_event_linked'>): Promise<void> {
    return this.sync.sync(event);
  }

  @EventPattern('meeting.started')
  started(@Payload() event: DomainEvent<'meeting.started'>): Promise<void> {
    return this.sync.sync(event);
  }

  @EventPattern('meeting.ended')
  ended(@Payload() event: DomainEvent<'meeting.ended'>): Promise<void> {
    return this.sync.sync(event);
  }

  @EventPattern('meeting.canceled')
  canceled(@Payload() event: DomainEvent<'meeting.canceled'>): Promise<void> {
    return this.sync.sync(event);
  }
}
