import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { csvField, exportReport, isoTime } from '../../../src/core/report/export.ts';
import { lasting } from '../../../src/core/registry/known-lifetime.ts';
import { readCharterPageReading } from '../../../src/core/charter/live.ts';
import { report, reportCookie, finding } from '../../support/reports.ts';

/** Renders Markdown as GitHub does, with cmark-gfm (Debian's package, which scripts/setup.sh installs). */
function renderedByCmarkGfm(markdown: string): string {
  try {
    return execFileSync('cmark-gfm', ['-e', 'table', '-e', 'autolink'], { input: markdown }).toString();
  } catch (error) {
    throw new Error("cmark-gfm, GitHub's Markdown renderer, is needed here: run bash scripts/setup.sh", { cause: error });
  }
}

const sample = report(
  [
    reportCookie({ name: 'sessionid', httpOnly: true }),
    reportCookie({ name: '<b>x</b>|y', status: 'undeclared', provider: '', purpose: '=HYPERLINK("http://evil")', source: 'unknown' }),
  ],
  {
    generatedAt: Date.UTC(2026, 10, 22),
    notSeen: [
      {
        provider: 'Opendatasoft',
        service: null,
        cookie: 'csrftoken',
        match: 'exact',
        purpose: 'API',
        duration: null,
        category: 'necessary',
      },
    ],
    findings: [finding({ kind: 'undeclared', cookie: '<b>x</b>|y', evidence: "seen, not in the site's charter" })],
  },
);

describe('exportReport', () => {
  it('writes the versioned report as JSON', () => {
    const file = exportReport(sample, 'json');
    expect(file).toMatchObject({ filename: 'cookie-report-data.tco.re-2026-11-22.json', mimeType: 'application/json' });
    expect(JSON.parse(file.text)).toEqual(sample);
  });

  it('writes the live charter’s problem in English words, as README’s report schema has it', () => {
    const live = { fetchedAt: 1, url: null, problem: { kind: 'http' as const, status: 404, path: '/terms/cookies-information' } };
    const failed = { ...sample, charter: { ...sample.charter, live } };
    const exported = JSON.parse(exportReport(failed, 'json').text);
    expect(exported.charter.live).toEqual({ fetchedAt: 1, url: null, problem: 'HTTP 404 at /terms/cookies-information' });
    expect({ ...exported, charter: { ...exported.charter, live } }).toEqual(failed);
    expect(Object.keys(exported)).toEqual(Object.keys(failed));
    const read = { ...sample, charter: { ...sample.charter, live: { ...live, problem: null } } };
    expect(JSON.parse(exportReport(read, 'json').text)).toEqual(read);
  });

  it('writes no phase for a timeline event of a site whose choice cannot be read, as its cookies have none', () => {
    const event = { type: 'set' as const, at: 1, name: '_ga', domain: 'shop.example.org', phase: 'before-choice' as const };
    const timeline = { droppedEvents: 0, events: [event, { type: 'cleared' as const, at: 2 }] };
    const offPlatform = { ...sample, consent: { state: 'unknown' as const, changedAt: null, trackers: {} }, timeline };
    expect(JSON.parse(exportReport(offPlatform, 'json').text).timeline.events).toEqual([
      { ...event, phase: 'choice-unreadable' },
      { type: 'cleared', at: 2 },
    ]);
    // Where the choice is read, the events are written as recorded.
    expect(JSON.parse(exportReport({ ...sample, timeline }, 'json').text).timeline).toEqual(timeline);
  });

  it('keeps a timeline event found already there (phase unknown) as it is where the choice cannot be read', () => {
    const found = { type: 'set' as const, at: 1, name: '_ga', domain: 'shop.example.org', phase: 'unknown' as const };
    const timeline = { droppedEvents: 0, events: [found] };
    const offPlatform = { ...sample, consent: { state: 'unknown' as const, changedAt: null, trackers: {} }, timeline };
    expect(JSON.parse(exportReport(offPlatform, 'json').text).timeline.events).toEqual([found]);
  });

  it('leaves out the name the worker gave the live charter’s attempt: for the pages, not a fact of the report', () => {
    const live = { fetchedAt: 1, url: 'https://data.tco.re/c', problem: null, attempt: '6f1c…' };
    const exported = JSON.parse(exportReport({ ...sample, charter: { ...sample.charter, live } }, 'json').text);
    expect(exported.charter.live).toEqual({ fetchedAt: 1, url: 'https://data.tco.re/c', problem: null });
  });

  it('carries the live charter’s rows not read in JSON, and counts their lines in Markdown; none, nothing said', () => {
    const unreadRows = [
      { line: 9, text: 'Huwise | sessionid | 2 weeks | Session | <b>x</b> |', reason: 'expected 4 cells, found 5' },
      { line: 9, text: 'Huwise | sessionid | 2 weeks | Session | <b>x</b> |', reason: 'another problem' },
      { line: 12, text: 'A | b', reason: 'why' },
    ];
    const live = { fetchedAt: 1, url: 'https://data.tco.re/c', problem: null };
    const unread = { ...sample, charter: { ...sample.charter, kind: 'live' as const, live, unreadRows } };
    expect(JSON.parse(exportReport(unread, 'json').text).charter.unreadRows).toEqual(unreadRows);
    const charterLine = (text: string) => text.split('\n').find((line) => line.startsWith('- Charter:'));
    expect(charterLine(exportReport(unread, 'markdown').text)).toMatch(
      /, 4 entries, 2 lines not read \(a cookie not in the charter may be declared there; see the JSON export\)$/,
    );
    const one = { ...unread, charter: { ...unread.charter, unreadRows: unreadRows.slice(2) } };
    expect(charterLine(exportReport(one, 'markdown').text)).toMatch(/, 1 line not read /);
    expect(charterLine(exportReport(sample, 'markdown').text)).not.toMatch(/not read/);
    // Beside a charter it fell back on, when the live charter's table gave no row: said of the live charter, not of the one used.
    const noRow = {
      fetchedAt: 1,
      url: null,
      problem: { kind: 'no-rows' as const, reason: 'no readable cookie row in the table at line 2', path: '/c' },
    };
    const fellBack = { ...sample, charter: { ...sample.charter, kind: 'bundled' as const, live: noRow, unreadRows } };
    expect(charterLine(exportReport(fellBack, 'markdown').text)).toMatch(
      /^- Charter: bundled .*, 4 entries; the live charter gave no row: 2 lines not read \(see the JSON export\)$/,
    );
    expect(JSON.parse(exportReport(fellBack, 'json').text).charter.live.problem).toBe(
      'no readable cookie row in the table at line 2 at /c',
    );
    const oneEntry = { ...sample, charter: { ...sample.charter, entries: 1 } };
    expect(charterLine(exportReport(oneEntry, 'markdown').text)).toMatch(/, 1 entry$/);
  });

  it('writes each unread row’s reason in English, as the charter CLI prints it, in place, whatever the popup words it in', () => {
    const unreadRows = [
      { line: 5004, text: '', reason: { kind: 'stopped-rows', limit: 5000 } as const },
      { line: 9, text: 'A | b', reason: { kind: 'not-a-name', token: '<img src=x onerror=alert(1)>', why: 'separators' } as const },
      { line: 12, text: 'A | b', reason: 'a reason an older version stored' },
    ];
    const live = { fetchedAt: 1, url: 'https://data.tco.re/c', problem: null };
    const unread = { ...sample, charter: { ...sample.charter, kind: 'live' as const, live, unreadRows } };
    const exported = JSON.parse(exportReport(unread, 'json').text).charter;
    expect(exported.unreadRows.map((row: { reason: string }) => row.reason)).toEqual([
      'truncated: more than 5,000 table rows, the limit; the charter is not read from this line on',
      '“<img src=x onerror=alert(1)>”: not a cookie name (spaces, quotes or separators in it)',
      'a reason an older version stored',
    ]);
    // The charter's keys in the order they always had.
    expect(Object.keys(exported)).toEqual(Object.keys(unread.charter));
  });

  it('says a known tracker’s lifetime in its English words alone, as it always has: the data beside them is the pages’', () => {
    const words = { name: '_ga', status: 'undeclared' as const, source: 'known-tracker' as const, duration: '2 years' };
    const withData = report([reportCookie({ ...words, knownLifetime: lasting(2, 'year') })], { generatedAt: 1 });
    const without = report([reportCookie(words)], { generatedAt: 1 });
    for (const format of ['json', 'csv', 'markdown'] as const) {
      expect(exportReport(withData, format).text).toBe(exportReport(without, format).text);
    }
    expect(exportReport(withData, 'json').text).toContain('"duration": "2 years",');
  });

  it('gives a known tracker’s French purpose in JSON beside the English one; Markdown and CSV, in English throughout, keep the English', () => {
    const words = { name: '_ga', status: 'undeclared' as const, source: 'known-tracker' as const, purpose: 'Distinguishes users.' };
    const withFrench = report([reportCookie({ ...words, purposeFr: 'Distingue les utilisateurs.' })], { generatedAt: 1 });
    const without = report([reportCookie(words)], { generatedAt: 1 });
    const json = exportReport(withFrench, 'json').text;
    expect(json).toContain('"purposeFr": "Distingue les utilisateurs."');
    expect(JSON.parse(json)).toEqual(withFrench);
    expect(exportReport(without, 'json').text).not.toContain('purposeFr');
    for (const format of ['csv', 'markdown'] as const) {
      expect(exportReport(withFrench, format).text).toBe(exportReport(without, format).text);
      expect(exportReport(withFrench, format).text).toContain('Distinguishes users');
    }
  });

  it('counts every line a 5,000-row limit left unread in Markdown, not 1 for the note saying so', () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => `| Huwise | c${i} | 1 an | p |`).join('\n');
    const page = `**Cookies strictement nécessaires :** Ces cookies.\n\n| Nom du prestataire | Nom du cookie | Durée | Finalité |\n| --- | --- | --- | --- |\n${rows}\n`;
    const parsed = readCharterPageReading(page, 'text/markdown');
    const live = { fetchedAt: 1, url: 'https://x/c', problem: null };
    const charter = { kind: 'live' as const, portal: 'x', language: 'fr' as const, entries: parsed.entries.length, live, changes: null };
    const text = exportReport(report([], { charter: { ...charter, unreadRows: parsed.unreadRows } }), 'markdown').text;
    expect(text.split('\n').find((line) => line.startsWith('- Charter'))).toMatch(/, 5,?000 entries, 1000 lines not read /);
  });

  it('writes Markdown with hostile names escaped', () => {
    const { text, filename } = exportReport(sample, 'markdown');
    expect(filename).toMatch(/\.md$/);
    expect(text).toContain('| &lt;b&gt;x&lt;/b&gt;\\|y | data\\.tco\\.re | unknown |');
    expect(text).toContain('- csrftoken (Opendatasoft): API');
    expect(text).toContain('- **undeclared** (medium)');
    expect(text).not.toContain('<b>');
  });

  // GitHub renders Markdown with cmark-gfm: the export is rendered by it.
  it('leaves no e-mail or XMPP link in Markdown that cmark-gfm renders, and the text it shows unchanged', () => {
    const name = 'support@evil.example';
    const purpose = 'xmpp:bot@evil.example/x';
    const hostile = report([reportCookie({ name, purpose, status: 'undeclared' })], {
      findings: [finding({ kind: 'undeclared', cookie: name })],
      notSeen: [
        {
          provider: 'a@evil.example',
          service: null,
          cookie: 'x@evil.example',
          match: 'exact',
          purpose,
          duration: null,
          category: 'necessary',
        },
      ],
    });
    const markdown = exportReport(hostile, 'markdown').text;
    const html = renderedByCmarkGfm(markdown);
    expect(html).not.toMatch(/<a /);
    // Shown, with the invisible joiner: the name in its table cell and its finding, the purpose in the cell and the list.
    const shown = html.replace(/<[^>]*>/g, '').replaceAll('\u2060', '');
    expect(shown.split(name).length - 1).toBeGreaterThanOrEqual(2);
    expect(shown.split(purpose).length - 1).toBeGreaterThanOrEqual(2);
    expect(shown).toContain('x@evil.example (a@evil.example)');
  });

  it('writes two names apart in Markdown when one holds U+200B and the other the text `<U+200B>`', () => {
    const cells = exportReport(report([reportCookie({ name: '_g\u200Ba' }), reportCookie({ name: '_g<U+200B>a' })]), 'markdown')
      .text.split('\n')
      .filter((line) => line.startsWith('| \\_g'))
      .map((line) => line.split(' | ')[0]);
    expect(cells).toEqual(['| \\_g&lt;U+200B&gt;a', '| \\_g&lt;U+003C&gt;U+200B&gt;a']);
  });

  it('says an empty cookie name in words in Markdown (italic: not a name); JSON and CSV keep it as the browser gave it', () => {
    const nameless = report([reportCookie({ name: '', status: 'undeclared', source: 'unknown' })], {
      findings: [finding({ kind: 'undeclared', cookie: '', evidence: "seen, not in the site's charter" })],
    });
    const markdown = exportReport(nameless, 'markdown').text;
    expect(markdown).toContain('| *(no name)* | data\\.tco\\.re |');
    expect(markdown).toContain("- **undeclared** (medium) *(no name)*: seen, not in the site's charter");
    // A cookie really named "(no name)" is escaped text, never the italic words.
    expect(exportReport(report([reportCookie({ name: '(no name)' })]), 'markdown').text).toContain('| \\(no name\\) |');
    expect((JSON.parse(exportReport(nameless, 'json').text) as { cookies: Array<{ name: string }> }).cookies[0]!.name).toBe('');
    expect(exportReport(nameless, 'csv').text.split('\r\n')[1]).toMatch(/^,data\.tco\.re,/);
  });

  it('gives a path narrower than the site beside the domain in Markdown, and every path in CSV', () => {
    const twoPaths = report([
      reportCookie({ name: 'sid', domain: 'data.tco.re', path: '/' }),
      reportCookie({ name: 'sid', domain: 'data.tco.re', path: '/explore/' }),
    ]);
    const markdown = exportReport(twoPaths, 'markdown').text;
    expect(markdown).toContain('| sid | data\\.tco\\.re |');
    expect(markdown).toContain('| sid | data\\.tco\\.re, path /explore/ |');
    const csv = exportReport(twoPaths, 'csv').text.split('\r\n');
    expect(csv.filter((line) => line.startsWith('sid,data.tco.re,/,'))).toHaveLength(1);
    expect(csv.filter((line) => line.startsWith('sid,data.tco.re,/explore/,'))).toHaveLength(1);
  });

  it('gives the site of a partition beside the domain in Markdown, and the partition in CSV', () => {
    const twoPartitions = report([
      reportCookie({ name: 'dq', domain: '.disqus.com', partitionKey: 'https://tco.re' }),
      reportCookie({ name: 'dq', domain: '.disqus.com', path: '/x/', partitionKey: 'http://opendatasoft.com' }),
    ]);
    const markdown = exportReport(twoPartitions, 'markdown').text;
    expect(markdown).toContain('| dq | \\.disqus\\.com, partition tco\\.re |');
    expect(markdown).toContain('| dq | \\.disqus\\.com, path /x/, partition http\\://opendatasoft\\.com |');
    expect(exportReport(twoPartitions, 'csv').text).toContain(',https://tco.re');
  });

  it('tells apart two partitioned cookies that differ by Chrome’s cross-site bit alone, in Markdown and CSV', () => {
    const twoBits = report([
      reportCookie({ name: 'chips', partitionKey: 'https://tco.re', hasCrossSiteAncestor: true }),
      reportCookie({ name: 'chips', partitionKey: 'https://tco.re', hasCrossSiteAncestor: false }),
      reportCookie({ name: 'plain' }),
    ]);
    const markdown = exportReport(twoBits, 'markdown').text;
    expect(markdown).toContain('| chips | data\\.tco\\.re, cross-site partition tco\\.re |');
    expect(markdown).toContain('| chips | data\\.tco\\.re, partition tco\\.re |');
    const [header, ...rows] = exportReport(twoBits, 'csv').text.split('\r\n');
    const column = header!.split(',').indexOf('hasCrossSiteAncestor');
    expect(rows.filter((row) => row !== '').map((row) => row.split(',')[column])).toEqual(['true', 'false', '']);
  });

  it('gives the first party a cookie is isolated under beside the domain in Markdown, and in the CSV’s last column', () => {
    const twoFirstParties = report([
      reportCookie({ name: 'sid', domain: '.tco.re', firstPartyDomain: 'tco.re' }),
      reportCookie({ name: 'sid', domain: '.tco.re', path: '/x/', firstPartyDomain: '(https,example.net)' }),
      reportCookie({ name: 'plain', domain: '.tco.re', partitionKey: 'https://tco.re' }),
      reportCookie({ name: 'hostile', domain: '.tco.re', firstPartyDomain: '=1+1|<b>x</b>' }),
    ]);
    const markdown = exportReport(twoFirstParties, 'markdown').text;
    expect(markdown).toContain('| sid | \\.tco\\.re, first party tco\\.re |');
    expect(markdown).toContain('| sid | \\.tco\\.re, path /x/, first party \\(https,example\\.net\\) |');
    // Without one, nothing changes.
    expect(markdown).toContain('| plain | \\.tco\\.re, partition tco\\.re |');
    expect(markdown).not.toContain('| plain | \\.tco\\.re, partition tco\\.re, first');
    // A hostile first party stays text in its cell.
    expect(markdown).toContain('| hostile | \\.tco\\.re, first party =1+1\\|&lt;b&gt;x&lt;/b&gt; |');
    expect(markdown).not.toContain('<b>');
    const [header, ...rows] = exportReport(twoFirstParties, 'csv').text.split('\r\n');
    // Then `expired` alone after it (false for all of these).
    expect(header!.split(',').slice(-3)).toEqual(['firstPartyDomain', 'hasCrossSiteAncestor', 'expired']);
    expect(rows[0]!.endsWith(',tco.re,,false')).toBe(true);
    expect(rows[1]!.endsWith(',"(https,example.net)",,false')).toBe(true);
    expect(rows[2]!.endsWith(',false,,,false')).toBe(true);
    expect(rows[3]!.endsWith(`,'=1+1|<b>x</b>,,false`)).toBe(true);
  });

  it('says on which page each cookie first appeared, and which came from embedded content', () => {
    const embedded = report([
      reportCookie({ name: 'sessionid', firstPage: '/' }),
      reportCookie({ name: 'disqus_unique', domain: '.disqus.com', firstPage: '/explore/dataset/x/map/', thirdParty: { via: 'response' } }),
    ]);
    expect(exportReport(embedded, 'markdown').text).toContain(
      '| declared \\(embedded content, via response\\) | charter | before-choice | /explore/dataset/x/map/ |',
    );
    const lines = exportReport(embedded, 'csv').text.split('\r\n');
    expect(lines[1]).toMatch(/,\/,,false,,,false$/);
    expect(lines[2]).toMatch(/,\/explore\/dataset\/x\/map\/,response,false,,,false$/);
  });

  it('says which cookie is of unknown origin (a domain other open sites share), in each format', () => {
    const shared = report([
      reportCookie({
        name: '_ga',
        domain: '.opendatasoft.com',
        hostOnly: false,
        status: 'undeclared',
        firstPage: null,
        originUnknown: true,
      }),
      reportCookie({ name: 'sessionid' }),
    ]);
    expect(JSON.parse(exportReport(shared, 'json').text).cookies.map((c: { originUnknown: boolean }) => c.originUnknown)).toEqual([
      true,
      false,
    ]);
    const markdown = exportReport(shared, 'markdown').text;
    expect(markdown).toContain('| undeclared \\(origin unknown\\: other open sites share its domain, no finding made\\) |');
    expect(markdown.match(/origin unknown/g)).toHaveLength(1);
    const lines = exportReport(shared, 'csv').text.split('\r\n');
    expect(lines[0]).toMatch(/,originUnknown,firstPartyDomain,hasCrossSiteAncestor,expired$/);
    expect(lines[1]).toMatch(/^_ga,.*,true,,,false$/);
    expect(lines[2]).toMatch(/^sessionid,.*,false,,,false$/);
  });

  it('says why the visitor’s choice explains an entry not seen: in JSON as the report has it, in Markdown in words; CSV lists seen cookies only', () => {
    const entry = {
      provider: 'Google',
      service: null,
      match: 'exact' as const,
      purpose: 'Audience',
      duration: null,
      category: 'statistics' as const,
    };
    const explained = {
      ...sample,
      notSeen: [
        ...sample.notSeen,
        { ...entry, cookie: '_ga', absentBecause: 'refused' as const },
        { ...entry, cookie: '_pk_id.', match: 'prefix' as const, provider: 'Matomo', absentBecause: 'before-choice' as const },
        { ...entry, cookie: 'cookies_preferences', provider: 'Huwise', absentBecause: 'no-choice-saved' as const },
        { ...entry, cookie: 'django_language', provider: 'Huwise', absentBecause: 'multilingual-only' as const },
      ],
    };
    const json = JSON.parse(exportReport(explained, 'json').text);
    expect(json).toEqual(explained);
    expect(json.notSeen.map((e: { absentBecause?: string }) => e.absentBecause ?? null)).toEqual([
      null,
      'refused',
      'before-choice',
      'no-choice-saved',
      'multilingual-only',
    ]);
    // An entry the choice does not explain is written as before: no field.
    expect(Object.keys(json.notSeen[0])).not.toContain('absentBecause');
    const markdown = exportReport(explained, 'markdown').text;
    expect(markdown).toContain('- csrftoken (Opendatasoft): API\n');
    expect(markdown).toContain('- \\_ga (Google): Audience (not expected: the visitor refused it)\n');
    expect(markdown).toContain('- \\_pk\\_id\\.\\* (Matomo): Audience (not expected yet: set only after the visitor accepts)\n');
    expect(markdown).toContain('- cookies\\_preferences (Huwise): Audience (not expected yet: set once the visitor saves a choice)\n');
    expect(markdown).toContain('- django\\_language (Huwise): Audience (set only on portals offered in several languages)\n');
    expect(exportReport(explained, 'csv').text).toBe(exportReport(sample, 'csv').text);
  });

  it('states in Markdown’s header what storage could not keep, as the popup’s notice and timeline marker say it; nothing when all was kept', () => {
    const header = (text: string) => text.slice(0, text.indexOf('## Cookies'));
    const lost = report([reportCookie({ name: 'sessionid' })], {
      storage: { sitesDropped: 3, lastDropAt: Date.UTC(2026, 11, 6, 5), cookiesDropped: 40, unsavedSince: Date.UTC(2026, 11, 6, 6, 30) },
      timeline: {
        droppedEvents: 1200,
        droppedToFit: 200,
        events: [{ type: 'evicted', at: Date.UTC(2026, 11, 6, 4), cookies: 120, events: 900 }],
      },
    });
    expect(header(exportReport(lost, 'markdown').text).split('\n').slice(5, -2)).toEqual([
      "- This site's earlier records were dropped to make room at 2026-12-06T04:00:00.000Z (120 cookies, 900 events): what is shown was recorded since, or found again.",
      "- Older records dropped: 3 sites, the last at 2026-12-06T05:00:00.000Z (the browser's session storage was full; the least recently used sites go first).",
      '- 40 older cookies of this site were dropped to keep its record within 2 MB.',
      "- 1200 older timeline events were dropped (only the last 1,000 are kept), 200 of them to keep this site's record within 2 MB.",
      "- Changes since 2026-12-06T06:30:00.000Z could not be saved to the browser's storage: they are kept while the extension runs, and saving is tried again.",
    ]);
    // One of each, and the timeline's drops for either reason alone.
    const one = report([], {
      storage: { sitesDropped: 1, lastDropAt: null, cookiesDropped: 1, unsavedSince: null },
      timeline: { droppedEvents: 1, events: [] },
    });
    expect(header(exportReport(one, 'markdown').text).split('\n').slice(5, -2)).toEqual([
      "- Older records dropped: 1 site (the browser's session storage was full; the least recently used sites go first).",
      '- 1 older cookie of this site was dropped to keep its record within 2 MB.',
      '- 1 older timeline event was dropped (only the last 1,000 are kept).',
    ]);
    const toFit = report([], { timeline: { droppedEvents: 7, droppedToFit: 7, events: [] } });
    expect(header(exportReport(toFit, 'markdown').text)).toContain(
      "\n- 7 older timeline events were dropped to keep this site's record within 2 MB.\n",
    );
    // All kept: the header as it always was.
    expect(header(exportReport(report([]), 'markdown').text).split('\n')).toEqual([
      '# Cookie report: data\\.tco\\.re',
      '',
      '- Generated: 1970-01-01T00:00:00.001Z',
      '- Charter: bundled (data\\.tco\\.re), 4 entries',
      '- Consent: none',
      '',
      '',
    ]);
  });

  it("gives each tracker's choice in Markdown, and none when there is none", () => {
    const mixed = { ...sample, consent: { state: 'choice' as const, changedAt: null, trackers: { matomo: true, ga: false } } };
    expect(exportReport(mixed, 'markdown').text).toContain('- Consent: choice; Matomo accepted, Google Analytics refused\n');
    expect(exportReport(sample, 'markdown').text).toMatch(/- Consent: \w+\n/);
  });

  it('writes CSV with quoting and formula injection defused', () => {
    const lines = exportReport(sample, 'csv').text.split('\r\n');
    expect(lines[0]).toBe(
      'name,domain,path,status,provider,service,purpose,category,source,duration,expires,firstPhase,secure,httpOnly,sameSite,partitionKey,firstSeen,removed,firstPage,thirdParty,originUnknown,firstPartyDomain,hasCrossSiteAncestor,expired',
    );
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('quotes fields holding a separator, a quote or a line break, and defuses formulas wherever a spreadsheet could start a cell', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('S;=1+1')).toBe(`"S;'=1+1"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('  @SUM(A1)')).toBe("'  @SUM(A1)");
    expect(csvField('\t-3')).toBe(`"'\t'-3"`);
    expect(csvField('x; -2+3;+cmd|x')).toBe(`"x; '-2+3;'+cmd|x"`);
    expect(csvField('a,\t=1')).toBe(`"a,'\t'=1"`);
    expect(csvField('line\r\n=HYPERLINK("x")')).toBe(`"line\r\n'=HYPERLINK(""x"")"`);
    // A quote before the formula: a reader that splits on `;` drops it and starts the cell there.
    expect(csvField('13 mois;"=1+1;')).toBe(`"13 mois;""'=1+1;"`);
    expect(csvField('"=1')).toBe(`"'""=1"`);
    // Signs inside a word or a number are text.
    expect(csvField('13 mois - renouvelé, 2-3 jours')).toBe('"13 mois - renouvelé, 2-3 jours"');
  });

  it("marks a `'` where a cell could start as it marks a formula, so a value holding the defusing quote is not another value", () => {
    expect(csvField("'-x")).toBe("''-x");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField("'x")).toBe("''x");
    expect(csvField(" 'x")).toBe("' 'x");
    expect(csvField("a;'-x")).toBe(`"a;''-x"`);
    expect(csvField('a;-x')).toBe(`"a;'-x"`);
    // Inside a word, a `'` is text.
    expect(csvField("l'utilisateur")).toBe("l'utilisateur");
    const rows = exportReport(report([reportCookie({ name: '-x' }), reportCookie({ name: "'-x" })]), 'csv').text.split('\r\n');
    expect(rows[1]!.split(',')[0]).toBe("'-x");
    expect(rows[2]!.split(',')[0]).toBe("''-x");
    expect(rows[1]).not.toBe(rows[2]);
  });

  it('leaves no cell of a CSV row starting a formula, whatever the row is split on', () => {
    const hostile = ['S;=1+1', 'a,+1', '@x', 'q";=2', '\t-3', 'ok;  =4', '13 mois;"=1+1;', 'a\t" =2', '"=3', ' "" @4'];
    const text = exportReport(report(hostile.map((name) => reportCookie({ name, purpose: name }))), 'csv').text;
    for (const separator of [',', ';', '\t', '\r', '\n']) {
      for (const cell of text.split(separator)) expect(cell.replace(/^[ "]+/, '')).not.toMatch(/^[=+\-@]/);
    }
  });

  it('clamps dates to what a Date can hold in every export', () => {
    expect(isoTime(9e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(isoTime(-9e15)).toBe('-271821-04-20T00:00:00.000Z');
    expect(isoTime(Number.POSITIVE_INFINITY)).toBe('+275760-09-13T00:00:00.000Z');
    expect(isoTime(Number.NaN)).toBe('');
    // What storage should not hold (a ledger's time as text): nothing rather than an exception that loses the export.
    expect(isoTime('yesterday' as unknown as number)).toBe('');
    expect(
      exportReport(
        report([], { storage: { sitesDropped: 1, lastDropAt: 'yesterday' as unknown as number, cookiesDropped: 0, unsavedSince: null } }),
        'markdown',
      ).text,
    ).toContain('# ');
    const far = report([reportCookie({ name: 'forever', expires: 9e12, firstSeen: 9e15, removed: 1e300 })], { generatedAt: 9e15 });
    for (const format of ['json', 'markdown', 'csv'] as const) expect(() => exportReport(far, format)).not.toThrow();
    expect(exportReport(far, 'csv').text).toContain('+275760-09-13T00:00:00.000Z');
    expect(exportReport(far, 'markdown').text).toContain('275760');
  });
});

describe('an expired cookie in the exports', () => {
  it('is said expired when no removal was heard, removed when one was', () => {
    const text = exportReport(
      report([reportCookie({ name: '_gat', expired: true }), reportCookie({ name: '_gid', removed: 1 })]),
      'markdown',
    ).text;
    expect(text).toContain('| declared \\(expired\\) |');
    expect(text).toContain('| declared \\(removed\\) |');
  });

  it('is marked in the CSV’s last column, `expired`, every earlier column keeping its place', () => {
    const csv = exportReport(
      report([reportCookie({ name: '_gat', expired: true }), reportCookie({ name: '_gid', removed: 1 }), reportCookie({ name: 'sid' })]),
      'csv',
    ).text;
    const [header, ...rows] = csv.split('\r\n');
    const columns = header!.split(',');
    expect(columns.slice(-3)).toEqual(['firstPartyDomain', 'hasCrossSiteAncestor', 'expired']);
    const cell = (name: string, column: string) => rows.find((row) => row.startsWith(`${name},`))!.split(',')[columns.indexOf(column)];
    expect(cell('_gat', 'expired')).toBe('true');
    expect(cell('_gat', 'removed')).toBe('');
    expect(cell('_gid', 'expired')).toBe('false');
    expect(cell('sid', 'expired')).toBe('false');
  });
});
