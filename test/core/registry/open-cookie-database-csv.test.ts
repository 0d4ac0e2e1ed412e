import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import generated from '../../../src/core/registry/open-cookie-database.generated.json';
import {
  documentFromCsv,
  OpenCookieDatabaseCsvError,
  rowsFromCsv,
  serializeDocument,
} from '../../../src/core/registry/open-cookie-database-csv.ts';
import { OPEN_COOKIE_DATABASE_SOURCE, rowsFromDocument } from '../../../src/core/registry/open-cookie-database-document.ts';

const projectFile = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const csvText = readFileSync(projectFile(OPEN_COOKIE_DATABASE_SOURCE.file), 'utf8');

const HEADER =
  'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n';

describe('generated Open Cookie Database JSON (data test)', () => {
  it('equals what the build script produces from the bundled CSV, byte for byte', () => {
    const committed = readFileSync(projectFile('src/core/registry/open-cookie-database.generated.json'), 'utf8');
    expect(committed).toBe(serializeDocument(documentFromCsv(csvText)));
  });

  it('decodes to the rows the CSV holds, in CSV order', () => {
    expect(rowsFromDocument(generated)).toEqual(rowsFromCsv(csvText));
  });

  it('names its source and licence, and the licence and provenance files ship beside the CSV', () => {
    const document = documentFromCsv(csvText);
    expect(document.$comment).toContain('Apache-2.0');
    expect(document.$comment).toContain(OPEN_COOKIE_DATABASE_SOURCE.repository);
    expect(document.source.commit).toBe(OPEN_COOKIE_DATABASE_SOURCE.commit);
    expect(readFileSync(projectFile('data/open-cookie-database/SOURCE.md'), 'utf8')).toContain(OPEN_COOKIE_DATABASE_SOURCE.commit);
    expect(readFileSync(projectFile(OPEN_COOKIE_DATABASE_SOURCE.licenceFile), 'utf8')).toContain('Apache License');
  });

  it('names where the packages ship its licence, as they ship this document (scripts/build.ts)', () => {
    // The packaged copy (data/open-cookie-database.json.gz) has no data/open-cookie-database/ beside it.
    expect(documentFromCsv(csvText).$comment).toContain('licenses/open-cookie-database/LICENSE');
  });
});

describe('rowsFromCsv', () => {
  it('keeps only the fields matching needs, trims them, and reads Wildcard match as a boolean', () => {
    const csv = `${HEADER}id-1,Platform,Analytics,"name\t","  .example.com ","Says ""hi"", twice",2 years,Controller,https://example.com,1\n`;
    expect(rowsFromCsv(csv)).toEqual([
      {
        id: 'id-1',
        platform: 'Platform',
        category: 'Analytics',
        name: 'name',
        domain: '.example.com',
        description: 'Says "hi", twice',
        retention: '2 years',
        wildcard: true,
      },
    ]);
  });

  it('drops invisible format characters from a name, as the charter reader does (a soft hyphen, a zero-width space)', () => {
    const names = (rows: string) => rowsFromCsv(`${HEADER}${rows}`).map((row) => row.name);
    expect(names('a,P,C,logglytrackings\u00ADession,,d,r,c,u,0\na,P,C,\u200B_ga\uFEFF,,d,r,c,u,1\n')).toEqual([
      'logglytrackingsession',
      '_ga',
    ]);
    expect(() => rowsFromCsv(`${HEADER}a,P,C,\u00AD,,d,r,c,u,0\n`)).toThrowError(/no cookie name/);
  });

  it('ships no name holding an invisible format character: Loggly’s upstream soft hyphen is gone (data test)', () => {
    const names = rowsFromDocument(generated).map((row) => row.name);
    expect(names.filter((name) => /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/.test(name))).toEqual([]);
    expect(names).toContain('logglytrackingsession');
  });

  it("mends a retention that is no period: upstream's swapped columns and a script's `undefined`", () => {
    const retentions = (rows: string) => rowsFromCsv(`${HEADER}${rows}`).map((row) => row.retention);
    // As upstream writes lantern: Retention "Awin", Data Controller "29 days".
    expect(retentions('a,Awin,Marketing,lantern,,d,Awin,29 days,u,0\n')).toEqual(['29 days']);
    expect(retentions('a,P,C,n,,d,Controller,Session,u,0\n')).toEqual(['Session']);
    expect(retentions('a,Datatrics,Marketing,n,,d,undefined,Datatrics,u,0\n')).toEqual(['']);
    // Free text that is no period is kept when the controller column holds no period either.
    expect(retentions('a,P,C,n,,d,forever,Zendesk,u,0\na,P,C,n,,d,Unknown,f5,u,0\na,P,C,n,,d,2 years,30 days,u,0\n')).toEqual([
      'forever',
      'Unknown',
      '2 years',
    ]);
  });

  it('gives the bundled lantern and AwinChannelCookie rows their 29 days, not their controller (data test)', () => {
    const rows = rowsFromCsv(csvText).filter((row) => row.name === 'lantern' || row.name === 'AwinChannelCookie');
    expect(rows.map((row) => [row.name, row.retention])).toEqual([
      ['lantern', '29 days'],
      ['AwinChannelCookie', '29 days'],
    ]);
    expect(rowsFromCsv(csvText).filter((row) => row.retention === 'undefined')).toEqual([]);
  });

  it('throws on a Wildcard match value other than 0 or 1', () => {
    expect(() => rowsFromCsv(`${HEADER}id,P,C,n,,d,r,c,u,yes\n`)).toThrowError(/expected 0 or 1/);
  });

  it('throws when a column is missing', () => {
    expect(() => rowsFromCsv('ID,Platform\n1,x\n')).toThrowError(OpenCookieDatabaseCsvError);
    expect(() => rowsFromCsv('ID,Platform\n1,x\n')).toThrowError(/^Open Cookie Database CSV has no "Category" column$/);
  });

  it('refuses a file by its header before reading its records', () => {
    // The records would throw a CsvSyntaxError (a quote never closed) if they were read.
    expect(() => rowsFromCsv('ID,Platform\n1,"open\n')).toThrowError(/^Open Cookie Database CSV has no "Category" column$/);
  });

  it('throws on a row without a cookie name, naming the row', () => {
    expect(() => rowsFromCsv(`${HEADER}id,P,C,n,,d,r,c,u,0\nid,P,C," \t",,d,r,c,u,0\n`)).toThrowError(
      /^Open Cookie Database CSV row 2: no cookie name$/,
    );
  });
});
