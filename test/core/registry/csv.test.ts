import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvSyntaxError, readCsvHeader, readCsvTable } from '../../../src/core/registry/csv.ts';

/** The records of `text` read under the header `h`. */
const recordsUnderHeader = (text: string) => readCsvTable(`h\n${text}`).records;

describe('readCsvTable', () => {
  it('reads the header and plain records', () => {
    expect(readCsvTable('a,b,c\n1,2,3\n')).toEqual({ header: ['a', 'b', 'c'], records: [['1', '2', '3']] });
  });

  it('accepts CRLF, LF and a lone CR as record ends', () => {
    expect(readCsvTable('a,b\r\n1,2\n3,4\r5,6').records).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('does not add an empty record for the final line break, and reads a text without one', () => {
    expect(recordsUnderHeader('a\n')).toEqual([['a']]);
    expect(recordsUnderHeader('a\r\n')).toEqual([['a']]);
    expect(recordsUnderHeader('a')).toEqual([['a']]);
  });

  it('keeps empty fields, including leading and trailing ones', () => {
    expect(readCsvTable('a,b,c,d\n,a,,\n').records).toEqual([['', 'a', '', '']]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'name,description\n"_ga","Used to ""distinguish"", users"\n"x","line one\r\nline two\nline three"\n';
    expect(readCsvTable(text).records).toEqual([
      ['_ga', 'Used to "distinguish", users'],
      ['x', 'line one\r\nline two\nline three'],
    ]);
  });

  it('reads an empty quoted field and a field that is only a doubled quote', () => {
    expect(readCsvTable('a,b\n"",""""\n').records).toEqual([['', '"']]);
  });

  it('keeps spaces around unquoted fields (RFC 4180: spaces are part of a field)', () => {
    expect(readCsvTable(' a , b ').header).toEqual([' a ', ' b ']);
  });

  it('drops a leading byte order mark', () => {
    expect(readCsvTable('\uFEFFID,Name\n1,x\n')).toEqual({ header: ['ID', 'Name'], records: [['1', 'x']] });
  });

  it('skips blank lines', () => {
    expect(readCsvTable('ID,Name\n1,x\n\n\r\n2,"y, z"\n')).toEqual({
      header: ['ID', 'Name'],
      records: [
        ['1', 'x'],
        ['2', 'y, z'],
      ],
    });
  });

  it('reads the empty text and a header-only text as no record', () => {
    expect(readCsvTable('')).toEqual({ header: [], records: [] });
    expect(readCsvTable('a,b\n')).toEqual({ header: ['a', 'b'], records: [] });
  });

  it('throws, with the line where reading stopped, on a quoted field that is never closed', () => {
    expect(() => readCsvTable('a,b\n1,"open\nstill open')).toThrowError(CsvSyntaxError);
    try {
      readCsvTable('a,b\n1,"open\nstill open');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
      expect((error as CsvSyntaxError).message).toMatch(/^CSV line 3: Quote Not Closed/);
    }
  });

  it('throws on text after a closing quote', () => {
    expect(() => readCsvTable('"a"b,c')).toThrowError(/^CSV line 1: Invalid Closing Quote: got "b"/);
  });

  it('throws on a quote inside an unquoted field', () => {
    expect(() => readCsvTable('a,b"c\n')).toThrowError(/^CSV line 1: Invalid Opening Quote/);
  });

  it('throws when a record has more or fewer fields than the header, naming the line it ends on', () => {
    expect(() => readCsvTable('a,b\n1,2,3\n')).toThrowError(/^CSV line 2: Invalid Record Length: expect 2, got 3$/);
    expect(() => readCsvTable('a,b\n"multi\nline",2\n1\n')).toThrowError(/^CSV line 4: Invalid Record Length: expect 2, got 1$/);
  });

  it('round-trips any table written the RFC 4180 way', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', 'é', '*') });
    const table = fc
      .integer({ min: 2, max: 4 })
      .chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }));
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((row) => row.map((value) => `"${value.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        expect(readCsvTable(text)).toEqual({ header: rows[0], records: rows.slice(1) });
      }),
    );
  });
});

describe('readCsvHeader', () => {
  it('reads the first record, past a byte order mark and blank lines', () => {
    expect(readCsvHeader('\uFEFF\n\r\nID,"Name, full"\n1,x\n')).toEqual(['ID', 'Name, full']);
  });

  it('reads the empty text as no header', () => {
    expect(readCsvHeader('')).toEqual([]);
  });

  it('stops after the header: records that would not read are not read', () => {
    expect(readCsvHeader('a,b\n1,2,3\n1,"open')).toEqual(['a', 'b']);
  });

  it('throws on a header that does not read', () => {
    expect(() => readCsvHeader('a,"open\nb')).toThrowError(/^CSV line 2: Quote Not Closed/);
  });
});
