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

/** Direct gets in flight at once while reading one subject (at most). */
export const readParallelism = 64;
/** Direct gets of the first round, before anything is known of how dense the subject is. */
const firstRound = 8;
/** At most this many gets, in the next round, for the rest of a range that held an event. */
const growth = 4;

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
 * Direct gets (`next_by_subj`), several in flight: the ordered consumer's `filter_subjects`
 * needs a newer server than 2.9, batched direct gets 2.11, and the apps may create no consumers
 * but their durables. Each round splits the sequences not yet known into ranges and asks, for
 * all of them at once, the first message on the subject from each range's start: one inside the
 * range leaves the rest of the range for the next round, one past it (or none) means the range
 * holds none. How far into its range the answer lay tells how dense the subject is there, and
 * the next round splits the rest of the range accordingly (at most `growth` times as many gets,
 * `parallel` in all): 99 events one after another take 3 rounds instead of 99 round trips; a few
 * events scattered through a long stream cost up to ~`firstRound` + `growth` gets per event
 * instead of one each, never a message missed.
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
  let probes =
    afterSeq < lastSeq
      ? split([{ from: afterSeq + 1, to: lastSeq, parts: Math.min(firstRound, parallel) }])
      : [];
  while (probes.length > 0) {
    const answers = await Promise.all(
      probes.map((p) => jsm.direct.getMessage(stream, { seq: p.from, next_by_subj: subject })),
    );
    const rest: Planned[] = [];
    probes.forEach((probe, i) => {
      const message = answers[i];
      if (!message || message.seq > probe.to) return; // nothing on the subject in this range
      messages.push({ seq: message.seq, data: message.data });
      const left = probe.to - message.seq;
      // One event in the first (message.seq - probe.from + 1) sequences: perhaps as many in
      // the rest, but one answer is thin evidence, so at most `growth` times as many gets.
      if (left > 0)
        rest.push({
          from: message.seq + 1,
          to: probe.to,
          parts: Math.min(growth, Math.ceil(left / (message.seq - probe.from + 1))),
        });
    });
    probes = split(budgeted(rest, parallel));
  }
  return { lastSeq, messages: messages.sort((a, b) => a.seq - b.seq) };
}

/** Inclusive range of stream sequences. */
export interface SeqRange {
  from: number;
  to: number;
}

/** A range still to read and how many gets it deserves. */
interface Planned extends SeqRange {
  parts: number;
}

/** The planned gets scaled down to `parallel` in all, at least one per range. */
export function budgeted(ranges: readonly Planned[], parallel: number): Planned[] {
  const wanted = ranges.reduce((n, r) => n + r.parts, 0);
  if (wanted <= parallel) return [...ranges];
  const share = Math.max(0, parallel - ranges.length) / wanted;
  return ranges.map((r) => ({ ...r, parts: 1 + Math.floor((r.parts - 1) * share) }));
}

/** Each range cut into `parts` (at most its length) adjoining ranges of nearly equal length. */
export function split(ranges: readonly Planned[]): SeqRange[] {
  const out: SeqRange[] = [];
  for (const { from, to, parts } of ranges) {
    const size = to - from + 1;
    const n = Math.max(1, Math.min(parts, size));
    for (let i = 0; i < n; i++)
      out.push({
        from: from + Math.floor((i * size) / n),
        to: from + Math.floor(((i + 1) * size) / n) - 1,
      });
  }
  return out;
}
