import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/audit/options.ts';
import { parsePortalList, shardPositions } from '../../../scripts/census/portal-list.ts';
import { CENSUS_FILE_NAMES } from '../../../scripts/census/census-report.ts';

describe('portal list', () => {
  it('never names a list file with a user name or password in it', () => {
    expect(() => parsePortalList('exa mple.org\n', 'https://user:s3cret@data.example.org')).toThrow(
      '(a text with "@", not shown: it may hold a user name or password):1: ',
    );
    expect(() => parsePortalList('# none\n', 'https://user:s3cret@data.example.org')).toThrow(
      new UsageError(
        '(a text with "@", not shown: it may hold a user name or password): no portal listed (one URL per line, # for comments)',
      ),
    );
  });

  it('refuses, before anything is audited, a host named as one of the census’s own files (`.md` is Moldova’s)', () => {
    for (const name of CENSUS_FILE_NAMES) {
      const read = () => parsePortalList(`data.tco.re\nhttps://${name.toUpperCase()}/explore/\n`, 'portals.txt');
      expect(read).toThrow(UsageError);
      expect(read).toThrow(
        `portals.txt:2: ${name} cannot be in a census: its folder would be the census's own ${name} (audit it alone: npm start -- ${name})`,
      );
    }
    expect(parsePortalList('census.md.gov\nmy-census.md\n', 'portals.txt').urls.map((url) => url.hostname)).toEqual([
      'census.md.gov',
      'my-census.md',
    ]);
  });

  it('reads one URL per line, drops comments and blanks, keeps each host once (the first line)', () => {
    const list = parsePortalList(
      [
        '# portals of the region',
        '',
        'data.tco.re',
        '  https://data.toulouse-metropole.fr/explore/  # the metropole',
        'http://data.tco.re/pages/',
        'localhost:8080',
      ].join('\r\n'),
      'portals.txt',
    );
    expect(list.urls.map((url) => url.href)).toEqual([
      'https://data.tco.re/',
      'https://data.toulouse-metropole.fr/explore/',
      'http://localhost:8080/',
    ]);
    expect(list.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(list.repeated).toEqual([
      'portals.txt:5: http://data.tco.re/pages/ skipped: its host data.tco.re is listed on line 3 (a host is audited once)',
    ]);
  });

  it('refuses a line whose URL holds a space, naming its line, as it does a tab: two URLs, or a URL and a name, are no one URL', () => {
    for (const [line, quoted, part] of [
      ['https://data.a.org/ https://data.b.org/', '"https://data.a.org/ https://data.b.org/"', 'path'],
      ['https://data.c.org/ Ville de C', '"https://data.c.org/ Ville de C"', 'path'],
      ['data.c.org/explore/\u00a0x  # a no-break space', '"data.c.org/explore/\u00a0x"', 'path'],
      // Cut before its query or path parameters, as every quoted line is (a token's value is never
      // shown): where the space is is said, the value that holds it is not.
      ['https://data.c.org/search?q=a b', '"https://data.c.org/search…"', 'query'],
      ['https://data.a.org/explore/?q=a b', '"https://data.a.org/explore/…"', 'query'],
      ['https://data.a.org?q=a b', '"https://data.a.org…"', 'query'],
      ['https://data.a.org/app;sid=a b/cart', '"https://data.a.org/app…"', 'path'],
    ])
      expect(() => parsePortalList(`data.tco.re\n${line}\n`, 'portals.txt'), line).toThrow(
        new UsageError(
          `portals.txt:2: malformed URL: ${quoted} (a space in its ${part}: a listed URL holds none, one portal a line, a comment after "#"; write a space that is part of the URL as %20)`,
        ),
      );
    expect(() => parsePortalList('data.tco.re\nhttps://data.a.org/\thttps://data.b.org/\n', 'portals.txt')).toThrow(
      /^portals\.txt:2: malformed URL: .*a control character, such as a tab/,
    );
    // What the list allows around a URL still holds: blanks before it, after it, and before its comment.
    expect(
      parsePortalList('  data.tco.re  \n\u00a0itie.opendatasoft.com\u00a0 # x y\n \t \n', 'portals.txt').urls.map((url) => url.href),
    ).toEqual(['https://data.tco.re/', 'https://itie.opendatasoft.com/']);
  });

  it('names each line skipped as a host already listed, another port included, without the URL’s values', () => {
    const list = parsePortalList('localhost:8080\nlocalhost:9090\n# x\nhttps://LOCALHOST/?token=S3CRET#top\n', 'portals.txt');
    expect(list.urls.map((url) => url.href)).toEqual(['http://localhost:8080/']);
    expect(list.repeated).toEqual([
      'portals.txt:2: http://localhost:9090/ skipped: its host localhost is listed on line 1 (a host is audited once)',
      'portals.txt:4: https://localhost/?token= skipped: its host localhost is listed on line 1 (a host is audited once)',
    ]);
  });

  it('ends a line at a lone CR too (old Mac files): two hosts never run together', () => {
    expect(parsePortalList('example.org\rother.org\r', 'cr.txt').urls.map((url) => url.href)).toEqual([
      'https://example.org/',
      'https://other.org/',
    ]);
    expect(parsePortalList('a.org\r\n\rb.org\nc.org', 'mixed.txt').urls.map((url) => url.hostname)).toEqual(['a.org', 'b.org', 'c.org']);
  });

  it('quotes at most 200 characters of a bad line', () => {
    const line = `https://exa mple.org/${'x'.repeat(1_000_000)}`;
    expect(() => parsePortalList(`${line}\n`, 'long.txt')).toThrow(
      new UsageError(`long.txt:1: malformed URL: "https://exa mple.org/${'x'.repeat(179)}…" (no valid host name)`),
    );
  });

  it('identifies a list by its portals, not its comments', () => {
    const a = parsePortalList('data.tco.re\nitie.opendatasoft.com\n', 'a');
    const b = parsePortalList('# other comments\nhttps://data.tco.re/\n\nitie.opendatasoft.com # x', 'b');
    const c = parsePortalList('itie.opendatasoft.com\ndata.tco.re', 'c');
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).not.toBe(c.sha256);
  });

  it('never quotes a line with a user name or password, however spaced', () => {
    for (const line of [
      'https:/\t/user:s3cret@data.tco.re/',
      'https:\t//user:s3cret@data.tco.re/',
      '"x" https://user:s3cret@data.tco.re/',
    ]) {
      expect(() => parsePortalList(`data.tco.re\n${line}\n`, 'portals.txt')).toThrow(/^portals\.txt:2: malformed URL: /);
      expect(() => parsePortalList(`data.tco.re\n${line}\n`, 'portals.txt')).not.toThrow(/s3cret/);
    }
  });

  it('never quotes nor audits a line whose password holds an unencoded "#" or "?" (read before its comment is cut)', () => {
    for (const line of [
      'https://bob:abc#123@data.example.org/',
      'https://bob:123#45@data.example.org/c',
      'https://bob:ab/c#d@data.example.org',
    ]) {
      expect(() => parsePortalList(`data.tco.re\n${line}\n`, 'portals.txt')).toThrow(/^portals\.txt:2: /);
      expect(() => parsePortalList(`data.tco.re\n${line}\n`, 'portals.txt')).not.toThrow(/bob|abc|123|ab\//);
    }
    // A comment holding an address is a comment; a port before a path, an @ in a query: no user name.
    const list = parsePortalList(
      'data.tco.re # ask admin:x@tco.re\nhttps://localhost:8080/x?mail=a@b\ndata.example.org:8443  # contact admin@tco.re\n',
      'portals.txt',
    );
    expect(list.urls.map((url) => url.host)).toEqual(['data.tco.re', 'localhost:8080', 'data.example.org:8443']);
    // A blank inside the password, before its `#`: not a comment of an address (re-review of 4a91458).
    for (const line of [
      'https://bob:abc #123@data.example.org',
      'https://bob:1234 #56@data.x.org',
      'https://bob:pa\t#ss@data.x.org',
      'https://john.doe:1234 #56@portal.example',
    ]) {
      expect(() => parsePortalList(`${line}\n`, 'portals.txt')).toThrow(/^portals\.txt:1: malformed URL: a user name/);
    }
    expect(parsePortalList('localhost:8080 # admin@tco.re\n', 'portals.txt').urls.map((url) => url.host)).toEqual(['localhost:8080']);
    // Digits, then a `/`: a password, not a port before a path.
    expect(() => parsePortalList('https://bob:12/34@data.example.org\n', 'portals.txt')).toThrow(
      /^portals\.txt:1: malformed URL: a user name/,
    );
  });

  it('refuses a file path listed as a portal, naming its line, not a host read from its first folder', () => {
    expect(() => parsePortalList('data.tco.re\n/tmp/x/page.html\n', 'portals.txt')).toThrow(
      new UsageError(
        'portals.txt:2: malformed URL: "/tmp/x/page.html" is a file path, not an address: the audit visits http(s) pages (serve the file, on localhost for one, and give its URL)',
      ),
    );
  });

  it('refuses a line of another scheme with an "@" for its scheme, not as a user name or password (`mailto:dpo@data.tco.re`)', () => {
    for (const line of ['mailto:dpo@data.tco.re', 'mailto:dpo@data.tco.re  # the DPO', 'ftp://user:s3cret@x.org/'])
      expect(() => parsePortalList(`data.tco.re\n${line}\n`, 'portals.txt'), line).toThrow(
        new UsageError(
          'portals.txt:2: malformed URL: (a text with "@", not shown: it may hold a user name or password) (only http and https pages can be audited)',
        ),
      );
  });

  it('refuses a `tel:` or `sms:` line for its scheme, not as a host and port, and still reads `portal:8080`', () => {
    for (const [line, scheme] of [
      ['tel:3615', 'tel'],
      ['sms:123  # the hotline', 'sms'],
      ['tel:0612345678', 'tel'],
    ] as const)
      expect(() => parsePortalList(`data.tco.re\n${line}\n`, 'portals.txt'), line).toThrow(
        new UsageError(
          `portals.txt:2: malformed URL: "${line.split(' ')[0]}" (only http and https pages can be audited: "${scheme}:" is read as a scheme; for a host so named, write https:// before it)`,
        ),
      );
    expect(parsePortalList('portal:8080\nhttps://tel:3615/\n', 'portals.txt').urls.map((url) => url.href)).toEqual([
      'https://portal:8080/',
      'https://tel:3615/',
    ]);
  });

  it('says what a control character in a list is counted against', () => {
    expect(() => parsePortalList('data.tco.re\n\u001b\n', 'portals.txt')).toThrow(
      new UsageError('portals.txt: binary data: 1 control character for 11 visible characters (over 1 in 20), not a text list'),
    );
  });

  it('names the line of a malformed URL, and refuses an empty list', () => {
    expect(() => parsePortalList('data.tco.re\nftp://x.org/\n', 'portals.txt')).toThrow(
      new UsageError('portals.txt:2: malformed URL: "ftp://x.org/" (only http and https pages can be audited)'),
    );
    expect(() => parsePortalList('# nothing\n\n', 'portals.txt')).toThrow(
      new UsageError('portals.txt: no portal listed (one URL per line, # for comments)'),
    );
  });

  it('refuses a list that is not UTF-8 text, naming why as `charter check` does (worded for a list)', () => {
    const decoded = (bytes: Buffer) => new TextDecoder().decode(bytes);
    const utf16 = (text: string, bom: number[]) => decoded(Buffer.concat([Buffer.from(bom), Buffer.from(text, 'utf16le')]));
    expect(() => parsePortalList(utf16('data.tco.re\r\nitie.opendatasoft.com\r\n', [0xff, 0xfe]), 'portals.txt')).toThrow(
      new UsageError('portals.txt: binary data: 36 NUL bytes, it looks like UTF-16 text; save the list as UTF-8'),
    );
    // Big-endian, no BOM: the NUL bytes come first.
    const be = Buffer.from('data.tco.re\n', 'utf16le').swap16();
    expect(() => parsePortalList(decoded(be), 'portals.txt')).toThrow(
      new UsageError('portals.txt: binary data: 12 NUL bytes, it looks like UTF-16 text; save the list as UTF-8'),
    );
    expect(() => parsePortalList('data.tco.re\n\u0000itie.opendatasoft.com\n', 'portals.txt')).toThrow(
      new UsageError('portals.txt: binary data: 1 NUL byte, not a text list'),
    );
    // Latin-1 read as UTF-8: mostly characters that did not decode.
    expect(() => parsePortalList(decoded(Buffer.from('caf\u00e9\u00e9\u00e9.fr\n', 'latin1')), 'portals.txt')).toThrow(
      new UsageError('portals.txt: not valid UTF-8: 3 of 9 characters could not be decoded; save the list as UTF-8'),
    );
    // A UTF-8 BOM is no problem.
    expect(parsePortalList('\uFEFFdata.tco.re\n', 'portals.txt').urls.map((url) => url.href)).toEqual(['https://data.tco.re/']);
  });

  it('splits a list in shards deterministically: position k goes to shard k % n + 1, sizes differ by one at most', () => {
    expect(shardPositions(7, null)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(shardPositions(7, { index: 1, count: 3 })).toEqual([0, 3, 6]);
    expect(shardPositions(7, { index: 3, count: 3 })).toEqual([2, 5]);
    expect(shardPositions(2, { index: 3, count: 4 })).toEqual([]);
    const all = [1, 2, 3, 4].flatMap((index) => shardPositions(10, { index, count: 4 }));
    expect(all.sort((a, b) => a - b)).toEqual(shardPositions(10, null));
  });

  it('computes a shard’s positions from its index, never filtering the whole list: merging N shards is linear, not N times the list', () => {
    // As the split reads: every position k with k % count === index - 1, for lists and shards of any size.
    for (const size of [0, 1, 2, 7, 10, 100])
      for (const count of [1, 2, 3, 7, 10, 1000])
        for (let index = 1; index <= Math.min(count, 12); index++) {
          const expected = Array.from({ length: size }, (_, k) => k).filter((k) => k % count === index - 1);
          expect(shardPositions(size, { index, count }), `${size} ${index}/${count}`).toEqual(expected);
        }
    // A list far larger than a shard: only the shard's positions are made (the whole list could not be).
    expect(shardPositions(2 ** 32, { index: 2 ** 31, count: 2 ** 31 })).toEqual([2 ** 31 - 1, 2 ** 32 - 1]);
  });
});
