import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditArgs, parseShard, parseTarget, USAGE, UsageError } from '../../../scripts/audit/options.ts';

/** The one line a URL with a user name or password gets: it quotes nothing of it. */
const PASSWORD_REFUSED =
  'malformed URL: a user name or password before "@" is refused (it is never shown or kept): give the address without it';

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

  it('refuses a value given with an equals sign that starts like an option, saying how to give such a name', () => {
    expect(() => parseAuditArgs(['--out=--x'])).toThrow(
      new UsageError('--out="--x": a value starting with "--" reads as an option; for a folder or file so named, give ./--x'),
    );
    expect(() => parseAuditArgs(['--portals=--strict'])).toThrow(
      new UsageError('--portals="--strict": a value starting with "--" reads as an option; for a folder or file so named, give ./--strict'),
    );
    expect(parseAuditArgs(['--out=./--x']).out).toBe('./--x');
  });

  it.each([
    [['--nope'], 'unknown option --nope (see --help)'],
    [['--consent'], '--consent needs a value: accept, refuse, none, both'],
    [['--consent', '--strict'], '--consent needs a value: accept, refuse, none, both'],
    [['--browser', 'safari'], '--browser must be one of chromium, firefox, not "safari"'],
    [['--out'], '--out needs a folder'],
    [['a.org', 'b.org'], 'one URL at a time: got "https://a.org/" and "b.org"'],
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
    [['--portals', 'demo', '--shard'], '--shard needs I/N, 1 ≤ I ≤ N ≤ 1000 (the I-th of N parts)'],
    // The next option is no value: `--out` is not blamed as a malformed shard.
    [['--portals', 'demo', '--shard', '--out', 'x'], '--shard needs I/N, 1 ≤ I ≤ N ≤ 1000 (the I-th of N parts)'],
    [['--consent', 'accept', '--consent', 'refuse'], '--consent given twice: give it once'],
    [['--charter', 'a.md', '--charter=b.md'], '--charter given twice: give it once'],
    [['--out', 'a', '--out', 'b'], '--out given twice: give it once'],
    [['--portals', 'a.txt', '--portals', 'b.txt'], '--portals given twice: give it once'],
    [['--pages', '2', '--pages', '3'], '--pages given twice: give it once'],
    [['--browser', 'firefox', '--browser', 'chromium'], '--browser given twice: give it once'],
    [['--portals', 'demo', '--jobs', '1', '--jobs', '2'], '--jobs given twice: give it once'],
    [['--strict', '--strict'], '--strict given twice: give it once'],
    [['-h', '--help'], '--help given twice: give it once'],
    // The first URL is quoted as the second is: cut before its path parameters, query or fragment.
    [['a.org/x;jsessionid=9F1C?token=t0k', 'b.org'], 'one URL at a time: got "https://a.org/x…" and "b.org"'],
    [['a.org', 'b.org/;jsessionid=9F1C'], 'one URL at a time: got "https://a.org/" and "b.org/…"'],
    [['a.org?token=t0k', '--portals', 'demo'], 'give a URL or --portals, not both (got "https://a.org/…" and --portals "demo")'],
    [['a.org', 'https://user:s3cret@b.org/'], PASSWORD_REFUSED],
    [[`${'a'.repeat(300)}.org`], `malformed URL: "${'a'.repeat(200)}…" (a label of a host name has 63 characters at most)`],
    [['--portals', 'demo', 'data.tco.re'], 'give a URL or --portals, not both (got "https://data.tco.re/" and --portals "demo")'],
    [['--portals', 'demo', '--draft'], '--draft is for one portal, not a census'],
    [['--portals', 'demo', '--charter', 'x.md'], '--charter is for one portal, not a census'],
    [['--draft=yes'], '--draft takes no value (got "--draft=yes"): give --draft, or leave it out'],
    [['--draft', '--lang', 'de'], '--lang must be one of fr, en, not "de"'],
    [['--lang', 'fr'], '--lang chooses the language of the charter draft: give --draft too'],
    [['--charter'], '--charter needs a charter file (Markdown or HTML)'],
    // The option after it is never taken for its value, `-h` included.
    [['--out', '-h'], '--out needs a folder'],
    [['--out='], '--out needs a folder'],
    [
      ['data.tco.re', '--charter', 'x.md'],
      '--charter serves a charter from the bundled demo portal: give no URL (got "https://data.tco.re/")',
    ],
  ])('refuses %j', (args, message) => {
    expect(() => parseAuditArgs(args)).toThrow(new UsageError(message));
  });

  it('quotes at most 200 characters of the first URL too, when a second one, --portals or --charter comes with it', () => {
    const long = `https://x.org/${'a'.repeat(1000)}`;
    const shown = `"https://x.org/${'a'.repeat(186)}…"`;
    expect(() => parseAuditArgs([long, 'y.org'])).toThrow(new UsageError(`one URL at a time: got ${shown} and "y.org"`));
    expect(() => parseAuditArgs([long, '--portals', 'demo'])).toThrow(
      new UsageError(`give a URL or --portals, not both (got ${shown} and --portals "demo")`),
    );
    expect(() => parseAuditArgs([long, '--charter', 'x.md'])).toThrow(
      new UsageError(`--charter serves a charter from the bundled demo portal: give no URL (got ${shown})`),
    );
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
    expect(parseTarget('api.portal.localhost:8080').href).toBe('http://api.portal.localhost:8080/');
    expect(parseTarget('localhost.example').href).toBe('https://localhost.example/');
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

describe('parseTarget on another scheme than http(s), with an "@" (review of 2026-12-06)', () => {
  const OTHER_SCHEME =
    'malformed URL: (a text with "@", not shown: it may hold a user name or password) (only http and https pages can be audited)';

  it.each([
    'mailto:dpo@data.tco.re',
    'MAILTO:dpo@x.org',
    ' mailto:dpo@x.org',
    'ftp://user:s3cret@x.org/',
    'javascript:alert("a@b")',
    'tel:+33@1',
  ])('refuses %j for its scheme, as ftp: and javascript: are, quoting nothing of it', (text) => {
    expect(() => parseTarget(text)).toThrow(new UsageError(OTHER_SCHEME));
    expect(() => parseAuditArgs([text], 2)).toThrow(new UsageError(OTHER_SCHEME));
  });

  it('still refuses a user name and password without a scheme as such (`user:s3cret@host`, `ftp:s3cret@host`)', () => {
    for (const text of ['user:s3cret@a.example.org', 'ftp:s3cret@a.example.org', 'localhost:s3cret@a.example.org'])
      expect(() => parseTarget(text), text).toThrow(new UsageError(PASSWORD_REFUSED));
  });
});

describe('parseTarget on a scheme written without `//` and digits after it (`tel:3615`, review of 2026-12-06)', () => {
  const refusal = (text: string, scheme: string) =>
    `malformed URL: "${text}" (only http and https pages can be audited: "${scheme}:" is read as a scheme; for a host so named, write https:// before it)`;

  it.each([
    ['tel:3615', 'tel'],
    ['sms:123', 'sms'],
    ['TEL:3615', 'tel'],
    ['tel:3615/x', 'tel'],
    ['fax:0144', 'fax'],
    ['data:8080', 'data'],
  ])('refuses %j for its scheme, not as a host and port (`tel:3615` was visited as https://tel:3615/)', (text, scheme) => {
    expect(() => parseTarget(text)).toThrow(new UsageError(refusal(text, scheme)));
    expect(() => parseAuditArgs([text], 2)).toThrow(new UsageError(refusal(text, scheme)));
  });

  it('refuses a phone number past the ports for its scheme, not its port (`tel:0612345678`)', () => {
    expect(() => parseTarget('tel:0612345678')).toThrow(new UsageError(refusal('tel:0612345678', 'tel')));
  });

  it('still reads a host and port, a one-word host too (`portal:8080`), and a scheme-named host given with https://', () => {
    expect(parseTarget('localhost:8080').href).toBe('http://localhost:8080/');
    expect(parseTarget('data.tco.re:8443').href).toBe('https://data.tco.re:8443/');
    expect(parseTarget('portal:8080').href).toBe('https://portal:8080/');
    expect(parseTarget('portal:8080/explore/').href).toBe('https://portal:8080/explore/');
    expect(parseTarget('tel.example.org:8443').href).toBe('https://tel.example.org:8443/');
    expect(parseTarget('https://tel:3615/').href).toBe('https://tel:3615/');
  });
});

describe('parseTarget says why the URL parser cannot read an address (review of 2026-12-06)', () => {
  const PORT = 'the port after the host must be a number from 1 to 65535';
  const IPV4 = 'read as an IPv4 address, which it is not: give four numbers from 0 to 255, written a.b.c.d, or a host name';
  const PUNYCODE = 'a label starting with "xn--" is not valid Punycode: give the host name as it is written';
  it.each([
    ['data.tco.re:65536', PORT],
    ['https://data.tco.re:65536/', PORT],
    ['localhost:99999', PORT],
    ['https://data.tco.re:8x/', PORT],
    ['10.0.0.256', IPV4],
    ['https://1.2.3.4.5/', IPV4],
    ['https://999.1/', IPV4],
    ['xn--a.fr', PUNYCODE],
    ['https://data.XN--A.fr/', PUNYCODE],
    ['https://', 'no host'],
    ['https://exa mple.org/', 'no valid host name'],
    ['https://[::1/', 'no valid host name'],
    // A character no host name holds is the fault, whatever the labels' numbers or Punycode (re-review cli9).
    ['https://xn--donnes-eva.exa mple.fr/', 'no valid host name'],
    ['https://ex ample.1/', 'no valid host name'],
  ])('%j: %s', (text, reason) => {
    expect(() => parseTarget(text)).toThrow(new UsageError(`malformed URL: ${JSON.stringify(text)} (${reason})`));
  });
});

describe('parseTarget on a file path', () => {
  const FILE_PATH =
    'is a file path, not an address: the audit visits http(s) pages (serve the file, on localhost for one, and give its URL)';

  it.each([
    '/tmp/x/page.html',
    '/',
    '//tmp/x.html',
    '\\tmp\\x.html',
    '~/x.html',
    '~user/x.html',
    '~',
    './x.html',
    '../x.html',
    '.\\x.html',
    '..',
    ' /tmp/x.html',
  ])('refuses %j up front, naming it a file path, never a host read from its first folder', (text) => {
    expect(() => parseTarget(text)).toThrow(new UsageError(`malformed URL: ${JSON.stringify(text)} ${FILE_PATH}`));
  });

  it('still takes a host whose name starts with a dot-free label, and a URL with a path', () => {
    expect(parseTarget('tmp.example.org/x/page.html').href).toBe('https://tmp.example.org/x/page.html');
    expect(parseTarget('https://data.tco.re/~user/').href).toBe('https://data.tco.re/~user/');
  });

  it('never quotes a file path with an @ before its query', () => {
    expect(() => parseTarget('/home/me@work/x.html')).toThrow(UsageError);
    expect(() => parseTarget('/home/me@work/x.html')).not.toThrow(/me@work/);
  });
});

describe('parseTarget on what it must not take as typed', () => {
  it.each([
    'https://user:s3cret@a.example.org/login',
    'https://user@a.example.org/',
    'user:s3cret@a.example.org',
    'http://user:s3cret@localhost:8080/',
    'https:\\\\user:s3cret@a.example.org/',
    'https://user:s3cret@exa mple.org/',
    // The URL parser drops tabs and line breaks anywhere, and spaces and controls at the ends.
    'https:\t//user:s3cret@data.tco.re/',
    'https:/\t/user:s3cret@data.tco.re/',
    ' https://user:s3cret@data.tco.re/',
    '\u0000https://user:s3cret@data.tco.re/',
    'https://us\ner:s3cret@data.tco.re/',
  ])('refuses a user name or password in %j without quoting it', (text) => {
    expect(() => parseTarget(text)).toThrow(new UsageError(PASSWORD_REFUSED));
  });

  it.each([
    ['"x" https://user:s3cret@data.tco.re/', ' (no valid host name)'],
    ['https://data.tco.re/a@s3cret\t', ' (a control character, such as a tab or a line break, cannot be part of a URL)'],
    [
      `https://user:${'s3cret'.repeat(100)}@exa mple.org/\t`,
      ' (a control character, such as a tab or a line break, cannot be part of a URL)',
    ],
  ])('never quotes a text holding an "@" before its query: %j', (text, reason) => {
    expect(() => parseTarget(text)).toThrow(UsageError);
    expect(() => parseTarget(text)).not.toThrow(/s3cret/);
    if (!text.startsWith('https://user')) {
      expect(() => parseTarget(text)).toThrow(
        new UsageError(`malformed URL: (a text with "@", not shown: it may hold a user name or password)${reason}`),
      );
    }
  });

  it.each([
    ['example.org\rother.org', 'a control character, such as a tab or a line break, cannot be part of a URL'],
    ['exa\tmple.org', 'a control character, such as a tab or a line break, cannot be part of a URL'],
    ['https://example.org/\n', 'a control character, such as a tab or a line break, cannot be part of a URL'],
    ['https://example.org/\u0085', 'a control character, such as a tab or a line break, cannot be part of a URL'],
    ['5', 'read as the IPv4 address 0.0.0.5: give a host name, or an IPv4 address written a.b.c.d'],
    ['127.1', 'read as the IPv4 address 127.0.0.1: give a host name, or an IPv4 address written a.b.c.d'],
    ['http://0x7f.0.0.1/', 'read as the IPv4 address 127.0.0.1: give a host name, or an IPv4 address written a.b.c.d'],
    ['https://-bad-.org/', 'a label of a host name cannot start or end with a hyphen'],
    ['https://bad-.org/', 'a label of a host name cannot start or end with a hyphen'],
    [`${'a'.repeat(64)}.org`, 'a label of a host name has 63 characters at most'],
    ['example.org:0', 'port 0 is no port a server listens on'],
    // A port that is no number reads as a scheme to the URL parser: it is the port that is wrong.
    ['data.tco.re:443x', 'the port after the host must be a number from 1 to 65535'],
    ['data.tco.re:', 'the port after the host must be a number from 1 to 65535'],
    ['localhost:abc', 'the port after the host must be a number from 1 to 65535'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parseTarget(text)).toThrow(new UsageError(`malformed URL: ${JSON.stringify(text)} (${reason})`));
  });

  it('refuses a host name over 253 characters', () => {
    const name = `${'a'.repeat(60)}.`.repeat(4) + 'a'.repeat(10);
    expect(name).toHaveLength(254);
    expect(() => parseTarget(name)).toThrow('(a host name has 253 characters at most)');
    expect(parseTarget(name.slice(1)).hostname).toHaveLength(253);
  });

  it('takes a dotted IPv4 address, labels of 63 characters, and hyphens inside labels', () => {
    expect(parseTarget('127.0.0.1').href).toBe('http://127.0.0.1/');
    expect(parseTarget('https://10.0.0.2:8443/').href).toBe('https://10.0.0.2:8443/');
    expect(parseTarget(`${'a'.repeat(63)}.org`).hostname).toHaveLength(67);
    expect(parseTarget('data.toulouse-metropole.fr').href).toBe('https://data.toulouse-metropole.fr/');
    expect(parseTarget('xn--bcher-kva.de').href).toBe('https://xn--bcher-kva.de/');
  });

  it('quotes at most 200 characters of what was typed, and nothing from its path parameters, query or fragment on', () => {
    const error = () => parseTarget(`https://exa mple.org/${'x'.repeat(1_000_000)}`);
    expect(error).toThrow(new UsageError(`malformed URL: "https://exa mple.org/${'x'.repeat(179)}…" (no valid host name)`));
    expect(() => parseTarget('https://exa mple.org/login;jsessionid=9F1C?PHPSESSID=abc#x')).toThrow(
      new UsageError('malformed URL: "https://exa mple.org/login…" (no valid host name)'),
    );
  });
});

describe("an option's value with a user name or password", () => {
  const URL_WITH = 'https://user:s3cret@data.example.org';
  const NOT_SHOWN = '(a text with "@", not shown: it may hold a user name or password)';
  it.each<[string[], string]>([
    [['--consent', URL_WITH], `--consent must be one of accept, refuse, none, both, not ${NOT_SHOWN}`],
    [[`--consent=${URL_WITH}`], `--consent must be one of accept, refuse, none, both, not ${NOT_SHOWN}`],
    [['--browser', URL_WITH], `--browser must be one of chromium, firefox, not ${NOT_SHOWN}`],
    [['--draft', '--lang', URL_WITH], `--lang must be one of fr, en, not ${NOT_SHOWN}`],
    [['--pages', URL_WITH], `--pages must be a whole number from 1 to 20, not ${NOT_SHOWN}`],
    [['--portals', 'list.txt', '--jobs', URL_WITH], `--jobs must be a whole number from 1 to 64, not ${NOT_SHOWN}`],
    [['--portals', 'list.txt', '--shard', URL_WITH], `(the I-th of N parts), not ${NOT_SHOWN}`],
    [[`--strict=${URL_WITH}`], `--strict takes no value (got ${NOT_SHOWN}): give --strict, or leave it out`],
    [[`--draft=${URL_WITH}`], `--draft takes no value (got ${NOT_SHOWN}): give --draft, or leave it out`],
    [[`--help=${URL_WITH}`], `--help takes no value (got ${NOT_SHOWN})`],
    [[`--out=--${URL_WITH}`], `--out=${NOT_SHOWN}: a value starting with "--" reads as an option`],
    [['data.tco.re', '--portals', URL_WITH], `give a URL or --portals, not both (got "https://data.tco.re/" and --portals ${NOT_SHOWN})`],
    [['--user:s3cret@data.example.org'], `unknown option ${NOT_SHOWN} (see --help)`],
  ])('%j is refused without quoting it', (argv, message) => {
    expect(() => parseAuditArgs(argv, 8)).toThrow(UsageError);
    expect(() => parseAuditArgs(argv, 8)).not.toThrow(/s3cret/);
    expect(() => parseAuditArgs(argv, 8)).toThrow(message);
  });

  it('quotes nothing of a password holding a "#" or "?" unencoded (the cut before them would show its first part)', () => {
    for (const typed of [
      'https://bob:abc#123@data.example.org',
      'https://bob:pa?ss@data.example.org/charter',
      'https://bob:123#45@data.example.org/c',
      'https://bob:ab/c#d@data.example.org',
      'https://bob:12/34@data.example.org',
    ]) {
      expect(() => parseAuditArgs(['--consent', typed], 8)).toThrow(
        new UsageError(`--consent must be one of accept, refuse, none, both, not ${NOT_SHOWN}`),
      );
      // Refused as a user name and password, never read as host "bob" and port 123.
      expect(() => parseTarget(typed)).toThrow(UsageError);
      expect(() => parseTarget(typed)).not.toThrow(/bob/);
    }
    // An `@` in a query, past a path, is no user name: the value is quoted, cut before its query.
    expect(() => parseAuditArgs(['--consent', 'https://data.example.org/x?mail=a@b'], 8)).toThrow(
      new UsageError('--consent must be one of accept, refuse, none, both, not "https://data.example.org/x…"'),
    );
  });

  it('still quotes a value with no "@", cut before its query', () => {
    expect(() => parseAuditArgs(['--consent', 'maybe?token=S3CRET'], 8)).toThrow(
      new UsageError('--consent must be one of accept, refuse, none, both, not "maybe…"'),
    );
    expect(() => parseAuditArgs(['--consent', 'maybe'], 8)).toThrow(
      new UsageError('--consent must be one of accept, refuse, none, both, not "maybe"'),
    );
  });

  it('cuts an unknown option and a value read as an option before their query too (a review’s cases)', () => {
    expect(() => parseAuditArgs(['-x#S3CRET'], 8)).toThrow(new UsageError('unknown option -x… (see --help)'));
    expect(() => parseAuditArgs(['--out=--x?key=S3CRET'], 8)).toThrow(
      new UsageError('--out="--x…": a value starting with "--" reads as an option; for a folder or file so named, give it after ./'),
    );
  });
});

describe('USAGE', () => {
  /** The options the parser reads: the labels of its switch, so a new option is in this list the day it is added. */
  const parsed = [
    ...readFileSync(new URL('../../../scripts/audit/options.ts', import.meta.url), 'utf8').matchAll(/case '(-[-a-z]+)':/g),
  ].map((match) => match[1]!);
  /** The options USAGE names. */
  const named = new Set(USAGE.match(/--[a-z]+/g));

  it('is what -h and --help ask for', () => {
    expect(parseAuditArgs(['-h']).help).toBe(true);
    expect(parseAuditArgs(['--help']).help).toBe(true);
  });

  it('names every option the parser reads, and no other', () => {
    expect(parsed).toContain('--consent');
    // -h is --help's short form, said beside it.
    expect(USAGE).toContain('--help (or -h)');
    const described = parsed.filter((option) => option !== '-h');
    expect([...named].sort()).toEqual([...described].sort());
  });
});
