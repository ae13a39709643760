import { describe, expect, it } from '@jest/globals';
import { fitEmbeds, truncate } from './message-limits.js';

const textOf = (embeds: ReturnType<typeof fitEmbeds>) =>
  embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );

describe('Discord message limits', () => {
  it('truncate leaves short text alone and marks a cut', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('cuts each embed field to its own limit', () => {
    const [embed] = fitEmbeds([
      {
        title: 't'.repeat(300),
        description: 'd'.repeat(5000),
        fields: [{ name: 'n'.repeat(300), value: 'v'.repeat(2000) }],
      },
    ]);
    expect(embed?.title).toHaveLength(256);
    expect(embed?.description).toHaveLength(4096);
    expect(embed?.fields?.[0]?.name).toHaveLength(256);
    expect(embed?.fields?.[0]?.value).toHaveLength(1024);
  });

  it('keeps at most 10 embeds and 25 fields', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    const embeds = fitEmbeds(Array.from({ length: 12 }, () => ({ title: 'x', fields })));
    expect(embeds).toHaveLength(10);
    expect(embeds[0]?.fields).toHaveLength(25);
  });

  it('keeps all embeds together within 6000 characters, dropping fields that no longer fit', () => {
    const embed = {
      description: 'd'.repeat(4000),
      fields: Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(1000) })),
      footer: { text: 'Kaltura' },
    };
    const fitted = fitEmbeds([embed, { ...embed, color: 0x00ff00 }]);
    expect(textOf(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted[0]?.description).toHaveLength(4000);
    expect(fitted[0]?.fields?.length).toBeLessThan(10);
    expect(fitted).toHaveLength(1);
  });

  it('keeps an embed that has only an image', () => {
    expect(fitEmbeds([{ image: { url: 'https://cdn.example/a.png' } }])).toHaveLength(1);
  });
});
