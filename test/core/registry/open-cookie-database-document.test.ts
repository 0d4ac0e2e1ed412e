import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import generated from '../../../src/core/registry/open-cookie-database.generated.json';
import { documentFromCsv } from '../../../src/core/registry/open-cookie-database-csv.ts';
import {
  OPEN_COOKIE_DATABASE_FILES,
  OPEN_COOKIE_DATABASE_SOURCE,
  rowsFromDocument,
} from '../../../src/core/registry/open-cookie-database-document.ts';

const projectFile = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const csvText = readFileSync(projectFile(OPEN_COOKIE_DATABASE_SOURCE.file), 'utf8');

describe('generated Open Cookie Database JSON (data test)', () => {
  it('holds every row of the bundled CSV (2,264 per SOURCE.md), each with a unique id', () => {
    const rows = rowsFromDocument(generated);
    expect(rows).toHaveLength(2264);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });

  it('rejects a document whose columns are not the expected ones', () => {
    expect(() => rowsFromDocument({ columns: ['id'], rows: [] })).toThrowError(/unexpected columns/);
    expect(() => rowsFromDocument(null)).toThrowError();
    const document = documentFromCsv(csvText);
    expect(() => rowsFromDocument({ ...document, rows: [['too', 'short']] })).toThrowError(/row 0 is malformed/);
  });
});

describe('OPEN_COOKIE_DATABASE_FILES', () => {
  it('names the generated document where it is, as the build script and the worker use it', () => {
    expect(existsSync(projectFile(OPEN_COOKIE_DATABASE_FILES.generated))).toBe(true);
  });
});
