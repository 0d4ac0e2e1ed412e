import { describe, expect, it } from 'vitest';
import { readCharterPageReading } from '../../../src/core/charter/live.ts';
import { gatherUnreadLines, unreadLineMatcher } from '../../../src/core/draft/lines-not-read.ts';
import { report, reportCookie } from '../../support/reports.ts';

const HOST = 'data.tco.re';
const cookie = (name: string, embedded = false) =>
  reportCookie({ name, ...(embedded ? { domain: '.player.example', thirdParty: { via: 'frame' as const } } : {}) });

describe('unreadLineMatcher', () => {
  const lines = [
    { line: 12, text: "Matomo | Mesure d'audience | \\_pk\\_id | 13 mois" },
    { line: 14, text: 'Google Analytics `_ga*` (statistiques)' },
    { line: 20, text: 'Vimeo, vuid; Identifiant' },
  ];
  const lineOf = unreadLineMatcher(HOST, lines);

  it('finds the line whose words declare a cookie, as the matcher reads a name (a family, a prefix, an escape, a wrapper)', () => {
    expect(lineOf(cookie('_pk_id.3.1fff'))).toBe(12);
    expect(lineOf(cookie('_ga_ABC123'))).toBe(14);
    expect(lineOf(cookie('vuid'))).toBe(20);
    // Embedded content's cookie too: a line may be of the third-party section.
    expect(lineOf(cookie('vuid', true))).toBe(20);
  });

  it('finds none for a cookie no line names, nor for any when there are no lines', () => {
    expect(lineOf(cookie('sessionid'))).toBeNull();
    expect(lineOf(cookie('_pk_ses.3.1fff'))).toBeNull();
    expect(unreadLineMatcher(HOST, [])(cookie('_ga'))).toBeNull();
  });

  it('takes no name the charter did read from a line read in part: what its entry does not cover, the line does not either', () => {
    // `| sessionid, * | …`: the parser reads the entry sessionid (the platform's, section "other")
    // and lists the line for its `*`. Embedded content's sessionid, which only the third-party
    // section declares, was said maybe declared on that very line (a re-review's case).
    const partly = [{ line: 5, text: '| sessionid, * | Opendatasoft | Session | 2 semaines |', gave: [{ report: 0, first: 0, count: 1 }] }];
    expect(unreadLineMatcher(HOST, partly)(cookie('sessionid', true))).toBe(5);
    const read = [{ cookie: 'sessionid', match: 'exact' as const }];
    expect(unreadLineMatcher(HOST, partly, read)(cookie('sessionid', true))).toBeNull();
    // A name the charter read as another kind (a prefix) is still the line's.
    expect(unreadLineMatcher(HOST, partly, [{ cookie: 'sessionid', match: 'prefix' }])(cookie('sessionid', true))).toBe(5);
    // A line that gave no entry keeps every name: the charter's sessionid (the platform's) does not
    // tell that YouTube's third-party row, one tab too many, does not declare embedded content's (a re-review's case).
    const youtube = [{ line: 31, text: 'YouTube | Vidéos (tiers) | sessionid | Lecture | 6 mois' }];
    expect(unreadLineMatcher(HOST, youtube, read)(cookie('sessionid', true))).toBe(31);
  });

  it('marks the lines the parser read in part, those whose reading gave entries all the same, and no other', () => {
    const wildcard = { kind: 'not-a-name' as const, token: '*', why: 'wildcard-alone' as never };
    const rows = [
      { line: 5, text: '| sessionid, * |', reason: wildcard, gave: { first: 0, count: 1 } },
      // A second problem of the same line: its range once.
      { line: 5, text: '| sessionid, * |', reason: { ...wildcard, token: '?' }, gave: { first: 0, count: 1 } },
      // A problem of the name cell beside an empty provider: the line gave nothing (a re-review's case).
      { line: 7, text: '| sessionid, * |  |', reason: { kind: 'empty-cell' as const, field: 'provider' as const } },
      { line: 7, text: '| sessionid, * |  |', reason: wildcard },
      {
        line: 9,
        text: 'a\tb\tc\td\te',
        reason: { kind: 'cells-count' as const, separator: 'tabs' as const, expected: 4, found: 5, columns: [] },
      },
      { line: 12, text: 'older', reason: 'A sentence an older version stored' },
    ];
    const { lines } = gatherUnreadLines([report([], { charter: { unreadRows: rows } } as never)]);
    expect(lines.map(({ line, gave }) => [line, gave ?? false])).toEqual([
      [5, [{ report: 0, first: 0, count: 1 }]],
      [7, false],
      [9, false],
      [12, false],
    ]);
  });

  it('keeps every name of a line that gave no entry, one of its problems a part of its name cell: the name read elsewhere too', () => {
    const header = ['| Nom du cookie | Prestataire | Finalité | Durée |', '| --- | --- | --- | --- |'];
    const markdown = [
      ...['# Charte cookies', '', '## Cookies nécessaires', '', ...header, '| sessionid | Opendatasoft | Session | 2 semaines |', ''],
      ...['## Cookies tiers', '', ...header, '| sessionid, * |  | Vidéos | 6 mois |', ''],
    ];
    const reading = readCharterPageReading(markdown.join('\n'), 'text/markdown');
    // The third-party row gave no entry: its provider cell is empty.
    expect(reading.entries.map((each) => each.category)).toEqual(['necessary']);
    const { lines } = gatherUnreadLines([report([], { charter: { unreadRows: reading.unreadRows } } as never)]);
    // Embedded content's sessionid was said not declared: the necessary section's sessionid took the line's name.
    expect(unreadLineMatcher(HOST, lines, reading.entries)(cookie('sessionid', true))).toBe(13);
  });

  it('reads no prefix from a prose word’s footnote mark or ellipsis, nor from a word that is no cookie name', () => {
    for (const text of [
      'Matomo | Mesure des visites | les cookies* sont conservés 13 mois | x | y',
      'Matomo | voir les cookies[1] | x | y | z',
      'Matomo | Mesure… | x | y | z',
      'Plus d’infos : https://matomo.org/faq/… | x',
    ]) {
      const lineOf = unreadLineMatcher(HOST, [{ line: 7, text }]);
      for (const name of ['cookies_preferences', 'Mesure_x', 'matomo.org_x', 'https:_x'])
        expect([text, name, lineOf(cookie(name))]).toEqual([text, name, null]);
    }
    // A prefix a name cell writes, or code in prose, is read as the parser reads it.
    const named = unreadLineMatcher(HOST, [
      { line: 3, text: 'Matomo | _pk_id.*, _pk_ses.* | x | y | z' },
      { line: 4, text: 'AT Internet | xtan* | x | y | z' },
      { line: 5, text: 'Le cookie `_hj*` de Hotjar' },
    ]);
    expect([named(cookie('_pk_ses.3.1fff')), named(cookie('xtan123')), named(cookie('_hjSession_1'))]).toEqual([3, 4, 5]);
  });

  it('reads a name a Markdown row writes in bold, italics, code or a link, and one prose ends with punctuation', () => {
    for (const [text, name] of [
      ['| **atuserid** | AT Internet | 13 mois | x | y |', 'atuserid'],
      ['| *atuserid* | AT Internet | 13 mois | x | y |', 'atuserid'],
      ['| [atuserid](#a) | AT Internet | 13 mois | x | y |', 'atuserid'],
      ['| `atuserid` | AT Internet | 13 mois | x | y |', 'atuserid'],
      ['Mesure (cookie _pk_id).', '_pk_id.3.1fff'],
      ['Mesure (cookie _pk_id), 13 mois', '_pk_id.3.1fff'],
      ['Le cookie atuserid.', 'atuserid'],
      ['Le cookie atuserid: identifiant', 'atuserid'],
      ['Le cookie **atuserid** (AT Internet)', 'atuserid'],
      ['Le cookie [atuserid](https://example.com/a), 13 mois', 'atuserid'],
    ]) {
      expect([text, unreadLineMatcher(HOST, [{ line: 4, text: text! }])(cookie(name!))]).toEqual([text, 4]);
    }
    // In a tab row (no leading pipe), asterisks are shown as written: `*atuserid*` is no name.
    expect(unreadLineMatcher(HOST, [{ line: 4, text: 'AT Internet | *atuserid* | 13 mois' }])(cookie('atuserid'))).toBeNull();
  });

  it('reads no name from the word a line cut at 300 characters ends on, nor from the cut mark "…" after it', () => {
    // The parser keeps 300 characters of a long line and adds "…", a wildcard: "t…" read as the prefix `t`.
    const start = 'Matomo | Mesure d’audience | _pk_id | ';
    const words = 'Ce cookie est déposé pour mesurer la fréquentation du portail sans être transmis à un tiers ';
    const cut = { line: 31, text: `${(start + words.repeat(4)).slice(0, 298)} t…` };
    expect(cut.text).toHaveLength(301);
    const lineOfCut = unreadLineMatcher(HOST, [cut]);
    expect(lineOfCut(cookie('tarteaucitron'))).toBeNull();
    // The words before the cut are read.
    expect(lineOfCut(cookie('_pk_id.3.1fff'))).toBe(31);
    // A line of 300 characters or fewer is whole: its last word is read.
    expect(unreadLineMatcher(HOST, [{ line: 8, text: `${'x'.repeat(280)} | _pk_ses` }])(cookie('_pk_ses.3.1fff'))).toBe(8);
  });
});

describe('gatherUnreadLines', () => {
  it('lists each line once in line order, and counts the lines not kept once for runs of one charter', () => {
    const unreadRows = [
      { line: 30, text: 'b', reason: 'r' },
      { line: 7, text: 'a', reason: 'r' },
      { line: 7, text: 'a', reason: 'another problem of the line' },
      { line: 30, text: '', reason: 'r', more: 3 },
    ];
    const run = report([], { charter: { ...report([]).charter, kind: 'live', unreadRows } });
    expect(gatherUnreadLines([run, run, report([])])).toEqual({
      lines: [
        { line: 7, text: 'a' },
        { line: 30, text: 'b' },
      ],
      more: 3,
    });
    expect(gatherUnreadLines([report([])])).toEqual({ lines: [], more: 0 });
  });
});
