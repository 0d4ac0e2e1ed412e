import { describe, expect, it } from 'vitest';
import {
  filterRows,
  groupByCategory,
  keepUnchangedRows,
  occurrenceOf,
  rowForFinding,
  rowsOf,
  rowStandingFor,
} from '../../src/views/cookie-rows.ts';
import { finding, report, reportCookie, UNKNOWN_MATCH } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';
import { browserCookie } from '../support/cookies.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { findingsFor } from '../../src/core/report/findings.ts';
import type { CharterEntry } from '../../src/core/charter/types.ts';

const sample = report(
  [
    reportCookie({ name: '_ga', category: 'statistics', provider: 'Google', status: 'undeclared' }),
    reportCookie({ name: 'sessionid' }),
    reportCookie({ name: 'old', removed: 5 }),
  ],
  {
    notSeen: [
      {
        provider: 'Matomo',
        service: null,
        cookie: '_pk_id.',
        match: 'prefix',
        purpose: 'Visits',
        duration: '13 mois',
        category: 'statistics',
      },
    ],
  },
);

/** A charter declaring testCookie twice: the portal's own (necessary), and Disqus's in the third-party section. */
const own = {
  provider: 'Opendatasoft',
  service: null,
  cookie: 'testCookie',
  match: 'exact',
  purpose: 'own',
  duration: null,
  category: 'necessary',
} as const;
const disqus = { ...own, provider: 'Disqus', purpose: 'Disqus', category: 'third-party' } as const;

describe('rows', () => {
  it('lists seen cookies and unseen entries, by category', () => {
    expect(rowsOf(sample).map((r) => `${r.category} ${r.name} ${r.status}`)).toEqual([
      'necessary sessionid declared',
      'necessary old declared',
      'statistics _ga undeclared',
      'statistics _pk_id.* not-seen',
    ]);
  });

  it('keys each cookie by its partition and first party too, and one of neither as before', () => {
    const rows = rowsOf(
      report([
        reportCookie({ name: 'a' }),
        reportCookie({ name: 'a', partitionKey: 'https://tco.re' }),
        reportCookie({ name: 'a', firstPartyDomain: 'tco.re' }),
        reportCookie({ name: 'a', firstPartyDomain: '(https,tco.re)' }),
      ]),
    );
    expect(new Set(rows.map((r) => r.key)).size).toBe(4);
    expect(rows[0]!.key).toBe('c:data.tco.re:/::a');
  });

  it('keys apart two partitioned cookies that differ only by Chrome’s hasCrossSiteAncestor', () => {
    const rows = rowsOf(
      report([
        reportCookie({ name: 'a', partitionKey: 'https://tco.re', hasCrossSiteAncestor: false }),
        reportCookie({ name: 'a', partitionKey: 'https://tco.re', hasCrossSiteAncestor: true }),
      ]),
    );
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });

  it('keys apart cookies whose name, path, partition or first party hold the separators, each key a valid HTML id', () => {
    const rows = rowsOf(
      report(
        [
          reportCookie({ name: ':x', path: '/a' }),
          reportCookie({ name: 'x', path: '/a:' }),
          reportCookie({ name: 'x', path: '/a', partitionKey: ':' }),
          reportCookie({ name: 'x', path: '/a', partitionKey: 'p~true' }),
          reportCookie({ name: 'x', path: '/a', partitionKey: 'p', hasCrossSiteAncestor: true }),
          reportCookie({ name: 'x', path: '/a', partitionKey: 'p^q' }),
          reportCookie({ name: 'x', path: '/a', partitionKey: 'p', firstPartyDomain: 'q' }),
          reportCookie({ name: '%003ax', path: '/a' }),
          reportCookie({ name: 'a b', path: '/' }),
          reportCookie({ name: 'a\tb', path: '/' }),
          reportCookie({ name: '"\'\\<b>]#.x', path: '/' }),
          reportCookie({ name: '\ud800', path: '/' }),
        ],
        {
          notSeen: [{ provider: 'P', service: null, cookie: 'a b', match: 'prefix', purpose: 'p', duration: null, category: 'necessary' }],
        },
      ),
    );
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[\w./:~^%-]+$/);
    // An ordinary cookie's key is as it was.
    expect(rowsOf(report([reportCookie({ name: 'a' })]))[0]!.key).toBe('c:data.tco.re:/::a');
  });

  it('keys a declared entry not seen by its name, not its place: its key stays when another entry is seen', () => {
    const entry = (cookie: string, provider = 'Matomo') =>
      ({ provider, service: null, cookie, match: 'exact', purpose: 'Stats', duration: null, category: 'statistics' }) as const;
    const keyOf = (rows: ReturnType<typeof rowsOf>, name: string) => rows.find((row) => row.name === name)!.key;
    const before = rowsOf(report([], { notSeen: [entry('_pk_id'), entry('_pk_ses')] }));
    const after = rowsOf(report([reportCookie({ name: '_pk_id', category: 'statistics' })], { notSeen: [entry('_pk_ses')] }));
    expect(keyOf(after, '_pk_ses')).toBe(keyOf(before, '_pk_ses'));
    // One name declared twice is two rows, two keys, each kept when an entry before them goes.
    const twice = rowsOf(report([], { notSeen: [entry('a'), entry('dup', 'P'), entry('dup', 'Q')] }));
    const keys = twice.map((row) => row.key);
    expect(new Set(keys).size).toBe(3);
    expect(rowsOf(report([], { notSeen: [entry('dup', 'P'), entry('dup', 'Q')] })).map((row) => row.key)).toEqual(keys.slice(1));
  });

  it('keeps the key of an entry not seen when another entry of its name, another provider’s, is seen', () => {
    // The site's own being set, only Disqus's stays not seen.
    const disqusKey = (rows: ReturnType<typeof rowsOf>) => rows.find((row) => row.entry?.provider === 'Disqus')!.key;
    const before = rowsOf(report([], { notSeen: [own, disqus] }));
    const after = rowsOf(report([reportCookie({ name: 'testCookie' })], { notSeen: [disqus] }));
    // Counted among the entries of its name alone, it became the first of them: another key, another row id.
    expect(disqusKey(after)).toBe(disqusKey(before));
    expect(new Set(before.map((row) => row.key)).size).toBe(2);
  });

  it('keys a very long name, each character outside a name’s written as its code', () => {
    // No time asserted here (timings are the bench's): keyPart is one replace of one character class.
    const name = '"<:> '.repeat(20_000);
    const [row] = rowsOf(report([reportCookie({ name })]));
    expect(row!.key).toHaveLength('c:data.tco.re:/::'.length + name.length * 5);
  });

  it('filters on name, provider, service and purpose, case-insensitively', () => {
    const rows = rowsOf(sample);
    expect(filterRows(rows, 'GOOGLE', 'en', t).map((r) => r.name)).toEqual(['_ga']);
    expect(filterRows(rows, 'visits matomo', 'en', t).map((r) => r.name)).toEqual(['_pk_id.*']);
    expect(filterRows(rows, '  ', 'en', t)).toHaveLength(4);
  });

  it('finds a nameless cookie by the words its row shows for its name, and a name by what its row shows of it', () => {
    const rows = rowsOf(report([reportCookie({ name: '' }), reportCookie({ name: '_g\u200Ba' }), reportCookie({ name: 'dup' })]));
    expect(filterRows(rows, 'sans nom', 'fr', localeTranslate('fr')).map((r) => r.name)).toEqual(['']);
    expect(filterRows(rows, '(no name)', 'en', localeTranslate('en')).map((r) => r.name)).toEqual(['']);
    expect(filterRows(rows, '<U+200B>', 'en', localeTranslate('en')).map((r) => r.name)).toEqual(['_g\u200Ba']);
    expect(filterRows(rows, 'dup', 'en', localeTranslate('en')).map((r) => r.name)).toEqual(['dup']);
  });

  it('finds a known tracker by its purpose in the words the page shows: French on a French page', () => {
    const tracked = rowsOf(
      report([
        reportCookie({
          name: '_ga',
          source: 'known-tracker',
          purpose: 'Distinguishes users.',
          purposeFr: 'Distingue les utilisateurs.',
        }),
        reportCookie({ name: 'sessionid' }),
      ]),
    );
    expect(filterRows(tracked, 'distingue', 'fr-FR', t).map((r) => r.name)).toEqual(['_ga']);
    expect(filterRows(tracked, 'distinguishes', 'fr-FR', t)).toEqual([]);
    // The same rows on an English page: its words, not the French it does not show.
    expect(filterRows(tracked, 'distinguishes', 'en', t).map((r) => r.name)).toEqual(['_ga']);
    expect(filterRows(tracked, 'distingue', 'en', t)).toEqual([]);
  });

  it('groups consecutive rows', () => {
    expect(groupByCategory(rowsOf(sample)).map((g) => [g.category, g.rows.length])).toEqual([
      ['necessary', 2],
      ['statistics', 2],
    ]);
  });

  it('finds the row of a finding', () => {
    const rows = rowsOf(sample);
    expect(rowForFinding(rows, finding({ kind: 'undeclared', cookie: '_ga', evidence: '' }))?.name).toBe('_ga');
    expect(rowForFinding(rows, finding({ kind: 'not-seen', cookie: '_pk_id.*', evidence: '' }))?.status).toBe('not-seen');
  });

  it('finds a not-seen finding’s own entry among entries of one name, by its provider and section', () => {
    const rows = rowsOf(report([], { notSeen: [own, disqus] }));
    const notSeen = (detail: typeof own | typeof disqus) =>
      finding({
        kind: 'not-seen',
        cookie: 'testCookie',
        detail: { provider: detail.provider, category: detail.category, source: 'charter' },
      });
    // The first of its name was Disqus's finding's row too: it led to the site's own entry.
    expect(rowForFinding(rows, notSeen(disqus))?.entry).toBe(disqus);
    expect(rowForFinding(rows, notSeen(own))?.entry).toBe(own);
    // A finding whose provider no entry has still leads to the first of its name.
    expect(rowForFinding(rows, finding({ kind: 'not-seen', cookie: 'testCookie' }))?.entry).toBe(own);
  });

  it('leads the second not-seen finding of an entry declared twice (one provider, one section) to the second row', () => {
    const notSeen = [own, { ...own, purpose: 'own, again' }];
    const rows = rowsOf(report([], { notSeen }));
    const findings = findingsFor(emptySite('data.tco.re', '0'), [], notSeen);
    expect(findings.map((each) => each.kind)).toEqual(['not-seen', 'not-seen']);
    // Both led to the first row: the second finding's "go to" focused the first entry's row.
    const targets = findings.map((each) => rowForFinding(rows, each, occurrenceOf(findings, each))?.entry);
    expect(targets).toEqual(notSeen);
    expect(targets[1]).toBe(rows[1]!.entry);
    // Counted among the findings of its entry alone: another entry's finding before it moves nothing.
    const withDisqus = [findings[0]!, ...findingsFor(emptySite('data.tco.re', '0'), [], [disqus]), findings[1]!];
    expect(occurrenceOf(withDisqus, findings[1]!)).toBe(1);
    // More findings than rows (a row since seen): the first of its entry, not none.
    expect(rowForFinding(rowsOf(report([], { notSeen: [own] })), findings[1]!, 1)?.entry).toBe(own);
  });

  it('finds each finding’s own row among cookies of one name and domain on other paths or in other partitions', () => {
    const site = emptySite('data.tco.re', '0');
    const cookies = [
      browserCookie({ name: 'dup', domain: 'data.tco.re', path: '/' }),
      browserCookie({ name: 'dup', domain: 'data.tco.re', path: '/api' }),
      browserCookie({ name: 'dup', domain: 'data.tco.re', path: '/', partitionKey: { topLevelSite: 'https://tco.re' } }),
      browserCookie({
        name: 'dup',
        domain: 'data.tco.re',
        path: '/',
        partitionKey: { topLevelSite: 'https://tco.re', hasCrossSiteAncestor: true },
      }),
      browserCookie({ name: 'dup', domain: 'data.tco.re', path: '/', firstPartyDomain: 'tco.re' }),
    ];
    for (const cookie of cookies) recordCookieChange(site, cookie, false, 1_700_000_000_000);
    const findings = findingsFor(
      site,
      Object.values(site.cookies).map((cookie) => ({ cookie, match: UNKNOWN_MATCH })),
      [],
    );
    // Each cookie is undeclared and was set before any choice: two findings each.
    expect(findings.map((each) => each.kind).sort()).toEqual([...Array(5).fill('before-consent'), ...Array(5).fill('undeclared')]);
    const rows = rowsOf(
      report(
        Object.values(site.cookies).map(({ name, domain, path, partitionKey, hasCrossSiteAncestor, firstPartyDomain }) =>
          reportCookie({
            name,
            domain,
            path,
            partitionKey,
            ...(hasCrossSiteAncestor === undefined ? {} : { hasCrossSiteAncestor }),
            ...(firstPartyDomain === undefined ? {} : { firstPartyDomain }),
          }),
        ),
      ),
    );
    const targets = findings.map((each) => rowForFinding(rows, each)!);
    for (const kind of ['before-consent', 'undeclared'])
      expect(new Set(targets.filter((_row, index) => findings[index]!.kind === kind).map((row) => row.key)).size).toBe(5);
    for (const [index, row] of targets.entries()) expect(row.cookie!.path).toBe(findings[index]!.path);
    // A finding an older version made names no path: the first row of its name and domain, as before.
    const { path: _none, ...older } = findings[1]!;
    expect(rowForFinding(rows, older)?.name).toBe('dup');
  });
});

describe('the row standing for a row gone', () => {
  /** A cookie seen, as the report describes one `entry` declares. */
  const declaredBy = (name: string, entry: CharterEntry, domain = 'data.tco.re') =>
    reportCookie({
      name,
      domain,
      provider: entry.provider,
      category: entry.category,
      reference: { kind: 'charter', charterKind: 'bundled', host: 'data.tco.re', entryIndex: 0, cookie: entry.cookie, match: entry.match },
    });
  const entryRow = (rows: ReturnType<typeof rowsOf>, entry: CharterEntry) => rows.find((row) => row.entry === entry)!;

  it('is the cookie its entry declares once seen, told from another entry’s of its name, and back', () => {
    const before = rowsOf(report([], { notSeen: [own, disqus] }));
    const ownCookie = declaredBy('testCookie', own);
    const disqusCookie = declaredBy('testCookie', disqus, '.disqus.com');
    const after = rowsOf(report([ownCookie, disqusCookie]));
    expect(rowStandingFor(entryRow(before, disqus), after)?.cookie).toBe(disqusCookie);
    expect(rowStandingFor(entryRow(before, own), after)?.cookie).toBe(ownCookie);
    // Its cookie gone again (the site's record cleared): its entry's row.
    expect(
      rowStandingFor(
        after.find((row) => row.cookie === disqusCookie)!,
        before,
      )?.entry,
    ).toBe(disqus);
  });

  it('is the first cookie shown a prefix entry declares', () => {
    const prefix = { ...own, cookie: '_pk_id.', match: 'prefix' } as const;
    const gone = rowsOf(report([], { notSeen: [prefix] }))[0]!;
    const after = rowsOf(report([reportCookie({ name: 'other' }), declaredBy('_pk_id.1.a', prefix), declaredBy('_pk_id.2.b', prefix)]));
    expect(rowStandingFor(gone, after)?.name).toBe('_pk_id.1.a');
  });

  it('is the one row of its name when no entry tells, none when two have it', () => {
    const gone = rowsOf(report([], { notSeen: [own] }))[0]!;
    const undeclared = (domain: string) => reportCookie({ name: 'testCookie', domain, status: 'undeclared', reference: null });
    expect(rowStandingFor(gone, rowsOf(report([undeclared('a.example')])))?.cookie?.domain).toBe('a.example');
    expect(rowStandingFor(gone, rowsOf(report([undeclared('a.example'), undeclared('b.example')])))).toBeUndefined();
    // Never another entry's row of its name (Disqus's, not seen).
    expect(rowStandingFor(gone, rowsOf(report([], { notSeen: [disqus] })))).toBeUndefined();
    expect(rowStandingFor(gone, rowsOf(report([undeclared('a.example')], { notSeen: [disqus] })))?.cookie?.domain).toBe('a.example');
  });

  it('is its own entry’s row under another key (moved to another section, or an earlier entry of its name seen), not another entry’s cookie', () => {
    const disqusCookie = declaredBy('testCookie', disqus, '.disqus.com');
    const gone = entryRow(rowsOf(report([disqusCookie], { notSeen: [own] })), own);
    const movedEntry = { ...own, category: 'other' } as const;
    expect(rowStandingFor(gone, rowsOf(report([disqusCookie], { notSeen: [movedEntry] })))?.entry).toBe(movedEntry);
    // Of another entry of its name only: none (not Disqus's cookie).
    expect(rowStandingFor(gone, rowsOf(report([disqusCookie])))).toBeUndefined();
    const ga = { ...own, cookie: '_ga', provider: 'Google Analytics', category: 'statistics' } as const;
    const gtm = { ...ga, provider: 'Google Tag Manager' } as const;
    const gtmRow = entryRow(rowsOf(report([], { notSeen: [ga, gtm] })), gtm);
    const after = rowsOf(report([declaredBy('_ga', ga)], { notSeen: [gtm] }));
    expect(after.some((row) => row.key === gtmRow.key)).toBe(false);
    expect(rowStandingFor(gtmRow, after)?.entry).toBe(gtm);
  });
});

describe('rows kept from the report before', () => {
  it('gives the row shown before for each row holding the same data, a new one where anything changed', () => {
    const shown = rowsOf(sample);
    const again = rowsOf(structuredClone(sample));
    expect(keepUnchangedRows(again, shown)).toEqual(again);
    expect(keepUnchangedRows(again, shown).every((row, i) => row === shown[i])).toBe(true);

    const changed = structuredClone(sample);
    changed.cookies[1]!.provider = 'Huwise';
    const next = keepUnchangedRows(rowsOf(changed), shown);
    const sessionid = next.find((row) => row.name === 'sessionid')!;
    expect(shown).not.toContain(sessionid);
    expect(sessionid.cookie!.provider).toBe('Huwise');
    expect(next.filter((row) => row !== sessionid).every((row) => shown.includes(row))).toBe(true);
  });

  it('keeps nothing of a first report, and gives rows whose key is new as they are', () => {
    const rows = rowsOf(sample);
    expect(keepUnchangedRows(rows, [])).toBe(rows);
    const more = structuredClone(sample);
    more.cookies.push({ ...more.cookies[0]!, name: 'new_one' });
    const next = keepUnchangedRows(rowsOf(more), rows);
    expect(next.find((row) => row.name === 'new_one')).toBeDefined();
    expect(rows.map((row) => row.name)).not.toContain('new_one');
  });
});
