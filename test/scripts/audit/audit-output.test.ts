import { describe, expect, it } from 'vitest';
import {
  choiceNotMade,
  comparisonOfRuns,
  exitCode,
  findingCount,
  formatComparison,
  formatReport,
} from '../../../scripts/audit/audit-output.ts';
import { comparableReport, compareRuns } from '../../../src/core/report/index.ts';
import { BUTTON_WORDS } from '../../../scripts/audit/consent-banner.ts';
import { report, reportCookie, finding } from '../../support/reports.ts';
import { auditSite, charterEntry, playSite } from '../../support/charter-audit.ts';

/** The site's own cookies of these names, as the comparison lists them. */
const own = (...names: string[]) => names.map((name) => ({ name, embeddedDomain: null }));

const accepted = report([
  reportCookie({ name: 'sessionid' }),
  reportCookie({ name: '_pk_id.1', category: 'statistics', provider: 'Matomo', firstPhase: 'after-accept' }),
]);
const refused = report(
  [
    reportCookie({ name: 'sessionid' }),
    reportCookie({ name: '_hjid', category: 'other', status: 'undeclared', firstPhase: 'after-refuse' }),
  ],
  {
    findings: [finding({ kind: 'after-refusal', cookie: '_hjid', evidence: 'set after a refusal' })],
  },
);

describe('audit output', () => {
  it('tells a nameless cookie from one named "(no name)" in the table and the findings', () => {
    const text = formatReport(
      report([reportCookie({ name: '' }), reportCookie({ name: '(no name)' })], {
        findings: [
          finding({ kind: 'undeclared', cookie: '', evidence: 'a' }),
          finding({ kind: 'undeclared', cookie: '(no name)', evidence: 'a' }),
        ],
      }),
      'x',
    );
    const lines = text.split('\n');
    expect(lines.filter((line) => line.startsWith('(no name) '))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('<U+0028>no name) '))).toHaveLength(1);
    expect(lines).toContain('  [medium] undeclared (no name): a');
    expect(lines).toContain('  [medium] undeclared <U+0028>no name): a');
  });

  it('prints a table with the seven columns, then the findings', () => {
    const text = formatReport(refused, 'Consent: refuse');
    expect(text.split('\n')[2]).toMatch(/^Cookie\s+Provider\s+Service\s+Purpose\s+Status\s+Phase\s+First page$/);
    expect(text).toMatch(/_hjid\s+Opendatasoft\s+Authentification\s+.*undeclared\s+after-refuse\s+\/$/m);
    expect(text).toContain('Findings (1):\n  [high] after-refusal _hjid: set after a refusal');
    expect(formatReport(accepted, 'x')).toContain('Findings (0):\n  none');
  });

  it('says `expired` in the Status column of a cookie whose expiry is past, no removal heard, as it says `removed`', () => {
    const text = formatReport(report([reportCookie({ name: '_gat', expired: true }), reportCookie({ name: '_gid', removed: 1 })]), 'x');
    expect(text).toMatch(/^_gat\s.*\sexpired\s/m);
    expect(text).toMatch(/^_gid\s.*\sremoved\s/m);
  });

  it('says in the Phase column when the visitor’s choice explains an entry not seen, and nothing when it does not', () => {
    const entry = { provider: 'Someone', service: null, purpose: 'Audience', duration: null, match: 'exact' } as const;
    const text = formatReport(
      report([reportCookie({ name: 'sessionid' })], {
        notSeen: [
          { ...entry, cookie: '_ga', category: 'statistics', absentBecause: 'refused' },
          { ...entry, cookie: 'disqus_unique', category: 'third-party', absentBecause: 'before-choice' },
          { ...entry, cookie: 'csrftoken', category: 'necessary' },
          { ...entry, cookie: 'cookies_preferences', category: 'necessary', absentBecause: 'no-choice-saved' },
          { ...entry, cookie: 'django_language', category: 'necessary', absentBecause: 'multilingual-only' },
        ],
      }),
      't',
    );
    // The consent cookie waits for the choice too; the language cookie's absence has no phase.
    expect(text).toMatch(/^cookies_preferences\s+Someone\s+Audience\s+not-seen\s+before-choice$/m);
    expect(text).toMatch(/^django_language\s+Someone\s+Audience\s+not-seen$/m);
    expect(text).toMatch(/^_ga\s+Someone\s+Audience\s+not-seen\s+after-refuse$/m);
    expect(text).toMatch(/^disqus_unique\s+Someone\s+Audience\s+not-seen\s+before-choice$/m);
    expect(text).toMatch(/^csrftoken\s+Someone\s+Audience\s+not-seen$/m);
  });

  it('prints choice-unreadable, the widest phase, whole in the Phase column', () => {
    const text = formatReport(
      report([reportCookie({ name: '_ga', firstPhase: 'choice-unreadable', firstPage: '/x/' })], {
        consent: { state: 'unknown', changedAt: null, trackers: {} },
      }),
      't',
    );
    expect(text).toMatch(/^_ga\s.*\schoice-unreadable\s+\/x\/$/m);
  });

  describe('a run whose record lost cookies to storage says so: its table is not one of a run that lost nothing', () => {
    const host = 'data.example.org';
    const charter = { portal: host, language: 'fr' as const, entries: [charterEntry('cookies_preferences'), charterEntry('csrftoken')] };
    const trimmed = playSite(host, [], 'accepted');
    trimmed.droppedCookies = 5609;
    const evicted = playSite(host, [], 'accepted');
    evicted.timeline.push({ type: 'evicted', at: evicted.timeline[0]?.at ?? 1, cookies: 12, events: 40 });

    it('the entry no kept cookie matched reads "cookies lost" in the Phase column, and a line under the table says why', () => {
      const text = formatReport(auditSite(trimmed, charter), 'accept');
      expect(text).toMatch(/^csrftoken\s+Huwise\s+.*not-seen\s+cookies lost$/m);
      expect(text).toContain(
        'Cookies lost: 5609 older cookies of this site were dropped to keep its record within 2 MB; an entry marked "cookies lost" may have been one of them: no finding made.',
      );
    });

    it('so does a run whose record was dropped to make room (its evicted marker)', () => {
      const text = formatReport(auditSite(evicted, charter), 'accept');
      expect(text).toMatch(/^csrftoken\s+Huwise\s+.*not-seen\s+cookies lost$/m);
      expect(text).toContain(
        'Cookies lost: this site\'s earlier record was dropped to make room in storage; an entry marked "cookies lost" may have been one of them: no finding made.',
      );
    });

    it('a run that lost nothing says neither', () => {
      const text = formatReport(auditSite(playSite(host, [], 'accepted'), charter), 'accept');
      expect(text).toMatch(/^csrftoken\s+Huwise\s+.*not-seen$/m);
      expect(text).not.toContain('lost');
    });
  });

  it('shows a character of a name that shows nothing as its code: a cookie `_g\\u200Ba` never reads as the declared `_ga`', () => {
    const lookalike = report(
      [reportCookie({ name: '_ga' }), reportCookie({ name: '_g\u200Ba', category: 'other', status: 'undeclared' })],
      { findings: [finding({ kind: 'undeclared', cookie: '_g\u200Ba' })] },
    );
    const text = formatReport(lookalike, 't');
    expect(text).toMatch(/^_g<U\+200B>a\s/m);
    expect(text).toMatch(/^_ga\s/m);
    expect(text).toContain(' _g<U+200B>a: ');
    expect(text).not.toContain('\u200B');
  });

  it("shows a charter's not-seen name as a cookie's is shown: `_g\\u200Ba` declared never reads as `_ga`, nor one named (no name) as a nameless cookie", () => {
    const entry = (cookie: string, match: 'exact' | 'prefix' = 'exact') => ({
      match,
      cookie,
      provider: 'Google',
      service: 'Google Analytics',
      purpose: 'Statistiques',
      duration: '13 mois',
      category: 'statistics' as const,
    });
    const text = formatReport(report([], { notSeen: [entry('_g\u200Ba'), entry('_pk\u202Eid.', 'prefix'), entry('(no name)')] }), 't');
    expect(text).toMatch(/^_g<U\+200B>a\s+Google\s/m);
    expect(text).toMatch(/^_pk<U\+202E>id\.\*\s+Google\s/m);
    expect(text).toMatch(/^<U\+0028>no name\)\s+Google\s/m);
    expect(text).not.toContain('\u200B');
  });

  it('says an empty cookie name in words, in the table, the findings and the comparison', () => {
    const nameless = report([reportCookie({ name: '', category: 'other', status: 'undeclared', firstPhase: 'after-refuse' })], {
      findings: [finding({ kind: 'after-refusal', cookie: '', evidence: 'set after a refusal' })],
    });
    const text = formatReport(nameless, 't');
    expect(text).toMatch(/^\(no name\)\s+Opendatasoft\s/m);
    expect(text).toContain('  [high] after-refusal (no name): set after a refusal');
    const comparison = formatComparison(compareRuns(comparableReport(accepted), comparableReport(nameless)));
    expect(comparison).toContain('- Cookies only after refusing: *(no name)*');
  });

  it('names a path narrower than the site beside the name, with the domain of embedded content', () => {
    const scoped = report([
      reportCookie({ name: 'sid', path: '/' }),
      reportCookie({ name: 'sid', path: '/explore/' }),
      reportCookie({ name: 'dq', domain: '.disqus.com', path: '/x/', thirdParty: { via: 'response' } }),
    ]);
    const text = formatReport(scoped, 't');
    expect(text).toMatch(/^sid {2,}/m);
    expect(text).toMatch(/^sid \(path \/explore\/\) /m);
    expect(text).toMatch(/^dq \(disqus\.com, path \/x\/\) /m);
  });

  it('names the site of a partition beside the name: two partitions of one cookie read apart', () => {
    const partitioned = report([
      reportCookie({ name: 'ctx', partitionKey: 'https://tco.re' }),
      reportCookie({ name: 'ctx', partitionKey: 'https://ods.fr' }),
    ]);
    const text = formatReport(partitioned, 't');
    expect(text).toMatch(/^ctx \(partition tco\.re\) /m);
    expect(text).toMatch(/^ctx \(partition ods\.fr\) /m);
    // Chrome's cross-site bit, by which alone two cookies may differ; a long cell is cut in its
    // middle, so the bit comes first and the site, at the end, stays in sight.
    const bits = formatReport(
      report([
        reportCookie({ name: 'chips', partitionKey: 'https://tco.re', hasCrossSiteAncestor: true }),
        reportCookie({ name: 'chips', partitionKey: 'https://tco.re', hasCrossSiteAncestor: false }),
        reportCookie({ name: '_cfuvid', domain: '.tco.re', partitionKey: 'https://a.fr', hasCrossSiteAncestor: true }),
        reportCookie({ name: '_cfuvid', domain: '.tco.re', partitionKey: 'https://b.fr', hasCrossSiteAncestor: true }),
      ]),
      't',
    );
    expect(bits).toMatch(/^chips \(cross-\S+ tco\.re\) /m);
    expect(bits).toMatch(/^chips \(partition tco\.re\) /m);
    expect(bits).toMatch(/^_cfuvid \(cross-\S+ a\.fr\) /m);
    expect(bits).toMatch(/^_cfuvid \(cross-\S+ b\.fr\) /m);
  });

  it('names the first party a cookie is isolated under beside the name, and nothing without one', () => {
    const isolated = report([
      reportCookie({ name: 'ctx', firstPartyDomain: 'tco.re' }),
      reportCookie({ name: 'ctx', firstPartyDomain: 'example.net' }),
      reportCookie({ name: 'plain' }),
    ]);
    const text = formatReport(isolated, 't');
    expect(text).toMatch(/^ctx \(first party tco\.re\) /m);
    expect(text).toMatch(/^ctx \(first party example\.net\) /m);
    expect(text).toMatch(/^plain /m);
  });

  it('names the domain of a cookie of embedded content', () => {
    const embedded = report([
      reportCookie({ name: 'disqus_unique', domain: '.disqus.com', thirdParty: { via: 'response' }, firstPage: '/explore/x/' }),
    ]);
    expect(formatReport(embedded, 't')).toMatch(/^disqus_unique \(disqus\.com\)\s+.*\/explore\/x\/$/m);
  });

  it('marks a cookie of unknown origin, and says under the table why it makes no finding', () => {
    const shared = report([
      reportCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false, status: 'undeclared', originUnknown: true }),
      reportCookie({ name: 'sessionid' }),
    ]);
    const lines = formatReport(shared, 't').split('\n');
    expect(lines[4]).toMatch(/^\* _ga\s+Opendatasoft\s+.*undeclared/);
    expect(lines[5]).toMatch(/^sessionid\s/);
    expect(lines[6]).toBe(
      '* Origin unknown: other sites under its domain were open too, so which one set it is not known; no finding made.',
    );
    expect(formatReport(refused, 't')).not.toContain('Origin unknown');
  });

  it('says how many lines of a live charter were not read, where a cookie shown undeclared may be declared', () => {
    const live = { fetchedAt: 1, url: 'https://data.tco.re/terms/cookies-policy/', problem: null };
    const row = (line: number) => ({ line, text: 'Hotjar _hj* 1 an Mesurer x y', reason: 'why' });
    const withUnread = (rows: ReturnType<typeof row>[]) =>
      report([], { charter: { ...report([]).charter, kind: 'live', live, unreadRows: rows } });
    expect(formatReport(withUnread([row(12)]), 't').split('\n')[0]).toBe(
      't: data.tco.re, live charter (https://data.tco.re/terms/cookies-policy/; 1 line not read, listed in the JSON export), consent: none',
    );
    expect(formatReport(withUnread([row(12), row(12), row(14)]), 't').split('\n')[0]).toContain('; 2 lines not read,');
    expect(formatReport(withUnread([]), 't').split('\n')[0]).toContain('live charter (https://data.tco.re/terms/cookies-policy/), consent');
  });

  it('gives the consent state with each tracker’s choice', () => {
    const mixed = report([], { consent: { state: 'choice', changedAt: 1, trackers: { matomo: true, ga: false } } });
    expect(formatReport(mixed, 't').split('\n')[0]).toBe(
      't: data.tco.re, bundled charter, consent: choice (Matomo: accepted, Google Analytics: refused)',
    );
    expect(formatReport(refused, 't').split('\n')[0]).toMatch(/consent: none$/);
  });

  it('cuts long cells so columns stay aligned', () => {
    const text = formatReport(report([reportCookie({ name: 'x'.repeat(60), purpose: 'p'.repeat(200) })]), 't');
    const row = text.split('\n')[4]!;
    expect(row.startsWith(`${'x'.repeat(15)}…${'x'.repeat(14)}  `)).toBe(true);
    expect(row).toContain(`${'p'.repeat(31)}…`);
  });

  it('cuts cells between whole characters as a reader sees them: never half an emoji, nor a letter without its accent', () => {
    const accented = 'e\u0301'; // é as e and a combining acute accent: two UTF-16 units, one character
    const row = (name: string, purpose = 'p') =>
      formatReport(report([reportCookie({ name, provider: 'Acme', purpose })]), 't').split('\n')[4]!;
    // A lone surrogate (half an emoji) would print as U+FFFD.
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const emoji = row('😀'.repeat(20), `Mesure d’audience ${'📊'.repeat(16)}`);
    expect(emoji).not.toMatch(lone);
    // Widths as before (UTF-16 units); a cut that would split a character keeps it out, and the cell is padded.
    expect(emoji.startsWith(`${'😀'.repeat(7)}…${'😀'.repeat(7)}   Acme`)).toBe(true);
    expect(emoji).toContain(`Mesure d’audience ${'📊'.repeat(6)}… `);
    expect(row(accented.repeat(40)).startsWith(`${accented.repeat(7)}…${accented.repeat(7)}   Acme`)).toBe(true);
    expect(row(`${accented.repeat(40)}x`).startsWith(`${accented.repeat(7)}…${accented.repeat(6)}x    Acme`)).toBe(true);
  });

  it('keeps part of a character longer than its column rather than nothing, cut between code points: two names stay apart', () => {
    const marks = '\u0301'.repeat(40); // one character: a letter and 40 combining accents, longer than any column
    const row = (name: string, purpose = 'p') =>
      formatReport(report([reportCookie({ name, provider: 'Acme', purpose })]), 't').split('\n')[4]!;
    expect(row(`a${marks}`).startsWith(`${`a${marks.slice(0, 14)}…`.padEnd(30)}  Acme`)).toBe(true);
    expect(row(`a${marks}`).slice(0, 30)).not.toBe(row(`b${marks}`).slice(0, 30));
    expect(row('x', `p${marks}`)).toContain(`  p${marks.slice(0, 30)}… `);
    // A black flag and 30 tag letters (as England's flag is made): one character of surrogate pairs, none split
    // (the Purpose column shows tag letters; the Cookie column writes them as codes).
    const tagged = `🏴${String.fromCodePoint(0xe0061).repeat(30)}\u{E007F}`;
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(row('x', tagged)).not.toMatch(lone);
    expect(row('x', tagged)).toContain(`  ${tagged.slice(0, 30)}…  `);
    // Not only the first character: one longer than its column after a letter is cut too, in the name and the purpose.
    expect(row(`xa${marks}`).slice(0, 30)).not.toBe(row(`xb${marks}`).slice(0, 30));
    expect(row('n', `xa${marks}`)).not.toBe(row('n', `xb${marks}`));
    expect(row('n', `xa${marks}`)).toContain(`  xa${marks.slice(0, 29)}… `);
  });

  it('cuts a long Cookie cell in its middle, so cookies that differ at the end of their names, paths or domains read apart', () => {
    const pairs = [
      ['_hjSessionUser_12345678901234567890A', '_hjSessionUser_12345678901234567890B'].map((name) => reportCookie({ name })),
      ['/explore/dataset/very-long-dataset-name/', '/explore/dataset/very-long-dataset-name2/'].map((path) =>
        reportCookie({ name: 'sessionid', path }),
      ),
      ['tiles.example-longdomain-one.net', 'tiles.example-longdomain-two.net'].map((domain) =>
        reportCookie({ name: 'ab', domain, thirdParty: { via: 'frame' } }),
      ),
    ];
    for (const pair of pairs) {
      const cells = formatReport(report(pair), 't')
        .split('\n')
        .slice(4, 6)
        .map((row) => row.slice(0, 30));
      expect(cells[0]).toContain('…');
      expect(new Set(cells).size, cells.join(' | ')).toBe(2);
    }
  });

  it('compares an accept run with a refuse run', () => {
    const comparison = compareRuns(comparableReport(accepted), comparableReport(refused));
    expect(comparison).toEqual({
      onlyAfterAccept: own('_pk_id.1'),
      onlyAfterRefuse: own('_hjid'),
      trackersAfterRefuse: own('_hjid'),
      originUnknown: [],
    });
    expect(formatComparison(comparison)).toContain('- Cookies only after accepting: \\_pk\\_id\\.1');
    expect(formatComparison(comparison)).not.toContain('unknown origin');
  });

  it('writes embedded content’s cookie with its domain, apart from the site’s own of the same name', () => {
    const both = formatComparison({
      onlyAfterAccept: [...own('_ga'), { name: '_ga', embeddedDomain: 'video.example' }],
      onlyAfterRefuse: [],
      trackersAfterRefuse: [],
      originUnknown: [],
    });
    expect(both).toContain('- Cookies only after accepting: \\_ga, \\_ga (embedded content: video\\.example)\n');
  });

  it('writes an empty list apart from a list of one cookie named `none`', () => {
    const named = formatComparison({ onlyAfterAccept: own('none'), onlyAfterRefuse: [], trackersAfterRefuse: [], originUnknown: [] });
    const empty = formatComparison({ onlyAfterAccept: [], onlyAfterRefuse: [], trackersAfterRefuse: [], originUnknown: [] });
    expect(named).toContain('- Cookies only after accepting: none\n');
    expect(empty).toContain('- Cookies only after accepting: *none*\n');
    const emphasised = formatComparison({
      onlyAfterAccept: own('*none*'),
      onlyAfterRefuse: [],
      trackersAfterRefuse: [],
      originUnknown: [],
    });
    expect(emphasised).toContain('- Cookies only after accepting: \\*none\\*\n');
  });

  it('writes a cookie named `x, y` as one, not as the cookies `x` and `y`: the comma of `, ` in an item as its code', () => {
    const one = formatComparison({ onlyAfterAccept: own('x, y'), onlyAfterRefuse: [], trackersAfterRefuse: [], originUnknown: [] });
    const two = formatComparison({ onlyAfterAccept: own('x', 'y'), onlyAfterRefuse: [], trackersAfterRefuse: [], originUnknown: [] });
    expect(one).toContain('- Cookies only after accepting: x&lt;U+002C&gt; y\n');
    expect(two).toContain('- Cookies only after accepting: x, y\n');
    // A comma without a space is not the separator, and a name holding the code's text shows its `<` as a code.
    const kept = formatComparison({
      onlyAfterAccept: own('a,b', 'c,', 'x<U+002C> y'),
      onlyAfterRefuse: [],
      trackersAfterRefuse: [],
      originUnknown: [],
    });
    expect(kept).toContain('- Cookies only after accepting: a,b, c,, x&lt;U+003C&gt;U+002C&gt; y\n');
    const pages = formatComparison({
      onlyAfterAccept: [],
      onlyAfterRefuse: [],
      trackersAfterRefuse: [],
      originUnknown: [],
      pagesNotShared: { onlyAccept: ['/a, b/', '/c/'], onlyRefuse: [], cookies: [] },
    });
    expect(pages).toContain('- Pages only the accept run loaded: /a&lt;U+002C&gt; b/, /c/\n');
  });

  it('names a cookie on two domains once, and lists apart the cookies of unknown origin', () => {
    const twice = report(
      [
        reportCookie({ name: '_ga', category: 'statistics', domain: 'data.tco.re' }),
        reportCookie({ name: '_ga', category: 'statistics', domain: '.data.tco.re', hostOnly: false }),
        reportCookie({ name: '_gid', category: 'statistics', domain: '.tco.re', hostOnly: false, originUnknown: true }),
      ],
      { findings: ['data.tco.re', '.data.tco.re'].map((domain) => finding({ kind: 'after-refusal', cookie: '_ga', domain })) },
    );
    const text = formatComparison(compareRuns(comparableReport(accepted), comparableReport(twice)));
    expect(text).toContain('- Cookies set or kept against the refusal: \\_ga\n');
    expect(text).toContain('- Not compared, of unknown origin (other open sites share their domain): \\_gid\n');
  });

  /** An audit run of `report` that visited `pages` and could not load `notLoaded` of them. */
  const run = (of: typeof accepted, pages = ['/'], notLoaded: string[] = []) => ({ report: of, pages, notLoaded });
  const made = (of: typeof accepted, state: 'accepted' | 'refused') => ({ ...of, consent: { state, changedAt: 2, trackers: {} } });

  it('compares two runs only when one accepted every tracker and the other refused them all, as the panel does', () => {
    expect(comparisonOfRuns(run(made(accepted, 'accepted')), run(made(refused, 'refused')))).toBe(
      formatComparison(compareRuns(comparableReport(accepted), comparableReport(refused))),
    );
    // No banner button found: neither run made a choice, and `_hjid`, left after no refusal, is no tracker after refusing.
    const none = comparisonOfRuns(run(accepted), run(refused));
    expect(none).not.toContain('Accept and refuse compared');
    expect(none).not.toContain('hjid');
    expect(none.split('\n')).toEqual([
      '# Accept and refuse not compared',
      '',
      'These runs cannot be compared: one must accept every tracker and the other refuse them all, as in the panel. The consent each run recorded:',
      '',
      '- The accept run: none (no choice was recorded: no consent banner button was found, or clicking it recorded none)',
      '- The refuse run: none (no choice was recorded: no consent banner button was found, or clicking it recorded none)',
      '',
    ]);
    const offPlatform = comparisonOfRuns(
      run(made(accepted, 'accepted')),
      run({ ...refused, consent: { state: 'unknown', changedAt: null, trackers: {} } }),
    );
    expect(offPlatform).toContain('- The accept run: accepted (every tracker accepted)');
    expect(offPlatform).toContain('- The refuse run: unknown (no choice could be read: no platform consent cookie was set');
  });

  it('says when the runs did not load the same pages, and which cookies first appeared on those', () => {
    const MAP = '/explore/dataset/roads/map/';
    const withMap = made(
      report([...accepted.cookies, reportCookie({ name: 'mapbox_tiles', category: 'other', firstPage: MAP, firstPhase: 'after-accept' })]),
      'accepted',
    );
    // The refuse run visited the map tab too, but it did not load: its cookies are not a difference of choice.
    const text = comparisonOfRuns(run(withMap, ['/', MAP]), run(made(refused, 'refused'), ['/', MAP], [MAP]));
    expect(text).toContain('- Cookies only after accepting: \\_pk\\_id\\.1, mapbox\\_tiles\n');
    expect(text).toContain(
      'The runs did not load the same pages: a cookie only one run saw may come from a page rather than from the choice.',
    );
    expect(text).toContain(`- Pages only the accept run loaded: /explore/dataset/roads/map/\n`);
    expect(text).toContain('- Pages only the refuse run loaded: *none*\n');
    expect(text).toContain('- Cookies above that first appeared on one of those pages: mapbox\\_tiles\n');
    // The same pages loaded: nothing said of them.
    expect(comparisonOfRuns(run(withMap, ['/', MAP]), run(made(refused, 'refused'), [MAP, '/']))).not.toContain('same pages');
  });

  it('names the pages only one run loaded when the runs cannot be compared too, and which run loaded them', () => {
    const MAP = '/explore/dataset/roads/map/';
    const TABLE = '/explore/dataset/roads/table/';
    // No banner button found: no choice recorded, and the refuse run could not load the map tab; only it visited the table.
    const text = comparisonOfRuns(run(accepted, ['/', MAP]), run(refused, ['/', MAP, TABLE], [MAP]));
    expect(text).toContain('# Accept and refuse not compared');
    expect(text).toContain('The runs did not load the same pages:');
    expect(text).toContain(`- Pages only the accept run loaded: /explore/dataset/roads/map/\n`);
    expect(text).toContain(`- Pages only the refuse run loaded: /explore/dataset/roads/table/\n`);
    // The same pages loaded: nothing said of them.
    expect(comparisonOfRuns(run(accepted, ['/', MAP]), run(refused, [MAP, '/']))).not.toContain('same pages');
  });

  it('keeps escape sequences out of the terminal', () => {
    const text = formatReport(
      report([reportCookie({ name: 'x\u001b[2Jy', purpose: 'p\u0007\u001b]0;pwned\u0007q', provider: 'a\u202eb' })], {
        findings: [finding({ kind: 'undeclared', cookie: 'x\u009b2Jy', evidence: 'seen\u001b]0;t\u0007 \u2066' })],
      }),
      't',
    );
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).not.toContain('pwned');
    // A name's escape is shown, not taken out: `xy` would be another cookie's name.
    expect(text).toMatch(/^x<U\+001B>\[2Jy\s+a<U\+202E>b/m);
    expect(text).toContain('[medium] undeclared x<U+009B>2Jy: seen <U+2066>');
    expect(
      formatComparison({
        onlyAfterAccept: own('_ga\u001b]0;t\u0007\u202e'),
        onlyAfterRefuse: [],
        trackersAfterRefuse: [],
        originUnknown: [],
      }),
    ).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it('says when a run did not record the choice it was asked to make; --strict fails only a click that recorded another', () => {
    const run = (of: 'none' | 'choice' | 'accepted' | 'refused', clicked: string | null) => ({
      report: report([], { consent: { state: of, changedAt: 1, trackers: {} } }),
      clicked,
    });
    expect(choiceNotMade('refuse', run('refused', 'tout refuser'))).toBeNull();
    expect(choiceNotMade('accept', run('accepted', 'tout accepter'))).toBeNull();
    expect(choiceNotMade('none', run('none', null))).toBeNull();
    // No banner button: a portal whose cookies need no consent shows none; said, not failed.
    expect(choiceNotMade('refuse', run('none', null))).toEqual({
      reason:
        'the refuse run found no consent banner button (consent "none"): nothing was refused; a portal whose cookies need no consent shows no banner',
      strict: false,
    });
    // A click that recorded another choice: the choice asked was never tested.
    expect(choiceNotMade('accept', run('choice', 'sauvegarder mes choix, every switch on'))).toEqual({
      reason:
        'the accept run clicked "sauvegarder mes choix, every switch on" but recorded consent "choice", not "accepted": its findings say nothing of that choice',
      strict: true,
    });
    expect(exitCode([accepted], true, 1)).toBe(1);
    expect(exitCode([accepted], false, 1)).toBe(0);
    expect(exitCode([accepted], true, 0)).toBe(0);
  });

  it('fails --strict when no button was clicked but the site recorded a choice of its own that allows more than the one asked', () => {
    const unclicked = (of: 'none' | 'unknown' | 'choice' | 'accepted' | 'refused', trackers: Record<string, boolean> = {}) => ({
      report: report([], { consent: { state: of, changedAt: 1, trackers } }),
      clicked: null,
    });
    // The review's case: a portal that records "accept all" on load, with no banner, run with --consent refuse.
    expect(choiceNotMade('refuse', unclicked('accepted'))).toEqual({
      reason:
        'the refuse run found no consent banner button, yet the site recorded consent "accepted", not "refused": a choice the visitor never made; its findings say nothing of the refusal',
      strict: true,
    });
    // A mixed choice of its own in a refuse run: a tracker it accepts runs against the refusal.
    expect(choiceNotMade('refuse', unclicked('choice', { matomo: true, ga: false }))).toMatchObject({ strict: true });
    // One that allows less than asked (a portal refusing by default, no banner, in an accept run):
    // nothing was accepted, its trackers did not run; said, not failed (the re-review's case).
    expect(choiceNotMade('accept', unclicked('refused'))).toEqual({
      reason:
        'the accept run found no consent banner button; the site recorded consent "refused" of its own, not "accepted", accepting no tracker the accept run would not: nothing was accepted',
      strict: false,
    });
    expect(choiceNotMade('accept', unclicked('choice', { matomo: true, ga: false }))).toMatchObject({ strict: false });
    // A mixed choice whose accepted tracker is past the flags kept (32): every one kept is off.
    const offKept = Object.fromEntries(Array.from({ length: 32 }, (_, index) => [`t${index}`, false]));
    expect(choiceNotMade('refuse', unclicked('choice', offKept))).toMatchObject({ strict: true });
    // A choice whose trackers cannot be read allows nothing known: said, not failed, and not said
    // to accept no tracker (`ga=1&matomo=0` is read so: it accepts ga).
    expect(choiceNotMade('refuse', unclicked('choice'))).toEqual({
      reason:
        'the refuse run found no consent banner button; the site recorded consent "choice" of its own, not "refused", whose trackers cannot be read: nothing was refused',
      strict: false,
    });
    // No choice recorded, or none that can be read: a portal whose cookies need no consent; said, not failed.
    expect(choiceNotMade('refuse', unclicked('none'))).toMatchObject({ strict: false });
    expect(choiceNotMade('refuse', unclicked('unknown'))).toMatchObject({ strict: false });
    // The choice asked, recorded with no click (the site's own default): nothing to say.
    expect(choiceNotMade('refuse', unclicked('refused'))).toBeNull();
  });

  it('exits 1 only with --strict and findings', () => {
    expect(exitCode([accepted, refused], true)).toBe(1);
    expect(exitCode([accepted], true)).toBe(0);
    expect(exitCode([refused], false)).toBe(0);
  });

  it('counts the runs’ findings as a census row does: Matomo not seen after a refusal, seen on accepting, is none', () => {
    const notSeen = finding({ kind: 'not-seen', cookie: '_pk_id.*', severity: 'low' });
    const afterRefusal = report([reportCookie({ name: 'sessionid' })], { findings: [notSeen] });
    expect(findingCount([accepted, afterRefusal])).toBe(0);
    expect(exitCode([accepted, afterRefusal], true)).toBe(0);
    // Not seen by either run: a finding, once.
    expect(findingCount([afterRefusal, afterRefusal])).toBe(1);
    expect(exitCode([afterRefusal, afterRefusal], true)).toBe(1);
    expect(findingCount([accepted, refused])).toBe(1);
  });

  it('knows the platform banner’s words in both languages', () => {
    expect(BUTTON_WORDS.accept).toContain('tout accepter');
    expect(BUTTON_WORDS.refuse).toContain('tout refuser');
    expect(BUTTON_WORDS.refuse).toContain('reject all');
  });
});
