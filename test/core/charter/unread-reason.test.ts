import { describe, expect, it } from 'vitest';
import {
  noReadableRowOf,
  noReadableRowText,
  unreadReasonOf,
  unreadReasonText,
  type UnreadReason,
} from '../../../src/core/charter/unread-reason.ts';
import { readCharter } from '../../../src/core/charter/parse.ts';
import { readNameCell } from '../../../src/core/charter/cells.ts';

const columns: UnreadReason & { kind: 'cells-count' } = {
  kind: 'cells-count',
  separator: 'tabs',
  expected: 4,
  found: 3,
  columns: ['provider', 'service', 'cookie', 'purpose'],
};

/** Every kind, and the English the charter CLI and the JSON export printed before reasons were data. */
const ENGLISH: Array<[UnreadReason, string]> = [
  [{ kind: 'stopped-rows', limit: 5000 }, 'truncated: more than 5,000 table rows, the limit; the charter is not read from this line on'],
  [{ kind: 'stopped-entries', limit: 5000 }, 'truncated: 5,000 entries, the limit; the charter is not read from this line on'],
  [{ kind: 'row-entries-limit', limit: 5000 }, 'the limit of 5,000 entries is reached: the rest of this row is not read'],
  [{ kind: 'lines-after-limit', count: 1 }, 'and 1 more line not read (the charter is not read past the limit)'],
  [{ kind: 'lines-after-limit', count: 1200 }, 'and 1,200 more lines not read (the charter is not read past the limit)'],
  [{ kind: 'rows-not-listed', count: 1500, listed: 1000 }, 'and 1,500 more rows not read (only the first 1,000 are listed)'],
  [{ kind: 'rows-not-kept', count: 1400, kept: 100 }, 'and 1,400 more lines not read (only the first 100 rows are kept)'],
  [{ kind: 'not-a-row', headerLine: 1203 }, "not a row of the table at line 1203: its cells are not separated like the header's"],
  [
    { kind: 'row-too-long', length: 50003, cells: 4, cellLimit: 10000 },
    'a row of 50,003 characters: longer than 4 cells of at most 10,000 characters can be',
  ],
  [columns, 'expected 4 cells separated by tabs (provider / service / cookie / purpose), found 3'],
  [
    { ...columns, separator: 'pipes', columns: ['provider', null, 'cookie', 'purpose'] },
    'expected 4 cells between pipes (provider / (ignored) / cookie / purpose), found 3',
  ],
  [
    { kind: 'unsplit', columns: ['provider', 'cookie', 'duration'], unknownProvider: false },
    'could not split into provider / cookie / duration: without tabs or pipes a row is split on a known provider, cookie-name shapes (_ga, django_language, _pk_id.*) and a duration; separate the cells with tabs',
  ],
  [
    { kind: 'unsplit', columns: ['provider', 'cookie'], unknownProvider: true },
    'does not start with a provider the reader knows, so could not split into provider / cookie: without tabs or pipes a row is split on a known provider, cookie-name shapes (_ga, django_language, _pk_id.*) and a duration; separate the cells with tabs',
  ],
  [
    { kind: 'cell-too-long', role: 'purpose', length: 13999, limit: 10000 },
    'purpose cell of 13,999 characters, over the limit of 10,000: row not read',
  ],
  [{ kind: 'no-field', field: 'provider' }, 'no provider field'],
  [{ kind: 'no-field', field: 'purpose' }, 'no purpose field'],
  [{ kind: 'no-field', field: 'cookie' }, 'no cookie name field'],
  [{ kind: 'empty-cell', field: 'provider' }, 'empty provider cell'],
  [{ kind: 'empty-cell', field: 'purpose' }, 'empty purpose cell'],
  [{ kind: 'empty-cell', field: 'cookie' }, 'empty cookie name cell'],
  [
    { kind: 'name-cell-too-long', length: 800000, limit: 10000 },
    'cookie name cell of 800,000 characters, over the limit of 10,000: not read',
  ],
  [
    { kind: 'no-name-after', text: 'any cookie starting with', prose: 'any cookie starting with' },
    '“any cookie starting with”: no name after “any cookie starting with”',
  ],
  [{ kind: 'parts-limit', limit: 400 }, 'more than 400 parts in one cell: the parts after the 400th are not read'],
  [{ kind: 'names-limit', limit: 200 }, 'more than 200 names in one cell: the names after the 200th are not read'],
  [{ kind: 'parts-left-out', count: 15 }, '15 more parts of the cell not read'],
  [{ kind: 'not-a-name', token: 'Matomo', why: 'none-found' }, '“Matomo”: no cookie name found'],
  [{ kind: 'not-a-name', token: 'Voir la politique', why: 'prose' }, '“Voir la politique”: prose, not a cookie name'],
  [{ kind: 'not-a-name', token: '*_session', why: 'wildcard-first' }, '“*_session”: a wildcard must follow a fixed prefix'],
  [{ kind: 'not-a-name', token: 'aU+D800', why: 'invalid' }, '“aU+D800”: not a cookie name (invalid characters in it)'],
  [{ kind: 'not-a-name', token: 'U+200B', why: 'invisible' }, '“U+200B”: not a cookie name (only invisible characters)'],
  [{ kind: 'not-a-name', token: 'a=b', why: 'separators' }, '“a=b”: not a cookie name (spaces, quotes or separators in it)'],
  [{ kind: 'unknown' }, 'reason not known'],
];

describe('unreadReasonText', () => {
  it.each(ENGLISH)('words %j in English, as the charter CLI and the JSON export print it', (reason, text) => {
    expect(unreadReasonText(reason)).toBe(text);
  });

  it('gives the English text an older version stored as it is', () => {
    expect(unreadReasonText('expected 4 cells, found 5')).toBe('expected 4 cells, found 5');
  });
});

describe('unreadReasonOf', () => {
  it('keeps every reason of this version as it is, and only its own fields', () => {
    for (const [reason] of ENGLISH) expect(unreadReasonOf(JSON.parse(JSON.stringify(reason))), reason.kind).toEqual(reason);
    expect(unreadReasonOf({ kind: 'empty-cell', field: 'cookie', extra: '<b>x</b>' })).toEqual({ kind: 'empty-cell', field: 'cookie' });
  });

  it('keeps the English text an older version stored, and reads anything broken as a reason not known, never failing', () => {
    expect(unreadReasonOf('truncated: more than 5,000 table rows')).toBe('truncated: more than 5,000 table rows');
    for (const stored of [
      null,
      undefined,
      7,
      [],
      {},
      { kind: 'exploded' },
      { kind: 'toString' },
      { kind: 'stopped-rows' },
      { kind: 'stopped-rows', limit: '5000' },
      { kind: 'stopped-rows', limit: -1 },
      { kind: 'cells-count', separator: 'commas', expected: 4, found: 3, columns: [] },
      { kind: 'cells-count', separator: 'tabs', expected: 4, found: 3, columns: ['provider', 'secret'] },
      { kind: 'not-a-name', token: 7, why: 'prose' },
      { kind: 'not-a-name', token: 'x', why: 'because' },
      { kind: 'unsplit', columns: [], unknownProvider: 'yes' },
    ])
      expect(unreadReasonOf(stored), JSON.stringify(stored)).toEqual({ kind: 'unknown' });
  });
});

describe('noReadableRowText', () => {
  it('says which tables and the first row not read, as charterProblem did', () => {
    const first = { line: 3, reason: { kind: 'empty-cell', field: 'cookie' } as const };
    expect(noReadableRowText({ tables: [2], moreTables: 0, first })).toBe(
      'no readable cookie row in the table at line 2 (line 3: empty cookie name cell)',
    );
    expect(noReadableRowText({ tables: [1, 4, 7, 9, 12], moreTables: 2, first: null })).toBe(
      'no readable cookie row in the tables at lines 1, 4, 7, 9, 12 and 2 more',
    );
    expect(noReadableRowText({ tables: [2], moreTables: 0, first: { line: 3, reason: 'an older reason' } })).toBe(
      'no readable cookie row in the table at line 2 (line 3: an older reason)',
    );
  });

  it('reads a stored one back, its first reason checked as any other', () => {
    const stored = { tables: [2], moreTables: 0, first: { line: 3, reason: { kind: 'no-field', field: 'purpose' } } };
    expect(noReadableRowOf(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(noReadableRowOf({ ...stored, first: { line: 3, reason: { kind: 'bad' } } })).toEqual({
      ...stored,
      first: { line: 3, reason: { kind: 'unknown' } },
    });
    expect(noReadableRowOf({ ...stored, first: null })).toEqual({ ...stored, first: null });
    for (const broken of [
      null,
      'x',
      { tables: 2, moreTables: 0, first: null },
      { tables: [2], first: null },
      { ...stored, first: { reason: 'x' } },
    ])
      expect(noReadableRowOf(broken), JSON.stringify(broken)).toBeNull();
  });
});

describe('the parser’s reasons as data', () => {
  it('gives each row’s reason as its kind and values', () => {
    const text = [
      '| Provider | Cookie name | Purpose |',
      '| --- | --- | --- |',
      '| Google | *_session | Stats |',
      '| Google | | Stats |',
    ].join('\n');
    expect(readCharter(text).unreadRows.map((row) => row.reason)).toEqual([
      { kind: 'not-a-name', token: '*_session', why: 'wildcard-first' },
      { kind: 'empty-cell', field: 'cookie' },
    ]);
  });

  it('quotes a cell’s token with its invisible characters as their code, and markup as the text it is', () => {
    expect(readNameCell('a\u202Eb c, <x>').problems).toEqual([
      { kind: 'not-a-name', token: 'aU+202Eb c', why: 'prose' },
      { kind: 'not-a-name', token: '<x>', why: 'wildcard-first' },
    ]);
  });
});
