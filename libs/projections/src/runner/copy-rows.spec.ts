import { describe, expect, it } from '@jest/globals';
import { encodeCopyText } from './copy-rows.js';

describe('encodeCopyText', () => {
  it('escapes the characters COPY text format gives meaning to, and writes NULL as \\N', () => {
    expect(encodeCopyText([['a\tb', 'c\nd\re', 'back\\slash', null, 42]])).toBe(
      'a\\tb\tc\\nd\\re\tback\\\\slash\t\\N\t42\n',
    );
  });

  it('refuses a NUL character, which PostgreSQL text cannot hold', () => {
    expect(() => encodeCopyText([['nul \u0000 here']])).toThrow(/NUL/);
  });
});
