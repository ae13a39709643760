import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { decodeEvent } from '@kd/events';
import type { Logger } from '@kd/observability';

export interface RevokedTokensOptions {
  /** A NatsClients (connects in the background). */
  nats: { ready: Promise<void>; readonly js: JetStreamClient };
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  /** Wait before retrying when the consumer cannot be created (default 1 s). */
  retryMs?: number;
}

/**
 * The `jti`s of revoked tokens, read by every api process from the `auth` aggregate's subjects
 * with an ordered (ephemeral, in-memory) consumer from the start, then kept up to date as
 * `auth.token_revoked` events are appended by any process. `loaded` turns true once every
 * revocation stored when the consumer started has been read; until then callers refuse tokens.
 */
export class RevokedTokens {
  private readonly revoked = new Set<string>();
  private closed = false;
  private stopConsumer: (() => void) | undefined;
  private markLoaded!: () => void;
  private readonly loadedOnce = new Promise<void>((resolve) => (this.markLoaded = resolve));
  loaded = false;

  constructor(private readonly options: RevokedTokensOptions) {
    void this.loadedOnce.then(() => (this.loaded = true));
    void this.run();
  }

  has(jti: string): boolean {
    return this.revoked.has(jti);
  }

  get size(): number {
    return this.revoked.size;
  }

  /** Resolves true once loaded, or false after `timeoutMs`. */
  async whenLoaded(timeoutMs: number): Promise<boolean> {
    if (this.loaded) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this.loadedOnce.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }

  close(): void {
    this.closed = true;
    this.stopConsumer?.();
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      // The ordered consumer recovers by itself; this loop only starts a new one when it stops
      // (creation failed, or the iterator ended), keeping what was read: revocations only add.
      await this.consume().catch((error: unknown) => {
        if (!this.closed)
          this.options.logger.warn({ err: String(error) }, 'revocation feed failed: retrying');
      });
      if (!this.closed)
        await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 1000));
    }
  }

  private async consume(): Promise<void> {
    const { nats, stream, subjectPrefix } = this.options;
    await nats.ready;
    const consumer = await nats.js.consumers.get(stream, {
      filter_subjects: `${subjectPrefix}.auth.>`,
      deliver_policy: DeliverPolicy.All,
    });
    if ((await consumer.info(true)).num_pending === 0) this.markLoaded();
    const messages = await consumer.consume({ max_messages: 256 });
    this.stopConsumer = () => void messages.close();
    if (this.closed) return void messages.close();
    for await (const message of messages) {
      this.apply(message.seq, message.data);
      if (message.info.pending === 0) this.markLoaded();
    }
  }

  private apply(seq: number, data: Uint8Array): void {
    try {
      const event = decodeEvent(JSON.parse(new TextDecoder().decode(data)));
      if (event.type === 'auth.token_revoked') this.revoked.add(event.payload.jti);
    } catch (error) {
      this.options.logger.error({ seq, err: String(error) }, 'undecodable auth event: skipped');
    }
  }
}
