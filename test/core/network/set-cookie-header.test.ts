import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTE_VALUE, parseSetCookie, parseSetCookieHeaders } from '../../../src/core/network/set-cookie-header.ts';

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

  it('refuses a name no browser would set (over 4096 characters)', () => {
    expect(parseSetCookie(`${'n'.repeat(4097)}=1`)).toBeNull();
  });
});

describe('parseSetCookieHeaders', () => {
  it('reads one header per cookie, and lines joined by newlines', () => {
    expect(parseSetCookieHeaders(['a=1; Path=/', 'b=2\nc=3; Secure', '']).map((facts) => facts.name)).toEqual(['a', 'b', 'c']);
  });

  it('reads no further than the limit', () => {
    expect(parseSetCookieHeaders(['a=1\nb=2\nc=3', 'd=4'], 2).map((facts) => facts.name)).toEqual(['a', 'b']);
  });
});
