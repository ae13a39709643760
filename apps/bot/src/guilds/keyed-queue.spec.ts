import { describe, expect, it } from '@jest/globals';
import { KeyedQueue } from './keyed-queue.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, even when an earlier one fails', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const slow = queue.run('a', async () => {
      await tick();
      log.push('a1');
      throw new Error('boom');
    });
    const next = queue.run('a', async () => void log.push('a2'));
    const other = queue.run('b', async () => void log.push('b1'));
    await expect(slow).rejects.toThrow('boom');
    await Promise.all([next, other]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('drains every queued task', async () => {
    const queue = new KeyedQueue();
    let done = 0;
    for (let i = 0; i < 5; i++)
      void queue.run(String(i % 2), async () => {
        await tick();
        done++;
      });
    await queue.drain();
    expect(done).toBe(5);
  });
});
