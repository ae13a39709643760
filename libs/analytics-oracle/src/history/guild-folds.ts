import type { DomainEvent } from '@kd/events';
import { applyConfigReset, applyConfigUpdate } from '../config/config-state.js';
import type { GuildState, History } from './history.types.js';

export function guildOf(history: History, guildId: string): GuildState {
  let guild = history.guilds.get(guildId);
  if (!guild) {
    guild = {
      guildId,
      firstInstallAt: null,
      installed: false,
      memberCount: null,
      config: new Map(history.defaults),
    };
    history.guilds.set(guildId, guild);
  }
  return guild;
}

type GuildEvent = DomainEvent<
  | 'guild.installed'
  | 'guild.uninstalled'
  | 'guild.member_count_changed'
  | 'config.updated'
  | 'config.reset'
>;

/** Folds a guild-keyed event (already in occurredAt order) into the guild's state. */
export function foldGuildEvent(
  guild: GuildState,
  event: GuildEvent,
  at: number,
  history: History,
): void {
  switch (event.type) {
    case 'guild.installed':
      guild.firstInstallAt ??= at;
      guild.installed = true;
      guild.memberCount = event.payload.memberCount ?? guild.memberCount;
      return;
    case 'guild.uninstalled':
      guild.installed = false;
      return;
    case 'guild.member_count_changed':
      guild.memberCount = event.payload.memberCount;
      return;
    case 'config.updated':
      applyConfigUpdate(guild.config, event.payload.key, event.payload.newValue);
      return;
    case 'config.reset':
      applyConfigReset(guild.config, event.payload.section, history.defaults);
      return;
  }
}
