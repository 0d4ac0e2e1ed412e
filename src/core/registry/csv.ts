/**
 * A small RFC 4180 CSV reader: comma-separated fields, double-quoted fields that may hold commas,
 * doubled quotes ("") and line breaks; records ended by CRLF, LF or a lone CR. Pure; no I/O.
 */

/** Thrown when the text breaks RFC 4180 in a way that would otherwise shift fields silently. */
export class CsvSyntaxError extends Error {
  /** 1-based line of the text where the problem was found. */
  readonly line: number;

  constructor(message: string, line: number) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

const QUOTE = '"';
const COMMA = ',';
const CR = '\r';
const LF = '\n';

/**
 * Reads CSV text into records of raw field strings (no trimming, no type conversion).
 * A leading BOM is dropped; a final line break does not start an empty record; a blank line in
 * the middle is a record with one empty field, as RFC 4180 reads it.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  forEachCsvRecord(text, (fields) => records.push(fields));
  return records;
}

/** One CSV record and where it starts. */
export type CsvRecord = {
  /** Raw field values, in column order. */
  fields: string[];
  /** 1-based line of the text the record starts on (quoted line breaks make this differ from its index). */
  line: number;
};

/** Like `parseCsv`, keeping the line each record starts on for error messages. */
export function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(text, (fields, line) => records.push({ fields, line }));
  return records;
}

/**
 * Reads the records one by one, handing each to `onRecord` with the line it starts on: one pass,
 * and nothing kept that the caller does not keep (a large file is not held twice).
 */
function forEachCsvRecord(text: string, onRecord: (fields: string[], line: number) => void): void {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const length = source.length;
  // Fields gather in one reused buffer and each record gets an exact-size copy: an array grown by
  // push() keeps spare room, which on a file of many short records is most of the memory (and time).
  const record: string[] = [];
  let position = 0;
  let line = 1;
  let recordLine = 1;

  // Each turn of the loop reads one field and the separator after it.
  for (;;) {
    let field: string;
    if (source[position] === QUOTE) {
      const openedOnLine = line;
      const start = position + 1;
      // Find the closing quote, stepping over doubled ones; the value is cut once at the end
      // (appending piece by piece builds a string of a million pieces on a field of quotes).
      let closing = source.indexOf(QUOTE, start);
      let doubled = false;
      while (closing !== -1 && source[closing + 1] === QUOTE) {
        doubled = true;
        closing = source.indexOf(QUOTE, closing + 2);
      }
      if (closing === -1) throw new CsvSyntaxError('quoted field is never closed', openedOnLine);
      const raw = source.slice(start, closing);
      line += countLineBreaks(source, start, closing);
      position = closing + 1;
      const value = doubled ? raw.replaceAll('""', QUOTE) : raw;
      const next = source[position];
      if (position < length && next !== COMMA && next !== CR && next !== LF) {
        throw new CsvSyntaxError(`unexpected ${JSON.stringify(next)} after a closing quote`, line);
      }
      field = value;
    } else {
      let end = position;
      while (end < length) {
        const char = source[end];
        if (char === COMMA || char === CR || char === LF) break;
        // A quote inside an unquoted field is not RFC 4180 and usually means a broken row.
        if (char === QUOTE) throw new CsvSyntaxError('quote inside an unquoted field', line);
        end += 1;
      }
      field = source.slice(position, end);
      position = end;
    }
    record.push(field);

    if (position >= length) {
      onRecord(record.slice(), recordLine);
      return;
    }
    const separator = source[position];
    if (separator === COMMA) {
      position += 1;
      continue;
    }
    // A record ends at CRLF, LF or a lone CR.
    position += separator === CR && source[position + 1] === LF ? 2 : 1;
    line += 1;
    onRecord(record.slice(), recordLine);
    record.length = 0;
    recordLine = line;
    if (position >= length) return;
  }
}

/** Counts line breaks (CRLF, LF or lone CR, each counted once) in source[start, end). */
function countLineBreaks(source: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index += 1) {
    const char = source[index];
    if (char === LF) count += 1;
    else if (char === CR && source[index + 1] !== LF) count += 1;
  }
  return count;
}

/**
 * Reads CSV text whose first record is a header into one object per record, keyed by header name.
 * Blank lines are skipped. Throws when a record's field count differs from the header's, so a
 * broken row cannot shift columns silently.
 */
export function parseCsvWithHeader(text: string): Record<string, string>[] {
  let columns: string[] | null = null;
  const objects: Record<string, string>[] = [];
  forEachCsvRecord(text, (fields, line) => {
    if (columns === null) {
      columns = fields;
      return;
    }
    if (fields.length === 1 && fields[0] === '') return;
    if (fields.length !== columns.length) {
      throw new CsvSyntaxError(`record has ${fields.length} fields, the header has ${columns.length}`, line);
    }
    const object: Record<string, string> = {};
    columns.forEach((name, column) => {
      object[name] = fields[column] ?? '';
    });
    objects.push(object);
  });
  return objects;
}
