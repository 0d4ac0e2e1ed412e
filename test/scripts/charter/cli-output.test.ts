import { describe, expect, it } from 'vitest';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { readCharter } from '../../../src/core/charter/parse.ts';
import { unreadLineCount } from '../../../src/core/charter/unread-lines.ts';
import { checkFailed, formatCheckReport, formatFailure, formatParsedCharter } from '../../../scripts/charter/cli-output.ts';

describe('formatParsedCharter', () => {
  it('prints one JSON object with keys in the documented order, whatever the input order', () => {
    const scrambled = {
      category: 'statistics',
      duration: '13 mois',
      purpose: 'Mesure',
      match: 'prefix',
      cookie: '_pk_id.',
      service: null,
      provider: 'Matomo',
    } as unknown as CharterEntry;
    const text = formatParsedCharter({ entries: [scrambled], language: 'fr', portal: 'data.example.fr' } as never);
    expect(text).toBe(
      '{\n  "portal": "data.example.fr",\n  "language": "fr",\n  "entries": [\n    {\n      "provider": "Matomo",\n      "service": null,\n' +
        '      "cookie": "_pk_id.",\n      "match": "prefix",\n      "purpose": "Mesure",\n      "duration": "13 mois",\n' +
        '      "category": "statistics"\n    }\n  ]\n}\n',
    );
  });
});

describe('formatCheckReport', () => {
  const text = [
    '## Cookie Policy <https://data.example.org>',
    '### Strictly necessary',
    'Supplier name\tCookie name\tDuration\tFunction',
    'Huwise\tsessionid\t2 weeks by default\tKeeps you signed in',
    '### Analytics and stats',
    'Matomo\t_pk_id.*, _pk_ses.*\t13 months\tCounts visits',
    'Hotjar\t\t1 year\tHeatmaps',
  ].join('\n');

  it('summarises portal, language, tables, entries per category and unread rows with line and reason', () => {
    expect(formatCheckReport({ file: 'charters/x.txt', reading: readCharter(text) })).toBe(
      [
        'charters/x.txt',
        '  title:    Cookie Policy',
        '  portal:   data.example.org',
        '  language: en',
        '  table at line 3: tab-separated, provider / cookie / duration / purpose: 3 entries',
        '  entries:  3 (necessary 1, statistics 2)',
        '  unread rows: 1',
        '    line 7: empty cookie name cell',
        '      Hotjar | | 1 year | Heatmaps',
        '',
      ].join('\n'),
    );
    expect(checkFailed({ file: 'charters/x.txt', reading: readCharter(text) })).toBe(false);
  });

  it('counts the lines not read as the popup does: a note for many lines counts them all', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `Huwise\tcookie_${i}\t1 year\tKeeps you signed in`);
    const reading = readCharter([text.split('\n').slice(0, 4).join('\n'), ...rows].join('\n'));
    const report = formatCheckReport({ file: 'big.txt', reading });
    expect(report).toContain(`  unread rows: ${unreadLineCount(reading.unreadRows)}\n`);
    expect(unreadLineCount(reading.unreadRows)).toBeGreaterThan(reading.unreadRows.length);
  });

  it('reports a file that could not be read, and one with no readable row, as failed', () => {
    expect(formatCheckReport({ file: 'missing.txt', error: 'no such file' })).toBe('missing.txt\n  FAILED: no such file\n');
    expect(checkFailed({ file: 'missing.txt', error: 'no such file' })).toBe(true);
    const empty = readCharter('Supplier name\tCookie name\tFunction\nHotjar\t\tHeatmaps');
    expect(checkFailed({ file: 'empty.txt', reading: empty })).toBe(true);
    expect(formatCheckReport({ file: 'empty.txt', reading: empty }).split('\n').slice(-2)).toEqual([
      '  FAILED: no readable cookie row in the table at line 1 (line 2: empty cookie name cell)',
      '',
    ]);
  });

  it('prints no escape sequence, control or bidi control from the file name or the charter', () => {
    const hostile = readCharter(
      [
        'Supplier name\tCookie name\tDuration\tFunction',
        'Huwise\tsessionid\t2 weeks\tKeeps you signed in',
        'Hot\u001b]0;pwned\u0007jar\u001b[2J\t\t1 year\tHeat\u202emaps\u009b2J',
      ].join('\n'),
    );
    const out = formatCheckReport({ file: 'evil\u001b]0;title\u0007.txt', reading: hostile });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(out.split('\n')[0]).toBe('evil.txt');
    // The charter reader drops bidi controls from a charter's text (normaliseText): they show nothing.
    expect(out).toContain('Heatmaps');
    const failed = formatCheckReport({ file: 'x\u001b[2J', error: 'cannot read \u202e\u001b]0;t\u0007' });
    expect(failed).toBe('x\n  FAILED: cannot read <U+202E>\n');
    expect(formatFailure('a\u001b]0;t\u0007.txt', 'not UTF-8\u009b2J')).toBe('charter: a.txt: not UTF-8<U+009B>2J\n');
  });
});

describe('formatParsedCharter on hostile text', () => {
  it('escapes C1 controls, DEL, line separators and bidi controls, keeping the same JSON value', () => {
    const entry = {
      provider: 'P\u009b2J\u007f',
      service: null,
      cookie: 'a\u202eb\u2066',
      match: 'exact',
      purpose: 'x\u2028y\u001b[2J',
      duration: null,
      category: 'other',
    } as CharterEntry;
    const charter = { portal: null, language: 'en', entries: [entry] } as never;
    const text = formatParsedCharter(charter);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(text).entries[0]).toEqual(entry);
  });
});
