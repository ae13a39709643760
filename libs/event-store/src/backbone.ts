import type { Registry } from 'prom-client';
import type { Logger } from '@kd/observability';
import { createEventStoreMetrics } from './event-store-metrics.js';
import { EventStore } from './event-store.js';
import { NatsClients } from './nats-clients.js';
import type { NatsAuth } from './nats-connection.js';

/** The settings every app's configuration schema has for the event backbone. */
export interface BackboneSettings {
  NATS_URL: string;
  KD_STREAM: string;
  KD_SUBJECT_PREFIX: string;
  KD_STREAM_REPLICAS?: number | undefined;
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  NATS_CREDS?: string | undefined;
}

/** The login the settings name (the configuration schema checks they are complete). */
export function natsAuthOf(
  settings: Pick<BackboneSettings, 'NATS_USER' | 'NATS_PASSWORD' | 'NATS_CREDS'>,
): NatsAuth | undefined {
  if (settings.NATS_CREDS) return { credsFile: settings.NATS_CREDS };
  if (settings.NATS_USER && settings.NATS_PASSWORD)
    return { user: settings.NATS_USER, pass: settings.NATS_PASSWORD };
  return undefined;
}

export interface Backbone {
  nats: NatsClients;
  store: EventStore;
}

/** A process's NATS connection (`kd-<app>`, connecting in the background), for apps without a store. */
export function createNatsClients(
  settings: BackboneSettings,
  options: { app: string; logger: Logger },
): NatsClients {
  return new NatsClients({
    url: settings.NATS_URL,
    auth: natsAuthOf(settings),
    name: `kd-${options.app}`,
    logger: options.logger,
    stream: settings.KD_STREAM,
    subjectPrefix: settings.KD_SUBJECT_PREFIX,
    ...(settings.KD_STREAM_REPLICAS ? { replicas: settings.KD_STREAM_REPLICAS } : {}),
  });
}

/**
 * A process's NATS connection (`kd-<app>`, connecting in the background) and its event store on
 * the configured stream and subject prefix, with the store's metrics in `registry`.
 */
export function createBackbone(
  settings: BackboneSettings,
  options: { app: string; logger: Logger; registry: Registry },
): Backbone {
  const nats = createNatsClients(settings, options);
  const store = new EventStore({
    nats,
    stream: settings.KD_STREAM,
    subjectPrefix: settings.KD_SUBJECT_PREFIX,
    metrics: createEventStoreMetrics(options.registry),
  });
  return { nats, store };
}
