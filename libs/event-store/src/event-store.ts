import {
  JetStreamApiError,
  JetStreamApiCodes,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import type { Span } from '@opentelemetry/api';
import {
  definitionOf,
  personsIn,
  prepareForAppend,
  sealEvent,
  type PersonKey,
  type PersonKeyring,
  type Aggregate,
  type DomainEvent,
  type EventType,
  type NewEvent,
} from '@kd/events';
import { startTracedTimer } from '@kd/observability';
import { failSpan, injectTraceHeaders, startPublishSpan } from '@kd/tracing';
import { ConcurrencyError, EventStoreUnavailableError } from './errors.js';
import type { EventStoreMetrics } from './event-store-metrics.js';
import { ensureKeysFor, personKeysOf } from './person-keys/keyring-registry.js';
import { decodeStored, type RecordedEvent } from './recorded-event.js';
import {
  lastSeqOnSubject,
  readParallelism,
  readSubject,
  readSubjectAfter,
} from './read-subject.js';
import { AggregateSnapshots } from './snapshots/aggregate-snapshots.js';
import { streamPublisherOf } from './stream-publisher.js';
import { aggregateSubject, subjectOf } from './subjects.js';

export interface AppendOptions {
  /**
   * Optimistic concurrency: the sequence of the last event on this aggregate's subject that
   * the caller decided on (0 = the aggregate must be new). A mismatch throws ConcurrencyError.
   */
  expectedLastSeq?: number;
}

export interface AppendResult<T extends EventType = EventType> {
  seq: number;
  /** True when this event was already stored (same id, or first event of a source-keyed subject). */
  duplicate: boolean;
  event: DomainEvent<T>;
}

export interface EventStoreOptions {
  /**
   * Read on every call, so a connection that is (re)established later is picked up. With `nc`,
   * appends go through the leaner StreamPublisher (same headers, acks and errors).
   */
  nats: {
    readonly js: JetStreamClient;
    readonly jsm: JetStreamManager;
    readonly nc?: NatsConnection;
    /** Replicas of the snapshot bucket (`KD_STREAM_REPLICAS`; default 1). */
    readonly replicas?: number;
  };
  stream: string;
  subjectPrefix: string;
  metrics?: EventStoreMetrics;
  publishTimeoutMs?: number;
  now?: () => Date;
  /** Where person keys live (default: the stream's key bucket, docs/privacy.md). */
  personKeys?: PersonKeyring;
  /** Direct gets in flight at once when reading one aggregate (default 64; 1 = one by one). */
  readParallelism?: number;
}

const encoder = new TextEncoder();

export class EventStore {
  private snapshotBucket: AggregateSnapshots | undefined;
  readonly personKeys: PersonKeyring;

  constructor(private readonly options: EventStoreOptions) {
    this.personKeys =
      options.personKeys ?? personKeysOf({ nats: options.nats, stream: options.stream });
  }

  /** Aggregate snapshots of this stream (`<stream>_SNAPSHOTS`), opened on first use. */
  get snapshots(): AggregateSnapshots {
    return (this.snapshotBucket ??= new AggregateSnapshots({
      nats: this.options.nats,
      stream: this.options.stream,
    }));
  }

  get stream(): string {
    return this.options.stream;
  }

  /**
   * Validates and appends one event. Idempotent: `Nats-Msg-Id` is the event id, and events whose
   * aggregate id is the source's own id are appended with "first on subject", so a repeat of the
   * same interaction or notification is reported as a duplicate however late it comes.
   */
  async append<T extends EventType>(
    newEvent: NewEvent<T>,
    options: AppendOptions = {},
  ): Promise<AppendResult<T>> {
    const now = this.options.now?.() ?? new Date();
    const event = prepareForAppend(newEvent, now);
    const stored = await this.sealed(event);
    const subject = subjectOf(this.options.subjectPrefix, event);
    const firstOnSubject = definitionOf(event.type).firstOnSubject;
    const expectedLastSeq = options.expectedLastSeq ?? (firstOnSubject ? 0 : undefined);
    const span = startPublishSpan(subject, event.type, event.id);
    const stop = this.options.metrics && startTracedTimer(this.options.metrics.publishDuration);
    try {
      const { js, nc } = this.options.nats;
      const publisher = nc ? streamPublisherOf(nc) : js;
      const ack = await publisher.publish(subject, encoder.encode(JSON.stringify(stored)), {
        msgID: event.id,
        timeout: this.options.publishTimeoutMs ?? 5000,
        ...(expectedLastSeq === undefined
          ? {}
          : { expect: { lastSubjectSequence: expectedLastSeq } }),
        headers: typeHeaders(event.type, span),
      });
      if (!ack.duplicate) this.options.metrics?.published.inc({ type: event.type });
      return { seq: ack.seq, duplicate: ack.duplicate, event };
    } catch (error) {
      if (span) failSpan(span, error);
      if (isWrongLastSequence(error)) {
        if (firstOnSubject && options.expectedLastSeq === undefined) {
          return { seq: await this.firstSeqOn(subject), duplicate: true, event };
        }
        throw new ConcurrencyError(subject, expectedLastSeq ?? -1, error);
      }
      throw new EventStoreUnavailableError(
        `could not append ${event.type} to ${this.options.stream}: ${String(error)}`,
        error,
      );
    } finally {
      stop?.();
      span?.end();
    }
  }

  /** Every event of one aggregate, oldest first, with its stream sequence. */
  async readAggregate(aggregate: Aggregate, aggregateId: string): Promise<RecordedEvent[]> {
    const subject = aggregateSubject(this.options.subjectPrefix, aggregate, aggregateId);
    const { jsm } = this.options.nats;
    const messages = await readSubject(jsm, this.options.stream, subject, this.readParallelism);
    await ensureKeysFor(this.personKeys, messages);
    return messages.map((m) => decodeStored(m.seq, m.data, this.personKeys));
  }

  /**
   * The events of one aggregate after `afterSeq` (a snapshot's position), with the sequence of
   * the aggregate's last event when the read started (below `afterSeq`: the position is stale).
   */
  async readAggregateAfter(
    aggregate: Aggregate,
    aggregateId: string,
    afterSeq: number,
  ): Promise<{ lastSeq: number; events: RecordedEvent[] }> {
    const subject = aggregateSubject(this.options.subjectPrefix, aggregate, aggregateId);
    const { jsm } = this.options.nats;
    const read = await readSubjectAfter(
      jsm,
      this.options.stream,
      subject,
      afterSeq,
      this.readParallelism,
    );
    await ensureKeysFor(this.personKeys, read.messages);
    const events = read.messages.map((m) => decodeStored(m.seq, m.data, this.personKeys));
    return { lastSeq: read.lastSeq, events };
  }

  private get readParallelism(): number {
    return this.options.readParallelism ?? readParallelism;
  }

  /** Sequence of the last event on one aggregate's subject (0 when there is none). */
  async lastSeqOf(aggregate: Aggregate, aggregateId: string): Promise<number> {
    const subject = aggregateSubject(this.options.subjectPrefix, aggregate, aggregateId);
    return lastSeqOnSubject(this.options.nats.jsm, this.options.stream, subject);
  }

  /** Sequence of the newest event in the stream (0 when empty). */
  async headSeq(): Promise<number> {
    const info = await this.options.nats.jsm.streams.info(this.options.stream);
    return info.state.last_seq;
  }

  /** The event as stored: its personal values sealed under their persons' keys. */
  private async sealed<T extends EventType>(event: DomainEvent<T>): Promise<DomainEvent<T>> {
    const { personal: fields, personalOwners: owners } = definitionOf(event.type);
    const persons = personsIn(event, fields, owners);
    if (persons.length === 0) return event;
    const keys = new Map<string, PersonKey>();
    for (const person of persons) keys.set(person, await this.personKeys.keyFor(person));
    return sealEvent(event, fields, (person) => keys.get(person)!, owners);
  }

  private async firstSeqOn(subject: string): Promise<number> {
    const message = await this.options.nats.jsm.direct.getMessage(this.options.stream, {
      seq: 1,
      next_by_subj: subject,
    });
    return message?.seq ?? 0;
  }
}

function typeHeaders(type: string, span: Span | undefined) {
  const h = natsHeaders();
  h.set('Kd-Event-Type', type);
  injectTraceHeaders(h, span);
  return h;
}

function isWrongLastSequence(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence
  );
}
