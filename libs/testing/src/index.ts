export {
  createTestDatabase,
  ensureTemplateDatabase,
  dropDatabase,
  databaseUrl,
  type TestDatabase,
} from './test-database.js';
export {
  createTestStream,
  testNatsUrl,
  type TestStream,
  deleteStreamWithBuckets,
} from './test-nats.js';
export { testLogger } from './test-logger.js';
export {
  snowflakeFor,
  testGuildId,
  testUserId,
  guildInstalledEvent,
  commandExecutedEvent,
  configUpdatedEvent,
} from './fixtures.js';
export { startApp, runAppToExit, stopChild, appEntry, type ChildApp } from './child-app.js';
export {
  privateNatsServer,
  freePort,
  type PrivateNatsServer,
  type PrivateNatsServerOptions,
} from './nats-server.js';
export { natsCluster, type NatsCluster, type NatsClusterNode } from './nats-cluster.js';
export { privatePostgres, privateReplica, type PrivatePostgres } from './postgres-server.js';
export { startDiscordGatewayFake, type DiscordGatewayFake } from './discord-gateway-fake.js';
export {
  startDiscordRestFake,
  type DiscordRestFake,
  type DiscordRestFakeOptions,
  type DiscordFailure,
  type RecordedDiscordRequest,
  type FakeMessage,
  type FakeChannel,
} from '@kd/discord-fake';
export {
  commandInteraction,
  buttonInteraction,
  interactionApplicationId,
  interactionGuildId,
  interactionChannelId,
  interactionOwner,
  interactionMember,
  adminPermissions,
  memberPermissions,
} from './interaction-payloads.js';
export { modalSubmitInteraction } from './modal-payloads.js';
export { firstOriginalEdit, originalEdits } from './interaction-follow-ups.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export {
  startApiStack,
  sharedEnv,
  type ApiStack,
  type ApiStackOptions,
  type ApiStackSecrets,
} from './api-stack.js';
export { trapClocks, lastTrapClock, trapHistoryDays } from './trap-clocks.js';
export {
  testTokenClaims,
  signTestJwt,
  testApiToken,
  testTokenIssuer,
  testTokenAudience,
} from './api-tokens.js';
export { joinSecretPattern, secretLeaks } from './secret-scan.js';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';
