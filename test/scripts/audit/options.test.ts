import { describe, expect, it } from 'vitest';
import { parseAuditArgs, parseShard, parseTarget, UsageError } from '../../../scripts/audit/options.ts';

describe('parseAuditArgs', () => {
  it('defaults to the demo portal, both choices, Chromium, five pages', () => {
    expect(parseAuditArgs([], 2)).toEqual({
      url: null,
      consent: 'both',
      browser: 'chromium',
      out: 'audit-results/demo',
      strict: false,
      help: false,
      pages: 5,
      portals: null,
      jobs: 2,
      shard: null,
      draft: false,
      language: null,
      charter: null,
    });
  });

  it('reads a census: the list, jobs (default: the cores), a shard, pages', () => {
    expect(parseAuditArgs(['--portals', 'portals.txt', '--jobs=3', '--shard', '2/4', '--pages', '1'], 8)).toMatchObject({
      portals: 'portals.txt',
      jobs: 3,
      shard: { index: 2, count: 4 },
      pages: 1,
      out: 'audit-results/census',
    });
    expect(parseAuditArgs(['--portals', 'demo'], 16).jobs).toBe(16);
    expect(parseAuditArgs(['--portals', 'demo'], 1000).jobs).toBe(64);
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it('reads the charter draft options: --draft, its language, and the charter the demo serves', () => {
    expect(parseAuditArgs(['--draft'])).toMatchObject({ draft: true, language: null, charter: null });
    expect(parseAuditArgs(['--draft', '--lang', 'en', '--charter', 'draft.md'])).toMatchObject({
      draft: true,
      language: 'en',
      charter: 'draft.md',
      url: null,
    });
    expect(parseAuditArgs(['--lang=fr', '--draft']).language).toBe('fr');
    expect(parseAuditArgs(['--charter=x.html']).charter).toBe('x.html');
  });

  it('reads every option, with a space or an equals sign', () => {
    const options = parseAuditArgs([
      'https://data.tco.re/explore/',
      '--consent=refuse',
      '--browser',
      'firefox',
      '--out',
      'out',
      '--strict',
    ]);
    expect(options).toMatchObject({ consent: 'refuse', browser: 'firefox', out: 'out', strict: true });
    expect(options.url?.href).toBe('https://data.tco.re/explore/');
    expect(parseAuditArgs(['data.tco.re']).out).toBe('audit-results/data.tco.re');
  });

  it.each([
    [['--nope'], 'unknown option --nope (see --help)'],
    [['--consent'], '--consent needs a value: accept, refuse, none, both'],
    [['--consent', '--strict'], '--consent needs a value: accept, refuse, none, both'],
    [['--browser', 'safari'], '--browser must be one of chromium, firefox, not "safari"'],
    [['--out'], '--out needs a folder'],
    [['a.org', 'b.org'], 'one URL at a time: got https://a.org/ and "b.org"'],
    [['--strict=false'], '--strict takes no value (got "--strict=false"): give --strict, or leave it out'],
    [['--strict='], '--strict takes no value (got "--strict="): give --strict, or leave it out'],
    [['--help=yes'], '--help takes no value (got "--help=yes")'],
    [['--pages', '0'], '--pages must be a whole number from 1 to 20, not "0"'],
    [['--pages', '2.5'], '--pages must be a whole number from 1 to 20, not "2.5"'],
    [['--pages'], '--pages needs a number from 1 to 20'],
    [['--portals'], '--portals needs a file listing the portals, or "demo"'],
    [['--jobs', '2'], '--jobs is for a census: give --portals FILE'],
    [['--portals', 'demo', '--jobs', '0'], '--jobs must be a whole number from 1 to 64, not "0"'],
    [['--portals', 'demo', '--shard', '3/2'], '--shard must be I/N with 1 ≤ I ≤ N ≤ 1000 (the I-th of N parts), not "3/2"'],
    [['--portals', 'demo', '--shard', '0/2'], '--shard must be I/N with 1 ≤ I ≤ N ≤ 1000 (the I-th of N parts), not "0/2"'],
    [['--portals', 'demo', '--shard', '1-2'], '--shard must be I/N with 1 ≤ I ≤ N ≤ 1000 (the I-th of N parts), not "1-2"'],
    [['--portals', 'demo', '--shard'], '--shard must be I/N with 1 ≤ I ≤ N ≤ 1000 (the I-th of N parts), not ""'],
    [['--portals', 'demo', 'data.tco.re'], 'give a URL or --portals, not both (got https://data.tco.re/ and --portals "demo")'],
    [['--portals', 'demo', '--draft'], '--draft is for one portal, not a census'],
    [['--portals', 'demo', '--charter', 'x.md'], '--charter is for one portal, not a census'],
    [['--draft=yes'], '--draft takes no value (got "--draft=yes"): give --draft, or leave it out'],
    [['--draft', '--lang', 'de'], '--lang must be one of fr, en, not "de"'],
    [['--lang', 'fr'], '--lang chooses the language of the charter draft: give --draft too'],
    [['--charter'], '--charter needs a charter file (Markdown or HTML)'],
    [
      ['data.tco.re', '--charter', 'x.md'],
      '--charter serves a charter from the bundled demo portal: give no URL (got https://data.tco.re/)',
    ],
  ])('refuses %j', (args, message) => {
    expect(() => parseAuditArgs(args)).toThrow(new UsageError(message));
  });
});

describe('parseTarget', () => {
  it('adds https:// to a bare host', () => {
    expect(parseTarget('data.tco.re').href).toBe('https://data.tco.re/');
  });

  it('reads host:port and bare localhost, loopback over http', () => {
    expect(parseTarget('localhost').href).toBe('http://localhost/');
    expect(parseTarget('localhost:8080').href).toBe('http://localhost:8080/');
    expect(parseTarget('localhost:8080/explore/?q=1').href).toBe('http://localhost:8080/explore/?q=1');
    expect(parseTarget('127.0.0.1:3000').href).toBe('http://127.0.0.1:3000/');
    expect(parseTarget('portal.localhost').href).toBe('http://portal.localhost/');
    expect(parseTarget('data.tco.re:8443').href).toBe('https://data.tco.re:8443/');
    expect(parseTarget('data.tco.re:8443/explore/').href).toBe('https://data.tco.re:8443/explore/');
    expect(parseTarget('http://localhost:8080/').href).toBe('http://localhost:8080/');
    // A loopback-looking name that is not one stays https.
    expect(parseTarget('localhost.example.org').href).toBe('https://localhost.example.org/');
  });

  it.each([
    'localhost:http',
    'data.tco.re:99999',
    'mailto:a@b.c',
    'ht!tp://x',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://',
    'https://exa mple.org/',
    'https://.org/',
    'https://data..tco.re/',
  ])('refuses %j', (text) => {
    expect(() => parseTarget(text)).toThrow(UsageError);
  });
});
