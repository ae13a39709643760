import { describe, expect, it } from '@jest/globals';
import { createProgress, formatDuration, progressLine, type ProgressStream } from './progress.js';

/** A terminal that records what is written, and a clock the test moves. */
function fakes(isTTY = true) {
  const writes: string[] = [];
  const stream: ProgressStream = { isTTY, write: (text: string) => writes.push(text) };
  let ms = Date.parse('2026-12-05T00:00:00Z');
  const clock = () => new Date(ms);
  return { writes, stream, clock, advance: (by: number) => (ms += by) };
}

describe('progress reporter', () => {
  it('draws rate, percentage and ETA in place on a TTY, at most every interval', () => {
    const { writes, stream, clock, advance } = fakes();
    const progress = createProgress({
      label: 'rebuild',
      unit: 'events',
      total: 1000,
      stream,
      env: {},
      clock,
    });
    expect(progress.enabled).toBe(true);
    advance(1000);
    progress.update(100);
    advance(100);
    progress.update(150); // within 250 ms of the last line: not drawn
    advance(900);
    progress.update(200);
    expect(writes).toEqual([
      '\r\x1b[2Krebuild  100/1000  10.0%  100 events/s  ETA 9s',
      '\r\x1b[2Krebuild  200/1000  20.0%  100 events/s  ETA 8s',
    ]);
    advance(3000);
    progress.add(800);
    progress.finish();
    progress.finish();
    expect(writes.slice(2)).toEqual([
      '\r\x1b[2Krebuild  1000/1000  100.0%  200 events/s  done in 5s',
      '\r\x1b[2Krebuild  1000/1000  100.0%  200 events/s  done in 5s',
      '\n',
    ]);
  });

  it('stays quiet when stderr is not a TTY, and in CI', () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: 'true' }],
    ] as const) {
      const { writes, stream, clock, advance } = fakes(isTTY);
      const progress = createProgress({ label: 'x', total: 10, stream, env, clock });
      advance(1000);
      progress.update(5);
      progress.finish();
      expect({ isTTY, env, enabled: progress.enabled, writes }).toEqual({
        isTTY,
        env,
        enabled: false,
        writes: [],
      });
    }
  });

  it('without a total shows the count, the rate and the time so far', () => {
    expect(progressLine({ label: 'demo', unit: 'commands', done: 42, elapsedMs: 14_000 })).toBe(
      'demo  42  3.0 commands/s  14s elapsed',
    );
  });

  it('formats durations', () => {
    expect([0, 42.4, 185, 3725].map(formatDuration)).toEqual(['0s', '42s', '3m05s', '1h02m']);
  });
});
