// Schema and catalog
export {
  configUpdateSections,
  notificationKinds,
  commandNames,
  alwaysEnabledCommands,
  kalturaRoles,
  featureNames,
  everyone,
  type ConfigSection,
  type NotificationKind,
  type CommandName,
  type KalturaRole,
  type FeatureName,
} from './schema/config-catalog.js';
export {
  discordPermissionBits,
  discordPermissionNames,
  isDiscordPermissionName,
  parsePermissionBitfield,
  hasPermission,
  type DiscordPermissionName,
} from './schema/discord-permissions.js';
export { guildConfigSchema, type GuildConfig } from './schema/guild-config.schema.js';
export {
  templatePlaceholders,
  maxTemplateLength,
  placeholdersIn,
  renderTemplate,
} from './schema/templates.js';
// Dotted keys
export { knownKeyPatterns, type ConfigLeaf, type LeafKind } from './keys/config-keys.js';
export { keysOfKind, kindOfKey, matchingKeys, timeZones } from './keys/key-catalog.js';
export {
  parseConfigKey,
  parseDottedKey,
  parseSection,
  type ParsedConfigKey,
} from './keys/parse-config-key.js';
export {
  validateUpdate,
  validateValue,
  type ConfigValue,
  type ValidatedUpdate,
} from './keys/validate-update.js';
// Pure domain
export {
  evolveConfig,
  foldConfigEvents,
  isConfigEvent,
  configEventTypes,
  emptyOverrides,
  type ConfigEvent,
  type ConfigOverrides,
} from './domain/overrides.js';
export { effectiveConfig } from './domain/effective-config.js';
export {
  decideUpdate,
  decideReset,
  type GuildConfigState,
  type UpdateConfigCommand,
  type ResetConfigCommand,
} from './domain/decide.js';
export {
  overrideFlags,
  overrideFlagsOfKeys,
  changedKeys,
  type OverrideFlags,
} from './domain/override-flags.js';
export { roleFor } from './domain/role-for.js';
export { canUse, type AccessDecision, type MemberAccess } from './domain/can-use.js';
export {
  FeatureDisabledError,
  requireFeature,
  requireMeetingType,
} from './domain/feature-gates.js';
export { flattenOverrides } from './domain/flatten-overrides.js';
export {
  flattenConfig,
  canonicalConfigJson,
  applyConfigChange,
  overriddenConfigKeys,
  overrideFlagsAfterEach,
  type FlatConfig,
  type FlatConfigChange,
} from './domain/flat-config.js';
// Defaults
export {
  loadDefaultConfig,
  parseDefaultConfig,
  findDefaultConfigPath,
} from './defaults/load-default-config.js';
// Service
export { GuildConfigService } from './service/guild-config.service.js';
export type {
  GuildConfigServiceOptions,
  GuildConfigView,
  UpdateOutcome,
  ResetOutcome,
  ImportOutcome,
} from './service/guild-config.types.js';
export {
  createGuildConfigMetrics,
  type GuildConfigMetrics,
} from './service/guild-config-metrics.js';
export { readOverridesFile } from './service/overrides-file.js';
export {
  ChannelCheckUnavailableError,
  channelsSetBy,
  isChannelKey,
  type ChannelGuildCheck,
} from './service/channel-check.js';
export type { GuildConfigurationRow } from './read-model/guild-config-read-model.js';
// Read model
export { guildConfigProjection } from './read-model/guild-config.projection.js';
export { guildConfigMigrations } from './read-model/migrations.js';
// Errors
export {
  ConfigUnknownSectionError,
  ConfigUnknownKeyError,
  ConfigInvalidValueError,
  ConfigImportError,
  ConfigConflictError,
  InvalidGuildIdError,
  DefaultConfigError,
} from './errors.js';
