import type { AggregateModel } from '@kd/event-store';
import { newEvent, type NewEvent } from '@kd/events';
import {
  botActor,
  emptyGuildRecord,
  evolveGuild,
  isGuildLifecycleEvent,
  type GuildChange,
  type GuildEventType,
  type GuildRecord,
} from './domain/guild-lifecycle.js';

/** The `guild` aggregate as the lifecycle sees it, folded by the pure `evolveGuild`. */
export const guildAggregate: AggregateModel<GuildRecord> = {
  aggregate: 'guild',
  initial: emptyGuildRecord,
  evolve: (record, event, seq) =>
    isGuildLifecycleEvent(event) ? evolveGuild(record, event, seq) : record,
  snapshot: {
    name: 'guild-lifecycle',
    version: 1,
    toJson: (record) => record,
    fromJson: (json) => {
      const record = json as GuildRecord;
      if (!['unknown', 'installed', 'uninstalled'].includes(record.status))
        throw new Error('not a guild snapshot');
      return { ...emptyGuildRecord, ...record };
    },
  },
};

/** A decided change with its envelope: the bot as actor, the decider's id and time. */
export function guildEvent(
  change: GuildChange,
  guildId: string,
  correlationId: string,
): NewEvent<GuildEventType> {
  const context = {
    guildId,
    actor: botActor,
    correlationId,
    occurredAt: change.occurredAt,
    ...(change.id === undefined ? {} : { id: change.id }),
  };
  switch (change.type) {
    case 'guild.installed':
      return newEvent(change.type, change.payload, context);
    case 'guild.uninstalled':
      return newEvent(change.type, change.payload, context);
    case 'guild.member_count_changed':
      return newEvent(change.type, change.payload, context);
  }
}
