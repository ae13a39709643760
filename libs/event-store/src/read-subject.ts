import type { JetStreamManager } from '@nats-io/jetstream';

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

/**
 * Reads every message on one subject, oldest first, up to the subject's last sequence as it was
 * when the read started. Uses direct gets (`next_by_subj`), one round trip per event: aggregates
 * are small, and the ordered consumer's `filter_subjects` needs a newer server than 2.9.
 */
export async function readSubject(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
): Promise<SubjectMessage[]> {
  return (await readSubjectAfter(jsm, stream, subject, 0)).messages;
}

/**
 * The messages on one subject after `afterSeq` (the tail past a snapshot), with the subject's
 * last sequence when the read started: lower than `afterSeq` means the caller's position is not
 * on this subject any more (a stream recreated or purged).
 */
export async function readSubjectAfter(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
  afterSeq: number,
): Promise<{ lastSeq: number; messages: SubjectMessage[] }> {
  const lastSeq = await lastSeqOnSubject(jsm, stream, subject);
  const messages: SubjectMessage[] = [];
  for (let seq = afterSeq + 1; seq <= lastSeq;) {
    const message = await jsm.direct.getMessage(stream, { seq, next_by_subj: subject });
    if (!message) break;
    messages.push({ seq: message.seq, data: message.data });
    seq = message.seq + 1;
  }
  return { lastSeq, messages };
}
