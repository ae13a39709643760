import { describe, expect, it } from '@jest/globals';
import { placeholdersIn, renderTemplate } from './templates.js';

describe('templates', () => {
  it('fills placeholders, with or without inner spaces, and empties unknown ones', () => {
    expect(
      renderTemplate('**{{title}}** by {{ startedBy }}{{nope}}', {
        title: 'Standup',
        startedBy: '<@1>',
      }),
    ).toBe('**Standup** by <@1>');
  });

  it('lists the placeholders a template uses', () => {
    expect(placeholdersIn('{{title}} {{ joinUrl }} {single}')).toEqual(['title', 'joinUrl']);
  });
});
