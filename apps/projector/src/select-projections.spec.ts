import { describe, expect, it } from '@jest/globals';
import { selectProjections } from './select-projections.js';

const names = (value: string | undefined) => selectProjections(value).map((p) => p.name);

describe('PROJECTIONS', () => {
  it('is every projection when unset or blank', () => {
    const all = ['event_log', 'meetings', 'guild_config', 'analytics'];
    expect(names(undefined)).toEqual(all);
    expect(names('')).toEqual(all);
    expect(names(' , ')).toEqual(all);
  });

  it('selects the named ones in registry order, spaces and repeats ignored', () => {
    expect(names('analytics, event_log,analytics')).toEqual(['event_log', 'analytics']);
  });

  it('fails on an unknown name instead of running without it', () => {
    expect(() => selectProjections('event_log,meeting')).toThrow(/unknown projection "meeting"/);
  });
});
