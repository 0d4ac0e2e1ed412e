import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CharterEntry, ParsedCharter } from '../../../src/core/charter/types.ts';
import { readCharterPageReading } from '../../../src/core/charter/live.ts';
import { MAX_CHARTER_PAGE_BYTES } from '../../../src/core/charter/limits.ts';
import { emptySite, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { draftCell, draftCharter, draftText } from '../../../src/core/draft/charter-draft.ts';
import { gatherRuns } from '../../../src/core/draft/gather-runs.ts';
import { markdownText } from '../../../src/core/report/markdown.ts';
import { KNOWN_TRACKERS } from '../../../src/core/registry/known-trackers.ts';
import { draftHtml, htmlText } from '../../../src/core/draft/draft-html.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { keptRun, type RunReport } from '../../../src/core/report/compare-runs.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { auditSite, charterEntry, DAY, NOW_MS, playSite, registryWith, type PlayedCookie } from '../../support/charter-audit.ts';
import { browserCookie } from '../../support/cookies.ts';
import { report, reportCookie } from '../../support/reports.ts';

const HOST = 'demo.opendatasoft.com';

const entry = charterEntry;

/** The cookie a note names; null for a note of no cookie (a line not read). */
const noteName = (note: CharterDraft['notes'][number]) => ('name' in note ? note.name : null);

/** A charter of the new template in French, shaped like the demo portal's. */
const CHARTER: ParsedCharter = {
  portal: HOST,
  language: 'fr',
  entries: [
    entry('sessionid', { duration: '2 semaines par défaut' }),
    entry('csrftoken', { category: 'statistics' }),
    entry('_pk_id.', { provider: 'Matomo', match: 'prefix', duration: '6 mois', category: 'statistics' }),
    entry('_pk_ses.', { provider: 'Matomo', match: 'prefix', duration: '30 minutes', category: 'statistics' }),
    entry('_ga', { provider: 'Google Analytics', duration: null, category: 'statistics' }),
    entry('xtvrn', { provider: 'AT Internet', duration: '6 mois', category: 'statistics' }),
  ],
};

const rowOf = (draft: CharterDraft, cookie: string) => draft.rows.find((row) => row.entry.cookie === cookie);

/** The entries both formats of a draft read back as, through the parser the extension reads live charters with. */
function readBack(draft: CharterDraft): { markdown: CharterEntry[]; html: CharterEntry[] } {
  return {
    markdown: readCharterPageReading(draftMarkdown(draft), 'text/markdown').entries,
    html: readCharterPageReading(draftHtml(draft), 'text/html').entries,
  };
}

describe('draftCharter', () => {
  const site = playSite(
    HOST,
    [
      { name: 'sessionid', days: 14 },
      { name: 'csrftoken', days: 365 },
      { name: '_pk_id.1.a1b2', days: 393 },
      { name: '_pk_ses.1.a1b2', days: 1800 / 86400 },
      { name: '_ga', days: 400, domain: '.opendatasoft.com' },
      { name: '_ga_ABC123', days: 400, domain: '.opendatasoft.com' },
      { name: '_ga_XYZ789', days: 400, domain: '.opendatasoft.com' },
      { name: '_hjSessionUser_1234', days: 365 },
      { name: 'mystery', days: null },
    ],
    'accepted',
  );
  const audited = auditSite(site, CHARTER);
  const draft = draftCharter([audited]);

  it('keeps every declared entry that was seen in the charter’s own words, in the charter’s order', () => {
    expect(rowOf(draft, 'sessionid')).toEqual({
      entry: { ...CHARTER.entries[0], service: null },
      marks: [],
      source: 'charter',
      statedDuration: null,
    });
    expect(rowOf(draft, '_pk_ses.')?.entry).toMatchObject({ provider: 'Matomo', duration: '30 minutes', purpose: 'Rôle de _pk_ses.' });
    // The run accepted: the platform wrote the choice, a cookie this charter forgets.
    expect(draft.rows.map((row) => row.entry.cookie)).toEqual([
      'sessionid',
      'csrftoken',
      'cookies_preferences',
      '_pk_id.',
      '_pk_ses.',
      '_ga',
      'xtvrn',
      '_ga_',
      '_hjSessionUser_',
      'mystery',
    ]);
  });

  it('replaces a declared duration shorter than observed, or missing, with the observed one, and says what it replaced', () => {
    expect(rowOf(draft, '_pk_id.')).toMatchObject({
      entry: { duration: '13 mois' },
      marks: ['duration-observed'],
      statedDuration: '6 mois',
    });
    // 400 days (Chromium's cap on a cookie's lifetime) is more than any 13 months hold (397 days).
    expect(rowOf(draft, '_ga')).toMatchObject({ entry: { duration: '14 mois' }, marks: ['duration-observed'], statedDuration: null });
    expect(rowOf(draft, 'csrftoken')?.entry.duration).toBe('12 mois');
  });

  it('keeps declared entries never seen, marked', () => {
    expect(rowOf(draft, 'xtvrn')).toMatchObject({ entry: { provider: 'AT Internet', duration: '6 mois' }, marks: ['not-observed'] });
  });

  it('marks no tracker not observed when the choice is why it was not seen: before any choice, or after a refusal', () => {
    // The platform's Matomo switch off (playSite's refusal), Google Analytics and AT Internet with
    // no switch of their own: every switch off speaks for them. `_ga` was seen: its row is as ever.
    const played = [{ name: 'sessionid', days: 14 }];
    for (const choice of ['none', 'refused'] as const) {
      const alone = draftCharter([auditSite(playSite(HOST, played, choice), CHARTER)]);
      for (const cookie of ['_pk_id.', '_pk_ses.', '_ga', 'xtvrn']) expect(rowOf(alone, cookie)?.marks, `${choice} ${cookie}`).toEqual([]);
      // The platform's own cookie, which this charter files as statistics, is no tracker: not seen, it is marked whatever the choice.
      expect(
        alone.rows.filter((row) => row.marks.includes('not-observed')).map((row) => row.entry.cookie),
        choice,
      ).toEqual(['csrftoken']);
    }
  });

  it('files the platform’s own cookies as strictly necessary, whatever the charter says, and says it moved them', () => {
    expect(rowOf(draft, 'csrftoken')).toMatchObject({ entry: { category: 'necessary' }, marks: ['moved-to-necessary'] });
  });

  it('adds every cookie observed but not declared, to review: provider and purpose from a fallback, the duration observed', () => {
    // Hotjar's user ID: a family the known-tracker table names by its prefix (`_hjSessionUser_<site-id>`).
    expect(rowOf(draft, '_hjSessionUser_')).toMatchObject({
      entry: { provider: 'Hotjar', match: 'prefix', duration: '1 an', category: 'statistics' },
      marks: ['to-review'],
      source: 'known-tracker',
    });
    // The table's own French words in this French draft (see "a known tracker's purpose in French").
    expect(rowOf(draft, '_hjSessionUser_')?.entry.purpose).toMatch(/^Conserve l’identifiant d’utilisateur Hotjar/);
    expect(rowOf(draft, 'mystery')).toMatchObject({
      entry: { provider: 'Prestataire inconnu', purpose: 'Finalité inconnue, à décrire', duration: 'Session', category: 'other' },
      source: 'unknown',
    });
  });

  it('makes one prefix entry of a family the known-tracker table calls a prefix, with the longest lifetime', () => {
    expect(rowOf(draft, '_ga_')).toMatchObject({
      entry: { cookie: '_ga_', match: 'prefix', provider: 'Google', category: 'statistics', duration: '14 mois' },
      marks: ['to-review'],
      source: 'known-tracker',
    });
    expect(draft.rows.filter((row) => row.entry.cookie.startsWith('_ga_'))).toHaveLength(1);
  });

  it('reads back, as Markdown and as HTML, as exactly the entries it declares, with their categories', () => {
    const meant = draft.rows.map((row) => row.entry);
    expect(readBack(draft)).toEqual({ markdown: meant, html: meant });
  });

  it('writes prefixes the way charters do, and the marks beside the names', () => {
    const markdown = draftMarkdown(draft);
    expect(markdown).toContain('| Matomo | \\_pk\\_id\\.\\* \\(durée observée\\) | 13 mois | Rôle de \\_pk\\_id\\. |');
    expect(markdown).toContain('\\_ga\\_\\* \\(à vérifier\\)');
    expect(markdown).toContain('xtvrn \\(non observé\u202f\\: à garder seulement s’il est encore utilisé\\)');
    expect(draftHtml(draft)).toContain('<code>_pk_id.*</code> <em class="draft-mark">(durée observée)</em>');
  });

  it('keeps a stem the charter writes as a name (`_pk_id` for `_pk_id.<site>.<hash>`) as written, seen or not', () => {
    const stems: ParsedCharter = { ...CHARTER, entries: [entry('_pk_id', { provider: 'Matomo', category: 'statistics' })] };
    const seen = auditSite(playSite(HOST, [{ name: '_pk_id.1.a1b2', days: 393 }], 'accepted'), stems);
    const notSeen = auditSite(playSite(HOST, [], 'refused'), stems);
    expect(seen.cookies[0]).toMatchObject({ status: 'declared', rule: 'prefix' });
    const draft = draftCharter([seen, notSeen]);
    expect(draft.rows.filter((row) => row.entry.cookie === '_pk_id')).toEqual([
      expect.objectContaining({ entry: expect.objectContaining({ match: 'exact' }), marks: ['duration-observed'] }),
    ]);
    expect(draftMarkdown(draft)).not.toContain('_pk_id*');
  });

  it('writes the language asked for, by default the charter’s, else English', () => {
    expect(draft.language).toBe('fr');
    const english = draftCharter([audited], { language: 'en' });
    expect(english.language).toBe('en');
    expect(rowOf(english, '_pk_id.')?.entry.duration).toBe('13 months');
    expect(rowOf(english, 'mystery')?.entry.provider).toBe('Unknown provider');
    expect(draftCharter([auditSite(site, null)]).language).toBe('en');
  });

  it('drafts from an "accept" and a "refuse" run together: seen in either is seen, lifetimes are the longest', () => {
    const accept = auditSite(
      playSite(
        HOST,
        [
          { name: 'sessionid', days: 14 },
          { name: '_pk_id.1.a1b2', days: 100 },
        ],
        'accepted',
      ),
      CHARTER,
    );
    const refuse = auditSite(
      playSite(
        HOST,
        [
          { name: 'sessionid', days: 14 },
          { name: '_pk_id.1.a1b2', days: 393 },
          { name: 'widget', days: 2 },
        ],
        'refused',
      ),
      CHARTER,
    );
    const both = draftCharter([accept, refuse]);
    expect(both.consents).toEqual(['accepted', 'refused']);
    expect(rowOf(both, '_pk_id.')).toMatchObject({ entry: { duration: '13 mois' }, marks: ['duration-observed'] });
    expect(rowOf(both, 'widget')?.marks).toEqual(['to-review']);
    expect(rowOf(both, '_pk_ses.')?.marks).toEqual(['not-observed']);
    expect(both.rows.filter((row) => row.entry.cookie === 'sessionid')).toHaveLength(1);
    expect(rowOf(both, 'cookies_preferences')).toMatchObject({ entry: { category: 'necessary', provider: 'Huwise' }, source: 'platform' });
  });

  it('sets aside, and lists, cookies whose names no charter cell can hold', () => {
    // Wildcards (`<`, `[`, `...`, `_XXXX`), separators, quotes, spaces, invisible characters.
    const hostile = [
      'a b',
      'quote"d',
      'tab\u202Eright',
      'zero\u200Bwidth',
      'ends...',
      'x_XXXX',
      'a,b',
      'c;d',
      '<b>x</b>',
      '[x](https://evil.example)',
      '`code`',
    ];
    const fine = ['none', 'a|b', 'x:y', 'x!~y'];
    const odd = draftCharter([
      auditSite(
        playSite(
          'example.org',
          [...hostile, ...fine].map((name) => ({ name, days: 1 })),
        ),
        null,
      ),
    ]);
    expect(odd.rows.map((row) => row.entry.cookie).sort()).toEqual([...fine].sort());
    expect(odd.setAside.map((cookie) => cookie.name).sort()).toEqual([...hostile].sort());
    expect(odd.setAside.every((cookie) => cookie.reason === 'unreadable')).toBe(true);
    const meant = odd.rows.map((row) => row.entry);
    expect(readBack(odd)).toEqual({ markdown: meant, html: meant });
    expect(draftMarkdown(odd)).toContain('Not written: a b cannot be written');
    expect(draftMarkdown(odd)).toContain('Not written: \\[x\\]\\(https\\://evil\\.example\\) cannot');
    expect(draftMarkdown(odd)).toContain('a\\|b \\(to review\\)');
    expect(draftHtml(odd)).toContain('<li>Not written: &lt;b&gt;x&lt;/b&gt; cannot');
    expect(draftHtml(odd)).toContain('tab&lt;U+202E&gt;right');
    expect(draftHtml(odd)).toContain('<code>x!~y</code>');
  });

  it('places not-seen entries where the charter has them, between the seen ones', () => {
    const placed = draftCharter([
      auditSite(
        playSite(HOST, [
          { name: 'sessionid', days: 14 },
          { name: '_ga', days: 30 },
        ]),
        CHARTER,
      ),
    ]);
    expect(placed.rows.filter((row) => row.entry.category === 'statistics').map((row) => row.entry.cookie)).toEqual([
      '_pk_id.',
      '_pk_ses.',
      '_ga',
      'xtvrn',
    ]);
  });

  it('refuses to draft from nothing', () => {
    expect(() => draftCharter([])).toThrow('a charter draft needs at least one report');
  });

  it('never carries more than a charter page can hold, says what it left out, and still reads back exactly', () => {
    const many = report(
      Array.from({ length: 5_010 }, (_, i) => reportCookie({ name: `cookie_${i}`, status: 'undeclared', source: 'unknown', provider: '' })),
      { host: HOST },
    );
    const big = draftCharter([many], { language: 'en' });
    expect(big.rows.length).toBeLessThanOrEqual(5_000);
    expect(big.rows.length + big.setAside.length).toBe(5_010);
    // Each row with its note to review: the page is full before the 5,000th row, and the list says so.
    expect(big.rows.length).toBeLessThan(5_000);
    expect(big.setAside.every((cookie) => cookie.reason === 'size')).toBe(true);
    const markdown = draftMarkdown(big);
    const html = draftHtml(big);
    expect(new TextEncoder().encode(html).length).toBeLessThanOrEqual(2_000_000);
    expect(new TextEncoder().encode(markdown).length).toBeLessThanOrEqual(2_000_000);
    expect(markdown).toContain(`Not written: ${big.setAside.length - 200} more cookies are neither written nor listed here.`);
    const meant = big.rows.map((row) => row.entry);
    expect(readCharterPageReading(markdown, 'text/markdown').entries).toEqual(meant);
    expect(readCharterPageReading(html, 'text/html').entries).toEqual(meant);
  });
});

describe('draftCharter: why a row is set aside', () => {
  it('says a row left out for the page’s size is so, not past the 5,000 rows, in each language', () => {
    const n = 60;
    const entries = Array.from({ length: n }, (_, i) =>
      charterEntry(`c${i}`, { purpose: '"'.repeat(8990), provider: '"'.repeat(8990), duration: '1 an' }),
    );
    const played = playSite(
      HOST,
      Array.from({ length: n }, (_, i) => ({ name: `c${i}`, days: 200 })),
      'accepted',
    );
    const audited = auditSite(played, { portal: HOST, language: 'fr', entries });
    const draft = draftCharter([audited], { language: 'en' });
    expect(draft.rows.length).toBeLessThan(20);
    expect(draft.setAside.length).toBeGreaterThan(n / 2);
    expect(draft.setAside.every((cookie) => cookie.reason === 'size')).toBe(true);
    const markdown = draftMarkdown(draft);
    expect(markdown).not.toMatch(/past the number of rows a charter is read up to/);
    expect(markdown).toMatch(/Not written: c\d+ would make the page larger than a charter page is read up to\. Declare it by hand\./);
    const french = draftMarkdown(draftCharter([audited], { language: 'fr' }));
    expect(french).not.toMatch(/après la dernière ligne/);
    expect(french).toMatch(
      /Non inscrit\u202f: c\d+ rendrait la page plus lourde qu’une page de charte ne peut l’être pour être lue\. Déclarez-le à la main\./,
    );
  });

  it('says a row past the 5,000 rows a charter is read up to is so, when the page has room left', () => {
    const n = 5_010;
    const entries = Array.from({ length: n }, (_, i) => charterEntry(`c${i}`, { purpose: 'p', provider: 'x', duration: '1 an' }));
    const played = playSite(
      HOST,
      Array.from({ length: n }, (_, i) => ({ name: `c${i}`, days: 200 })),
      'accepted',
    );
    const draft = draftCharter([auditSite(played, { portal: HOST, language: 'fr', entries })], { language: 'en' });
    expect(draft.rows).toHaveLength(5_000);
    expect(draft.setAside.length).toBeGreaterThan(0);
    expect(draft.setAside.every((cookie) => cookie.reason === 'limit')).toBe(true);
    expect(draftMarkdown(draft)).toMatch(/Not written: c\d+ is past the number of rows a charter is read up to\. Declare it by hand\./);
  });
});

describe('draftCharter: a draft of hostile names within a page', () => {
  // Markup characters an escaped name takes several bytes for (`&amp;`, `&quot;`; `@` and the word joiner after it in
  // Markdown, `@&#8288;`, which keeps GitHub from making a link of it), in rows filling the budget, in the names listed as
  // set aside (the quote keeps them out of a table) and in the cookies of unknown origin, with their domains.
  it.each([
    ['"&'.repeat(150), '&'],
    [`"${'@'.repeat(299)}`, '@'],
  ])(
    'keeps both formats within what a charter page may be, escaping included, so the parser reads the draft back (%#)',
    (hostile, costly) => {
      const cookies = [
        ...Array.from({ length: 4_000 }, (_, i) =>
          reportCookie({ name: `filler_${i}`, status: 'undeclared', source: 'unknown', provider: costly.repeat(100), category: 'other' }),
        ),
        ...Array.from({ length: 250 }, (_, i) =>
          reportCookie({ name: `${hostile}${i}`, status: 'undeclared', source: 'unknown', provider: '', category: 'necessary' }),
        ),
        ...Array.from({ length: 250 }, (_, i) =>
          reportCookie({
            name: `${hostile}o${i}`,
            domain: hostile,
            originUnknown: true,
            status: 'undeclared',
            source: 'unknown',
            provider: '',
          }),
        ),
      ];
      const draft = draftCharter([report(cookies, { host: HOST })], { language: 'en' });
      expect(draft.setAside.filter((cookie) => cookie.reason === 'unreadable')).toHaveLength(250);
      // Set aside for the page's size, not the number of rows: 4,000 rows are fewer than 5,000.
      expect(draft.setAside.some((cookie) => cookie.reason === 'size')).toBe(true);
      expect(draft.setAside.some((cookie) => cookie.reason === 'limit')).toBe(false);
      expect(draft.notes.filter((note) => note.kind === 'origin-unknown')).toHaveLength(250);
      const meant = draft.rows.map((row) => row.entry);
      for (const [page, type] of [
        [draftMarkdown(draft), 'text/markdown'],
        [draftHtml(draft), 'text/html'],
      ] as const) {
        expect(new TextEncoder().encode(page).length).toBeLessThanOrEqual(MAX_CHARTER_PAGE_BYTES);
        expect(readCharterPageReading(page, type).entries).toEqual(meant);
      }
    },
  );
});

describe('draftCharter: a charter in another language than the draft', () => {
  const charter: ParsedCharter = {
    ...CHARTER,
    entries: [
      entry('sessionid', { purpose: 'Se souvenir de la session', duration: '2 semaines' }),
      // Nothing of the charter's words left: no purpose, and the observed duration replaces the missing one.
      entry('_ga', { provider: 'Google', purpose: '', duration: null, category: 'statistics' }),
    ],
  };
  const site = playSite(HOST, [
    { name: 'sessionid', days: 14 },
    { name: '_ga', days: 30 },
  ]);

  it('marks the rows that keep the charter’s words to translate, in the draft’s language, and they still read back', () => {
    const draft = draftCharter([auditSite(site, charter)], { language: 'en' });
    expect(draft.rows.map((row) => [row.entry.cookie, row.marks, row.translateFrom])).toEqual([
      ['sessionid', ['to-translate'], 'fr'],
      ['_ga', ['duration-observed'], undefined],
    ]);
    const markdown = draftMarkdown(draft);
    expect(markdown).toContain('| Huwise | sessionid \\(to translate\\) | 2 semaines | Se souvenir de la session |');
    expect(markdown).toContain(
      "1. To translate: sessionid is described in the charter's own words, in French, as it gives them. Translate them before publishing.",
    );
    expect(draftHtml(draft)).toContain('<code>sessionid</code> <em class="draft-mark">(to translate)</em>');
    const meant = draft.rows.map((row) => row.entry);
    expect(readBack(draft)).toEqual({ markdown: meant, html: meant });
  });

  it('says so in French of an English charter’s words, and marks nothing when the languages agree or the charter’s is unknown', () => {
    const english = draftCharter([auditSite(site, { ...charter, language: 'en' })], { language: 'fr' });
    expect(english.rows.map((row) => row.marks)).toEqual([['to-translate'], ['duration-observed']]);
    const markdown = draftMarkdown(english);
    expect(markdown).toContain('| Huwise | sessionid \\(à traduire\\) | 2 semaines |');
    expect(markdown).toContain(
      '1. À traduire\u202f: sessionid est décrit avec les mots de la charte, en anglais, comme elle les donne. Traduisez-les avant de publier.',
    );
    expect(draftCharter([auditSite(site, charter)], { language: 'fr' }).rows.map((row) => row.marks)).toEqual([[], ['duration-observed']]);
    expect(draftCharter([auditSite(site, charter)]).rows.map((row) => row.marks)).toEqual([[], ['duration-observed']]);
    expect(draftCharter([auditSite(site, { ...charter, language: null })], { language: 'en' }).rows.map((row) => row.marks)).toEqual([
      [],
      ['duration-observed'],
    ]);
  });
});

describe('draftCharter: a known tracker’s purpose in French', () => {
  const audited = auditSite(
    playSite(HOST, [
      { name: 'sessionid', days: 14 },
      { name: '_hjSessionUser_1234', days: 365 },
      { name: '_pk_ref.1.a1b2', days: 180 },
      { name: '_hjid', days: 365 },
    ]),
    { ...CHARTER, entries: [CHARTER.entries[0]!] },
  );
  const french = draftCharter([audited], { language: 'fr' });

  it('adds a known tracker’s cookie with its French purpose in a French draft, to review but nothing to translate', () => {
    expect(rowOf(french, '_pk_ref.')).toMatchObject({
      entry: {
        provider: 'Matomo',
        purpose: 'Enregistre les informations d’attribution : le référent par lequel le visiteur est arrivé sur le site la première fois.',
      },
      marks: ['to-review'],
      source: 'known-tracker',
      purposeInFrench: true,
    });
    const markdown = draftMarkdown(french);
    expect(markdown).toContain(
      'À vérifier\u202f: \\_hjSessionUser\\_\\* (Hotjar) a été observé mais la charte ne le déclare pas. Il est ajouté avec la durée observée et une finalité tirée de la table des traceurs connus. Vérifiez sa finalité et sa catégorie.',
    );
    expect(markdown).not.toContain('table des traceurs connus (en anglais');
    expect(markdown).not.toContain('Persists the Hotjar user ID');
  });

  it('keeps the Open Cookie Database’s English purpose, marked to translate', () => {
    expect(rowOf(french, '_hjid')).toMatchObject({ source: 'open-cookie-database', marks: ['to-review'] });
    expect(rowOf(french, '_hjid')?.purposeInFrench).toBeUndefined();
    expect(draftMarkdown(french)).toContain('une finalité tirée de l’Open Cookie Database (en anglais, à traduire).');
  });

  it('keeps the English purpose, marked to translate, from a run an earlier version kept (no French purpose)', () => {
    const earlier = { ...audited, cookies: audited.cookies.map(({ purposeFr: _new, ...cookie }) => cookie) };
    const draft = draftCharter([earlier], { language: 'fr' });
    expect(rowOf(draft, '_pk_ref.')?.entry.purpose).toBe('Stores attribution information: the referrer first used to reach the site.');
    expect(rowOf(draft, '_pk_ref.')?.purposeInFrench).toBeUndefined();
    expect(draftMarkdown(draft)).toContain('une finalité tirée de la table des traceurs connus (en anglais, à traduire).');
  });

  it('keeps the English purpose in an English draft', () => {
    const english = draftCharter([audited], { language: 'en' });
    expect(rowOf(english, '_pk_ref.')?.entry.purpose).toBe('Stores attribution information: the referrer first used to reach the site.');
    expect(rowOf(english, '_pk_ref.')?.purposeInFrench).toBeUndefined();
    expect(draftMarkdown(english)).not.toContain('Enregistre');
  });

  it('reads back with the French purposes, in both formats', () => {
    const meant = french.rows.map((row) => row.entry);
    expect(french.setAside).toEqual([]);
    expect(readBack(french)).toEqual({ markdown: meant, html: meant });
  });

  it('reads back every known tracker’s French purpose', () => {
    // Each tracker's cookie seen on a portal with no charter of its own: every one added, in French.
    const played = KNOWN_TRACKERS.filter((tracker) => tracker.domain === null).map((tracker) => ({
      name: tracker.match === 'prefix' ? `${tracker.cookie}1` : tracker.cookie,
      days: 30,
    }));
    const all = draftCharter([auditSite(playSite(HOST, played), { ...CHARTER, entries: [] })], { language: 'fr' });
    const added = all.rows.filter((row) => row.source === 'known-tracker');
    expect(added).toHaveLength(played.length);
    for (const row of added) expect(row.purposeInFrench, row.entry.cookie).toBe(true);
    expect(all.setAside).toEqual([]);
    const meant = all.rows.map((row) => row.entry);
    expect(readBack(all)).toEqual({ markdown: meant, html: meant });
  });
});

describe('draftCharter: cookies of embedded content', () => {
  const frame = { via: 'frame' } as const;
  const site = playSite(HOST, [
    { name: 'sessionid', days: 14 },
    { name: 'widget', days: 2 },
    { name: 'sessionid', days: 30, domain: 'embed.other.org', context: frame },
    { name: 'csrftoken', days: 30, domain: 'embed.other.org', context: frame },
    { name: 'csrftoken', days: 30, domain: '.third.example', context: frame },
    { name: 'disqus_unique', days: 365, domain: '.disqus.com', context: frame },
    { name: 'widget', days: 2, domain: 'embed.other.org', context: frame },
  ]);
  const charter: ParsedCharter = { ...CHARTER, entries: [CHARTER.entries[0]!] };
  const draft = draftCharter([auditSite(site, charter)], { language: 'en' });
  const rowsOf = (cookie: string) => draft.rows.filter((row) => row.entry.cookie === cookie);

  it('never gives embedded content’s cookie the platform’s words or category, even named like the platform’s own', () => {
    expect(rowsOf('sessionid').map((row) => [row.entry.category, row.entry.provider, row.marks])).toEqual([
      // The French charter's own words, in an English draft.
      ['necessary', 'Huwise', ['to-translate']],
      ['third-party', 'embed.other.org', ['to-review']],
    ]);
    expect(rowsOf('csrftoken')).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({
          category: 'third-party',
          provider: 'embed.other.org, third.example',
          purpose: 'Unknown purpose, describe it',
        }),
        source: 'unknown',
        embeddedBy: ['embed.other.org', 'third.example'],
      }),
    ]);
    expect(draft.rows.filter((row) => row.entry.provider === 'Huwise')).toHaveLength(1);
  });

  it('files it as third-party content under its provider when a source names one, and says which content set it', () => {
    expect(rowsOf('disqus_unique')).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({ category: 'third-party', provider: 'Disqus' }),
        embeddedBy: ['disqus.com'],
      }),
    ]);
    expect(draftMarkdown(draft)).toContain(
      'To review: sessionid (embed\\.other\\.org) was set by content embedded in the portal (embed\\.other\\.org) but the charter does not declare it.',
    );
  });

  it('gives a name the site sets itself a row in the site’s words, and embedded content’s of that name one under third parties', () => {
    // Read back, each side's cookie answers to its own row (core/registry/match.ts): the next test.
    expect(rowsOf('widget')).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({ category: 'third-party', provider: 'embed.other.org' }),
        marks: ['to-review'],
        embeddedBy: ['embed.other.org'],
      }),
      expect.objectContaining({ entry: expect.objectContaining({ category: 'other' }), marks: ['to-review'] }),
    ]);
    expect(rowsOf('widget')[1]).not.toHaveProperty('embeddedBy');
  });

  it('declares, read back, every cookie of it as the extension matches them', () => {
    const meant = draft.rows.map((row) => row.entry);
    expect(readBack(draft)).toEqual({ markdown: meant, html: meant });
    const after = auditSite(site, readCharterPageReading(draftMarkdown(draft), 'text/markdown'));
    expect(after.findings.filter((f) => f.kind === 'undeclared')).toEqual([]);
  });
});

describe('draftCharter: cookies of unknown origin', () => {
  // On a parent domain tabs of other sites share, with nothing to show this portal set them.
  const shared = { domain: '.opendatasoft.com', context: { originUnknown: true } };
  const site = playSite(HOST, [
    { name: 'sessionid', days: 14 },
    { name: '_ga', days: 400, ...shared },
    { name: 'weird_shared', days: 30, ...shared },
    { name: 'both', days: 30, ...shared },
    { name: 'both', days: 30 },
  ]);
  const charter: ParsedCharter = { ...CHARTER, entries: [CHARTER.entries[0]!, CHARTER.entries[4]!] };

  it('adds none the site was not seen to set, and lists them as of unknown origin, not added', () => {
    const draft = draftCharter([auditSite(site, { ...charter, entries: [CHARTER.entries[0]!] })], { language: 'en' });
    expect(draft.rows.map((row) => row.entry.cookie)).toEqual(['sessionid', 'both']);
    expect(draft.notes).toEqual([
      { kind: 'origin-unknown', name: '_ga', domain: '.opendatasoft.com' },
      { kind: 'origin-unknown', name: 'weird_shared', domain: '.opendatasoft.com' },
    ]);
    expect(draftMarkdown(draft)).toContain(
      'Origin unknown, not added: \\_ga (\\.opendatasoft\\.com) was seen on a parent domain that other sites open at the same time share',
    );
    const french = draftMarkdown(draftCharter([auditSite(site, charter)], { language: 'fr' }));
    expect(french).toContain(
      'Origine inconnue, non ajouté\u202f: weird\\_shared (\\.opendatasoft\\.com) a été vu sur un domaine parent que partagent d’autres sites',
    );
  });

  it('counts a declared one as seen, but takes no lifetime from it', () => {
    const draft = draftCharter([auditSite(site, charter)]);
    expect(draft.rows.find((row) => row.entry.cookie === '_ga')).toMatchObject({ entry: { duration: null }, marks: [] });
    expect(draft.notes.map(noteName)).toEqual(['weird_shared']);
  });
});

describe('draftCharter: the platform’s own cookies not seen', () => {
  const platformCharter: ParsedCharter = {
    ...CHARTER,
    entries: ['sessionid', 'csrftoken', 'django_language', 'cookies_preferences'].map((cookie) => entry(cookie)),
  };

  it('marks only what the report calls missing: never django_language, which the platform sets on multilingual portals only', () => {
    const audited = auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }], 'refused'), platformCharter);
    expect(audited.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie)).toEqual(['csrftoken']);
    const draft = draftCharter([audited], { language: 'en' });
    expect(draft.rows.map((row) => [row.entry.cookie, row.marks])).toEqual([
      // The French charter's own words, in an English draft.
      ['sessionid', ['to-translate']],
      ['csrftoken', ['not-observed', 'to-translate']],
      ['django_language', ['to-translate']],
      ['cookies_preferences', ['to-translate']],
    ]);
    expect(draft.notes).toEqual([{ kind: 'platform-unseen', name: 'django_language' }]);
    expect(draftMarkdown(draft)).toContain(
      'Not observed: django\\_language was not seen, but the platform sets it only on portals offered in several languages. Keep it if this portal is.',
    );
  });

  it('marks none of the platform’s default charter, which stands in for the site’s own: a note says the platform sets them', () => {
    const audited = auditSite(playSite('unbundled.opendatasoft.com', [{ name: 'sessionid', days: 14 }]), null);
    expect(audited.charter.kind).toBe('platform-default');
    const draft = draftCharter([audited], { language: 'fr' });
    expect(draft.rows.flatMap((row) => row.marks)).not.toContain('not-observed');
    expect(draft.notes.map(noteName)).toEqual(['csrftoken', 'cookies_preferences', 'django_language']);
    expect(draftMarkdown(draft)).toContain(
      'Non observé\u202f: csrftoken n’a pas été vu, mais c’est un des cookies que la plateforme dépose elle-même, selon les pages visitées et les choix du visiteur. Il reste déclaré.',
    );
  });

  // The report says csrftoken was not seen among the cookies kept, and may have been among those
  // lost (absentBecause cookies-dropped): a note saying it was not seen would say more than the report.
  it('notes none whose cookie may have been lost to storage, from the report or the run kept of it', () => {
    const site = { ...playSite(HOST, [{ name: 'sessionid', days: 14 }], 'accepted'), droppedCookies: 3 };
    const audited = auditSite(site, platformCharter);
    expect(audited.notSeen.map((entry) => [entry.cookie, entry.absentBecause])).toEqual([
      ['csrftoken', 'cookies-dropped'],
      ['django_language', 'multilingual-only'],
    ]);
    for (const run of [audited, JSON.parse(JSON.stringify(keptRun(audited, NOW_MS).report)) as RunReport]) {
      const draft = draftCharter([run], { language: 'fr' });
      expect(draft.rows.flatMap((row) => row.marks)).not.toContain('not-observed');
      expect(draft.notes).toEqual([{ kind: 'platform-unseen', name: 'django_language' }]);
      expect(draftMarkdown(draft)).not.toContain('csrftoken n’a pas été vu');
    }
    const byDefault = auditSite({ ...playSite('unbundled.opendatasoft.com', [{ name: 'sessionid', days: 14 }]), droppedCookies: 3 }, null);
    expect(draftCharter([byDefault], { language: 'fr' }).notes.map(noteName)).toEqual(['cookies_preferences', 'django_language']);
  });

  // One rule for mark and note: an entry may have been lost only when every run that did not see it
  // lost cookies; a run that lost nothing and did not see it says it was not seen.
  it('notes a platform cookie a run that lost nothing did not see, beside a run that lost cookies, in either order', () => {
    const host = 'unbundled.opendatasoft.com';
    const lost = auditSite({ ...playSite(host, [{ name: 'sessionid', days: 14 }]), droppedCookies: 3 }, null);
    const whole = auditSite(playSite(host, [{ name: 'sessionid', days: 14 }]), null);
    expect(lost.notSeen.find((entry) => entry.cookie === 'csrftoken')?.absentBecause).toBe('cookies-dropped');
    expect(whole.notSeen.find((entry) => entry.cookie === 'csrftoken')?.absentBecause).toBeUndefined();
    const keptLost = JSON.parse(JSON.stringify(keptRun(lost, NOW_MS).report)) as RunReport;
    for (const runs of [
      [lost, whole],
      [whole, lost],
      [keptLost, whole],
    ]) {
      const draft = draftCharter(runs, { language: 'en' });
      expect(draft.rows.flatMap((row) => row.marks)).not.toContain('not-observed');
      expect(draft.notes.map(noteName)).toEqual(['csrftoken', 'cookies_preferences', 'django_language']);
    }
    // Both runs lost cookies: either may have lost it, and neither says it was not seen.
    expect(draftCharter([lost, lost], { language: 'en' }).notes.map(noteName)).toEqual(['cookies_preferences', 'django_language']);
  });

  it('marks an entry of the site’s charter a run that lost nothing did not see, beside a run that lost cookies, and notes it not', () => {
    const lost = auditSite({ ...playSite(HOST, [{ name: 'sessionid', days: 14 }], 'refused'), droppedCookies: 3 }, platformCharter);
    const whole = auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }], 'refused'), platformCharter);
    expect(whole.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie)).toEqual(['csrftoken']);
    for (const runs of [
      [lost, whole],
      [whole, lost],
    ]) {
      const csrf = gatherRuns(runs).declared.find((known) => known.entry.cookie === 'csrftoken')!;
      expect([csrf.missing, csrf.mayHaveBeenLost]).toEqual([true, false]);
      const draft = draftCharter(runs, { language: 'en' });
      expect(draft.rows.find((row) => row.entry.cookie === 'csrftoken')?.marks).toContain('not-observed');
      expect(draft.notes).toEqual([{ kind: 'platform-unseen', name: 'django_language' }]);
    }
    const bothLost = draftCharter([lost, lost], { language: 'en' });
    expect(bothLost.rows.flatMap((row) => row.marks)).not.toContain('not-observed');
    expect(bothLost.notes).toEqual([{ kind: 'platform-unseen', name: 'django_language' }]);
  });
});

describe('draftCharter: what a draft starts from when the site’s own charter was not read', () => {
  const UNBUNDLED = 'unbundled.opendatasoft.com';
  const played = [
    { name: 'sessionid', days: 400 },
    { name: '_pk_id.1.a1b2', days: 393 },
  ];

  it('speaks of the platform’s published policy, not of a charter, under the platform’s default, and flags its English words', () => {
    const audited = auditSite(playSite(UNBUNDLED, played), null);
    const draft = draftCharter([audited], { language: 'fr' });
    expect(draft.charterKind).toBe('platform-default');
    expect(draft.rows.filter((row) => row.entry.category === 'necessary').map((row) => [row.entry.cookie, row.source, row.marks])).toEqual([
      ['sessionid', 'platform', ['duration-observed', 'in-english']],
      ['csrftoken', 'platform', ['in-english']],
      ['cookies_preferences', 'platform', ['in-english']],
      ['django_language', 'platform', ['in-english']],
    ]);
    const markdown = draftMarkdown(draft);
    expect(markdown).not.toContain('de la charte');
    expect(markdown).not.toContain('la charte ne le déclare');
    expect(markdown).toContain(
      'La charte du portail n’a pas pu être lue\u202f: ce projet part de la politique cookies publiée par la plateforme, qui en tient lieu.',
    );
    expect(markdown).toContain('plus que la durée «\u202f2 weeks by default\u202f» annoncée par la politique cookies de la plateforme.');
    expect(markdown).toContain(
      'À traduire\u202f: csrftoken est décrit avec les mots de la politique cookies publiée par la plateforme, qui est en anglais. Traduisez-les avant de publier.',
    );
    expect(markdown).toContain(
      'À vérifier\u202f: \\_pk\\_id\\.\\* (Matomo) a été observé mais la politique cookies de la plateforme, qui tient lieu de charte, ne le cite pas.',
    );
    const english = draftMarkdown(draftCharter([audited], { language: 'en' }));
    expect(english).toContain(`longer than the platform's published cookie policy's "2 weeks by default".`);
    expect(english).not.toContain('in English: to translate');
  });

  it('says no charter was read when none was', () => {
    const draft = draftCharter([auditSite(playSite('data.ville.fr', played, 'refused'), null)], { language: 'fr' });
    expect(draft.charterKind).toBe('none');
    const markdown = draftMarkdown(draft);
    expect(markdown).toContain(
      'Aucune charte du portail n’a été lue\u202f: chaque cookie y est décrit d’après les sources de repli de l’extension.',
    );
    expect(markdown).toContain('À vérifier\u202f: sessionid (Huwise) a été observé mais aucune charte du portail n’a été lue.');
    expect(markdown).not.toContain('la charte ne le déclare');
  });

  it('gives the platform’s own cookies the platform’s words, flagged as English in French', () => {
    const audited = auditSite(playSite(HOST, [{ name: 'django_language', days: 365 }]), { ...CHARTER, entries: [CHARTER.entries[0]!] });
    // The report describes it by the platform default's entry too (match.ts), not by the Open Cookie Database's Django row.
    expect(audited.cookies[0]).toMatchObject({
      name: 'django_language',
      source: 'known-tracker',
      provider: 'Huwise',
      status: 'undeclared',
    });
    const draft = draftCharter([audited]);
    expect(rowOf(draft, 'django_language')).toMatchObject({ entry: { provider: 'Huwise', category: 'necessary' }, source: 'platform' });
    expect(draftMarkdown(draft)).toContain(
      'une finalité tirée de la politique cookies publiée par la plateforme (en anglais, à traduire).',
    );
  });
});

describe('draftCharter: trackers a charter files as strictly necessary', () => {
  const charter: ParsedCharter = {
    ...CHARTER,
    entries: [
      entry('_ga', { provider: 'Google', category: 'necessary' }),
      entry('_pk_id.', { provider: 'Matomo', match: 'prefix', category: 'necessary' }),
      entry('_pk_ses.', { provider: 'Matomo', match: 'prefix', category: 'statistics' }),
    ],
  };
  const draft = draftCharter(
    [
      auditSite(
        playSite(
          HOST,
          [
            { name: '_ga', days: 30 },
            { name: '_pk_id.1.ab', days: 30 },
          ],
          'accepted',
        ),
        charter,
      ),
    ],
    {
      language: 'en',
    },
  );

  it('leaves them where the charter files them, marked, and says so', () => {
    expect(draft.rows.map((row) => [row.entry.cookie, row.entry.category, row.marks])).toEqual([
      // The French charter's own words, in an English draft.
      ['_ga', 'necessary', ['tracker-in-necessary', 'to-translate']],
      ['_pk_id.', 'necessary', ['tracker-in-necessary', 'to-translate']],
      ['cookies_preferences', 'necessary', ['to-review']],
      ['_pk_ses.', 'statistics', ['not-observed', 'to-translate']],
    ]);
    const markdown = draftMarkdown(draft);
    expect(markdown).toContain('| Google | \\_ga \\(tracker filed as necessary\\) \\(to translate\\) |');
    expect(markdown).toContain(
      "Category to check: the charter files \\_pk\\_id\\.\\* as strictly necessary, but the known-tracker table makes it an audience measurement cookie (Matomo), which usually needs the visitor's consent. It is left where the charter files it: move it, or justify the choice.",
    );
    expect(draftMarkdown({ ...draft, language: 'fr' })).toContain(
      'Catégorie à revoir\u202f: la charte range \\_ga parmi les cookies strictement nécessaires, mais la table des traceurs connus en fait un cookie de mesure d’audience (Google), qui demande d’ordinaire le consentement du visiteur.',
    );
  });
});

describe('draftCharter: a prefix filed as necessary that covers trackers', () => {
  const seen = [
    { name: 'sessionid', days: 14 },
    { name: '_pk_id.1.a1b2', days: 393 },
    { name: '_hjSessionUser_1234', days: 365 },
  ];
  const draftWith = (prefix: string, cookies = seen) =>
    draftCharter([
      auditSite(playSite(HOST, cookies, 'accepted'), {
        ...CHARTER,
        entries: [entry('sessionid'), entry(prefix, { provider: 'P', match: 'prefix', category: 'necessary' })],
      }),
    ]);

  it.each([
    ['_pk_id.', 'Matomo'],
    ['_pk_', 'Matomo'],
    ['_hj', 'Hotjar'],
  ])('marks %s* as a tracker filed as necessary, and the list names %s', (prefix, provider) => {
    const draft = draftWith(prefix);
    const row = rowOf(draft, prefix)!;
    expect(row.entry.category).toBe('necessary');
    expect(row.marks).toContain('tracker-in-necessary');
    const label = prefix.replace(/[_.]/g, (character) => `\\${character}`);
    expect(draftMarkdown(draft)).toContain(
      `la charte range ${label}\\* parmi les cookies strictement nécessaires, mais la table des traceurs connus en fait un cookie de mesure d’audience (${provider})`,
    );
  });

  it('marks a prefix too short to name a vendor (`_h`) only for a tracker seen under it, and names that one', () => {
    // (`_*` itself is no entry a draft can write: the parser reads no prefix of one character.)
    const draft = draftWith('_h', [
      { name: 'sessionid', days: 14 },
      { name: '_hjSessionUser_1234', days: 365 },
    ]);
    expect(rowOf(draft, '_h')!.marks).toContain('tracker-in-necessary');
    expect(rowOf(draft, '_h')!.tracker).toEqual({ provider: 'Hotjar', category: 'statistics' });
    expect(draftMarkdown(draft)).toContain('en fait un cookie de mesure d’audience (Hotjar)');
    // Only the portal's own `_hx_own` seen under it: nothing says the charter means a tracker.
    const own = draftWith('_h', [
      { name: 'sessionid', days: 14 },
      { name: '_hx_own', days: 1 },
    ]);
    expect(rowOf(own, '_h')!.marks).not.toContain('tracker-in-necessary');
  });

  it('does not mark a necessary prefix that covers only the platform’s cookies', () => {
    const draft = draftWith('cookies_', [{ name: 'sessionid', days: 14 }]);
    expect(rowOf(draft, 'cookies_')!.marks).not.toContain('tracker-in-necessary');
    expect(draftMarkdown(draft)).not.toContain('Catégorie à revoir');
  });
});

describe('draftCharter: an entry the charter repeats', () => {
  const twice: ParsedCharter = {
    ...CHARTER,
    entries: [
      entry('sessionid'),
      entry('_ga', { provider: 'Google', category: 'statistics', purpose: 'Mesure' }),
      entry('_ga', { provider: 'Google', category: 'other', purpose: 'Mesure par un tiers' }),
      entry('sessionid', { provider: 'Autre portail', category: 'third-party' }),
    ],
  };

  it('says the repeat is declared twice, not that a cookie seen was not observed', () => {
    const draft = draftCharter([
      auditSite(
        playSite(HOST, [
          { name: 'sessionid', days: 14 },
          { name: '_ga', days: 30 },
        ]),
        twice,
      ),
    ]);
    expect(draft.rows.map((row) => [row.entry.category, row.entry.cookie, row.marks])).toEqual([
      ['necessary', 'sessionid', []],
      ['statistics', '_ga', []],
      // Embedded content's `sessionid` answers to this entry alone: no repeat, just not seen.
      ['third-party', 'sessionid', ['not-observed']],
      ['other', '_ga', ['declared-twice']],
    ]);
    const markdown = draftMarkdown(draft);
    expect(markdown).not.toContain('Non observé\u202f: \\_ga');
    expect(markdown).toContain(
      'Déclaré deux fois\u202f: la charte déclare \\_ga sur plusieurs lignes\u202f; seule la première s’applique, les suivantes n’ont jamais servi. Gardez une seule ligne, dans la bonne catégorie.',
    );
  });

  it('marks the first not observed and the repeat declared twice when neither was seen', () => {
    const draft = draftCharter([auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }], 'accepted'), twice)], { language: 'en' });
    expect(draft.rows.filter((row) => row.entry.cookie === '_ga').map((row) => row.marks)).toEqual([
      ['not-observed', 'to-translate'],
      ['declared-twice', 'to-translate'],
    ]);
    expect(draftMarkdown(draft)).toContain('| Google | \\_ga \\(declared twice\\) \\(to translate\\) |');
  });

  describe('a later prefix that matched embedded content’s cookie named like the platform’s', () => {
    // Embedded content's `sessionid` answers to the third-party section alone (core/registry/match.ts): the
    // third-party `session*` below the necessary one applies to it, and is no repeat that never applies.
    const prefixes: ParsedCharter = {
      ...CHARTER,
      entries: [
        entry('session', { match: 'prefix', category: 'necessary', duration: '12 mois' }),
        entry('session', { match: 'prefix', provider: 'Widget', category: 'third-party', duration: '18 mois' }),
      ],
    };
    const played: PlayedCookie[] = [{ name: 'sessionid', days: 500, domain: 'embed.other.org', context: { via: 'frame' } }];
    const sessionRows = (draft: CharterDraft) =>
      draft.rows.filter((row) => row.entry.cookie === 'session').map((row) => [row.entry.category, row.entry.duration, row.marks]);
    const expected = [
      ['necessary', '12 mois', ['not-observed']],
      ['third-party', '18 mois', []],
    ];

    it('keeps what it saw, and the first entry stays not observed', () => {
      const draft = draftCharter([auditSite(playSite(HOST, played, 'accepted'), prefixes)]);
      expect(sessionRows(draft)).toEqual(expected);
      expect(draft.notes.filter((note) => note.kind === 'declared-twice-left-out')).toEqual([]);
      for (const [format, read] of Object.entries(readBack(draft))) {
        const again = auditSite(playSite(HOST, played, 'accepted'), { ...prefixes, entries: read });
        const sessionid = again.cookies.find((cookie) => cookie.name === 'sessionid')!;
        expect([sessionid.category, sessionid.duration], format).toEqual(['third-party', '18 mois']);
        expect(
          again.findings.filter((finding) => finding.kind === 'lifetime'),
          format,
        ).toEqual([]);
      }
    });

    it('applies when the older of two runs reading the same charter matched it', () => {
      const older = auditSite(playSite(HOST, played, 'accepted'), prefixes);
      const newer = { ...auditSite(playSite(HOST, [], 'refused'), prefixes), generatedAt: older.generatedAt + 1000 };
      expect(sessionRows(draftCharter([older, newer]))).toEqual(expected);
      expect(sessionRows(draftCharter([newer, older]))).toEqual(expected);
    });
  });
});

describe('draftCharter: an entry the charter repeats in a section the draft writes first', () => {
  // The charter's table of other cookies comes first: its `_ga` applies, not the statistics one below it (a repeat on one
  // side: a repeat in and outside the third-party section is one entry of each side, core/registry/match.ts).
  const twice: ParsedCharter = {
    ...CHARTER,
    entries: [
      entry('_ga', { provider: 'Google', category: 'other', duration: '13 mois' }),
      entry('_ga', { provider: 'Google', category: 'statistics', duration: '6 mois' }),
    ],
  };
  const site = (played: PlayedCookie[]) => playSite(HOST, played, 'accepted');

  it('reads back, audited again, as the row that applied, and the list says which row was left out and why', () => {
    const played = [{ name: '_ga', days: 400 }];
    const draft = draftCharter([auditSite(site(played), twice)]);
    for (const [format, read] of Object.entries(readBack(draft))) {
      const again = auditSite(site(played), { ...twice, entries: read });
      const ga = again.cookies.find((cookie) => cookie.name === '_ga')!;
      expect([ga.category, ga.duration], format).toEqual(['other', '14 mois']);
      expect(
        again.findings.filter((finding) => finding.kind === 'lifetime'),
        format,
      ).toEqual([]);
    }
    expect(draftMarkdown(draft)).toContain(
      'Déclaré deux fois\u202f: la charte déclare \\_ga dans la section «\u202fAutres cookies\u202f» puis, plus bas, dans la section «\u202fCookies de mesure d’audience\u202f»',
    );
    const english = draftMarkdown(draftCharter([auditSite(site(played), twice)], { language: 'en' }));
    expect(english).toContain(
      'Declared twice: the charter declares \\_ga under "Other cookies" and, further down, under "Audience measurement cookies"',
    );
  });

  it('near the size limit, points no note to a row it left out, and lists the rest with the rows set aside', () => {
    // 2,400 names declared under other cookies (a long purpose each), then again under statistics: every statistics
    // repeat is left out, with a note naming the other row that applies; those rows fill the page.
    const count = 2_400;
    const name = (i: number) => `audience_${i}`;
    const many: ParsedCharter = {
      ...CHARTER,
      entries: [
        ...Array.from({ length: count }, (_, i) =>
          entry(name(i), { provider: 'Google', category: 'other', duration: '13 mois', purpose: 'p '.repeat(240) }),
        ),
        ...Array.from({ length: count }, (_, i) => entry(name(i), { provider: 'Google', category: 'statistics', duration: '6 mois' })),
      ],
    };
    const draft = draftCharter([auditSite(site([]), many)]);
    const written = new Set(draft.rows.map((row) => row.entry.cookie));
    const setAside = new Set(draft.setAside.map((cookie) => cookie.name));
    expect(setAside.size).toBeGreaterThan(0);
    const notes = draft.notes.filter((note) => note.kind === 'declared-twice-left-out');
    expect(notes.filter((note) => !written.has(note.name))).toEqual([]);
    for (let i = 0; i < count; i++) expect(written.has(name(i)) || setAside.has(name(i)), name(i)).toBe(true);
    expect(draft.rows.filter((row) => row.entry.category === 'statistics' && row.entry.cookie.startsWith('audience_'))).toEqual([]);
  });

  it('reads back as the row that applies when neither was seen', () => {
    const draft = draftCharter([auditSite(site([{ name: 'sessionid', days: 14 }]), twice)]);
    for (const [format, read] of Object.entries(readBack(draft))) {
      expect(
        read.filter((one) => one.cookie === '_ga').map(({ category, duration }) => [category, duration]),
        format,
      ).toEqual([['other', '13 mois']]);
    }
    expect(rowOf(draft, '_ga')?.marks).toEqual(['not-observed']);
  });

  it('gives the row that applies what an older run saw through the repeat left out, the charter changed in between', () => {
    // The older "accept" run read the statistics `_ga` alone and saw it live 500 days; the newer "refuse" run read the
    // other `_ga` above it and saw nothing: seen in either is seen, and the longest lifetime is the other row's.
    const statistics = twice.entries[1]!;
    const played = [{ name: '_ga', days: 500 }];
    const older = auditSite(site(played), { ...twice, entries: [statistics] });
    const newer = { ...auditSite(playSite(HOST, [], 'refused'), twice), generatedAt: older.generatedAt + 1000 };
    const draft = draftCharter([older, newer]);
    expect(
      draft.rows.filter((row) => row.entry.cookie === '_ga').map((row) => [row.entry.category, row.entry.duration, row.marks]),
    ).toEqual([['other', '17 mois', ['duration-observed']]]);
    expect(draft.notes).toContainEqual({ kind: 'declared-twice-left-out', name: '_ga', category: 'statistics', appliesIn: 'other' });
    for (const [format, read] of Object.entries(readBack(draft))) {
      const again = auditSite(site(played), { ...twice, entries: read });
      const ga = again.cookies.find((cookie) => cookie.name === '_ga')!;
      expect([ga.category, ga.duration], format).toEqual(['other', '17 mois']);
      expect(
        again.findings.filter((finding) => finding.kind === 'lifetime'),
        format,
      ).toEqual([]);
    }
  });
});

describe('draftCharter: an entry the charter repeats word for word', () => {
  const same = entry('_ga', { provider: 'Google', category: 'statistics', purpose: 'Mesure' });
  const twice: ParsedCharter = { ...CHARTER, entries: [entry('sessionid'), same, same] };

  it('keeps one row for both, marked declared twice, whether the cookie was seen or not', () => {
    const seen = draftCharter([auditSite(playSite(HOST, [{ name: '_ga', days: 30 }], 'accepted'), twice)], { language: 'en' });
    expect(seen.rows.filter((row) => row.entry.cookie === '_ga').map((row) => row.marks)).toEqual([['declared-twice', 'to-translate']]);
    expect(draftMarkdown(seen)).toContain('Declared twice: the charter declares \\_ga on more than one row');
    const unseen = draftCharter([auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }], 'accepted'), twice)], { language: 'en' });
    expect(unseen.rows.filter((row) => row.entry.cookie === '_ga').map((row) => row.marks)).toEqual([
      ['declared-twice', 'not-observed', 'to-translate'],
    ]);
    // Once in the charter, it is no repeat, however many runs read it.
    const once: ParsedCharter = { ...CHARTER, entries: [entry('sessionid'), same] };
    const runs = [playSite(HOST, [{ name: '_ga', days: 30 }], 'accepted'), playSite(HOST, [], 'refused')].map((site) =>
      auditSite(site, once),
    );
    expect(
      draftCharter(runs)
        .rows.filter((row) => row.entry.cookie === '_ga')
        .map((row) => row.marks),
    ).toEqual([[]]);
    // Nor when two runs read the charter changed in between, the entry moved.
    const moved: ParsedCharter = { ...CHARTER, entries: [entry('sessionid'), entry('csrftoken'), same] };
    const changed = [
      auditSite(playSite(HOST, [{ name: '_ga', days: 30 }], 'accepted'), once),
      auditSite(playSite(HOST, [], 'refused'), moved),
    ];
    const marksOfGa = draftCharter(changed).rows.filter((row) => row.entry.cookie === '_ga');
    expect(marksOfGa.map((row) => row.marks)).toEqual([[]]);
  });
});

describe('draftCharter: runs checked against different charters', () => {
  // The "accept" run read the live charter; the "refuse" run could not (no charter, or the platform's default instead).
  const accept = (host: string) =>
    auditSite(playSite(host, [{ name: '_pk_id.1.a1b2', days: 100 }], 'accepted'), { ...CHARTER, portal: host });
  const refuse = (host: string) =>
    playSite(
      host,
      [
        { name: 'sessionid', days: 14 },
        { name: 'csrftoken', days: 365 },
      ],
      'refused',
    );

  it.each(['data.ville.fr', HOST])(
    'counts a name the charter of any run declares as declared, and seen when any run saw it (%s)',
    (host) => {
      const draft = draftCharter([accept(host), auditSite(refuse(host), null)]);
      expect(draft).toMatchObject({ charterKind: 'live', language: 'fr' });
      expect(draft.rows.filter((row) => row.entry.cookie === 'sessionid')).toEqual([
        { entry: { ...CHARTER.entries[0], service: null }, marks: [], source: 'charter', statedDuration: null },
      ]);
      expect(draft.rows.filter((row) => row.entry.cookie === 'csrftoken').map((row) => row.marks)).toEqual([['moved-to-necessary']]);
      expect(draft.rows.filter((row) => row.entry.cookie === 'cookies_preferences')).toEqual([
        expect.objectContaining({ source: 'platform', marks: ['to-review'] }),
      ]);
      expect(draftMarkdown(draft)).not.toContain('2 weeks');
    },
  );
});

describe('draftCharter: a duration observed past a boundary by less than the second lifetimes are rounded to', () => {
  it('writes one the cookie does not outlive, read back and audited again', () => {
    const charter: ParsedCharter = { ...CHARTER, entries: [entry('foo', { duration: '3 mois' })] };
    const site = emptySite(HOST, '0');
    // 185 days and 0.4 s: past "6 mois" (184 days at most, and a day of slack), though rounded to the second it is 185 days.
    const cookie = browserCookie({ name: 'foo', domain: HOST, httpOnly: false, expirationDate: NOW_MS / 1000 + 185 * DAY + 1 });
    recordCookieChange(site, cookie, false, NOW_MS + 600);
    const run = buildReport(site, registryWith(HOST, charter), NOW_MS + 1000);
    expect(run.cookies.map((seen) => seen.lifetimeSeconds)).toEqual([185 * DAY]);
    const draft = draftCharter([run]);
    expect(rowOf(draft, 'foo')?.marks).toEqual(['duration-observed']);
    for (const [format, read] of Object.entries(readBack(draft))) {
      const again = buildReport(site, registryWith(HOST, { ...charter, entries: read }), NOW_MS + 1000);
      expect(
        again.findings.filter((finding) => finding.kind === 'lifetime'),
        format,
      ).toEqual([]);
    }
  });
});

describe('draftCharter: a charter changed between the "accept" and the "refuse" run', () => {
  const gaCharter = (gaDuration: string, ...more: CharterEntry[]): ParsedCharter => ({
    ...CHARTER,
    entries: [entry('sessionid'), entry('_ga', { provider: 'Google', category: 'statistics', duration: gaDuration }), ...more],
  });
  const acceptRun = (charter: ParsedCharter) =>
    auditSite(
      playSite(
        HOST,
        [
          { name: 'sessionid', days: 14 },
          { name: '_ga', days: 390 },
        ],
        'accepted',
      ),
      charter,
    );
  const refuseRun = (charter: ParsedCharter) => auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }], 'refused'), charter);
  const gaRows = (draft: CharterDraft) =>
    draft.rows.filter((row) => row.entry.cookie === '_ga').map((row) => [row.entry.duration, row.marks]);

  it('keeps one row of an entry reworded in between, in the newer charter’s words, not "declared twice"', () => {
    const draft = draftCharter([acceptRun(gaCharter('13 mois')), refuseRun(gaCharter('25 mois'))]);
    // Seen by the "accept" run under the older words: seen all the same.
    expect(gaRows(draft)).toEqual([['25 mois', []]]);
    expect(draftMarkdown(draft)).not.toContain('Déclaré deux fois');
  });

  it('takes the words of the charter read last by the runs’ time, not by their order', () => {
    const accept = { ...acceptRun(gaCharter('13 mois')), generatedAt: NOW_MS + 60_000 };
    const refuse = refuseRun(gaCharter('25 mois'));
    expect(gaRows(draftCharter([accept, refuse]))).toEqual([['13 mois', []]]);
    expect(gaRows(draftCharter([refuse, accept]))).toEqual([['13 mois', []]]);
  });

  it('still marks declared twice a name one charter writes on two lines', () => {
    const twice = gaCharter('25 mois', entry('_ga', { provider: 'Google', category: 'other', duration: '25 mois' }));
    const rows = (draft: CharterDraft) =>
      draft.rows.filter((row) => row.entry.cookie === '_ga').map((row) => [row.entry.category, row.marks]);
    const expected = [
      ['statistics', []],
      ['other', ['declared-twice']],
    ];
    expect(rows(draftCharter([acceptRun(twice)]))).toEqual(expected);
    // The newer charter writes it twice, the older once in other words: the newer's two lines.
    const draft = draftCharter([acceptRun(gaCharter('13 mois')), refuseRun(twice)]);
    expect(rows(draft)).toEqual(expected);
    expect(draftMarkdown(draft)).toContain('Déclaré deux fois\u202f: la charte déclare \\_ga sur plusieurs lignes');
  });
});

describe('draftText', () => {
  it('gives the text the parser reads back: no controls, bidi shown, no zero-width characters, whitespace collapsed', () => {
    expect(draftText('  a\u200B\tb\u202Ec\n ')).toBe('a b<U+202E>c');
    expect(draftText('\u001b[2Jx')).toBe('x');
  });

  it('cuts, with an ellipsis, a text whose escaped form would not fit a table cell', () => {
    expect(draftText('a'.repeat(9_000))).toBe('a'.repeat(9_000));
    const cut = draftText('&'.repeat(9_000));
    expect(cut).toBe(`${'&'.repeat(1_799)}…`);
  });

  it('keeps as much as fits escaped, cut by what each character takes, and says it cut', () => {
    expect(draftCell('a'.repeat(9_000))).toEqual({ text: 'a'.repeat(9_000), cut: false });
    // Plain letters take one character each: all but the ellipsis's room, not 1,799.
    expect(draftCell('a'.repeat(9_001))).toEqual({ text: `${'a'.repeat(8_999)}…`, cut: true });
    // `_` takes two (`\_`): 4,499 of them and "…" are 8,999 characters escaped.
    expect(draftText('_'.repeat(5_000))).toBe(`${'_'.repeat(4_499)}…`);
    // A leading `#` is escaped too (`\#`): one letter less.
    expect(draftText(`#${'a'.repeat(9_000)}`)).toBe(`#${'a'.repeat(8_997)}…`);
    for (const text of ['a'.repeat(20_000), `${'x&_'.repeat(4_000)}`, `#${'a'.repeat(9_000)}`, 'é '.repeat(6_000)]) {
      const written = markdownText(draftText(text)).length;
      expect(written).toBeLessThanOrEqual(9_000);
      expect(written).toBeGreaterThan(9_000 - 5);
    }
  });

  it('never cuts inside a surrogate pair or a code shown for a control', () => {
    const emoji = draftText('😀'.repeat(9_001));
    expect(emoji).toBe(`${'😀'.repeat(4_499)}…`);
    // No lone surrogate: the text survives a round trip through UTF-8.
    expect(new TextDecoder().decode(new TextEncoder().encode(emoji))).toBe(emoji);
    // Each bidi control is shown as `<U+202E>`, fourteen characters escaped (`&lt;U+202E&gt;`): whole codes only.
    const codes = draftText(`x${'\u202E'.repeat(1_000)}`);
    expect(codes).toMatch(/^x(?:<U\+202E>)+…$/);
    expect(markdownText(codes).length).toBeGreaterThan(9_000 - 14);
  });

  it('cuts between graphemes: never between a letter and its accent, an emoji and its modifier, or the halves of a flag', () => {
    const fill = (length: number) => 'a'.repeat(length);
    // Each cut below would fall inside the grapheme: a cell keeps 8,999 characters before "…".
    // `e` + U+0301 (combining acute): keeping `e` alone would turn "é" into "e".
    expect(draftCell(`${fill(8_998)}e\u0301${fill(10)}`)).toEqual({ text: `${fill(8_998)}…`, cut: true });
    // `ệ` as e + U+0323 + U+0302: neither "e" nor "ẹ".
    expect(draftText(`${fill(8_997)}e\u0323\u0302${fill(10)}`)).toBe(`${fill(8_997)}…`);
    // 👍 + 🏽 (a skin tone), 🇫 + 🇷 (the flag of France): whole, or not at all.
    expect(draftText(`${fill(8_997)}👍🏽${fill(10)}`)).toBe(`${fill(8_997)}…`);
    expect(draftText(`${fill(8_997)}🇫🇷${fill(10)}`)).toBe(`${fill(8_997)}…`);
    // A run of flags pairs from its start: the 2,249th flag is cut whole, the 2,248 before it kept.
    expect(draftText(`${fill(4)}${'🇫🇷'.repeat(3_000)}`)).toBe(`${fill(4)}${'🇫🇷'.repeat(2_248)}…`);
    // A grapheme that ends at the cut is kept.
    expect(draftText(`${fill(8_997)}e\u0301${fill(10)}`)).toBe(`${fill(8_997)}e\u0301…`);
  });

  it('cuts a grapheme of 100,000 combining marks before its letter, reading no more than a cell’s worth of it', () => {
    expect(draftCell(`ab${'\u0301'.repeat(100_000)}`)).toEqual({ text: 'a…', cut: true });
  });
});

describe('draftCharter: a charter’s words longer than a cell', () => {
  // The reviewer's case (r38): a purpose the parser reads (8,739 characters) that takes 10,259 escaped.
  const purpose = 'Cookie (_ga) : mesure. '.repeat(380).trim();
  const draftOf = (words: Partial<CharterEntry>, language?: 'en') =>
    draftCharter([auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }]), { ...CHARTER, entries: [entry('sessionid', words)] })], {
      language,
    });

  it('keeps as much of it as a cell holds, marks the row and lists the cut, in both languages', () => {
    expect(markdownText(purpose).length).toBeGreaterThan(9_000);
    const draft = draftOf({ purpose });
    const row = rowOf(draft, 'sessionid')!;
    expect(row.marks).toEqual(['text-cut']);
    expect(row.cut).toEqual(['purpose']);
    expect(row.entry.purpose.endsWith('…')).toBe(true);
    expect(purpose.startsWith(row.entry.purpose.slice(0, -1))).toBe(true);
    expect(markdownText(row.entry.purpose).length).toBeGreaterThan(9_000 - 5);
    const markdown = draftMarkdown(draft);
    expect(markdown).toContain('| sessionid \\(texte coupé\\) |');
    expect(markdown).toContain(
      'Texte coupé\u202f: la finalité de sessionid dépasse ce qu’une case de tableau de charte peut contenir pour être relue\u202f; seul son début est repris',
    );
    expect(draftMarkdown({ ...draft, language: 'en' })).toContain(
      'Text cut: the function of sessionid is longer than a charter table cell can hold and still be read back, so only its beginning is kept',
    );
    const meant = draft.rows.map((r) => r.entry);
    expect(readBack(draft)).toEqual({ markdown: meant, html: meant });
  });

  it('lists each of the row’s words that was cut, and nothing for words that fit', () => {
    const draft = draftOf({ provider: 'P&'.repeat(3_000), duration: '1 an '.repeat(2_000) });
    expect(rowOf(draft, 'sessionid')).toMatchObject({ marks: ['text-cut'], cut: ['provider', 'duration'] });
    expect(draftMarkdown(draft).match(/Texte coupé\u202f:/g)).toHaveLength(2);
    const meant = draft.rows.map((r) => r.entry);
    expect(readBack(draft)).toEqual({ markdown: meant, html: meant });
    expect(rowOf(draftOf({ purpose: 'Courte' }), 'sessionid')!.marks).toEqual([]);
  });
});

describe('draftCharter: lines of the charter its parser could not read', () => {
  const TOULOUSE = 'data.toulouse-metropole.fr';
  // The real Toulouse charter, plus two rows an author typed with one tab too many (5 cells under a 4-column header).
  const text =
    readFileSync(`charters/${TOULOUSE}.txt`, 'utf8') +
    "\nMatomo\tMesure d'audience\t(front)\t_pk_id\tIdentifier le visiteur (statistiques)\n" +
    "AT Internet\tMesure d'audience\t(front)\tatuserid\tIdentifiant visiteur\n";
  const reading = readCharterPageReading(text, null);
  const [matomo, atInternet] = reading.unreadRows;
  const charter: ParsedCharter = { portal: reading.portal, language: reading.language, entries: reading.entries };
  const live = {
    host: TOULOUSE,
    fetchedAt: NOW_MS,
    url: `https://${TOULOUSE}/terms/cookies-policy/`,
    charter,
    unreadRows: reading.unreadRows,
    problem: null,
  };
  const played = [
    { name: 'sessionid', days: 14 },
    { name: '_pk_id.3.1fff', days: 393 },
    { name: 'mystery', days: 3 },
  ];
  const audited = buildReport(playSite(TOULOUSE, played, 'accepted'), registryWith(TOULOUSE, charter), NOW_MS, live);
  const unreadNotes = (draft: CharterDraft) => draft.notes.filter((note) => note.kind.startsWith('unread'));

  it('lists each line not read, its number and its text, in both languages and formats', () => {
    expect(audited.charter.unreadRows).toHaveLength(2);
    expect([matomo!.text, atInternet!.text]).toEqual([expect.stringContaining('_pk_id'), expect.stringContaining('atuserid')]);
    const french = draftCharter([audited]);
    const english = draftCharter([audited], { language: 'en' });
    for (const draft of [french, english]) {
      expect(unreadNotes(draft)).toEqual([
        { kind: 'unread-line', line: matomo!.line, text: matomo!.text },
        { kind: 'unread-line', line: atInternet!.line, text: atInternet!.text },
      ]);
    }
    const quotedFr = (row: typeof matomo) => `${row!.line} de la charte n’a pas pu être lue`;
    const quotedEn = (row: typeof matomo) => `Line not read: line ${row!.line} of the charter could not be read`;
    for (const row of [matomo, atInternet]) {
      expect(draftMarkdown(french)).toContain(`Ligne non lue\u202f: la ligne ${quotedFr(row)}`);
      expect(draftMarkdown(french)).toContain(`«\u202f${markdownText(row!.text)}\u202f»`);
      expect(draftHtml(french)).toContain(`«\u202f${htmlText(row!.text)}\u202f»`);
      expect(draftMarkdown(english)).toContain(`${quotedEn(row)}, and nothing it declares is written here: "${markdownText(row!.text)}".`);
      expect(draftHtml(english)).toContain(`${quotedEn(row)}, and nothing it declares is written here: "${htmlText(row!.text)}".`);
    }
    // The list around the lines adds no entry: both formats read back as the rows, whatever the lines say.
    for (const draft of [french, english]) {
      const meant = draft.rows.map((row) => row.entry);
      expect(readBack(draft)).toEqual({ markdown: meant, html: meant });
    }
  });

  it('does not say the charter does not declare a cookie a line not read names, but that it may, there', () => {
    const french = draftMarkdown(draftCharter([audited]));
    expect(french).toContain(
      `\\_pk\\_id\\.\\* (Matomo) a été observé mais la charte du portail le déclare peut-être à la ligne ${matomo!.line}, que l’extension n’a pas pu lire.`,
    );
    // A cookie no line names: not declared, as before.
    expect(french).toContain('mystery (Prestataire inconnu) a été observé mais la charte ne le déclare pas.');
    const english = draftHtml(draftCharter([audited], { language: 'en' }));
    expect(english).toContain(
      `_pk_id.* (Matomo) was observed but the portal's charter may declare it on line ${matomo!.line}, which could not be read.`,
    );
    expect(english).toContain('mystery (Unknown provider) was observed but the charter does not declare it.');
  });

  it('quotes a line as the list shows names, escaped and cut, and counts the lines a report did not keep', () => {
    const long = `<b>|Nom du cookie|</b> ${'x'.repeat(1_000)}`;
    const rowsNotKept = { line: 9, text: '', reason: { kind: 'rows-not-kept', count: 4, kept: 100 }, more: 4 } as const;
    const withOld: typeof audited = {
      ...audited,
      charter: { ...audited.charter, unreadRows: [{ line: 9, text: long, reason: 'an older version’s reason' }, rowsNotKept] },
    };
    // Two runs of one charter: each line once, the count not added up.
    const draft = draftCharter([withOld, withOld]);
    expect(unreadNotes(draft)).toEqual([
      { kind: 'unread-line', line: 9, text: long },
      { kind: 'unread-more', count: 4 },
    ]);
    const html = draftHtml(draft);
    const shown = `&lt;b&gt;|Nom du cookie|&lt;/b&gt; ${'x'.repeat(300 - '<b>|Nom du cookie|</b> '.length)}…`;
    expect(html).toContain(
      `la ligne 9 de la charte n’a pas pu être lue, et rien de ce qu’elle déclare n’est repris ici\u202f: «\u202f${shown}\u202f»`,
    );
    expect(html).not.toContain('<b>');
    expect(html).toContain('Lignes non lues\u202f: 4 autres lignes de la charte n’ont pas pu être lues');
    const meant = draft.rows.map((row) => row.entry);
    expect(readBack(draft)).toEqual({ markdown: meant, html: meant });
  });

  /** A Markdown charter whose last row has one cell too many, audited with the cookies played. */
  const markdownAudit = (row: string, played: PlayedCookie[]) => {
    const host = 'data.example.fr';
    const text = ['# Charte cookies', '', '| Nom du cookie | Prestataire | Finalité | Durée |', '| --- | --- | --- | --- |'];
    const markdown = [...text, '| sessionid | Opendatasoft | Session | 2 semaines |', row, ''].join('\n');
    const reading = readCharterPageReading(markdown, 'text/markdown');
    expect(reading.unreadRows.map((unread) => unread.line)).toEqual([6]);
    const charter: ParsedCharter = { portal: reading.portal, language: reading.language, entries: reading.entries };
    const live = { host, fetchedAt: NOW_MS, url: `https://${host}/p/cookies/`, charter, unreadRows: reading.unreadRows, problem: null };
    return draftMarkdown(draftCharter([buildReport(playSite(host, played, 'accepted'), registryWith(host, charter), NOW_MS, live)]));
  };

  it('says a cookie a Markdown row not read names in italics or as a link may be declared there', () => {
    for (const name of ['*atuserid*', '[atuserid](#atuserid)']) {
      const draft = markdownAudit(`| ${name} | AT Internet | Mesure d’audience | 13 mois | en trop |`, [{ name: 'atuserid', days: 390 }]);
      expect(draft).toContain('atuserid (AT Internet) a été observé mais la charte du portail le déclare peut-être à la ligne 6');
    }
  });

  it('says of a row read in part that the names read from it are written, the rest to copy by hand, not that nothing it declares is', () => {
    const host = 'data.example.fr';
    const row = '| sessionid, * | Opendatasoft | Session | 2 semaines |';
    const markdown = ['# Charte cookies', '', '| Nom du cookie | Prestataire | Finalité | Durée |', '| --- | --- | --- | --- |', row, ''];
    const reading = readCharterPageReading(markdown.join('\n'), 'text/markdown');
    // `sessionid` read, the row listed for its `*`.
    expect(reading.entries.map((each) => each.cookie)).toEqual(['sessionid']);
    expect(reading.unreadRows.map((unread) => unread.line)).toEqual([5]);
    const charter: ParsedCharter = { portal: reading.portal, language: reading.language, entries: reading.entries };
    const live = { host, fetchedAt: NOW_MS, url: `https://${host}/p/cookies/`, charter, unreadRows: reading.unreadRows, problem: null };
    const audit = buildReport(playSite(host, [{ name: 'sessionid', days: 14 }], 'accepted'), registryWith(host, charter), NOW_MS, live);
    const french = draftCharter([audit]);
    const english = draftCharter([audit], { language: 'en' });
    for (const draft of [french, english]) {
      expect(unreadNotes(draft)).toEqual([{ kind: 'unread-line', line: 5, text: row, inPart: true }]);
      expect(rowOf(draft, 'sessionid')).toBeDefined();
    }
    const quoted = markdownText(row);
    // It said "nothing it declares is written here", sessionid's row written above it.
    expect(draftMarkdown(french)).not.toContain('rien de ce qu’elle déclare n’est repris ici');
    expect(draftMarkdown(french)).toContain(
      `Ligne lue en partie\u202f: la ligne 5 de la charte n’a pu être lue qu’en partie\u202f; les noms lus sont repris ici, pas le reste de ce qu’elle déclare\u202f: «\u202f${quoted}\u202f». Recopiez ce reste à la main`,
    );
    for (const text of [draftMarkdown(english), draftHtml(english)]) {
      expect(text).not.toContain('nothing it declares is written here');
      expect(text).toContain(
        'Line read in part: line 5 of the charter could be read only in part; the names read from it are written here, the rest of what it declares is not',
      );
    }
    expect(draftMarkdown(english)).toContain(`is not: "${quoted}". Copy the rest by hand`);
  });

  /** The drafts of an audit against a Markdown charter (a seen sessionid, and what `played` adds), in French and English. */
  const draftsOfMarkdown = (markdown: readonly string[], played: readonly PlayedCookie[] = []) => {
    const host = 'data.example.fr';
    const reading = readCharterPageReading(markdown.join('\n'), 'text/markdown');
    const charter: ParsedCharter = { portal: reading.portal, language: reading.language, entries: reading.entries };
    const live = { host, fetchedAt: NOW_MS, url: `https://${host}/p/cookies/`, charter, unreadRows: reading.unreadRows, problem: null };
    const site = playSite(host, [{ name: 'sessionid', days: 14 }, ...played], 'accepted');
    const audit = buildReport(site, registryWith(host, charter), NOW_MS, live);
    return { reading, fr: draftCharter([audit]), en: draftCharter([audit], { language: 'en' }) };
  };
  const HEADER = ['| Nom du cookie | Prestataire | Finalité | Durée |', '| --- | --- | --- | --- |'];
  const expectNoReadInPart = ({ fr, en }: { fr: CharterDraft; en: CharterDraft }) => {
    for (const text of [draftMarkdown(en), draftHtml(en)]) expect(text).not.toContain('the names read from it are written here');
    for (const text of [draftMarkdown(fr), draftHtml(fr)]) expect(text).not.toContain('les noms lus sont repris ici');
    for (const draft of [fr, en]) expect(unreadNotes(draft).some((note) => 'inPart' in note)).toBe(false);
  };

  it('says embedded content’s sessionid may be declared on a third-party line that gave no entry (its provider empty), whose note is the plain one', () => {
    const markdown = [
      ...['# Charte cookies', '', '## Cookies nécessaires', '', ...HEADER, '| sessionid | Opendatasoft | Session | 2 semaines |', ''],
      ...['## Cookies tiers', '', ...HEADER, '| sessionid, * |  | Vidéos | 6 mois |', ''],
    ];
    const embedded = { name: 'sessionid', days: 180, domain: 'video.example.org', context: { via: 'frame' } as const };
    const drafts = draftsOfMarkdown(markdown, [embedded]);
    // It was drafted as "the charter does not declare it": the necessary section's sessionid took the line's name.
    for (const draft of [drafts.fr, drafts.en]) expect(draft.rows.find((row) => row.embeddedBy)?.unreadLine).toBe(13);
    expect(draftMarkdown(drafts.en)).toContain('Line not read: line 13 of the charter');
    expectNoReadInPart(drafts);
  });

  describe.each([
    ['an empty provider', '| sessionid, * |  | Session | 2 semaines |'],
    ['a wildcard alone', '| * | Opendatasoft | Session | 2 semaines |'],
    ['prose naming no cookie', '| tout cookie commençant par | Opendatasoft | Session | 2 semaines |'],
  ])('a line that gave no entry (%s)', (_label, row) => {
    it('is not said to be read in part, its names written', () => {
      const drafts = draftsOfMarkdown(['# Charte cookies', '', ...HEADER, '| _pk_id | Matomo | Mesure | 13 mois |', row, '']);
      expect(drafts.reading.entries.map((each) => each.cookie)).toEqual(['_pk_id']);
      expect(unreadNotes(drafts.en)).toEqual([{ kind: 'unread-line', line: 6, text: row.replace(/\s+/gu, ' ') }]);
      expectNoReadInPart(drafts);
    });
  });

  it('says of a line read in part whose only read name the draft leaves out (a repeat) that nothing it declares is written', () => {
    const row = '| _ga, * | Google | Mesure | 6 mois |';
    const drafts = draftsOfMarkdown([
      ...['# Charte cookies', '', '## Autres cookies', '', ...HEADER, '| _ga | Google | Mesure | 13 mois |', ''],
      ...['## Cookies de mesure d’audience', '', ...HEADER, row, ''],
    ]);
    expect(drafts.reading.unreadRows.map(({ line, gave }) => [line, gave])).toEqual([[13, { first: 1, count: 1 }]]);
    for (const draft of [drafts.fr, drafts.en]) {
      // The line's `_ga` (6 mois) is left out, declared twice: the earlier one applies.
      expect(draft.rows.filter((each) => each.entry.cookie === '_ga').map((each) => each.entry.duration)).toEqual(['13 mois']);
      expect(draft.notes.some((note) => note.kind === 'declared-twice-left-out' && note.name === '_ga')).toBe(true);
    }
    expect(unreadNotes(drafts.en)).toEqual([{ kind: 'unread-line', line: 13, text: row }]);
    expectNoReadInPart(drafts);
  });

  it('reads no position past the charter of a report whose stored range says more', () => {
    const row = '| _ga, * | Google | Mesure | 6 mois |';
    const reading = readCharterPageReading(['# Charte cookies', '', ...HEADER, row, ''].join('\n'), 'text/markdown');
    const unreadRows = reading.unreadRows.map((unread) => ({ ...unread, gave: { first: 0, count: 1e12 } }));
    const audit = report([], { charter: { kind: 'live', language: 'fr', entries: 1, unreadRows } } as never);
    expect(unreadNotes(draftCharter([audit], { language: 'en' }))).toEqual([{ kind: 'unread-line', line: 5, text: row }]);
  });

  it('says of a line read in part whose read name the draft writes that the names read from it are written', () => {
    const row = '| _ga, * | Google | Mesure | 6 mois |';
    const drafts = draftsOfMarkdown([
      ...['# Charte cookies', '', '## Cookies de mesure d’audience', '', ...HEADER, '| _pk_id | Matomo | Mesure | 13 mois |', ''],
      ...['## Autres cookies', '', ...HEADER, row, ''],
    ]);
    expect(unreadNotes(drafts.en)).toEqual([{ kind: 'unread-line', line: 13, text: row, inPart: true }]);
    expect(rowOf(drafts.en, '_ga')?.entry.duration).toBe('6 mois');
  });

  it('drafts from two runs whose charters word a line read in part otherwise: its read name is the newer charter’s row', () => {
    // The older run's `| _ga, * |` gave `_ga` (6 mois); the newer charter, read again, says `| _ga |` (13 mois):
    // the older's entry gives way to the newer's, which the line's note then names as written (it threw before).
    const host = 'data.example.fr';
    const row = '| _ga, * | Google | Mesure | 6 mois |';
    const auditOf = (line: string, days: number, at: number) => {
      const markdown = ['# Charte cookies', '', ...HEADER, '| sessionid | Opendatasoft | Session | 2 semaines |', line, ''];
      const reading = readCharterPageReading(markdown.join('\n'), 'text/markdown');
      const charter: ParsedCharter = { portal: reading.portal, language: reading.language, entries: reading.entries };
      const live = { host, fetchedAt: at, url: `https://${host}/p/cookies/`, charter, unreadRows: reading.unreadRows, problem: null };
      const site = playSite(
        host,
        [
          { name: 'sessionid', days: 14 },
          { name: '_ga', days },
        ],
        'accepted',
      );
      return { reading, audit: buildReport(site, registryWith(host, charter), at, live) };
    };
    const older = auditOf(row, 180, NOW_MS - 60_000);
    const newer = auditOf('| _ga | Google | Mesure | 13 mois |', 390, NOW_MS);
    expect(older.reading.unreadRows.map(({ line, gave }) => [line, gave])).toEqual([[6, { first: 1, count: 1 }]]);
    for (const reports of [
      [older.audit, newer.audit],
      [newer.audit, older.audit],
    ]) {
      const draft = draftCharter(reports, { language: 'en' });
      expect(draft.rows.filter((each) => each.entry.cookie === '_ga').map((each) => each.entry.duration)).toEqual(['13 mois']);
      expect(unreadNotes(draft)).toEqual([{ kind: 'unread-line', line: 6, text: row, inPart: true }]);
    }
  });

  it('reads no prefix from a footnote mark of a prose word: the platform’s cookies_preferences is not maybe declared by "les cookies*"', () => {
    const draft = markdownAudit('| _pk_id | Matomo | Mesure d’audience, les cookies* de mesure | 13 mois | en trop |', [
      { name: 'sessionid', days: 14 },
    ]);
    expect(draft).toContain('cookies\\_preferences (Huwise) a été observé mais la charte ne le déclare pas');
  });
});
