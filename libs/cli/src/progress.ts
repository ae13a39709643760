import type { Clock } from '@kd/events';

/** Where progress goes: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** What is counted, e.g. `rebuild engagement`. */
  label: string;
  /** The count when done, if known (gives the percentage and the ETA). */
  total?: number;
  /** The unit of the rate, e.g. `events` (default `items`). */
  unit?: string;
  stream?: ProgressStream;
  env?: NodeJS.ProcessEnv;
  clock: Clock;
  /** Redraw at most this often (default 250 ms). */
  intervalMs?: number;
}

export interface Progress {
  /** True when something is drawn: the stream is a TTY and CI is unset. */
  readonly enabled: boolean;
  /** Sets how many are done (and, when it became known, the total). */
  update(done: number, total?: number): void;
  /** Adds to how many are done. */
  add(count?: number): void;
  /** Draws the last line and ends it. */
  finish(): void;
}

/** Shown only on an interactive terminal outside CI; elsewhere every call does nothing. */
export function progressEnabled(stream: ProgressStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.CI;
}

/**
 * A one-line progress reporter on stderr: `label  done/total  pct%  rate unit/s  ETA`, redrawn in
 * place (carriage return) at most every `intervalMs`. Quiet in CI and when stderr is not a TTY.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = progressEnabled(stream, options.env ?? process.env);
  const { clock, label, unit = 'items', intervalMs = 250 } = options;
  const started = clock().getTime();
  let total = options.total;
  let done = 0;
  let drawnAt = -Infinity;
  let finished = false;

  const draw = (force: boolean) => {
    const now = clock().getTime();
    if (!force && now - drawnAt < intervalMs) return;
    drawnAt = now;
    stream.write(
      `\r\x1b[2K${progressLine({ label, unit, done, total, elapsedMs: now - started })}`,
    );
  };
  return {
    enabled,
    update(count, newTotal) {
      if (newTotal !== undefined) total = newTotal;
      done = count;
      if (enabled && !finished) draw(false);
    },
    add(count = 1) {
      this.update(done + count);
    },
    finish() {
      if (!enabled || finished) return;
      finished = true;
      draw(true);
      stream.write('\n');
    },
  };
}

/** The text of one progress line (pure). */
export function progressLine(state: {
  label: string;
  unit: string;
  done: number;
  total?: number | undefined;
  elapsedMs: number;
}): string {
  const { label, unit, done, total, elapsedMs } = state;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const parts = [label, total === undefined ? `${done}` : `${done}/${total}`];
  if (total !== undefined && total > 0)
    parts.push(`${Math.min(100, (done / total) * 100).toFixed(1)}%`);
  parts.push(`${formatRate(rate)} ${unit}/s`);
  if (total !== undefined && done >= total) parts.push(`done in ${formatDuration(seconds)}`);
  else if (total !== undefined && rate > 0)
    parts.push(`ETA ${formatDuration((total - done) / rate)}`);
  else parts.push(`${formatDuration(seconds)} elapsed`);
  return parts.join('  ');
}

const formatRate = (rate: number) => (rate >= 100 ? Math.round(rate).toString() : rate.toFixed(1));

/** 42s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
