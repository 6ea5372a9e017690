/**
 * The growth CSVs (segment export, analytics tables): formula-like cells are defused for
 * spreadsheets, while phone numbers, which a mailer or SMS tool needs whole, are left alone.
 */
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../src/lib/growth/download.ts';

describe('growth CSV', () => {
  it('keeps phone numbers and plain text as they are', () => {
    expect(tableCsv(['phone', 'name'], [['+49 30 1234567', 'Müller GmbH'], ['-5', '王芳']])).toBe('phone,name\r\n+49 30 1234567,Müller GmbH\r\n-5,王芳');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = tableCsv(['name'], [['=HYPERLINK("http://x","y")'], ['@SUM(A1)'], ['+cmd|calc'], ['-2+3+cmd|calc']]);
    expect(csv.split('\r\n').slice(1)).toEqual(['"\'=HYPERLINK(""http://x"",""y"")"', '"\'@SUM(A1)"', '"\'+cmd|calc"', '"\'-2+3+cmd|calc"']);
  });
});
