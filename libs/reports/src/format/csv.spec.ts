import { describe, expect, it } from '@jest/globals';
import { csvField, toCsv } from './csv.js';

/** A small RFC 4180 reader, to check that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('kaltura-start')).toBe('kaltura-start');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(false)).toBe('false');
  });

  it('writes a header of keys and rows that read back cell for cell', () => {
    const columns = [
      { key: 'error_message', title: 'Error' },
      { key: 'n', title: 'N' },
    ];
    const hostile = 'relation "x", then\r\nline 2, "quoted", and a trailing comma,';
    const csv = toCsv({
      columns,
      rows: [
        { error_message: hostile, n: 3 },
        { error_message: null, n: null },
      ],
    });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['error_message', 'n'],
      [hostile, '3'],
      ['', ''],
    ]);
  });
});
