import { JetStreamApiError } from '@nats-io/jetstream';
import {
  NoRespondersError,
  TimeoutError,
  createInbox,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
} from '@nats-io/nats-core';

export interface StreamPublishOptions {
  /** `Nats-Msg-Id`: the stream's duplicate window drops a second publish with the same id. */
  msgID: string;
  timeout: number;
  expect?: { lastSubjectSequence: number };
  /** The message's own headers; the JetStream headers are added to them. */
  headers: MsgHdrs;
}

export interface StreamAck {
  seq: number;
  duplicate: boolean;
}

interface Waiting {
  resolve(ack: StreamAck): void;
  reject(error: unknown): void;
  deadline: number;
}

/**
 * JetStream publish (same headers, same acknowledgement, same errors as `js.publish`) with less
 * work per message: one reply subscription per connection and one timer sweep, instead of the
 * client's per-request timer, promise race, option copies and an Error object built when every
 * request ends (a stack capture per publish, even with `noAsyncTraces`). Profiled at ~1/5 of the
 * client CPU of an append.
 */
export class StreamPublisher {
  private readonly waiting = new Map<string, Waiting>();
  private readonly replyPrefix = `${createInbox()}.`;
  private next = 0;
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly nc: NatsConnection) {
    nc.subscribe(`${this.replyPrefix}*`, {
      callback: (error, msg) => {
        if (!error) this.settle(msg);
      },
    });
    // Deadlines are checked in one sweep (monotonic time, not the business clock).
    this.sweep = setInterval(() => this.expire(performance.now()), 100);
    this.sweep.unref();
    void nc.closed().then(() => this.close());
  }

  publish(subject: string, data: Uint8Array, options: StreamPublishOptions): Promise<StreamAck> {
    const { headers } = options;
    headers.set('Nats-Msg-Id', options.msgID);
    if (options.expect)
      headers.set(
        'Nats-Expected-Last-Subject-Sequence',
        String(options.expect.lastSubjectSequence),
      );
    const token = (this.next++).toString(36);
    return new Promise<StreamAck>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, deadline: performance.now() + options.timeout });
      try {
        this.nc.publish(subject, data, { reply: this.replyPrefix + token, headers });
      } catch (error) {
        this.waiting.delete(token);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private settle(msg: Msg): void {
    const token = msg.subject.slice(this.replyPrefix.length);
    const waiting = this.waiting.get(token);
    if (!waiting) return;
    this.waiting.delete(token);
    if (msg.headers?.code === 503 && msg.data.length === 0) {
      waiting.reject(new NoRespondersError(msg.subject));
      return;
    }
    try {
      const answer = msg.json<{
        seq?: number;
        duplicate?: boolean;
        error?: { code: number; err_code: number; description: string };
      }>();
      if (answer.error) waiting.reject(new JetStreamApiError(answer.error));
      else if (typeof answer.seq !== 'number') waiting.reject(new Error('invalid ack response'));
      else waiting.resolve({ seq: answer.seq, duplicate: answer.duplicate === true });
    } catch (error) {
      waiting.reject(error);
    }
  }

  private expire(now: number): void {
    for (const [token, waiting] of this.waiting) {
      if (waiting.deadline > now) continue;
      this.waiting.delete(token);
      waiting.reject(new TimeoutError());
    }
  }

  private close(): void {
    clearInterval(this.sweep);
    for (const waiting of this.waiting.values()) waiting.reject(new Error('connection closed'));
    this.waiting.clear();
  }
}

const publishers = new WeakMap<NatsConnection, StreamPublisher>();

/** The connection's one publisher (a new connection after a restart gets its own). */
export function streamPublisherOf(nc: NatsConnection): StreamPublisher {
  let publisher = publishers.get(nc);
  if (!publisher) {
    publisher = new StreamPublisher(nc);
    publishers.set(nc, publisher);
  }
  return publisher;
}
