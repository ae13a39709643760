import { describe, expect, it } from '@jest/globals';
import {
  isEmptyScope,
  MAX_SCOPED_ENTRIES,
  noVideoAccess,
  scopeOf,
  withGrant,
  withoutGrant,
  withRecording,
} from './video-access.js';

describe('video access of a guild', () => {
  it('starts empty: a fresh guild may search nothing', () => {
    expect(isEmptyScope(scopeOf(noVideoAccess))).toBe(true);
  });

  it('adds a recording once, and keeps the same object when nothing changes', () => {
    const one = withRecording(noVideoAccess, { entryId: '1_a', meetingId: 'm1' });
    expect(scopeOf(one)).toEqual({ entryIds: ['1_a'], categoryIds: [] });
    expect(withRecording(one, { entryId: '1_a', meetingId: 'm1' })).toBe(one);
  });

  it('grants and revokes categories without duplicates', () => {
    const granted = withGrant(noVideoAccess, ['201', '202']);
    expect(withGrant(granted, ['202'])).toBe(granted);
    expect(withoutGrant(granted, ['201']).categoryIds).toEqual(['202']);
    expect(withoutGrant(granted, ['999'])).toBe(granted);
  });

  it('puts only the newest recordings into one search filter', () => {
    let access = noVideoAccess;
    for (let i = 0; i < MAX_SCOPED_ENTRIES + 3; i++)
      access = withRecording(access, { entryId: `1_${i}`, meetingId: `m${i}` });
    const { entryIds } = scopeOf(access);
    expect(entryIds).toHaveLength(MAX_SCOPED_ENTRIES);
    expect(entryIds.at(-1)).toBe(`1_${MAX_SCOPED_ENTRIES + 2}`);
  });
});
