import { describe, expect, it } from '@jest/globals';
import { shardOf, shardSelection } from './sharding.js';

describe('sharding', () => {
  it('routes a guild by the timestamp bits of its snowflake, as Discord does', () => {
    // 175928847299117063 >> 22 = 41944705796 (Discord's snowflake documentation example).
    expect(shardOf('175928847299117063', 1)).toBe(0);
    expect(shardOf('175928847299117063', 2)).toBe(41944705796 % 2);
    expect(shardOf('175928847299117063', 7)).toBe(41944705796 % 7);
  });

  it('lets Discord recommend the shard count unless SHARD_COUNT is set', () => {
    expect(shardSelection({})).toEqual({ shards: 'auto' });
    expect(shardSelection({ SHARD_COUNT: 3 })).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(shardSelection({ SHARD_COUNT: 4, SHARD_IDS: [1, 3] })).toEqual({
      shards: [1, 3],
      shardCount: 4,
    });
  });
});
