import { describe, expect, it } from '@jest/globals';
import { sanitizeOptionsForEvent } from './sanitize-options.js';

describe('sanitizeOptionsForEvent', () => {
  it('keeps scalars and cuts text to 100 characters', () => {
    expect(
      sanitizeOptionsForEvent({
        title: 't'.repeat(150),
        limit: 3,
        confirm: false,
        type: 'webinar',
      }),
    ).toEqual({ title: 't'.repeat(100), limit: 3, confirm: false, type: 'webinar' });
  });

  it('drops objects, arrays, null, non-finite numbers and anything named like a credential', () => {
    expect(
      sanitizeOptionsForEvent({
        nested: { a: 1 },
        list: ['a'],
        missing: null,
        ratio: Number.NaN,
        token: 'aW50ZXJhY3Rpb24',
        webhook_secret: 's',
        ks: 'djJ8MTIz',
        query: 'intro',
      }),
    ).toEqual({ query: 'intro' });
  });

  it('cuts text by characters, keeping emoji whole', () => {
    expect(sanitizeOptionsForEvent({ title: '🎬'.repeat(101) }).title).toBe('🎬'.repeat(100));
  });
});
