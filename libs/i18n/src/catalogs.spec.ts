import { describe, expect, it } from '@jest/globals';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { messageTables } from './translate.js';
import { defaultLocale, supportedLocales } from './locales.js';

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
    if (element.type === TYPE.tag) placeholders(element.children, into);
  }
  return into;
}

describe('message catalogs', () => {
  const english = messageTables().get(defaultLocale) ?? {};
  const keys = Object.keys(english).sort();

  it('has messages', () => {
    expect(keys.length).toBeGreaterThan(0);
  });

  it.each(supportedLocales.filter((l) => l !== defaultLocale))(
    '%s has every English key with the same placeholders, and nothing extra',
    (locale) => {
      const table = messageTables().get(locale) ?? {};
      expect(Object.keys(table).sort()).toEqual(keys);
      for (const key of keys) {
        const expected = [...placeholders(parse(english[key] ?? ''))].sort();
        const actual = [...placeholders(parse(table[key] ?? ''))].sort();
        expect({ key, placeholders: actual }).toEqual({ key, placeholders: expected });
      }
    },
  );
});
