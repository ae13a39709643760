import { describe, expect, it } from '@jest/globals';
import { markdownCell, markdownTable } from './markdown.js';
import { change, percent } from './values.js';

describe('Markdown', () => {
  it('keeps a cell on one line and escapes pipes', () => {
    expect(markdownCell('a|b\nc\\d')).toBe('a\\|b c\\\\d');
  });

  it('renders a table with formats, right alignment, dashes for NULL and an empty note', () => {
    const columns = [
      { key: 'name', title: 'Name' },
      {
        key: 'share',
        title: 'Share',
        format: (v: number | string | boolean | null) => percent(v),
        align: 'right' as const,
      },
    ];
    expect(
      markdownTable(columns, [
        { name: 'x|y', share: 0.5 },
        { name: null, share: null },
      ]),
    ).toBe(['| Name | Share |', '| --- | ---: |', '| x\\|y | 50.0% |', '| — | — |'].join('\n'));
    expect(markdownTable(columns, [], '_Nothing._')).toBe('_Nothing._');
  });

  it('shows change against a previous value, and a dash without one', () => {
    expect(change(15, 10)).toBe('+50.0%');
    expect(change(5, 10)).toBe('−50.0%');
    expect(change(5, 0)).toBe('—');
  });
});
