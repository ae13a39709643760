import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '@kd/events';
import { formatProgress, progressLine } from './progress.js';

describe('rebuild progress', () => {
  it('states sequence, head, percent, rate and ETA', () => {
    expect(formatProgress(40_000, 100_000, 0, 2)).toBe(
      'seq 40,000 / 100,000 (40%), 20,000 events/s, ETA 3 s',
    );
    expect(formatProgress(0, 10, 0, 0)).toBe('seq 0 / 10 (0%), 0 events/s, ETA ?');
  });

  it('writes only to a terminal', () => {
    const written: string[] = [];
    const pipe = progressLine(
      { isTTY: false, write: (t) => written.push(t) },
      fixedClock(new Date(0)),
    );
    pipe.update(5, 10);
    pipe.done();
    expect(written).toEqual([]);

    let now = 0;
    const tty = progressLine({ isTTY: true, write: (t) => written.push(t) }, () => new Date(now));
    tty.update(0, 10);
    now = 100;
    tty.update(5, 10); // throttled
    now = 1000;
    tty.update(10, 10);
    tty.done();
    expect(written).toHaveLength(3);
    expect(written[1]).toContain('seq 10 / 10 (100%), 10 events/s, ETA 0 s');
    expect(written[2]).toBe('\n');
  });
});
