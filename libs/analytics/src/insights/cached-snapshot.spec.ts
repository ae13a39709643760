import { describe, expect, it } from '@jest/globals';
import { CachedSnapshot } from './cached-snapshot.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CachedSnapshot', () => {
  it('runs one load for concurrent callers and serves it until the TTL passes', async () => {
    let clock = 1_000;
    let loads = 0;
    const gate = deferred<number>();
    const cache = new CachedSnapshot({
      load: () => (++loads === 1 ? gate.promise : Promise.resolve(loads)),
      ttlMs: 100,
      now: () => clock,
    });
    const waiting = [cache.get(), cache.get(), cache.get()];
    gate.resolve(41);
    expect((await Promise.all(waiting)).map((s) => s.value)).toEqual([41, 41, 41]);
    expect(loads).toBe(1);
    clock += 99;
    expect((await cache.get()).value).toBe(41);
    clock += 1;
    expect(await cache.get()).toEqual({ value: 2, loadedAt: 1_100, stale: false });
    expect(loads).toBe(2);
  });

  it('keeps the last value when a load fails, marks it stale, reports the error and retries after the TTL', async () => {
    let clock = 0;
    let fail = false;
    const errors: unknown[] = [];
    const cache = new CachedSnapshot({
      load: () => (fail ? Promise.reject(new Error('timeout')) : Promise.resolve('ok')),
      ttlMs: 10,
      now: () => clock,
      onError: (e) => errors.push(e),
    });
    expect((await cache.get()).value).toBe('ok');
    fail = true;
    clock = 10;
    expect(await cache.get()).toEqual({ value: 'ok', loadedAt: 0, stale: true });
    expect(errors).toHaveLength(1);
    clock = 15;
    await cache.get();
    expect(errors).toHaveLength(1); // no retry inside the TTL
    fail = false;
    clock = 20;
    expect(await cache.get()).toEqual({ value: 'ok', loadedAt: 20, stale: false });
  });

  it('has no value, and is stale, when the very first load fails', async () => {
    const cache = new CachedSnapshot({ load: () => Promise.reject(new Error('down')), ttlMs: 10 });
    expect(await cache.get()).toEqual({ value: undefined, loadedAt: 0, stale: true });
  });

  it('in background mode answers with the last value at once and reloads behind it', async () => {
    let clock = 0;
    let loads = 0;
    const gates: { resolve: (v: number) => void }[] = [];
    const cache = new CachedSnapshot<number>({
      load: () => {
        loads++;
        return new Promise<number>((resolve) => gates.push({ resolve }));
      },
      ttlMs: 10,
      now: () => clock,
      background: true,
    });
    const first = cache.get(); // nothing yet: the first caller waits
    gates[0]?.resolve(1);
    expect((await first).value).toBe(1);
    clock = 10;
    expect((await cache.get()).value).toBe(1); // stale: answered at once, reload started
    expect((await cache.get()).value).toBe(1); // reload still in flight: not a second one
    expect(loads).toBe(2);
    gates[1]?.resolve(2);
    await cache.settled();
    expect((await cache.get()).value).toBe(2);
  });
});
