// The Discord REST fake lives in @kd/discord (apps/discord-sim serves it too); tests keep
// importing it from here.
export {
  startDiscordRestFake,
  type DiscordRestFake,
  type DiscordRestFakeOptions,
  type DiscordFailure,
  type RecordedDiscordRequest,
  type FakeMessage,
  type FakeChannel,
} from '@kd/discord';
