import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvSyntaxError, parseCsv, parseCsvWithHeader, readCsvRecords } from '../../../src/core/registry/csv.ts';

describe('parseCsv', () => {
  it('reads plain fields and records', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts CRLF, LF and a lone CR as record ends', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('does not add an empty record for the final line break', () => {
    expect(parseCsv('a\n')).toEqual([['a']]);
    expect(parseCsv('a\r\n')).toEqual([['a']]);
  });

  it('reads a text without a final line break', () => {
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });

  it('keeps empty fields, including leading and trailing ones', () => {
    expect(parseCsv(',a,,\n')).toEqual([['', 'a', '', '']]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'name,description\n"_ga","Used to ""distinguish"", users"\n"x","line one\r\nline two\nline three"\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'description'],
      ['_ga', 'Used to "distinguish", users'],
      ['x', 'line one\r\nline two\nline three'],
    ]);
  });

  it('reads an empty quoted field and a field that is only a doubled quote', () => {
    expect(parseCsv('"",""""\n')).toEqual([['', '"']]);
  });

  it('keeps spaces around unquoted fields (RFC 4180: spaces are part of a field)', () => {
    expect(parseCsv(' a , b ')).toEqual([[' a ', ' b ']]);
  });

  it('drops a leading byte order mark', () => {
    expect(parseCsv('\uFEFFID,Name\n1,x\n')).toEqual([
      ['ID', 'Name'],
      ['1', 'x'],
    ]);
  });

  it('reads a blank line in the middle as a record with one empty field', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('reads the empty text as no record', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('throws, with the line where reading stopped, on a quoted field that is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\nstill open')).toThrowError(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"open\nstill open');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
      expect((error as CsvSyntaxError).message).toMatch(/^CSV line 3: Quote Not Closed/);
    }
  });

  it('throws on text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrowError(/^CSV line 1: Invalid Closing Quote: got "b"/);
  });

  it('throws on a quote inside an unquoted field', () => {
    expect(() => parseCsv('a,b"c\n')).toThrowError(/^CSV line 1: Invalid Opening Quote/);
  });

  it('reports the line a record starts on, counting quoted line breaks', () => {
    const records = readCsvRecords('h\n"one\ntwo"\nthree\n');
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('round-trips any table written the RFC 4180 way', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', 'é', '*') });
    const table = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((row) => row.map((value) => `"${value.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        expect(parseCsv(text)).toEqual(rows);
      }),
    );
  });
});

describe('parseCsvWithHeader', () => {
  it('keys each record by the header and skips blank lines', () => {
    expect(parseCsvWithHeader('ID,Name\n1,x\n\n2,"y, z"\n')).toEqual([
      { ID: '1', Name: 'x' },
      { ID: '2', Name: 'y, z' },
    ]);
  });

  it('throws when a record has more or fewer fields than the header', () => {
    expect(() => parseCsvWithHeader('a,b\n1,2,3\n')).toThrowError(/^CSV line 2: Invalid Record Length: columns length is 2, got 3$/);
    expect(() => parseCsvWithHeader('a,b\n"multi\nline",2\n1\n')).toThrowError(/line 4/);
  });

  it('returns no records for a header-only text', () => {
    expect(parseCsvWithHeader('a,b\n')).toEqual([]);
  });
});
