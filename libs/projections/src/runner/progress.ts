import type { Clock } from '@kd/events';

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress of a catch-up as one line rewritten in place — sequence, head, percent, rate and ETA —
 * at most every `everyMs`, only when `out` is a terminal (quiet in pipes, logs and CI). `done()`
 * ends the line.
 */
export function progressLine(
  out: ProgressSink,
  clock: Clock,
  everyMs = 250,
): { update(checkpoint: number, head: number): void; done(): void } {
  const started = clock().getTime();
  let startSeq: number | undefined;
  let shownAt = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update(checkpoint, head) {
      if (!out.isTTY) return;
      startSeq ??= checkpoint;
      const now = clock().getTime();
      if (now - shownAt < everyMs && checkpoint < head) return;
      shownAt = now;
      shown = true;
      out.write(`\r${formatProgress(checkpoint, head, startSeq, (now - started) / 1000)}\u001b[K`);
    },
    done() {
      if (shown) out.write('\n');
    },
  };
}

/** "seq 40,000 / 100,000 (40%), 21,000 events/s, ETA 3 s". */
export function formatProgress(
  checkpoint: number,
  head: number,
  startSeq: number,
  elapsedS: number,
): string {
  const percent = head > 0 ? Math.floor((100 * checkpoint) / head) : 100;
  const rate = elapsedS > 0 ? (checkpoint - startSeq) / elapsedS : 0;
  const eta = rate > 0 ? `${Math.ceil((head - checkpoint) / rate)} s` : '?';
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return `seq ${n(checkpoint)} / ${n(head)} (${percent}%), ${n(rate)} events/s, ETA ${eta}`;
}
