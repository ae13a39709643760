export { createCommandDispatcher } from './create-command-dispatcher.js';
export type { CommandServices } from './command-services.js';
export { recordCommandExecution } from './record-execution.js';
export { authorizeFromGuildConfig, PermissionDeniedError } from './authorize.js';
export { KalturaNotConfiguredError } from './kaltura-required.js';
export {
  createCommandRuntime,
  type CommandRuntime,
  type CommandRuntimeOptions,
  type KalturaSettings,
  type StartRateLimitSettings,
} from './command-runtime.js';
export { InteractionReservations } from './interaction-reservations.js';
export {
  ReplyPolicy,
  type InteractionTransport,
  type ReplyPolicyOptions,
} from './replies/reply-policy.js';
export {
  StartRateLimiter,
  StartRateLimitedError,
  type StartRateRules,
} from './limits/start-rate-limiter.js';
export { guildInsightsPng, insightsFigures, type GuildOverview } from './stats/insights-picture.js';
