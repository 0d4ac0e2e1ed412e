import { describe, expect, it } from 'vitest';
import {
  checkedResponse,
  closedLog,
  COOKIES_PER_RESPONSE,
  MAX_LOGGED_NAME,
  MAX_URL_LENGTH,
  NETWORK_LOG_BYTES,
  NETWORK_LOG_LIMIT,
  redirectMayLackSetCookie,
  responseOfHarEntry,
  urlWithoutQueryValues,
  withResponses,
  type NetworkResponse,
} from '../../../src/core/network/network-log.ts';
import type { RepeatedLine } from '../../../src/core/network/set-cookie-header.ts';

/** A HAR entry as Chrome's and Firefox's devtools.network hand it over (values included). */
const harEntry = (headers: Array<{ name: string; value: string }>, url = 'https://data.tco.re/api/?q=secret&page=2#frag') => ({
  startedDateTime: '2026-11-30T10:00:00.000Z',
  time: 120.5,
  request: { method: 'post', url },
  response: { status: 201, headers, cookies: [{ name: 'sessionid', value: 'SECRET-VALUE' }] },
});

describe('urlWithoutQueryValues', () => {
  it('keeps scheme, host, port, path and parameter names; drops values, fragment and credentials', () => {
    expect(urlWithoutQueryValues('https://user:pw@data.tco.re:8443/explore/?q=secret&page=2&q=again#top')).toBe(
      'https://data.tco.re:8443/explore/?q=&page=&q=',
    );
    expect(urlWithoutQueryValues('http://data.tco.re/')).toBe('http://data.tco.re/');
  });

  it('drops path parameters: a servlet session id in the path is a cookie’s value', () => {
    const url = urlWithoutQueryValues('https://shop.example/login;jsessionid=9F1C2A7B3D4E5F60?next=/account');
    expect(url).toBe('https://shop.example/login?next=');
    expect(urlWithoutQueryValues('https://shop.example/a;x=1/b;y/c?q=1')).toBe('https://shop.example/a/b/c?q=');
  });

  it('leaves a semicolon of the query to the query (its values are dropped) and an encoded one (%3B) in the path', () => {
    expect(urlWithoutQueryValues('https://shop.example/cart?id=1;jsessionid=9F1C2A7B3D4E5F60')).toBe('https://shop.example/cart?id=');
    expect(urlWithoutQueryValues('https://shop.example/a%3Bb=1/c')).toBe('https://shop.example/a%3Bb=1/c');
  });

  it('ends on a path of 100,000 semicolons', () => {
    expect(urlWithoutQueryValues(`https://shop.example/a${';'.repeat(100_000)}/b`)).toBe('https://shop.example/a/b');
  });

  it('refuses what is not http(s), and cuts a very long URL', () => {
    expect(urlWithoutQueryValues('data:text/html,hello')).toBeNull();
    expect(urlWithoutQueryValues('not a url')).toBeNull();
    const long = urlWithoutQueryValues(`https://data.tco.re/${'a'.repeat(5000)}`)!;
    expect(long).toHaveLength(MAX_URL_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('responseOfHarEntry', () => {
  it('keeps method, URL without query values, status, times and each cookie’s name, domain and expiry, never a value', () => {
    const response = responseOfHarEntry(
      harEntry([
        { name: 'Content-Type', value: 'text/html' },
        { name: 'set-cookie', value: 'sessionid=SECRET-VALUE; Path=/; HttpOnly' },
        { name: 'Set-Cookie', value: 'csrftoken=OTHER-SECRET; Max-Age=31449600' },
      ]),
    );
    expect(response).toMatchObject({
      method: 'POST',
      url: 'https://data.tco.re/api/?q=&page=',
      status: 201,
      startedAt: Date.parse('2026-11-30T10:00:00.000Z'),
      finishedAt: Date.parse('2026-11-30T10:00:00.000Z') + 120.5,
    });
    const started = Date.parse('2026-11-30T10:00:00.000Z');
    expect(response!.cookies).toEqual([
      { name: 'sessionid', domain: null, expires: null },
      { name: 'csrftoken', domain: null, expires: started + 31449600 * 1000 },
    ]);
    expect(JSON.stringify(response)).not.toMatch(/SECRET|q=secret|frag/);
  });

  it('keeps what matching needs and no more: a name cut short, no cookie of a Domain no host has, a removal’s past expiry', () => {
    const long = `${'n'.repeat(4000)}`;
    const response = responseOfHarEntry(
      harEntry([
        { name: 'set-cookie', value: `${long}=1; Path=/${'p'.repeat(1000)}; SameSite=${'s'.repeat(1000)}` },
        { name: 'set-cookie', value: `big=1; Domain=${'d'.repeat(1000)}` },
        { name: 'set-cookie', value: 'sessionid=; Domain=.Data.TCO.re; Expires=Thu, 01 Jan 1970 00:00:00 GMT' },
      ]),
    )!;
    expect(response.cookies).toEqual([
      { name: long.slice(0, MAX_LOGGED_NAME), domain: null, expires: null },
      { name: 'sessionid', domain: 'data.tco.re', expires: 0 },
    ]);
    expect(JSON.stringify(response)).not.toMatch(/ppp|sss/);
  });

  it('shifts an Expires by the browser’s clock’s lead on the response’s first Date, as both browsers store it (a re-review’s gap)', () => {
    // The request started at 10:00:00 by the browser's clock; the server's clock says 09:50:00.
    const response = responseOfHarEntry(
      harEntry([
        { name: 'Date', value: 'Mon, 30 Nov 2026 09:50:00 GMT' },
        { name: 'Date', value: 'Mon, 30 Nov 2026 10:30:00 GMT' },
        { name: 'set-cookie', value: 'sessionid=SECRET; Expires=Mon, 30 Nov 2026 09:55:00 GMT' },
        { name: 'set-cookie', value: 'kept=SECRET; Max-Age=60' },
      ]),
    )!;
    const startedAt = Date.parse('2026-11-30T10:00:00.000Z');
    // Five minutes of the server's clock: kept until 10:05 by the browser's, no removal.
    expect(response.cookies).toEqual([
      { name: 'sessionid', domain: null, expires: startedAt + 5 * 60_000 },
      { name: 'kept', domain: null, expires: startedAt + 60_000 },
    ]);
    const zoned = responseOfHarEntry(
      harEntry([
        { name: 'date', value: 'Mon, 30 Nov 2026 04:50:00 -0500' },
        { name: 'set-cookie', value: 'sessionid=SECRET; Expires=Mon, 30 Nov 2026 09:55:00 GMT' },
      ]),
    )!;
    expect(zoned.cookies[0]?.expires).toBe(startedAt + 5 * 60_000);
  });

  it('keeps no cookie whose Domain the response’s host is not within: the browser ignores it (RFC 6265 §5.3 step 6)', () => {
    const response = responseOfHarEntry(
      harEntry(
        [
          'own=1; Domain=data.tco.re',
          'parent=1; Domain=.TCO.re',
          'other=1; Domain=example.org',
          'suffix=1; Domain=ata.tco.re',
          'child=1; Domain=www.data.tco.re',
          'host=1',
        ].map((value) => ({ name: 'set-cookie', value })),
        'https://Data.TCO.re/api/',
      ),
    )!;
    expect(response.cookies.map(({ name, domain }) => [name, domain])).toEqual([
      ['own', 'data.tco.re'],
      ['parent', 'tco.re'],
      ['host', null],
    ]);
    // A tracker's response naming the portal's domain sets nothing: no response is kept.
    const tracker = harEntry([{ name: 'set-cookie', value: 'sessionid=x; Domain=data.tco.re' }], 'https://tracker.example/pixel');
    expect(responseOfHarEntry(tracker)).toBeNull();
    // An IP address is within no other: only itself matches it.
    const ip = (domain: string) =>
      responseOfHarEntry(harEntry([{ name: 'set-cookie', value: `a=1; Domain=${domain}` }], 'http://192.168.1.20:8080/'));
    expect(ip('168.1.20')).toBeNull();
    expect(ip('1.20')).toBeNull();
    expect(ip('192.168.1.2')).toBeNull();
  });

  it('keeps a cookie whose Domain is the response’s IP address as host-only, as browsers set it', () => {
    const ip = (url: string, domain: string) =>
      responseOfHarEntry(harEntry([{ name: 'set-cookie', value: `sessionid=v; Domain=${domain}; Path=/` }], url))?.cookies;
    expect(ip('http://192.168.1.20:8080/', '192.168.1.20')).toEqual([{ name: 'sessionid', domain: null, expires: null }]);
    expect(ip('http://[::1]:8080/', '[::1]')).toEqual([{ name: 'sessionid', domain: null, expires: null }]);
    // So is one naming a host of one label, itself (measured in Chromium and Firefox: a reviewer's probe).
    expect(ip('http://localhost:8080/', 'localhost')).toEqual([{ name: 'sessionid', domain: null, expires: null }]);
    expect(ip('http://localhost:8080/', '.localhost')).toEqual([{ name: 'sessionid', domain: null, expires: null }]);
    // A name's own Domain still makes a domain cookie.
    expect(ip('https://data.tco.re/', 'data.tco.re')).toEqual([{ name: 'sessionid', domain: 'data.tco.re', expires: null }]);
  });

  it('keeps no cookie whose Domain is the IP address or the one-label host only once fullwidth characters are mapped: browsers refuse it', () => {
    // Measured (a reviewer's probe): Chromium 156 refuses both (InvalidDomain), Firefox ESR 153 sets neither.
    const ip = (url: string, domain: string) =>
      responseOfHarEntry(harEntry([{ name: 'set-cookie', value: `sessionid=v; Domain=${domain}; Path=/` }], url))?.cookies;
    expect(ip('http://127.0.0.1/', '１２７.０.０.１')).toBeUndefined();
    expect(ip('http://127.0.0.1/', '127.0.0．1')).toBeUndefined();
    expect(ip('http://localhost/', 'ｌｏｃａｌｈｏｓｔ')).toBeUndefined();
    expect(ip('http://localhost/', '．localhost')).toBeUndefined();
    // Written as the host, in ASCII of either case, it is still host-only.
    expect(ip('http://127.0.0.1/', '.127.0.0.1')).toEqual([{ name: 'sessionid', domain: null, expires: null }]);
    expect(ip('http://localhost/', 'LocalHost')).toEqual([{ name: 'sessionid', domain: null, expires: null }]);
  });

  it('reads a Domain outside ASCII in its ASCII form, as the host and the cookie events are (`bücher.de`: `xn--bcher-kva.de`)', () => {
    const cookies = (domain: string, url = 'https://www.bücher.de/') =>
      responseOfHarEntry(harEntry([{ name: 'set-cookie', value: `sessionid=v; Domain=${domain}; Path=/` }], url))?.cookies;
    expect(cookies('bücher.de')).toEqual([{ name: 'sessionid', domain: 'xn--bcher-kva.de', expires: null }]);
    expect(cookies('.BÜCHER.de')).toEqual([{ name: 'sessionid', domain: 'xn--bcher-kva.de', expires: null }]);
    // A leading fullwidth or ideographic full stop is a dot once mapped, dropped as an ASCII one is
    // (measured: Chromium 156 sets these on `.xn--bcher-kva.de`).
    expect(cookies('\uFF0Ebücher.de')).toEqual([{ name: 'sessionid', domain: 'xn--bcher-kva.de', expires: null }]);
    expect(cookies('\u3002bücher.de')).toEqual([{ name: 'sessionid', domain: 'xn--bcher-kva.de', expires: null }]);
    expect(cookies('\uFF61BÜCHER.de')).toEqual([{ name: 'sessionid', domain: 'xn--bcher-kva.de', expires: null }]);
    // One dot only, as for ASCII: two leave a Domain no host is within.
    expect(cookies('\uFF0E\uFF0Ebücher.de')).toBeUndefined();
    expect(cookies('www.bücher.de', 'https://www.xn--bcher-kva.de/')).toEqual([
      { name: 'sessionid', domain: 'www.xn--bcher-kva.de', expires: null },
    ]);
    // Another domain outside ASCII is still not the host's.
    expect(cookies('bucher.de')).toBeUndefined();
    expect(cookies('bûcher.de')).toBeUndefined();
    // A Domain no host can have stays unmatched, never read as a URL's host nor thrown.
    for (const bad of [
      'bücher.de/x',
      'bücher.de:443',
      'bü cher.de',
      'x@bücher.de',
      'bücher.de?x',
      'bücher.de#x',
      'bü%63her.de',
      'bü\\cher.de',
      'xn--ü.de',
      '\u0000ü',
    ]) {
      expect(() => cookies(bad)).not.toThrow();
      expect(cookies(bad)).toBeUndefined();
    }
  });

  it('keeps no session id of the request’s path', () => {
    const entry = harEntry(
      [{ name: 'set-cookie', value: 'JSESSIONID=9F1C2A7B3D4E5F60; Path=/; HttpOnly' }],
      'https://shop.example/login;jsessionid=9F1C2A7B3D4E5F60?next=/account',
    );
    const response = responseOfHarEntry(entry)!;
    expect(response.url).toBe('https://shop.example/login?next=');
    expect(JSON.stringify(response)).not.toContain('9F1C2A7B3D4E5F60');
  });

  it('gives nothing for a response that set no cookie, or an entry it cannot read', () => {
    expect(responseOfHarEntry(harEntry([{ name: 'content-type', value: 'text/html' }]))).toBeNull();
    expect(responseOfHarEntry({})).toBeNull();
    expect(responseOfHarEntry({ ...harEntry([{ name: 'set-cookie', value: 'a=1' }]), startedDateTime: 'yesterday' })).toBeNull();
    expect(responseOfHarEntry(harEntry([{ name: 'set-cookie', value: 'a=1' }], 'blob:https://x/y'))).toBeNull();
    expect(responseOfHarEntry({ response: { headers: [null, 3, { name: 'set-cookie' }] } })).toBeNull();
  });

  it('keeps a redirect whose Set-Cookie headers the browser had not given yet as a response of unknown cookies, never as none', () => {
    // Chrome finishes a redirect hop before its raw headers come: `headersSize` -1, no Set-Cookie (measured, Chromium).
    const redirect = (headersSize: number, status = 302) => ({
      ...harEntry([{ name: 'Location', value: '/' }], 'https://data.tco.re/login?next=/account'),
      request: { method: 'GET', url: 'https://data.tco.re/login?next=/account' },
      response: { status, headersSize, headers: [{ name: 'Location', value: '/' }] },
    });
    expect(redirectMayLackSetCookie(redirect(-1))).toBe(true);
    expect(responseOfHarEntry(redirect(-1))).toEqual({
      method: 'GET',
      url: 'https://data.tco.re/login?next=',
      status: 302,
      startedAt: Date.parse('2026-11-30T10:00:00.000Z'),
      finishedAt: Date.parse('2026-11-30T10:00:00.000Z') + 120.5,
      cookies: [],
      cookiesCut: true,
    });
    // Its raw headers in (a size), or not a redirect: it set none.
    expect(redirectMayLackSetCookie(redirect(147))).toBe(false);
    expect(responseOfHarEntry(redirect(147))).toBeNull();
    expect(responseOfHarEntry(redirect(-1, 200))).toBeNull();
  });

  it('leaves out, in Firefox, a Set-Cookie line writing its cookie exactly as its previous line did: Firefox tells no event for it (a re-review)', () => {
    const lines = ['rr_dup=a; Path=/', 'other=1', 'rr_dup=a; Path=/', 'rr_dup=a; Path=/two', 'rr_dup=b; Path=/', 'rr_dup=a; Path=/'];
    const paths = (repeated: RepeatedLine, values = lines) =>
      responseOfHarEntry(harEntry(values.map((value) => ({ name: 'set-cookie', value }))), 'value', repeated)?.cookies.map((c) => c.name);
    // Only the third line repeats its cookie's previous line: the last one changes `b` back to `a`, an event.
    expect(paths('silent')).toEqual(['rr_dup', 'other', 'rr_dup', 'rr_dup', 'rr_dup']);
    // Chromium tells an event for each line: all stay.
    expect(paths('heard')).toEqual(['rr_dup', 'other', 'rr_dup', 'rr_dup', 'rr_dup', 'rr_dup']);
    // Lines joined by newlines in one header value are lines alike.
    expect(paths('silent', ['rr_dup=a; Path=/\nrr_dup=a; Path=/'])).toEqual(['rr_dup']);
  });

  it('compares, in Firefox, lines of the cookie as the browser stores it: the request default path for no Path, the Domain resolved as logCookie does (a re-review)', () => {
    const kept = (url: string, values: string[]) =>
      responseOfHarEntry(
        harEntry(
          values.map((value) => ({ name: 'set-cookie', value })),
          url,
        ),
        'value',
        'silent',
      )?.cookies.length;
    // POST /login: default path "/", so no Path, an invalid one and `Path=/` are one cookie.
    expect(kept('https://data.tco.re/login', ['sessionid=a', 'sessionid=a; Path=/', 'sessionid=a; Path=x'])).toBe(1);
    // From /api/v1/x the default path is /api/v1: `Path=/` is another cookie.
    expect(kept('https://data.tco.re/api/v1/x', ['sessionid=a', 'sessionid=a; Path=/api/v1'])).toBe(1);
    expect(kept('https://data.tco.re/api/v1/x', ['sessionid=a', 'sessionid=a; Path=/'])).toBe(2);
    // A Domain naming a one-label host or the IP address is host-only; one outside ASCII is its ASCII form.
    expect(kept('http://localhost:8080/x', ['a=1', 'a=1; Domain=localhost'])).toBe(1);
    expect(kept('http://192.168.1.20/x', ['a=1', 'a=1; Domain=192.168.1.20'])).toBe(1);
    expect(kept('https://xn--bcher-kva.de/x', ['a=1; Domain=bücher.de', 'a=1; Domain=.xn--bcher-kva.de'])).toBe(1);
    // A Domain of the host itself makes a domain cookie, another than the host-only one.
    expect(kept('https://data.tco.re/x', ['a=1', 'a=1; Domain=data.tco.re'])).toBe(2);
  });

  it('keeps, in Firefox, one of two lines removing a cookie by an Expires already past when the request started, whatever their values (a re-review)', () => {
    const lines = [
      'sessionid=""; Expires=Mon, 01 Jan 2001 00:00:00 GMT; Path=/',
      'sessionid=deleted; Expires=Tue, 02 Jan 2001 00:00:00 GMT; Path=/',
    ];
    const response = responseOfHarEntry(harEntry(lines.map((value) => ({ name: 'set-cookie', value }))), 'value', 'silent');
    expect(response?.cookies).toHaveLength(1);
  });

  it('keeps at most COOKIES_PER_RESPONSE cookies of one response', () => {
    const headers = Array.from({ length: COOKIES_PER_RESPONSE + 5 }, (_, i) => ({ name: 'set-cookie', value: `c${i}=1` }));
    const cut = responseOfHarEntry(harEntry(headers))!;
    expect(cut.cookies).toHaveLength(COOKIES_PER_RESPONSE);
    // Marked, so an event near it is never said to be a script's (set-by.ts); kept through the worker's check.
    expect(cut.cookiesCut).toBe(true);
    expect(checkedResponse(JSON.parse(JSON.stringify(cut)))?.cookiesCut).toBe(true);
    const whole = responseOfHarEntry(harEntry(headers.slice(0, COOKIES_PER_RESPONSE)))!;
    expect(whole.cookies).toHaveLength(COOKIES_PER_RESPONSE);
    expect(whole).not.toHaveProperty('cookiesCut');
    expect(checkedResponse({ ...whole, cookiesCut: 'yes' })).not.toHaveProperty('cookiesCut');
  });
});

describe('withResponses', () => {
  const response = (startedAt: number): NetworkResponse => ({
    method: 'GET',
    url: 'https://data.tco.re/',
    status: 200,
    startedAt,
    finishedAt: startedAt,
    cookies: [],
  });

  it('appends within one DevTools session, keeps the newest NETWORK_LOG_LIMIT, and starts over for a new one', () => {
    let log = withResponses(null, 7, 100, [response(1)]);
    log = withResponses(log, 7, 100, [response(2)]);
    expect(log.responses.map((r) => r.startedAt)).toEqual([1, 2]);
    log = withResponses(
      log,
      7,
      100,
      Array.from({ length: NETWORK_LOG_LIMIT }, (_, i) => response(10 + i)),
    );
    expect(log.responses).toHaveLength(NETWORK_LOG_LIMIT);
    expect(log.responses[0]!.startedAt).toBe(10);
    expect(withResponses(log, 7, 200, [response(3)])).toEqual({ tabId: 7, openedAt: 200, responses: [response(3)] });
  });

  it('says until when it dropped responses, and keeps when DevTools was closed, within one DevTools session', () => {
    let log = withResponses(null, 7, 100, [response(1), response(2)]);
    expect(log.droppedUntil).toBeUndefined();
    log = withResponses(
      log,
      7,
      100,
      Array.from({ length: NETWORK_LOG_LIMIT }, (_, i) => response(10 + i)),
    );
    expect(log.droppedUntil).toBe(2);
    log = withResponses(closedLog(log, 100, 5000), 7, 100, [response(5000)]);
    expect(log).toMatchObject({ droppedUntil: 10, closedAt: 5000 });
    // Another session's closing leaves this log open; a new session starts afresh.
    expect(closedLog(withResponses(null, 7, 200, []), 100, 6000).closedAt).toBeUndefined();
    expect(withResponses(log, 7, 200, [])).toEqual({ tabId: 7, openedAt: 200, responses: [] });
  });

  it('keeps within NETWORK_LOG_BYTES, as either browser counts them, the oldest dropped first', () => {
    const big = (startedAt: number, letter: string): NetworkResponse => ({
      ...response(startedAt),
      cookies: Array.from({ length: COOKIES_PER_RESPONSE }, (_, i) => ({
        name: `${letter.repeat(MAX_LOGGED_NAME - 3)}${i}`,
        domain: null,
        expires: null,
      })),
    });
    let log = withResponses(null, 7, 100, []);
    for (let i = 0; i < 60; i++) log = withResponses(log, 7, 100, [big(i, 'a')]);
    const stored = JSON.stringify(log);
    expect(stored.length).toBeLessThanOrEqual(NETWORK_LOG_BYTES + 100);
    expect(stored.length).toBeGreaterThan(NETWORK_LOG_BYTES * 0.9);
    expect(log.responses.at(-1)!.startedAt).toBe(59);
    // Firefox counts two bytes a character once one is past Latin-1 ('…' ends a cut URL).
    for (let i = 60; i < 120; i++) log = withResponses(log, 7, 100, [big(i, i % 2 ? 'a' : '…')]);
    expect(JSON.stringify(log).length * 2).toBeLessThanOrEqual(NETWORK_LOG_BYTES + 200);
    expect(log.responses.at(-1)!.startedAt).toBe(119);
  });
});

describe('checkedResponse', () => {
  const good = responseOfHarEntry(harEntry([{ name: 'set-cookie', value: 'sessionid=x; Path=/' }]))!;

  it('copies a well-formed response field by field, leaving anything else behind', () => {
    const smuggled = { ...good, extra: 'x', cookies: [{ ...good.cookies[0], value: 'SECRET-VALUE', path: '/SECRET' }] };
    const checked = checkedResponse(smuggled);
    expect(checked).toEqual(good);
    expect(JSON.stringify(checked)).not.toContain('SECRET');
  });

  it('keeps the place a response was heard in (set-by breaks ties by it) only when it is a whole number from 0', () => {
    expect(checkedResponse({ ...good, heard: 7 })?.heard).toBe(7);
    for (const heard of [-1, 1.5, '7', Number.NaN]) expect(checkedResponse({ ...good, heard })).not.toHaveProperty('heard');
  });

  it('cleans a URL a page sent as its own panel would (path parameters, query values, fragment, credentials), leaving host and query names', () => {
    const sent = { ...good, url: 'https://shop.example/a;jsessionid=9F1C2A7B3D4E5F60/b;v=2?q=&c%3Bd=' };
    expect(checkedResponse(sent)!.url).toBe('https://shop.example/a/b?q=&c%3Bd=');
    const unclean = { ...good, url: 'https://user:SECRET1@shop.example/a?token=SECRET2&page=3#SECRET3' };
    expect(checkedResponse(unclean)!.url).toBe('https://shop.example/a?token=&page=');
    expect(checkedResponse({ ...good, url: 'https://odd;host/a;x' })!.url).toBe('https://odd;host/a');
    // Not a URL the panel could have sent: refused, not kept as it came.
    expect(checkedResponse({ ...good, url: 'file:///etc/passwd' })).toBeNull();
    expect(checkedResponse({ ...good, url: 'not a URL' })).toBeNull();
    expect(checkedResponse({ ...good, url: `https://shop.example/${';'.repeat(MAX_URL_LENGTH - 30)}` })!.url).toBe('https://shop.example/');
  });

  it('refuses a malformed one', () => {
    expect(checkedResponse(null)).toBeNull();
    expect(checkedResponse({ ...good, url: 42 })).toBeNull();
    expect(checkedResponse({ ...good, startedAt: Number.NaN })).toBeNull();
    expect(checkedResponse({ ...good, cookies: [{ name: 3 }] })).toBeNull();
    expect(checkedResponse({ ...good, cookies: 'a' })).toBeNull();
    expect(checkedResponse({ ...good, url: 'x'.repeat(MAX_URL_LENGTH + 1) })).toBeNull();
    expect(checkedResponse({ ...good, cookies: [{ name: 'n'.repeat(MAX_LOGGED_NAME + 1), domain: null, expires: null }] })).toBeNull();
    expect(checkedResponse({ ...good, cookies: [{ name: 'a', domain: 3, expires: null }] })).toBeNull();
    expect(checkedResponse({ ...good, cookies: [{ name: 'a', domain: null, expires: 'Thu, 01 Jan 1970' }] })).toBeNull();
    expect(checkedResponse({ ...good, cookies: [{ name: 'a' }] })).toBeNull();
  });
});
