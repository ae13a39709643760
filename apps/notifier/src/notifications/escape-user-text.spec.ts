import { describe, expect, it } from '@jest/globals';
import { escapeUserText } from './escape-user-text.js';

const zwsp = '\u200b';

describe('escapeUserText', () => {
  it('breaks @everyone and @here', () => {
    expect(escapeUserText('hi @everyone and @here')).toBe(`hi @${zwsp}everyone and @${zwsp}here`);
  });

  it('breaks user, role and channel mention tags', () => {
    const text = escapeUserText(
      '<@123456789012345678> <@&123456789012345678> <#123456789012345678>',
    );
    expect(text).not.toMatch(/<@&?\d|<#\d/);
    expect(text).toContain(`<${zwsp}@${zwsp}&123456789012345678\\>`);
    expect(text).toContain(`<${zwsp}\\#123456789012345678\\>`);
  });

  it('escapes markdown so a title cannot format or hide the message', () => {
    expect(escapeUserText('**bold** _it_ ~~x~~ `code` ||spoiler|| [link](http://x)')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~x\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[link\\]\\(http://x\\)',
    );
  });

  it('escapes a backslash first, so an escape cannot be undone', () => {
    expect(escapeUserText('\\*')).toBe('\\\\\\*');
  });

  it('keeps a value on one line', () => {
    expect(escapeUserText('a\n# heading\r\nb')).toBe('a \\# heading b');
  });

  it('leaves plain text alone', () => {
    expect(escapeUserText('Weekly sync 3 pm, room B')).toBe('Weekly sync 3 pm, room B');
  });
});
