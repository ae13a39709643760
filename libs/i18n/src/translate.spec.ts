import { describe, expect, it } from '@jest/globals';
import { resolveLocale } from './locales.js';
import { translate, UnknownMessageKeyError } from './translate.js';

describe('resolveLocale', () => {
  it.each([
    [['de'], 'de'],
    [['en-GB'], 'en-US'],
    [['es-419'], 'es-ES'],
    [['pt-BR'], 'pt-BR'],
    [['ja', 'fr'], 'fr'],
    [['ja', undefined, null], 'en-US'],
    [[], 'en-US'],
  ] as const)('%j → %s', (candidates, expected) => {
    expect(resolveLocale(...candidates)).toBe(expected);
  });
});

describe('translate', () => {
  it('formats ICU plurals in the locale', () => {
    expect(translate('en-US', 'common.minutes', { count: 1 })).toBe('1 minute');
    expect(translate('de', 'common.minutes', { count: 5 })).toBe('5 Minuten');
  });

  it('throws for a key no catalog has', () => {
    expect(() => translate('fr', 'common.nope')).toThrow(UnknownMessageKeyError);
  });
});
