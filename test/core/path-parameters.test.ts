import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  addressesWithoutValuesIn,
  addressWithoutValues,
  parsedUrl,
  pathWithParameterValuesMarked,
  queryWithoutValues,
  withoutPathParameters,
} from '../../src/core/path-parameters.ts';

describe('withoutPathParameters', () => {
  it('drops a servlet session id carried in the path', () => {
    expect(withoutPathParameters('/login;jsessionid=9F1C2A7B3D4E5F60')).toBe('/login');
  });

  it('drops the parameters of every segment, up to the next slash', () => {
    expect(withoutPathParameters('/a;x=1/b;y')).toBe('/a/b');
    expect(withoutPathParameters('/a;x=1;y=2/b/c;z=3/')).toBe('/a/b/c/');
    expect(withoutPathParameters('/;jsessionid=X/cart')).toBe('//cart');
    expect(withoutPathParameters('/;')).toBe('/');
  });

  it('keeps a path without parameters as it is', () => {
    expect(withoutPathParameters('/explore/dataset/arbres/map/')).toBe('/explore/dataset/arbres/map/');
    expect(withoutPathParameters('')).toBe('');
  });

  it('keeps an encoded semicolon: %3B is data, not a parameter separator', () => {
    expect(withoutPathParameters('/a%3Bx=1/b')).toBe('/a%3Bx=1/b');
    expect(withoutPathParameters('/a%3bx=1;jsessionid=S/b')).toBe('/a%3bx=1/b');
  });

  it('ends on hostile input (100,000 semicolons, with and without slashes)', () => {
    expect(withoutPathParameters(`/a${';'.repeat(100_000)}`)).toBe('/a');
    expect(withoutPathParameters(';/'.repeat(100_000))).toBe('/'.repeat(100_000));
    expect(withoutPathParameters(`/${';x='.repeat(100_000)}/b`)).toBe('//b');
  });
});

describe('pathWithParameterValuesMarked', () => {
  it('keeps that a segment had parameters, never what they hold', () => {
    // A cookie set without Path at /app;jsessionid=…/cart/view has the default path /app;jsessionid=…/cart.
    expect(pathWithParameterValuesMarked('/app;jsessionid=SECRET42/cart')).toBe('/app;…/cart');
    expect(pathWithParameterValuesMarked('/a;x=1;y=2/b/c;z/')).toBe('/a;…/b/c;…/');
    expect(pathWithParameterValuesMarked('/;')).toBe('/;…');
  });

  it('keeps a path without parameters, and an encoded semicolon, as it is', () => {
    expect(pathWithParameterValuesMarked('/explore/')).toBe('/explore/');
    expect(pathWithParameterValuesMarked('/a%3Bx=1/b')).toBe('/a%3Bx=1/b');
  });

  it('changes nothing when applied again (a path marked is recorded as it is)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[/;a-z=…]*$/), (path) => {
        const marked = pathWithParameterValuesMarked(path);
        expect(pathWithParameterValuesMarked(marked)).toBe(marked);
      }),
    );
  });

  it('ends on hostile input (100,000 semicolons, with and without slashes)', () => {
    expect(pathWithParameterValuesMarked(`/a${';'.repeat(100_000)}`)).toBe('/a;…');
    expect(pathWithParameterValuesMarked(';/'.repeat(100_000))).toBe(';…/'.repeat(100_000));
  });
});

describe('queryWithoutValues', () => {
  it('keeps the parameter names, never a value', () => {
    expect(queryWithoutValues(new URL('https://a.example/p?PHPSESSID=abc123&lang=fr&lang=en'))).toBe('?PHPSESSID=&lang=&lang=');
    expect(queryWithoutValues(new URL('https://a.example/p?a%20b=1&=x'))).toBe('?a%20b=&=');
    expect(queryWithoutValues(new URL('https://a.example/p'))).toBe('');
    expect(queryWithoutValues(new URL('https://a.example/p?'))).toBe('');
  });
});

/** Stands for a secret (a session id, a token) in the URLs generated below: no other part holds it. */
const SECRET = 'S3CR3T';
const noSecret = (text: string) => !text.includes(SECRET);
/** Any text, and text of the characters a URL's parts and their separators are made of. */
const anyText = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.string({ unit: fc.constantFrom(...'\'!*()~$,;@:/?#&=%.+ "<>`{}|\\^[]a'), maxLength: 8 }),
  )
  .filter(noSecret);
/** A part of a URL that holds no separator of its own (`/` in a path, `&` in a query). */
const anyPart = (...separators: string[]) => anyText.filter((text) => separators.every((separator) => !text.includes(separator)));
/** What holds the secret: a value, with anything around it. */
const secret = (...separators: string[]) => fc.tuple(anyPart(...separators), anyPart(...separators)).map(([a, b]) => `${a}${SECRET}${b}`);

/**
 * An http(s) URL as the URL parser writes it (each part given to its setter, which encodes what
 * the part cannot hold), whose secret is only in its credentials, path parameters, query values
 * and fragment: all that addressWithoutValues drops.
 */
const anyUrl = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host: fc.domain(),
    user: fc.option(secret()),
    segments: fc.array(fc.tuple(anyPart('/', '\\', ';'), fc.option(secret('/', '\\'))), { maxLength: 4 }),
    query: fc.option(fc.array(fc.tuple(anyPart('&', '=', '#'), secret('&', '#')), { maxLength: 3 })),
    fragment: fc.option(secret()),
  })
  .map(({ scheme, host, user, segments, query, fragment }) => {
    const url = new URL(`${scheme}://${host}/`);
    if (user !== null) [url.username, url.password] = [user, user];
    url.pathname = segments.map(([segment, parameter]) => (parameter === null ? segment : `${segment};${parameter}`)).join('/');
    if (query !== null) url.search = query.map(([name, value]) => `${name}=${value}`).join('&');
    if (fragment !== null) url.hash = fragment;
    return url.href;
  });
/** A line of text naming URLs: a driver's error (`net::ERR_… at URL`), and whatever else. */
const anyLine = fc.array(fc.oneof(anyText, anyUrl), { maxLength: 4 }).map((parts) => parts.join(' '));

describe('parsedUrl', () => {
  it('is the URL the parser reads, or null where it throws', () => {
    expect(parsedUrl('https://data.tco.re/a?b=1')?.href).toBe('https://data.tco.re/a?b=1');
    for (const text of ['https://Ã¨', 'https://', 'data.tco.re', '']) expect(parsedUrl(text)).toBeNull();
  });

  it('asks the parser alone: URL.canParse of Node 20, once optimised, says yes to some text the parser throws on', () => {
    // Node 20.20, after a few thousand calls (V8's fast path): canParse('https://Ã¨') is true, new URL throws.
    const canParse = vi.spyOn(URL, 'canParse').mockReturnValue(true);
    try {
      expect(parsedUrl('https://Ã¨')).toBeNull();
    } finally {
      canParse.mockRestore();
    }
  });
});

describe('addressesWithoutValuesIn', () => {
  it('writes "a URL" for what the parser throws on, even where URL.canParse says yes (Node 20, once optimised)', () => {
    const canParse = vi.spyOn(URL, 'canParse').mockReturnValue(true);
    try {
      expect(addressesWithoutValuesIn('redirected to https://Ã¨ then https://x.invalid/?sid=s3cr3t')).toBe(
        'redirected to a URL then https://x.invalid/?sid=',
      );
    } finally {
      canParse.mockRestore();
    }
  });

  it('cleans each URL whole, whatever characters the URL parser leaves unencoded in it', () => {
    expect(addressesWithoutValuesIn("net::ERR_NAME_NOT_RESOLVED at https://x.invalid/l'agenda/?PHPSESSID=s3cr3t")).toBe(
      "net::ERR_NAME_NOT_RESOLVED at https://x.invalid/l'agenda/?PHPSESSID=",
    );
    for (const character of "'!*()~$,;@:`{}|^[]") {
      const cleaned = addressesWithoutValuesIn(`at https://x.invalid/a${character}b;jsessionid=s3cr3t/?sid=s3cr3t#s3cr3t (from x)`);
      expect(cleaned, character).not.toContain('s3cr3t');
    }
    fc.assert(
      fc.property(anyLine, (line) => {
        expect(addressesWithoutValuesIn(line)).not.toContain(SECRET);
      }),
      { numRuns: 2_000 },
    );
  });

  it('changes nothing in what it cleaned, nor in an address without values: census:merge checks a census so', () => {
    // A query name with `'` (encodeURIComponent keeps it); parameters that hid a dot segment.
    expect(addressWithoutValues(new URL("https://y.invalid/?a'b=s3cr3t"))).toBe('https://y.invalid/?a%27b=');
    expect(addressWithoutValues(new URL('https://y.invalid/a/..;x=s3cr3t/b'))).toBe('https://y.invalid/b');
    expect(addressWithoutValues(new URL('https://y.invalid/a/.%2E;x/b;y'))).toBe('https://y.invalid/b');
    const once = addressesWithoutValuesIn('at https://y.invalid/a/..;x=s3cr3t/b');
    expect(addressesWithoutValuesIn(once)).toBe(once);
    fc.assert(
      fc.property(anyUrl, (url) => {
        const address = addressWithoutValues(new URL(url));
        expect(addressesWithoutValuesIn(address)).toBe(address);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(anyLine, (line) => {
        const cleaned = addressesWithoutValuesIn(line);
        expect(addressesWithoutValuesIn(cleaned)).toBe(cleaned);
      }),
      { numRuns: 2_000 },
    );
  });

  it('ends on hostile input (100,000 URL starts, quotes, values)', () => {
    expect(addressesWithoutValuesIn('https://'.repeat(100_000))).toMatch(/^https:\/\/https\/\/https:/);
    expect(addressesWithoutValuesIn('https:// '.repeat(100_000))).toBe('https:// '.repeat(100_000));
    expect(addressesWithoutValuesIn(`https://a.org/${"'".repeat(100_000)}`)).toBe(`https://a.org/${"'".repeat(100_000)}`);
    expect(addressesWithoutValuesIn(`https://a.org/?${'a=:&'.repeat(100_000)}`)).toBe(`https://a.org/?${'&a='.repeat(100_000).slice(1)}`);
  });
});
