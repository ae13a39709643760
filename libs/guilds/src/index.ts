export {
  botActor,
  decideGuild,
  emptyGuildRecord,
  evolveGuild,
  guildEventTypes,
  isGuildLifecycleEvent,
  type GuildChange,
  type GuildEventType,
  type GuildObservation,
  type GuildRecord,
} from './domain/guild-lifecycle.js';
export { guildAggregate, guildEvent } from './guild-aggregate.js';
