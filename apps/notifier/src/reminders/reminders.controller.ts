import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@kd/events';
import { ReminderScheduler } from './reminder-scheduler.js';

@Controller()
export class RemindersController {
  constructor(private readonly reminders: ReminderScheduler) {}

  @EventPattern('meeting.scheduled')
  scheduled(@Payload() event: DomainEvent<'meeting.scheduled'>): Promise<void> {
    return this.reminders.onScheduled(event);
  }
}
