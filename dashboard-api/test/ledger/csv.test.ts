import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../src/ledger/csv.js';

describe('CSV fields', () => {
  it('quote commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.0412)).toBe('0.0412');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuse text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.test")')).toBe(`"'=HYPERLINK(""http://evil.test"")"`);
    for (const start of ['+', '-', '@', '\t']) expect(csvField(`${start}1`).startsWith(`'${start}`) || csvField(`${start}1`).startsWith(`"'${start}`)).toBe(true);
    expect(csvField(-1)).toBe('-1');
  });

  it('end records with CRLF', () => {
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });
});
