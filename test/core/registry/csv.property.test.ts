/** Whatever the text, the CSV reader returns records or throws its CsvSyntaxError, nothing else. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsvTable } from '../../../src/core/registry/csv.ts';
import { hostileText } from '../../support/hostile-text.ts';

const CSV_FRAGMENTS = ['"', '""', ',', '\r\n', '\n', '\r', 'a', 'a,"b\nc"\n', '\uFEFF', ' '];

const readsOrThrowsSyntaxError = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(1);
  }
};

describe('the CSV reader on hostile text', () => {
  it('returns records or a CsvSyntaxError', () => {
    fc.assert(
      fc.property(hostileText(CSV_FRAGMENTS), (text) => {
        readsOrThrowsSyntaxError(() => readCsvTable(text));
      }),
      { numRuns: 400 },
    );
  });
});
