import { GuildConfig1763884800100 } from './1763884800100-guild-config.js';

/** `kd.guild_config_overrides`, `kd.guild_config_changes` and their `analytics.` views. */
export const guildConfigMigrations = [GuildConfig1763884800100];
