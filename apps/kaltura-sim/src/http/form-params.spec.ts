import { describe, expect, it } from '@jest/globals';
import { parseFormParams } from './form-params.js';

describe('parseFormParams', () => {
  it('nests PHP-style bracket keys as Kaltura reads form posts', () => {
    expect(
      parseFormParams(
        'ks=abc&format=1&filter[objectType]=KalturaMediaEntryFilter&pager[pageSize]=5&a[b][c]=d',
      ),
    ).toEqual({
      ks: 'abc',
      format: '1',
      filter: { objectType: 'KalturaMediaEntryFilter' },
      pager: { pageSize: '5' },
      a: { b: { c: 'd' } },
    });
  });

  it('ignores prototype keys', () => {
    const parsed = parseFormParams('__proto__[polluted]=1&x=2');
    expect(parsed).toEqual({ x: '2' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
