import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HEADER_CHARACTERS, MAX_NAMES, setCookieNames } from '../../../src/core/cookies/set-cookie-names.ts';

describe('Set-Cookie names', () => {
  it('keep the name of each header and drop its value and attributes (Chrome: one value per header)', () => {
    expect(setCookieNames(['disqus_unique=SECRET; Domain=.disqus.com; Path=/; SameSite=None; Secure', ' testCookie = 1'])).toEqual([
      'disqus_unique',
      'testCookie',
    ]);
  });

  it('split the line breaks Firefox joins several headers with', () => {
    expect(setCookieNames(['a=SECRET; Secure\nb=SECRET\nc=; Max-Age=0'])).toEqual(['a', 'b', 'c']);
  });

  it('skip lines that set nothing: an empty pair, or a nameless one past the 4096 a browser keeps', () => {
    expect(setCookieNames(['=', '; x=1', ' =\t; x=1', '\n\n', `${'v'.repeat(4097)}; Path=/`, 'ok=1'])).toEqual(['ok']);
  });

  it('name a nameless cookie (Chromium keeps one for a pair without `=`, or `=value`) as empty, never by its text, which is its value', () => {
    expect(setCookieNames(['justavalue; Path=/; SameSite=None; Secure'])).toEqual(['']);
    expect(setCookieNames(['=SECRET; Path=/', 'id=1'])).toEqual(['', 'id']);
    // An empty pair sets nothing in either browser.
    expect(setCookieNames(['=', ' ; Path=/', ''])).toEqual([]);
  });

  it('name each cookie once, and stop at the caps on hostile input', () => {
    expect(setCookieNames(['a=1', 'a=2'])).toEqual(['a']);
    const many = Array.from({ length: 500 }, (_, i) => `n${i}=v`).join('\n');
    expect(setCookieNames([many])).toHaveLength(MAX_NAMES);
    const long = `${'x'.repeat(MAX_HEADER_CHARACTERS)}=1\nlate=1`;
    expect(setCookieNames([long])).toEqual([]);
    expect(setCookieNames([`${'n'.repeat(300)}=1`])).toEqual([]);
  });

  it('never return a value, whatever the header holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (name, value) => {
        const secret = `SECRET${value}`;
        const names = setCookieNames([`${name}=${secret}; Path=/`]);
        for (const found of names) expect(found.includes('SECRET')).toBe(name.includes('SECRET'));
      }),
    );
  });
});
