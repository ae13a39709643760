import { describe, expect, it } from '@jest/globals';
import { eventCatalog } from '@kd/events';
import { isConfigEvent } from '../domain/overrides.js';
import { guildConfigProjection } from './guild-config.projection.js';

describe('guild_config projection', () => {
  it('handles exactly the events the configuration fold understands', () => {
    const folded = Object.keys(eventCatalog).filter((type) => isConfigEvent({ type }));
    expect(folded).toEqual(expect.arrayContaining(['config.updated', 'config.reset']));
    expect([...guildConfigProjection.handles].sort()).toEqual(folded.sort());
  });
});
