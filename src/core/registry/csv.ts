/**
 * CSV (RFC 4180) through csv-parse, the maintained reader of the node-csv project: fields
 * separated by commas, double-quoted fields that may hold commas, doubled quotes and line
 * breaks, records ended by CRLF, LF or a lone CR. Only the registry build reads CSV (the Open
 * Cookie Database), so the library never reaches the extension's bundles.
 */
import { CsvError, parse, type Options } from 'csv-parse/sync';

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

/** Strict RFC 4180: no trimming, no type conversion, a quote only around a whole field. */
const RFC_4180: Options = { bom: true, record_delimiter: ['\r\n', '\n', '\r'] };

/** Runs csv-parse, turning its errors into CsvSyntaxError with the line it stopped on. */
function parseStrict<T>(text: string, options: Options): T[] {
  try {
    return parse(text, { ...RFC_4180, ...options }) as T[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      // Its messages end "... at line N" or "on line N": the line goes in front, once.
      throw new CsvSyntaxError(error.message.replace(/\s+(?:at|on) line \d+/, ''), line);
    }
    throw error;
  }
}

/**
 * Reads CSV text into records of raw field strings. A leading BOM is dropped; a final line break
 * does not start an empty record; a blank line in the middle is a record with one empty field.
 */
export function parseCsv(text: string): string[][] {
  return parseStrict<string[]>(text, { relax_column_count: true });
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
  const records = parseStrict<{ record: string[]; info: { lines: number } }>(text, { relax_column_count: true, info: true });
  // csv-parse tells the line a record ends on: the next one starts on the line after it.
  let nextLine = 1;
  return records.map(({ record, info }) => {
    const line = nextLine;
    nextLine = info.lines + 1;
    return { fields: record, line };
  });
}

/**
 * Reads CSV text whose first record is a header into one object per record, keyed by header name.
 * Blank lines are skipped. Throws when a record's field count differs from the header's, so a
 * broken row cannot shift columns silently.
 */
export function parseCsvWithHeader(text: string): Record<string, string>[] {
  return parseStrict<Record<string, string>>(text, { columns: true, skip_empty_lines: true });
}
