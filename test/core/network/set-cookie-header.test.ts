import { describe, expect, it } from 'vitest';
import {
  expiryOf,
  MAX_ATTRIBUTE_VALUE,
  MAX_NAME_AND_VALUE_BYTES,
  parseCookieDate,
  parseSetCookie,
  parseSetCookieHeaders,
  serverTimeOf,
} from '../../../src/core/network/set-cookie-header.ts';

describe('parseSetCookie', () => {
  it('reads the name and every attribute, and leaves the value out', () => {
    const facts = parseSetCookie(
      'sessionid=SECRET-VALUE; Domain=.Data.TCO.re; Path=/; Max-Age=1209600; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Secure; HttpOnly; SameSite=Lax; Partitioned',
    );
    expect(facts).toEqual({
      name: 'sessionid',
      domain: 'data.tco.re',
      path: '/',
      maxAge: 1209600,
      expires: 'Wed, 09 Jun 2027 10:18:14 GMT',
      secure: true,
      httpOnly: true,
      partitioned: true,
      sameSite: 'lax',
    });
    expect(JSON.stringify(facts)).not.toContain('SECRET');
  });

  it('reads attribute names in any case, with spaces around, and ignores unknown ones', () => {
    expect(parseSetCookie(' _ga = GA1.2.3 ;  max-age = 63072000 ; SECURE ;foo=bar; samesite=None')).toMatchObject({
      name: '_ga',
      maxAge: 63072000,
      secure: true,
      sameSite: 'none',
    });
  });

  it('follows RFC 6265bis on odd lines: no "=" is a nameless cookie, an empty pair sets nothing', () => {
    expect(parseSetCookie('lonevalue; Path=/')).toMatchObject({ name: '', path: '/' });
    expect(parseSetCookie('')).toBeNull();
    expect(parseSetCookie('  ; Path=/')).toBeNull();
    expect(parseSetCookie('a=')).toMatchObject({ name: 'a', domain: null, path: null, secure: false });
  });

  it('keeps a value that holds "=" or ";" out, whatever its shape', () => {
    expect(parseSetCookie('token=a=b=c; HttpOnly')).toMatchObject({ name: 'token', httpOnly: true });
    expect(JSON.stringify(parseSetCookie('token=a=b=c; HttpOnly'))).not.toContain('a=b');
  });

  it('ignores attribute values browsers ignore: over 1024 characters, a path not starting with "/", a bad Max-Age', () => {
    const long = 'x'.repeat(MAX_ATTRIBUTE_VALUE + 1);
    expect(parseSetCookie(`a=1; Domain=${long}; Path=relative; Max-Age=12abc`)).toMatchObject({ domain: null, path: null, maxAge: null });
    expect(parseSetCookie(`a=1; Max-Age=-1`)).toMatchObject({ maxAge: -1 });
  });

  it('counts an attribute value’s length in UTF-8 bytes, as browsers do', () => {
    // 630 UTF-16 units, 1,230 bytes: ignored, so no expiry in the past makes the line a removal.
    const wide = `Thu, 01 Jan 1970 00:00:00 GMT ${'é'.repeat(600)}`;
    expect(parseSetCookie(`sid=1; Expires=${wide}`)).toMatchObject({ expires: null });
    expect(parseSetCookie(`sid=1; Path=/${'é'.repeat(511)}`)).toMatchObject({ path: `/${'é'.repeat(511)}` });
    expect(parseSetCookie(`sid=1; Path=/${'é'.repeat(512)}`)).toMatchObject({ path: null });
    // A character outside the BMP is four bytes, two units.
    expect(parseSetCookie(`sid=1; Path=/${'😀'.repeat(255)}`)).toMatchObject({ path: `/${'😀'.repeat(255)}` });
    expect(parseSetCookie(`sid=1; Path=/${'😀'.repeat(256)}`)).toMatchObject({ path: null });
  });

  it('trims a name of spaces and tabs only: any other space is part of it, as the browser keeps it', () => {
    expect(parseSetCookie(' \tsid \t=1')).toMatchObject({ name: 'sid' });
    expect(parseSetCookie('\u00a0sid=1')).toMatchObject({ name: '\u00a0sid' });
    expect(parseSetCookie('sid\ufeff=1')).toMatchObject({ name: 'sid\ufeff' });
  });

  it('refuses a cookie no browser would set: name and value over 4096 bytes (RFC 6265bis 5.7, step 5)', () => {
    expect(parseSetCookie(`${'n'.repeat(4097)}=1`)).toBeNull();
    // 3 + 4093 bytes is the most; the value counts, as it stands, in UTF-8, spaces around it left out.
    expect(parseSetCookie(`sid=${'x'.repeat(MAX_NAME_AND_VALUE_BYTES - 3)}  ; Path=/`)).toMatchObject({ name: 'sid', path: '/' });
    expect(parseSetCookie(`sid=${'x'.repeat(MAX_NAME_AND_VALUE_BYTES - 2)}; Path=/`)).toBeNull();
    expect(parseSetCookie(`sid=${'é'.repeat(2046)}x`)).toMatchObject({ name: 'sid' });
    expect(parseSetCookie(`sid=${'é'.repeat(2047)}`)).toBeNull();
    expect(parseSetCookie(`${'é'.repeat(2048)}=`)).toMatchObject({ name: 'é'.repeat(2048) });
    expect(parseSetCookie(`${'é'.repeat(2048)}=1`)).toBeNull();
    // A nameless cookie's value alone (Chromium).
    expect(parseSetCookie('x'.repeat(MAX_NAME_AND_VALUE_BYTES))).toMatchObject({ name: '' });
    expect(parseSetCookie('x'.repeat(MAX_NAME_AND_VALUE_BYTES + 1))).toBeNull();
  });

  it('refuses an empty name with an empty value: `=` sets nothing in any browser (RFC 6265bis 5.7, step 6)', () => {
    expect(parseSetCookie('=')).toBeNull();
    expect(parseSetCookie(' \t= \t; Path=/')).toBeNull();
    expect(parseSetCookie('=abc; Path=/')).toMatchObject({ name: '', path: '/' });
  });

  it('reads a pair without "=" as Firefox does when told to: the cookie’s name; and refuses an empty name there', () => {
    expect(parseSetCookie(' tokenabc ; Path=/', 'name')).toMatchObject({ name: 'tokenabc', path: '/' });
    expect(parseSetCookie('tokenabc; Path=/', 'value')).toMatchObject({ name: '', path: '/' });
    expect(parseSetCookie('=abc; Path=/', 'name')).toBeNull();
    expect(parseSetCookie('sid=abc', 'name')).toMatchObject({ name: 'sid' });
    expect(JSON.stringify(parseSetCookie('sid=abc', 'name'))).not.toContain('abc');
    expect(parseSetCookie('n'.repeat(MAX_NAME_AND_VALUE_BYTES + 1), 'name')).toBeNull();
  });
});

describe('parseSetCookieHeaders', () => {
  it('reads one header per cookie, and lines joined by newlines', () => {
    expect(parseSetCookieHeaders(['a=1; Path=/', 'b=2\nc=3; Secure', '']).map((facts) => facts.name)).toEqual(['a', 'b', 'c']);
    expect(parseSetCookieHeaders(['a=1\nbare; Path=/'], Number.POSITIVE_INFINITY, 'name').map((facts) => facts.name)).toEqual([
      'a',
      'bare',
    ]);
  });

  it('reads no further than the limit', () => {
    expect(parseSetCookieHeaders(['a=1\nb=2\nc=3', 'd=4'], 2).map((facts) => facts.name)).toEqual(['a', 'b']);
  });

  it('leaves out, in Firefox, a line setting its cookie as the previous line of it did, however written (a re-review)', () => {
    const kept = (...lines: string[]) => parseSetCookieHeaders(lines, Number.POSITIVE_INFINITY, 'value', 'silent').length;
    // Firefox compares the cookie it parsed, not the text: attribute case, order, spacing and SameSite case differ, one event.
    expect(kept('rr_dup=a; Path=/', 'rr_dup=a; path=/')).toBe(1);
    expect(kept('rr_dup=a; Path=/; Secure; HttpOnly', 'rr_dup=a; HttpOnly; Secure; Path=/')).toBe(1);
    expect(kept('rr_dup=a;Path=/', 'rr_dup= a ; Path=/')).toBe(1);
    expect(kept('rr_dup=a; Path=/; SameSite=Lax', 'rr_dup=a; Path=/; SameSite=lax')).toBe(1);
    expect(kept('c=1; Expires=Thu, 01 Jan 2037 00:00:00 GMT', 'c=1; expires=Thu, 01-Jan-2037 00:00:00 GMT')).toBe(1);
    // Anything the cookie holds changing is an event: value, flags, SameSite, expiry.
    expect(kept('c=a', 'c=b')).toBe(2);
    expect(kept('c=a', 'c=ab')).toBe(2);
    expect(kept('c=a', 'c=a; Secure')).toBe(2);
    expect(kept('c=a', 'c=a; HttpOnly')).toBe(2);
    expect(kept('c=a; SameSite=Lax', 'c=a; SameSite=Strict')).toBe(2);
    expect(kept('c=a; Max-Age=60', 'c=a; Max-Age=61')).toBe(2);
    expect(kept('c=a', 'c=a; Max-Age=60')).toBe(2);
    // Another cookie: another domain, path or partition.
    expect(kept('c=a', 'c=a; Path=/x')).toBe(2);
    expect(kept('c=a', 'c=a; Domain=tco.re')).toBe(2);
    expect(kept('c=a; Secure', 'c=a; Secure; Partitioned')).toBe(2);
    // Compared with the previous line of that cookie only: A, B, A sets it three times.
    expect(kept('c=a; Path=/', 'c=b; Path=/', 'c=a; path=/')).toBe(3);
    // In Chromium each line is an event.
    expect(parseSetCookieHeaders(['c=a; Path=/', 'c=a; path=/'], Number.POSITIVE_INFINITY, 'value', 'heard')).toHaveLength(2);
  });

  it('counts, in Firefox, two lines removing one cookie as alike whatever else they say: the second finds it gone (a re-review)', () => {
    const kept = (...lines: string[]) => parseSetCookieHeaders(lines, Number.POSITIVE_INFINITY, 'value', 'silent').length;
    expect(kept('sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/', 'sessionid=deleted; Max-Age=0; Path=/')).toBe(1);
    expect(kept('c=a; Max-Age=0; Secure', 'c=b; Max-Age=-1; HttpOnly; SameSite=Lax')).toBe(1);
    // A removal then a setting, or the reverse, are two changes.
    expect(kept('c=a; Max-Age=0', 'c=a')).toBe(2);
    expect(kept('c=a', 'c=a; Max-Age=0')).toBe(2);
  });

  // Its time is measured in the benchmark's hostile-input table (Set-Cookie, "one cookie's line
  // repeated, Firefox"), never asserted here: a quadratic comparison would time this test out.
  it('compares 50,000 repeated lines of one cookie, each against the one before only', () => {
    const value = 'x'.repeat(1000);
    const lines = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? `c=${value}; Path=/; Secure` : `c=${value}; secure; path=/`));
    expect(parseSetCookieHeaders(lines, Number.POSITIVE_INFINITY, 'value', 'silent')).toHaveLength(1);
  });
});

describe('parseCookieDate', () => {
  it('reads the dates servers write, as browsers do (RFC 6265, 5.1.1)', () => {
    expect(parseCookieDate('Wed, 09 Jun 2027 10:18:14 GMT')).toBe(Date.UTC(2027, 5, 9, 10, 18, 14));
    expect(parseCookieDate('Thu, 01-Jan-1970 00:00:01 GMT')).toBe(1000);
    expect(parseCookieDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseCookieDate('Sun Nov  6 08:49:37 1994')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseCookieDate('Tue, 01 JANUARY 2030 00:00:00 UTC')).toBe(Date.UTC(2030, 0, 1));
  });

  it('names no date where a browser reads none', () => {
    for (const text of ['', 'yesterday', '0', 'Wed, 09 Jun 2027', '30 Feb 2027 00:00:00', '01 Jan 1600 00:00:00', '01 Jan 2027 24:00:00'])
      expect(parseCookieDate(text)).toBeNull();
  });
});

describe('expiryOf', () => {
  const at = Date.UTC(2027, 0, 1);
  it('counts Max-Age from the request first, then reads Expires; none is a session cookie', () => {
    expect(expiryOf({ maxAge: 60, expires: 'Thu, 01 Jan 1970 00:00:00 GMT' }, at)).toBe(at + 60_000);
    expect(expiryOf({ maxAge: null, expires: 'Thu, 01 Jan 1970 00:00:00 GMT' }, at)).toBe(0);
    expect(expiryOf({ maxAge: null, expires: 'soon' }, at)).toBeNull();
    expect(expiryOf({ maxAge: null, expires: null }, at)).toBeNull();
  });

  it('takes a Max-Age of 0 or less as the earliest time, and a huge one as the 400 days browsers allow', () => {
    expect(expiryOf({ maxAge: 0, expires: null }, at)).toBe(0);
    expect(expiryOf({ maxAge: -1, expires: null }, at)).toBe(0);
    expect(expiryOf(parseSetCookie(`a=1; Max-Age=${'9'.repeat(400)}`)!, at)).toBe(at + 400 * 24 * 3600 * 1000);
  });
});

describe('serverTimeOf', () => {
  const at = Date.UTC(2026, 11, 5, 17);
  it('reads a Date in GMT, RFC 850’s and asctime’s forms, and a numeric zone at its end', () => {
    expect(serverTimeOf('Sat, 05 Dec 2026 17:00:00 GMT')).toBe(at);
    expect(serverTimeOf('Saturday, 05-Dec-26 17:00:00 GMT')).toBe(at);
    expect(serverTimeOf('Sat Dec  5 17:00:00 2026')).toBe(at);
    expect(serverTimeOf('sat, 05 dec 2026 17:00:00 utc  ')).toBe(at);
    expect(serverTimeOf('Sat, 05 Dec 2026 12:00:00 -0500')).toBe(at);
    expect(serverTimeOf('Sat, 05 Dec 2026 18:00:00 +0100')).toBe(at);
  });

  it('reads no Date of another zone (a named one, a colon, a comment after it), nor one with no time: its Expires goes by the browser’s clock (a re-review’s M1)', () => {
    for (const date of [
      'Sat, 05 Dec 2026 12:00:00 EST',
      'Sat, 05 Dec 2026 18:00:00 +01:00',
      'Sat, 05 Dec 2026 18:00:00 +0100 (CET)',
      'Sat, 05 Dec 2026',
      'garbage',
      '',
    ])
      expect(serverTimeOf(date), date).toBeNull();
    // So a deletion by the server's time, 17:00 UTC written as EST, is read as one by the browser's clock too.
    expect(
      expiryOf({ maxAge: null, expires: 'Sat, 05 Dec 2026 16:30:00 GMT' }, at, serverTimeOf('Sat, 05 Dec 2026 12:00:00 EST')),
    ).toBeLessThan(at);
  });
});
