import type { Provider } from '@nestjs/common';
import type { REST } from '@discordjs/rest';
import type { EventStore } from '@kd/event-store';
import { systemClock } from '@kd/events';
import { DiscordEventFacts } from '@kd/meetings';
import type { Logger } from '@kd/observability';
import { ScheduledEventSync } from './scheduled-event-sync.js';

export interface ScheduledEventDeps {
  store: EventStore;
  rest: REST;
  logger: Logger;
}

export function scheduledEventProviders({ store, rest, logger }: ScheduledEventDeps): Provider[] {
  const facts = new DiscordEventFacts(store, logger);
  const sync = new ScheduledEventSync({ store, facts, rest, logger, now: systemClock });
  return [{ provide: ScheduledEventSync, useValue: sync }];
}
