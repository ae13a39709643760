import { describe, expect, it } from '@jest/globals';
import { ConfigCache } from './config-cache.js';

describe('ConfigCache', () => {
  let clock = 0;
  const cache = () => new ConfigCache<string>({ maxEntries: 2, ttlMs: 1000, now: () => clock });

  it('forgets an entry once its time to live has passed', () => {
    clock = 0;
    const c = cache();
    c.set('a', 'A');
    clock = 999;
    expect(c.get('a')).toBe('A');
    clock = 1000;
    expect(c.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its size', () => {
    clock = 0;
    const c = cache();
    c.set('a', 'A');
    c.set('b', 'B');
    c.get('a');
    c.set('c', 'C');
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual(['A', undefined, 'C']);
  });

  it('does not store a value loaded before an invalidation', () => {
    const c = cache();
    const epoch = c.epoch;
    c.delete('a');
    c.set('a', 'stale', epoch);
    expect(c.get('a')).toBeUndefined();
  });
});
