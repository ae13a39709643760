export {
  EventStore,
  type AppendOptions,
  type AppendResult,
  type EventStoreOptions,
} from './event-store.js';
export { ConcurrencyError, EventStoreUnavailableError } from './errors.js';
export { createEventStoreMetrics, type EventStoreMetrics } from './event-store-metrics.js';
export { decodeStored, type RecordedEvent } from './recorded-event.js';
export { ensureStream, type StreamOptions } from './stream-provisioning.js';
export {
  connectNats,
  natsServerList,
  redactUrl,
  type NatsAuth,
  type NatsConnectionOptions,
} from './nats-connection.js';
export {
  BatchConsumer,
  DeliveryGapError,
  type BatchConsumerOptions,
  type ConsumedMessage,
} from './batch-consumer.js';
export { aggregateSubject, subjectOf, allSubjects } from './subjects.js';
export {
  JetStreamServer,
  type JetStreamServerOptions,
  type BatchHandlerExtras,
} from './nest/jetstream.server.js';
export { NatsClients, checkJetStream, type NatsClientsOptions } from './nats-clients.js';
export { LiveEvents, type LiveEventsOptions } from './live-events.js';
export { consumerAckFloor } from './nest/consumer-position.js';
export {
  createBackbone,
  createNatsClients,
  natsAuthOf,
  type Backbone,
  type BackboneSettings,
} from './backbone.js';
export { KvBucket, bucketName, lazyBucket, type KvBucketOptions } from './kv-bucket.js';
export { KvLease, leaseBucket, type KvLeaseOptions } from './kv-lease.js';
export {
  RateWindows,
  decideRate,
  rateBucketOf,
  type RateRule,
  type RateDecision,
  type RateWindowsOptions,
} from './rate-windows.js';
export {
  CommandHandler,
  type CommandHandlerOptions,
  type Handled,
  type HandleOptions,
} from './command-handler/command-handler.js';
export type {
  AggregateModel,
  Decided,
  FoldedEvent,
  LoadedAggregate,
  SnapshotCodec,
} from './command-handler/aggregate-model.js';
export {
  AggregateLoader,
  defaultSnapshotEvery,
  type AggregateLoaderOptions,
  type Folded,
  type LoaderStore,
  type SnapshotStore,
} from './command-handler/aggregate-loader.js';
export {
  AggregateSnapshots,
  snapshotKey,
  type AggregateSnapshot,
  type AggregateSnapshotsOptions,
} from './snapshots/aggregate-snapshots.js';
export { ConflictRetriesExhaustedError } from './command-handler/command-errors.js';
export {
  conflictBackoff,
  defaultRetryPolicy,
  retryDelay,
  type Backoff,
  type RetryPolicy,
} from './command-handler/retry-policy.js';
export { PersonKeys, type PersonKeysOptions } from './person-keys/person-keys.js';
export { personKeysOf, ensureKeysFor } from './person-keys/keyring-registry.js';
