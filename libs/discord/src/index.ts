export {
  verifyDiscordRequest,
  defaultTimestampWindow,
  type DiscordSignatureCheck,
  type DiscordSignatureFailure,
  type TimestampWindow,
} from './signature/verify-discord-request.js';
export { discordPublicKey, discordPublicKeySchema } from './signature/discord-public-key.js';
export {
  signDiscordRequest,
  generateDiscordKeys,
  type DiscordTestKeys,
  type SignedDiscordRequest,
} from './signature/sign-discord-request.js';
export {
  InteractionType,
  interactionSchema,
  pingInteractionSchema,
  commandInteractionSchema,
  autocompleteInteractionSchema,
  componentInteractionSchema,
  modalSubmitInteractionSchema,
  discordUserSchema,
  discordMemberSchema,
  type Interaction,
  type PingInteraction,
  type CommandInteraction,
  type AutocompleteInteraction,
  type ComponentInteraction,
  type ModalSubmitInteraction,
  type InteractionOption,
  type OptionValue,
} from './interactions/interaction.schema.js';
export {
  parseInteraction,
  toCommandInvocation,
  toButtonInvocation,
  toModalInvocation,
  buttonCommand,
  UNKNOWN_BUTTON,
  toAutocompleteInvocation,
} from './interactions/parse-interaction.js';
export {
  defaultLocale,
  replyLocaleOf,
  type CommandInvocation,
  type AutocompleteInvocation,
  type CommandTransport,
  type CommandVia,
  type ComponentPress,
  type InvokingUser,
} from './interactions/command-invocation.js';
export {
  AppWebhookType,
  parseAppWebhook,
  type AppWebhook,
} from './interactions/app-webhook.schema.js';
export {
  fromDiscordJs,
  fromDiscordJsAutocomplete,
  fromDiscordJsButton,
  fromDiscordJsModal,
} from './gateway/discord-js.adapter.js';
export {
  scheduledEventUserChange,
  scheduledEventDeleted,
  type ScheduledEventChange,
  type GatewayScheduledEvent,
} from './gateway/scheduled-event-changes.js';
export {
  buttonCommands,
  buttonCustomId,
  parseCustomId,
  type ButtonAction,
  type ButtonTarget,
} from './components/custom-id.js';
export { meetingButtons } from './components/meeting-buttons.js';
export { forgetButtons } from './components/forget-buttons.js';
export {
  settingsActions,
  isSettingsAction,
  type SettingsAction,
} from './components/settings-actions.js';
export {
  defineCommand,
  toDiscordPayload,
  type CommandDefinition,
  type DiscordCommandPayload,
} from './commands/command-definition.js';
export {
  defineSubcommandCommand,
  type SubcommandSpec,
  type SubcommandOptions,
} from './commands/subcommand-definition.js';
export {
  OptionType,
  stringOption,
  choiceOption,
  integerOption,
  booleanOption,
  channelOption,
  roleOption,
  textChannelTypes,
  type OptionSpec,
  type DiscordOptionShape,
  type DiscordChoice,
} from './commands/command-options.js';
export {
  COMMAND_SET_VERSION,
  commandDefinitions,
  findCommand,
  isCommandName,
  type CommandName,
  type DefinitionOf,
  type OptionsOf,
} from './commands/command-set.js';
export { kalturaSchedule, kalturaCancel } from './commands/schedule-commands.js';
export { checkCommandRules } from './commands/definition-rules.js';
export { parseCommandOptions } from './commands/parse-options.js';
export {
  InvalidOptionError,
  InvalidButtonError,
  UnknownCommandError,
  CommandNotImplementedError,
  GuildOnlyError,
} from './commands/command-errors.js';
export { syncCommands, type SyncCommandsOptions } from './registration/sync-commands.js';
export {
  normalizeCommand,
  sameCommands,
  type RemoteCommand,
} from './registration/normalize-command.js';
export {
  createDiscordRest,
  DISCORD_API_URL,
  type DiscordRestOptions,
} from './rest/create-discord-rest.js';
export { createDiscordRestMetrics, type DiscordRestMetrics } from './rest/discord-rest-metrics.js';
export { discordRoutes } from './rest/discord-routes.js';
export {
  createScheduledEvent,
  setScheduledEventStatus,
  deleteScheduledEvent,
  GuildScheduledEventStatus,
  type ScheduledEventDraft,
  type ScheduledEventOutcome,
} from './rest/scheduled-events.js';
export {
  ChannelOwnership,
  ChannelNotInGuildError,
  ChannelLookupUnavailableError,
  type ChannelOwnershipOptions,
} from './rest/channel-ownership.js';
export { routeLabel } from './rest/route-label.js';
export type {
  Reply,
  ReplyEmbed,
  ReplyFile,
  ReplyModal,
  AutocompleteChoice,
} from './replies/reply.js';
export {
  ResponseType,
  EPHEMERAL,
  noMentions,
  messageData,
  messageResponse,
  replyResponse,
  modalData,
  deferredResponse,
  autocompleteResponse,
  pongResponse,
  type MessageData,
} from './replies/interaction-responses.js';
export { limits as discordLimits, truncate, fitEmbeds } from './replies/message-limits.js';
export {
  editOriginalResponse,
  sendFollowUp,
  deleteOriginalResponse,
  deliverDeferredReply,
  type InteractionRef,
  type SentMessage,
} from './replies/follow-up.js';
export { errorReply, errorCodeOf, INTERNAL_ERROR_CODE } from './replies/error-reply.js';
export { sanitizeOptionsForEvent } from './replies/sanitize-options.js';
export {
  CommandDispatcher,
  type CommandDispatcherOptions,
  type DispatchResult,
} from './dispatch/command-dispatcher.js';
export type {
  CommandHandler,
  CommandContext,
  AutocompleteHandler,
  ComponentHandler,
  AuthorizeCommand,
} from './dispatch/command-handler.js';
export { outcomeOf, type CommandOutcome } from './dispatch/command-outcome.js';
export {
  toCommandExecutedPayload,
  type ExecutionRecord,
  type RecordExecution,
} from './dispatch/execution-record.js';
export { createCommandMetrics, type CommandMetrics } from './dispatch/command-metrics.js';
