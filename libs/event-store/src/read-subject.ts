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

/** Direct gets in flight at once while reading one subject. */
export const readParallelism = 32;

/**
 * Reads every message on one subject, oldest first, up to the subject's last sequence as it was
 * when the read started (`readSubjectAfter` from 0).
 */
export async function readSubject(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
  parallel = readParallelism,
): Promise<SubjectMessage[]> {
  return (await readSubjectAfter(jsm, stream, subject, 0, parallel)).messages;
}

/**
 * The messages on one subject after `afterSeq` (the tail past a snapshot), oldest first, with the
 * subject's last sequence when the read started: lower than `afterSeq` means the caller's
 * position is not on this subject any more (a stream recreated or purged).
 *
 * Direct gets (`next_by_subj`), up to `parallel` in flight: the ordered consumer's
 * `filter_subjects` needs a newer server than 2.9, batched direct gets 2.11, and the apps may
 * create no consumers but their durables. Each round splits the sequences not yet known into
 * ranges and asks, for each range at once, the first message on the subject from its start: a
 * message inside the range leaves the rest of the range for the next round, one past it means
 * the range holds none. A subject's events one after another in the stream (a dense tail) take
 * ⌈n / parallel⌉ + 1 rounds of round trips instead of n; events scattered among others take a few
 * more, some answers falling past their range (a request more, never a message missed).
 */
export async function readSubjectAfter(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
  afterSeq: number,
  parallel = readParallelism,
): Promise<{ lastSeq: number; messages: SubjectMessage[] }> {
  const lastSeq = await lastSeqOnSubject(jsm, stream, subject);
  const messages: SubjectMessage[] = [];
  let unknown: SeqRange[] = afterSeq < lastSeq ? [{ from: afterSeq + 1, to: lastSeq }] : [];
  while (unknown.length > 0) {
    const probes = split(unknown, parallel);
    const answers = await Promise.all(
      probes.map((p) => jsm.direct.getMessage(stream, { seq: p.from, next_by_subj: subject })),
    );
    unknown = [];
    probes.forEach((probe, i) => {
      const message = answers[i];
      if (!message || message.seq > probe.to) return; // nothing on the subject in this range
      messages.push({ seq: message.seq, data: message.data });
      if (message.seq < probe.to) unknown.push({ from: message.seq + 1, to: probe.to });
    });
  }
  return { lastSeq, messages: messages.sort((a, b) => a.seq - b.seq) };
}

/** Inclusive range of stream sequences. */
interface SeqRange {
  from: number;
  to: number;
}

/** At most `parallel` ranges (at least one per range given) covering the given ranges exactly. */
export function split(ranges: readonly SeqRange[], parallel: number): SeqRange[] {
  const per = Math.max(1, Math.floor(parallel / ranges.length));
  const parts: SeqRange[] = [];
  for (const { from, to } of ranges) {
    const size = to - from + 1;
    const n = Math.min(per, size);
    for (let i = 0; i < n; i++)
      parts.push({
        from: from + Math.floor((i * size) / n),
        to: from + Math.floor(((i + 1) * size) / n) - 1,
      });
  }
  return parts;
}
