import { describe, expect, it } from '@jest/globals';
import { testLogger } from '@kd/testing';
import { PeriodicTask } from './periodic-task.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicTask', () => {
  it('never overlaps a slow run, goes on after a failure, and stop waits for the run in progress', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask({
      everyMs: 5,
      logger: testLogger('periodic-task'),
      failure: 'run failed',
      run: async () => {
        runs += 1;
        active += 1;
        most = Math.max(most, active);
        await sleep(30);
        active -= 1;
        finished += 1;
        if (runs === 1) throw new Error('first run fails');
      },
    });
    task.start();
    task.start(); // a second start is ignored
    await sleep(120);
    await task.stop();
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(runs);
    const stoppedAt = runs;
    await sleep(30);
    expect(runs).toBe(stoppedAt);
  });
});
