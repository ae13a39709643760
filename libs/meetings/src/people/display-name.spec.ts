import { describe, expect, it } from '@jest/globals';
import {
  capCharacters,
  displayNameOf,
  kalturaUserFields,
  kalturaUserIdOf,
  sanitizeName,
} from './display-name.js';

const codePoints = (s: string) => [...s].length;

describe('display names', () => {
  it('prefers the guild nick, then the global name, then the username', () => {
    expect(displayNameOf({ nick: 'Nick', globalName: 'Global', username: 'user' })).toBe('Nick');
    expect(displayNameOf({ nick: null, globalName: 'Global', username: 'user' })).toBe('Global');
    expect(displayNameOf({ globalName: null, username: 'user' })).toBe('user');
  });

  it('skips a name that is blank once cleaned', () => {
    expect(displayNameOf({ nick: '\u0000\u200e  ', globalName: 'Ada', username: 'ada' })).toBe(
      'Ada',
    );
    expect(displayNameOf({ nick: '\u0007', globalName: null, username: '\u0000' })).toBe(
      'Discord member',
    );
  });

  it('removes control and invisible format characters and collapses whitespace', () => {
    expect(sanitizeName('  Ada\u0000\n\tLovelace\u202e\u0008  ')).toBe('Ada Lovelace');
  });

  it('keeps emoji joined sequences whole', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(sanitizeName(`A ${family}`)).toBe(`A ${family}`);
  });

  it('caps 200 emoji to Kaltura limits without splitting one', () => {
    const name = '😀'.repeat(200);
    const clean = sanitizeName(name);
    expect(codePoints(clean)).toBe(100);
    expect(clean).toBe('😀'.repeat(100));
    const fields = kalturaUserFields('123456789012345678', name);
    expect(fields.screenName).toBe('😀'.repeat(100));
    expect(fields.firstName).toBe('😀'.repeat(40));
    expect(/[\ud800-\udfff]/u.test(fields.firstName)).toBe(false); // no half emoji
  });

  it('does not cut a grapheme cluster at the limit', () => {
    const flag = '🇩🇪'; // two code points
    expect(capCharacters(`abc${flag}`, 4)).toBe('abc');
    expect(capCharacters(`abc${flag}`, 5)).toBe(`abc${flag}`);
  });

  it('maps a member to the Kaltura id and partner data', () => {
    expect(kalturaUserIdOf('123456789012345678')).toBe('discord:123456789012345678');
    expect(JSON.parse(kalturaUserFields('123456789012345678', 'Ada').partnerData)).toEqual({
      discordUserId: '123456789012345678',
    });
  });
});
