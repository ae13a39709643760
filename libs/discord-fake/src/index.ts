// Test support: a fake of Discord's REST API for tests (through @kd/testing) and for the local
// Discord simulator (apps/discord-sim), which serves it. Never imported by production code.
export {
  startDiscordRestFake,
  createDiscordRestFakeHandler,
  type DiscordRestFake,
  type DiscordRestFakeHandler,
  type DiscordRestFakeState,
  type DiscordRestFakeOptions,
  type DiscordFailure,
  type RecordedDiscordRequest,
  type RecordedFile,
  type FakeMessage,
  type FakeChannel,
  type FakeScheduledEvent,
} from './discord-rest-fake.js';
export {
  appPermissions,
  attachmentSizeLimit,
  discordUser,
  guildEnvelope,
  guildMember,
  withDiscordDefaults,
  type EnvelopeUser,
  type GuildEnvelopeInput,
} from './interaction-envelope.js';
