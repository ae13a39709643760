import { overriddenKeys } from '../config/config-state.js';
import { overrideKinds, type OverrideKinds } from '../config/override-kinds.js';
import type { GuildState, History } from '../history/history.types.js';
import type { CustomizationSummary } from '@kd/analytics';
import { ratio } from '../stats.js';
import { installedGuilds } from './command-window.js';

export function guildOverrides(history: History, guild: GuildState): OverrideKinds {
  return overrideKinds(overriddenKeys(guild.config, history.defaults));
}

export function customizationSummary(history: History): CustomizationSummary {
  const installed = installedGuilds(history).map((g) => guildOverrides(history, g));
  const share = (pick: (kinds: OverrideKinds) => boolean) =>
    ratio(installed.filter(pick).length, installed.length);
  return {
    configuration_rate: share((k) => k.any),
    template_customization_rate: share((k) => k.template),
    role_mapping_customization_rate: share((k) => k.roleMapping),
    notification_customization_rate: share((k) => k.notification),
  };
}
