import type { DataSource, EntityManager } from 'typeorm';
import { DeliveryGapError, type ConsumedMessage, type RecordedEvent } from '@kd/event-store';
import { startTracedTimer, type Logger } from '@kd/observability';
import type { Projection } from '../projection.js';
import { liveTables, type TableTarget } from '../table-target.js';
import { lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints.js';
import { parkEvents, type ParkedEvent } from './dead-letters.js';
import {
  completeDecoding,
  decodeBatch,
  decodeMessage,
  toParked,
  type DecodedMessage,
} from './decode-batch.js';
import { forgetPersons, replacementsIn } from './forget-persons.js';
import type { ProjectionMetrics } from './projection-metrics.js';
import { isTransientDatabaseError } from './transient-errors.js';

export interface BatchOutcome {
  applied: number;
  parked: number;
  skipped: number;
  lastSeq: number;
}

/**
 * Applies batches of stream messages to one projection: one transaction per batch that writes
 * the read-model rows, the parked events and the checkpoint. Messages at or below the
 * checkpoint are skipped; an event that cannot be applied is parked and the rest still apply.
 */
export class ProjectionRunner {
  private acceptedGap: { expected: number; received: number } | undefined;

  constructor(
    readonly projection: Projection,
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly metrics?: ProjectionMetrics,
    /** The live tables, or a shadow rebuild's copies (checkpoint and dead letters of their own). */
    readonly target: TableTarget = liveTables,
  ) {
    if (target.suffix !== '' && !projection.shadowRebuild)
      throw new Error(`projection ${projection.name} cannot write into shadow tables`);
    // Export zero-valued series from the start, so alerts can tell "none yet" from "absent".
    metrics?.applied.inc({ projection: projection.name }, 0);
    metrics?.deadLetters.inc({ projection: projection.name }, 0);
  }

  /** The checkpoint row and dead-letter key: the projection's name, plus the target's suffix. */
  get name(): string {
    return this.projection.name + this.target.suffix;
  }

  async checkpoint(): Promise<number> {
    return (await readCheckpoint(this.dataSource.manager, this.name))?.lastSeq ?? 0;
  }

  /** Resets the projection to "nothing applied" when its version changed (or when forced). */
  async prepare({ forceRebuild = false } = {}): Promise<void> {
    const current = await readCheckpoint(this.dataSource.manager, this.name);
    if (!forceRebuild && (!current || current.projectionVersion === this.projection.version))
      return;
    this.logger.warn(
      {
        projection: this.name,
        from: current?.projectionVersion,
        to: this.projection.version,
        forceRebuild,
      },
      'resetting projection for rebuild',
    );
    await this.dataSource.transaction(async (tx) => {
      await lockCheckpoint(tx, this.name, this.projection.version);
      await this.projection.reset(tx);
      await tx.query(`DELETE FROM kd.projection_dead_letters WHERE projection = $1`, [this.name]);
      await saveCheckpoint(tx, this.name, 0, null, this.projection.version);
      await tx.query(
        `UPDATE kd.projection_checkpoints SET last_occurred_at = NULL WHERE projection = $1`,
        [this.name],
      );
    });
  }

  async handleBatch(messages: readonly ConsumedMessage[]): Promise<BatchOutcome> {
    return this.commitBatch(this.prepareBatch(messages));
  }

  /** CPU part of a batch (decoding, validation, upcasting); may run while another batch commits. */
  prepareBatch(messages: readonly ConsumedMessage[]): DecodedMessage[] {
    return messages.map((m) => decodeMessage(m)).sort((a, b) => a.seq - b.seq);
  }

  /**
   * `prepareBatch` for a consumer: decodes in slices that let the batch being committed make
   * progress, and loads the person keys the batch needs, so CPU and database work overlap.
   */
  prepareBatchInSlices(messages: readonly ConsumedMessage[]): Promise<DecodedMessage[]> {
    return decodeBatch(messages);
  }

  /** Applies a prepared batch in one transaction; batches must be committed one at a time. */
  async commitBatch(prepared: DecodedMessage[]): Promise<BatchOutcome> {
    const decoded = await completeDecoding(prepared);
    const stop =
      this.metrics && startTracedTimer(this.metrics.batchDuration, { projection: this.name });
    let outcome: BatchOutcome;
    try {
      outcome = await this.dataSource.transaction((tx) =>
        this.applyInTransaction(decoded, tx, false),
      );
    } catch (error) {
      if (!(error instanceof PoisonInBatch)) throw error;
      // Something in the data failed: again, one event per savepoint, parking the culprits.
      outcome = await this.dataSource.transaction((tx) =>
        this.applyInTransaction(decoded, tx, true),
      );
    }
    stop?.();
    this.record(outcome, decoded);
    return outcome;
  }

  private async applyInTransaction(
    decoded: DecodedMessage[],
    tx: EntityManager,
    isolate: boolean,
  ): Promise<BatchOutcome> {
    // Read models are derived data and the checkpoint commits in the same transaction: if
    // PostgreSQL crashes before flushing, it loses a consistent suffix of batches, which is
    // simply applied again from the stream. Not waiting for the WAL flush nearly doubles ingest.
    await tx.query(`SET LOCAL synchronous_commit = off`);
    const { lastSeq: checkpoint } = await lockCheckpoint(tx, this.name, this.projection.version);
    const fresh = uniqueBySeq(decoded.filter((d) => d.seq > checkpoint));
    const last = fresh.at(-1);
    if (!last) return { applied: 0, parked: 0, skipped: decoded.length, lastSeq: checkpoint };
    this.assertContiguous(checkpoint, fresh);
    const undecodable = fresh.flatMap((d) => (d.parked ? [d.parked] : []));
    const wanted = fresh.flatMap((d) => (d.event && this.handles(d.event) ? [d.event] : []));
    const poisoned = isolate
      ? await this.applyOneByOne(wanted, tx)
      : await this.applyAll(wanted, tx);
    await parkEvents(tx, this.name, [...undecodable, ...poisoned]);
    const fromForgotten = replacementsIn(fresh.flatMap((d) => (d.event ? [d.event] : [])));
    await forgetPersons(tx, this.projection, this.target, fromForgotten);
    await saveCheckpoint(
      tx,
      this.name,
      last.seq,
      wanted.at(-1)?.event.occurredAt ?? null,
      this.projection.version,
    );
    return {
      applied: wanted.length - poisoned.length,
      parked: undecodable.length + poisoned.length,
      skipped: decoded.length - fresh.length,
      lastSeq: last.seq,
    };
  }

  private async applyAll(events: RecordedEvent[], tx: EntityManager): Promise<ParkedEvent[]> {
    if (events.length === 0) return [];
    try {
      await this.projection.apply(events, tx, this.target);
      return [];
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error;
      throw new PoisonInBatch(error);
    }
  }

  private async applyOneByOne(events: RecordedEvent[], tx: EntityManager): Promise<ParkedEvent[]> {
    const parked: ParkedEvent[] = [];
    for (const event of events) {
      await tx.query('SAVEPOINT kd_event');
      try {
        await this.projection.apply([event], tx, this.target);
        await tx.query('RELEASE SAVEPOINT kd_event');
      } catch (error) {
        if (isTransientDatabaseError(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT kd_event');
        parked.push(
          toParked(event.seq, JSON.stringify(event.event), error, {
            id: event.event.id,
            type: event.event.type,
          }),
        );
      }
    }
    return parked;
  }

  private handles(event: RecordedEvent): boolean {
    const handles = this.projection.handles;
    return handles === 'all' || handles.includes(event.event.type);
  }

  /** A sequence gap after the checkpoint means delivery skipped something: restart delivery there. */
  private assertContiguous(checkpoint: number, fresh: DecodedMessage[]): void {
    let expected = checkpoint + 1;
    for (const message of fresh) {
      if (message.seq !== expected) {
        const gap = { expected, received: message.seq };
        // The same gap right after a restart of delivery: those sequences no longer exist.
        if (
          this.acceptedGap?.expected === gap.expected &&
          this.acceptedGap.received === gap.received
        ) {
          this.logger.warn(
            { projection: this.name, ...gap },
            'sequences missing from the stream, continuing',
          );
        } else {
          this.acceptedGap = gap;
          throw new DeliveryGapError(expected, message.seq);
        }
      }
      expected = message.seq + 1;
    }
  }

  private record(outcome: BatchOutcome, decoded: DecodedMessage[]): void {
    if (!this.metrics) return;
    const labels = { projection: this.name };
    this.metrics.applied.inc(labels, outcome.applied);
    if (outcome.parked > 0) {
      this.metrics.deadLetters.inc(labels, outcome.parked);
      this.logger.error(
        { projection: this.name, parked: outcome.parked, lastSeq: outcome.lastSeq },
        'events parked in dead letters',
      );
    }
    this.metrics.checkpoint.set(labels, outcome.lastSeq);
    const newest = decoded.at(-1)?.event?.event.recordedAt;
    if (newest)
      this.metrics.lagSeconds.set(labels, Math.max(0, (Date.now() - Date.parse(newest)) / 1000));
  }

  /** Refreshes lag gauges from the stream head (called periodically by the host). */
  updateLag(headSeq: number, checkpoint: number): void {
    const lag = Math.max(0, headSeq - checkpoint);
    this.metrics?.lagEvents.set({ projection: this.name }, lag);
    if (lag === 0) this.metrics?.lagSeconds.set({ projection: this.name }, 0);
  }
}

/** The batch failed because of its data, not the database: retry it isolating each event. */
class PoisonInBatch extends Error {
  constructor(readonly original: unknown) {
    super(`batch failed: ${String(original)}`);
  }
}

function uniqueBySeq(sorted: DecodedMessage[]): DecodedMessage[] {
  return sorted.filter((d, i) => i === 0 || sorted[i - 1]?.seq !== d.seq);
}
