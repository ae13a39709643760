import { KvBucket, bucketName, type KvBucketOptions } from '@kd/event-store';
import { findCommand, type CommandInvocation } from '@kd/discord';

/** Discord stops redelivering long before: an interaction token lives 15 minutes. */
const keptForMs = 24 * 60 * 60 * 1000;

/**
 * Claims an interaction before its side effects run (a Kaltura room, a configuration change),
 * in a JetStream KV bucket shared by every replica and transport: `create` succeeds for exactly
 * one claimant, so an interaction delivered twice, to two api replicas or to the api and the
 * bot, runs once. Not in process memory, which each replica has its own of.
 */
export class InteractionReservations {
  private readonly bucket: KvBucket;

  constructor(nats: KvBucketOptions['nats'], stream: string, replicas?: number) {
    this.bucket = new KvBucket({
      nats,
      name: bucketName(stream, 'INTERACTIONS'),
      maxAgeMs: keptForMs,
      ...(replicas ? { replicas } : {}),
    });
  }

  /**
   * True for the one caller that claimed the interaction (always, for a command whose definition
   * says `readOnly`: running it again is harmless, its `command.executed` is recorded once);
   * false when it was claimed before. Throws EVENT_STORE.UNAVAILABLE when NATS is down: the
   * command is then not run, rather than run unclaimed.
   */
  async claim(invocation: CommandInvocation): Promise<boolean> {
    if (findCommand(invocation.commandName)?.readOnly) return true;
    return this.bucket.create(invocation.interactionId, invocation.transport);
  }
}
