import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HEADER_CHARACTERS, MAX_NAMES, setCookieNames } from '../../../src/core/network/set-cookie-names.ts';

/** When the headers are read (ms since the epoch): 2026-12-05. */
const NOW = Date.UTC(2026, 11, 5, 12);

describe('Set-Cookie names', () => {
  it('keep the name of each header and drop its value and attributes (Chrome: one value per header)', () => {
    expect(setCookieNames(['disqus_unique=SECRET; Domain=.disqus.com; Path=/; SameSite=None; Secure', ' testCookie = 1'], NOW)).toEqual([
      'disqus_unique',
      'testCookie',
    ]);
  });

  it('split the line breaks Firefox joins several headers with', () => {
    expect(setCookieNames(['a=SECRET; Secure\nb=SECRET\nc=; Max-Age=0\nd=1'], NOW)).toEqual(['a', 'b', 'd']);
  });

  it('leave out a name the response only deletes: it says the site removed that cookie, never that it set it', () => {
    const past = 'Thu, 01 Jan 1970 00:00:00 GMT';
    expect(
      setCookieNames(['_ga=; Max-Age=0; Domain=.example.org', `_gid=; Expires=${past}; Path=/`, '_gat=x; max-age=-1', 'kept=1'], NOW),
    ).toEqual(['kept']);
    // An expiry the header gives as now is past when the browser stores it.
    expect(setCookieNames([`a=; Expires=${new Date(NOW).toUTCString()}`], NOW)).toEqual([]);
  });

  it('weigh an Expires against the server’s Date, as both browsers shift it by their clock’s lead (a review’s M1)', () => {
    const serverDate = new Date(NOW - 10 * 60_000).toUTCString();
    const atServerPlus = (minutes: number) => `_ga=1; Expires=${new Date(NOW - 10 * 60_000 + minutes * 60_000).toUTCString()}`;
    // The visitor's clock 10 minutes ahead of the server's: 5 minutes of the server's are kept, though before `at`.
    expect(setCookieNames([atServerPlus(5)], NOW, serverDate)).toEqual(['_ga']);
    expect(setCookieNames([atServerPlus(0)], NOW, serverDate)).toEqual([]);
    // The visitor's clock behind the server's: an Expires past on the server's clock deletes, though after `at`.
    expect(setCookieNames([`_ga=; Expires=${new Date(NOW + 60_000).toUTCString()}`], NOW, new Date(NOW + 120_000).toUTCString())).toEqual(
      [],
    );
    // Max-Age counts from the browser's own clock; a Date naming no date leaves `at`.
    expect(setCookieNames(['_ga=1; Max-Age=60'], NOW, new Date(NOW + 3_600_000).toUTCString())).toEqual(['_ga']);
    expect(setCookieNames([atServerPlus(5)], NOW, 'yesterday')).toEqual([]);
    // A numeric zone (which RFC 9110 does not allow, but browsers apply): the server's time is NOW, its Expires past.
    const zoned = new Date(NOW - 5 * 3_600_000).toUTCString().replace('GMT', '-0500');
    expect(setCookieNames([atServerPlus(5)], NOW, zoned)).toEqual([]);
    expect(setCookieNames([atServerPlus(5)], NOW, new Date(NOW - 10 * 60_000 + 3_600_000).toUTCString().replace('GMT', '+0100'))).toEqual([
      '_ga',
    ]);
  });

  it('name what the response sets, whatever else of that name it deletes (a logout then a login), and any expiry to come', () => {
    expect(setCookieNames(['sessionid=; Max-Age=0', 'sessionid=new; HttpOnly'], NOW)).toEqual(['sessionid']);
    expect(setCookieNames(['sessionid=new\nsessionid=; Max-Age=0; Domain=.example.org'], NOW)).toEqual(['sessionid']);
    const future = new Date(NOW + 60_000).toUTCString();
    // Max-Age wins over Expires (RFC 6265, 5.3 step 3); an Expires that names no date leaves a session cookie.
    expect(
      setCookieNames(
        [
          `a=1; Expires=${future}`,
          'b=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60',
          'c=1; Max-Age=0; Max-Age=5',
          'd=; Expires=never',
        ],
        NOW,
      ),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('skip lines that set nothing: an empty pair, or a nameless one past the 4096 a browser keeps', () => {
    expect(setCookieNames(['=', '; x=1', ' =\t; x=1', '\n\n', `${'v'.repeat(4097)}; Path=/`, 'ok=1'], NOW)).toEqual(['ok']);
  });

  it('name a nameless cookie (Chromium keeps one for a pair without `=`, or `=value`) as empty, never by its text, which is its value', () => {
    expect(setCookieNames(['justavalue; Path=/; SameSite=None; Secure'], NOW)).toEqual(['']);
    expect(setCookieNames(['=SECRET; Path=/', 'id=1'], NOW)).toEqual(['', 'id']);
    // An empty pair sets nothing in either browser.
    expect(setCookieNames(['=', ' ; Path=/', ''], NOW)).toEqual([]);
  });

  it('name the cookie of a pair without `=` by its text only when told the browser does so (Firefox 153 on), never an empty name there', () => {
    expect(setCookieNames(['trk; Domain=.opendatasoft.com', 'id=1'], NOW, null, 'name')).toEqual(['trk', 'id']);
    // Firefox refuses a cookie with an empty name: `=text` sets nothing there.
    expect(setCookieNames(['=SECRET; Path=/', 'id=1'], NOW, null, 'name')).toEqual(['id']);
    expect(setCookieNames(['trk; Domain=.opendatasoft.com'], NOW, null, 'value')).toEqual(['']);
  });

  it('name each cookie once, and stop at the caps on hostile input', () => {
    expect(setCookieNames(['a=1', 'a=2'], NOW)).toEqual(['a']);
    const many = Array.from({ length: 500 }, (_, i) => `n${i}=v`).join('\n');
    expect(setCookieNames([many], NOW)).toHaveLength(MAX_NAMES);
    const long = `${'x'.repeat(MAX_HEADER_CHARACTERS)}=1\nlate=1`;
    expect(setCookieNames([long], NOW)).toEqual([]);
    expect(setCookieNames([`${'n'.repeat(300)}=1`], NOW)).toEqual([]);
  });

  // Firefox joins a response's headers with line breaks: the cut can fall inside the last line's name.
  it('read no name of a line the cut ends before its `=`, under either reading, and the name of one cut in its value', () => {
    const filler = (name: string, length: number) => `${name}=${'v'.repeat(length)}`;
    const cutInName = [filler('jwt_a', 4088), filler('jwt_b', 4087), '_ga_ABC123=GS1.1; Domain=.opendatasoft.com'].join('\n');
    const cutAt = MAX_HEADER_CHARACTERS - cutInName.indexOf('_ga_ABC123');
    expect(cutAt).toBeGreaterThan(0);
    expect(cutAt).toBeLessThan('_ga_ABC123'.length);
    for (const bare of ['name', 'value'] as const) expect(setCookieNames([cutInName], NOW, null, bare)).toEqual(['jwt_a', 'jwt_b']);
    const cutInValue = [filler('jwt_a', 4088), filler('jwt_b', 3000), filler('_ga_ABC123', 2000)].join('\n');
    for (const bare of ['name', 'value'] as const)
      expect(setCookieNames([cutInValue], NOW, null, bare)).toEqual(['jwt_a', 'jwt_b', '_ga_ABC123']);
  });

  it('never return a value, whatever the header holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (name, value) => {
        const secret = `SECRET${value}`;
        const names = setCookieNames([`${name}=${secret}; Path=/`], NOW);
        for (const found of names) expect(found.includes('SECRET')).toBe(name.includes('SECRET'));
      }),
    );
  });
});
