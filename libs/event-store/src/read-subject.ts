import { AckPolicy, DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

export interface SubjectMessage {
  seq: number;
  data: Uint8Array;
}

export async function lastSeqOnSubject(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
): Promise<number> {
  const message = await jsm.direct.getMessage(stream, { last_by_subj: subject });
  return message?.seq ?? 0;
}

/** Direct gets before a long history switches to a consumer (bench:aggregate, BENCHMARKS.md). */
export const directGetLimit = 32;

/**
 * Reads every message on one subject, oldest first, up to the subject's last sequence as it was
 * when the read started. Short histories (most aggregates) by direct gets (`next_by_subj`), one
 * round trip per event; past `directGetLimit` events the rest streams through a short-lived
 * consumer filtered on the subject (a few round trips whatever the length).
 */
export async function readSubject(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
): Promise<SubjectMessage[]> {
  const lastSeq = await lastSeqOnSubject(jsm, stream, subject);
  const out: SubjectMessage[] = [];
  let seq = 1;
  while (out.at(-1)?.seq !== lastSeq && lastSeq > 0) {
    if (out.length >= directGetLimit) {
      out.push(...(await streamSubject(jsm, stream, subject, seq, lastSeq)));
      break;
    }
    const message = await jsm.direct.getMessage(stream, { seq, next_by_subj: subject });
    if (!message) break;
    out.push({ seq: message.seq, data: message.data });
    seq = message.seq + 1;
  }
  return out;
}

/** Messages on `subject` from `fromSeq` through `lastSeq`, by an ephemeral filtered consumer. */
async function streamSubject(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
  fromSeq: number,
  lastSeq: number,
): Promise<SubjectMessage[]> {
  const info = await jsm.consumers.add(stream, {
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: fromSeq,
    filter_subject: subject,
    inactive_threshold: nanos(30_000),
    mem_storage: true,
    num_replicas: 1,
  });
  const out: SubjectMessage[] = [];
  try {
    const consumer = await jsm.jetstream().consumers.get(stream, info.name);
    while (out.at(-1)?.seq !== lastSeq) {
      const before = out.length;
      const messages = await consumer.fetch({ max_messages: 10_000, expires: 2_000 });
      for await (const message of messages) {
        if (message.seq <= lastSeq) out.push({ seq: message.seq, data: message.data });
        if (message.seq >= lastSeq) break;
      }
      // Nothing more arrived (the subject was purged meanwhile): what we have is the history.
      if (out.length === before) break;
    }
  } finally {
    await jsm.consumers.delete(stream, info.name).catch(() => false);
  }
  return out;
}
