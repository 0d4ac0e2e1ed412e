import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SET_BY_WINDOW_MS, setByOf, setByOfTimeline, type CookieEvent } from '../../../src/core/network/set-by.ts';
import {
  closedLog,
  COOKIES_PER_RESPONSE,
  logCookie,
  NETWORK_LOG_LIMIT,
  responseOfHarEntry,
  withResponses,
  type NetworkLog,
  type NetworkResponse,
} from '../../../src/core/network/network-log.ts';
import { parseSetCookie } from '../../../src/core/network/set-cookie-header.ts';

const T = 1_795_320_000_000;
const event = (overrides: Partial<CookieEvent> = {}): CookieEvent => ({
  type: 'set',
  at: T + 50,
  name: 'sessionid',
  domain: 'data.tco.re',
  phase: 'before-choice',
  ...overrides,
});
const response = (lines: string[], startedAt = T, url = 'https://data.tco.re/', finishedAt = startedAt + 100): NetworkResponse => ({
  method: 'GET',
  url,
  status: 200,
  startedAt,
  finishedAt,
  cookies: lines.map((line) => logCookie(parseSetCookie(line)!, startedAt, new URL(url).hostname)!),
});
const log = (responses: NetworkResponse[], openedAt = T - 60_000): NetworkLog => ({ tabId: 3, openedAt, responses });

describe('setByOf', () => {
  it('tells a script’s change from a response that sent its line twice: in Firefox one event for both lines (a re-review’s wrong verdict)', () => {
    const entry = {
      startedDateTime: new Date(T).toISOString(),
      time: 100,
      request: { method: 'GET', url: 'https://data.tco.re/dup-cookie/' },
      response: { status: 200, headers: ['rr_dup=a; Path=/', 'rr_dup=a; Path=/'].map((value) => ({ name: 'Set-Cookie', value })) },
    };
    const setAndChanged = [event({ name: 'rr_dup' }), event({ name: 'rr_dup', type: 'changed', at: T + 900 })];
    const firefox = responseOfHarEntry(entry, 'value', 'silent')!;
    const byFirefox = setByOfTimeline(setAndChanged, log([firefox]), T + 60_000);
    expect(byFirefox(setAndChanged[0]!)).toMatchObject({ kind: 'response', response: firefox });
    expect(byFirefox(setAndChanged[1]!)).toEqual({ kind: 'script' });
    // Chromium tells an event for each line: two set events, both the response's.
    const chromium = responseOfHarEntry(entry, 'value', 'heard')!;
    const twice = [event({ name: 'rr_dup' }), event({ name: 'rr_dup', at: T + 51 })];
    const byChromium = setByOfTimeline(twice, log([chromium]), T + 60_000);
    expect(twice.map((each) => byChromium(each)?.kind)).toEqual(['response', 'response']);
  });

  it('names the response whose Set-Cookie wrote the cookie, host-only or on a domain', () => {
    const page = response(['sessionid=x; Path=/; HttpOnly', 'csrftoken=y']);
    expect(setByOf(event(), log([page]), T + 10_000)).toEqual({ kind: 'response', response: page, cookie: page.cookies[0] });
    const ga = response(['_ga=z; Domain=tco.re'], T, 'https://data.tco.re/collect');
    expect(setByOf(event({ name: '_ga', domain: '.tco.re' }), log([ga]), T)).toMatchObject({ kind: 'response', response: ga });
  });

  it('names the response whose Set-Cookie wrote a cookie of a Domain outside ASCII, which the event gives in ASCII', () => {
    const books = response(['sessionid=1; Domain=bücher.de'], T, 'https://www.bücher.de/');
    expect(setByOf(event({ domain: '.xn--bcher-kva.de' }), log([books]), T)).toMatchObject({ kind: 'response', response: books });
  });

  it('names the response whose Domain starts with a fullwidth or ideographic full stop, never "a script" (Chromium sets it on the domain)', () => {
    for (const domain of ['\uFF0Ebücher.de', '\u3002bücher.de']) {
      const cookie = logCookie(parseSetCookie(`sessionid=1; Domain=${domain}`)!, T, 'www.xn--bcher-kva.de');
      const books = { ...response([], T, 'https://www.xn--bcher-kva.de/'), cookies: cookie === null ? [] : [cookie] };
      expect(setByOf(event({ domain: '.xn--bcher-kva.de' }), log([books]), T + 10_000)).toMatchObject({
        kind: 'response',
        response: books,
      });
    }
  });

  it('names the response whose Expires is after its server’s Date, the browser’s clock further ahead (the browser keeps the cookie), never "a script"', () => {
    const at = Date.UTC(2026, 11, 5, 16, 45);
    const heard = responseOfHarEntry({
      startedDateTime: new Date(at).toISOString(),
      time: 50,
      request: { method: 'GET', url: 'https://data.tco.re/' },
      response: {
        status: 200,
        headers: [
          { name: 'Date', value: 'Sat, 05 Dec 2026 16:35:00 GMT' },
          { name: 'Set-Cookie', value: 'sessionid=SECRET; Expires=Sat, 05 Dec 2026 16:40:00 GMT; Path=/' },
        ],
      },
    })!;
    expect(setByOf(event({ at: at + 60 }), log([heard], at - 60_000), at + 10_000)?.kind).toBe('response');
  });

  it('does not take a header for another cookie: another name, host or domain', () => {
    const wrongName = response(['other=1']);
    const wrongHost = response(['sessionid=1'], T, 'https://itie.opendatasoft.com/');
    const hostOnlyVsDomain = response(['sessionid=1']);
    // Never logged from a header (logCookie drops a Domain the host is not within), matched on its domain all the same.
    const wrongDomain = { ...response([]), cookies: [{ name: 'sessionid', domain: 'example.org', expires: null }] };
    const script = setByOf(event(), log([wrongName, wrongHost, wrongDomain]), T + 10_000);
    expect(script).toEqual({ kind: 'script' });
    expect(setByOf(event({ domain: '.data.tco.re' }), log([hostOnlyVsDomain]), T + 10_000)).toEqual({ kind: 'script' });
    // A Domain attribute naming the host itself makes a domain cookie (`.data.tco.re`), never the host-only one.
    const domainOfHost = response(['sessionid=1; Domain=data.tco.re']);
    expect(setByOf(event(), log([domainOfHost]), T + 10_000)).toEqual({ kind: 'script' });
    expect(setByOf(event({ domain: '.data.tco.re' }), log([domainOfHost]), T + 10_000)).toMatchObject({ kind: 'response' });
  });

  it('matches a response heard after the cookie event, within the window, and the nearest of several', () => {
    const early = response(['sessionid=1'], T - 2000, undefined, T - 1900);
    const during = response(['sessionid=2'], T, undefined, T + 400);
    expect(setByOf(event(), log([early, during]), T + 10_000)).toMatchObject({ response: during });
    const tooLate = response(['sessionid=1'], T + 50 + SET_BY_WINDOW_MS + 1);
    expect(setByOf(event(), log([tooLate]), T + 100_000)).toEqual({ kind: 'script' });
  });

  it('says a cookie past the cookies kept of a response near it is unseen, not a script’s', () => {
    const many = { ...response(Array.from({ length: COOKIES_PER_RESPONSE }, (_, i) => `c${i}=1`)), cookiesCut: true as const };
    expect(setByOf(event({ name: 'c49' }), log([many]), T + 10_000)).toMatchObject({ kind: 'response' });
    expect(setByOf(event({ name: 'c50' }), log([many]), T + 10_000)).toEqual({ kind: 'unseen' });
    // Outside its window, it could not be its: a script's.
    expect(setByOf(event({ name: 'c50', at: T + 100 + SET_BY_WINDOW_MS + 1 }), log([many]), T + 100_000)).toEqual({ kind: 'script' });
  });

  it('says a cookie near a redirect whose Set-Cookie headers were not given is unseen, not a script’s', () => {
    const login = responseOfHarEntry({
      startedDateTime: new Date(T).toISOString(),
      time: 20,
      request: { method: 'GET', url: 'https://data.tco.re/login' },
      response: { status: 302, headersSize: -1, headers: [{ name: 'Location', value: '/' }] },
    })!;
    expect(setByOf(event({ at: T + 30 }), log([login]), T + 10_000)).toEqual({ kind: 'unseen' });
  });

  it('waits for the window to pass before saying "script"', () => {
    expect(setByOf(event(), log([]), T + 100)).toEqual({ kind: 'pending' });
    expect(setByOf(event(), log([]), T + 50 + SET_BY_WINDOW_MS)).toEqual({ kind: 'script' });
  });

  it('says nothing was seen, not "script", for an event from before DevTools was opened', () => {
    expect(setByOf(event(), log([], T + 1000), T + 100_000)).toEqual({ kind: 'unseen' });
  });

  it('says nothing was seen, not "script", for an event within the window after DevTools was opened: a request under way then is never heard', () => {
    // As for an event just after the dropped responses: what ended before DevTools was open is not known.
    const opened = event({ at: T + 1000 });
    expect(setByOf(opened, log([], T), T + 10_000)).toEqual({ kind: 'unseen' });
    expect(setByOf(opened, { ...log([]), droppedUntil: T }, T + 10_000)).toEqual({ kind: 'unseen' });
    // A response that ended before DevTools was opened could be matched with an event up to the window after it.
    expect(setByOf(event({ at: T + SET_BY_WINDOW_MS - 1 }), log([], T), T + 10_000)).toEqual({ kind: 'unseen' });
    expect(setByOf(event({ at: T + SET_BY_WINDOW_MS }), log([], T), T + 10_000)).toEqual({ kind: 'script' });
    // A response heard is still named.
    expect(setByOf(opened, log([response(['sessionid=1'], T + 900)], T), T + 10_000)).toMatchObject({ kind: 'response' });
  });

  it('says nothing was seen, not "script", for an event the log no longer covers: its responses dropped', () => {
    // The page load sets sessionid; then NETWORK_LOG_LIMIT calls each refresh a load balancer's cookie.
    let full = withResponses(null, 3, T - 60_000, [response(['sessionid=1; Path=/; HttpOnly'], T)]);
    expect(setByOf(event(), full, T + 10_000)).toMatchObject({ kind: 'response' });
    for (let i = 0; i < NETWORK_LOG_LIMIT; i++) full = withResponses(full, 3, T - 60_000, [response(['AWSALB=x'], T + 1000 + i * 100)]);
    expect(setByOf(event(), full, T + 60_000)).toEqual({ kind: 'unseen' });
    // Well after the dropped responses, a cookie no response set is still a script's.
    const later = full.responses.at(-1)!.finishedAt + 10_000;
    expect(setByOf(event({ at: later }), full, later + 10_000)).toEqual({ kind: 'script' });
  });

  it('says nothing was seen, not "script", for an event after DevTools was closed on the tab', () => {
    const closed = closedLog(log([response(['sessionid=1'])]), T - 60_000, T + 20_000);
    expect(setByOf(event({ name: 'other' }), closed, T + 100_000)).toEqual({ kind: 'script' });
    expect(setByOf(event({ name: 'other', at: T + 18_000 }), closed, T + 100_000)).toEqual({ kind: 'unseen' });
    expect(setByOf(event({ name: 'other', at: T + 30_000 }), closed, T + 100_000)).toEqual({ kind: 'unseen' });
    // What was heard before still names its response.
    expect(setByOf(event(), closed, T + 100_000)).toMatchObject({ kind: 'response' });
  });

  it('claims nothing without a network log, or for a cookie a scan found', () => {
    expect(setByOf(event(), null, T)).toBeNull();
    expect(setByOf(event({ found: true }), log([response(['sessionid=1'])]), T + 10_000)).toBeNull();
  });

  it('applies to a removal too: a Set-Cookie that expires the cookie', () => {
    const logout = response(['sessionid=; Max-Age=0']);
    expect(setByOf(event({ type: 'removed' }), log([logout]), T + 10_000)).toMatchObject({ kind: 'response', cookie: { expires: 0 } });
  });

  it('says nothing of a cookie the browser removed itself: it expired (GA’s one-minute _gat), no one removed it', () => {
    const expired = event({ type: 'removed', name: '_gat', domain: '.tco.re', byBrowser: true });
    expect(setByOf(expired, log([]), T + 100_000)).toBeNull();
    expect(setByOf(expired, log([response(['_gat=; Domain=tco.re; Max-Age=0'])]), T + 100_000)).toBeNull();
  });
});

describe('setByOf, a HAR entry read as the browser reads its Set-Cookie', () => {
  const har = (setCookie: string) => ({
    startedDateTime: new Date(T).toISOString(),
    time: 100,
    request: { method: 'GET', url: 'https://data.tco.re/login' },
    response: { status: 200, headers: [{ name: 'Set-Cookie', value: setCookie }] },
  });
  const logOf = (setCookie: string, bare: 'value' | 'name') => log([responseOfHarEntry(har(setCookie), bare)].flatMap((r) => r ?? []));
  const later = T + 60_000;

  it('credits the response with the cookie Firefox names by a pair without "=", and Chromium’s nameless one with it', () => {
    expect(setByOf(event({ name: 'tokenabc' }), logOf('tokenabc; Path=/', 'name'), later)?.kind).toBe('response');
    expect(setByOf(event({ name: '' }), logOf('tokenabc; Path=/', 'value'), later)?.kind).toBe('response');
    // Chromium's pair is a value: never kept, and never a name to match.
    expect(JSON.stringify(logOf('tokenabc; Path=/', 'value'))).not.toContain('tokenabc');
  });

  it('credits no response with a cookie of a domain its host is not within: the browser ignored it, a script set it', () => {
    const tracker = responseOfHarEntry({
      ...har('sessionid=x; Domain=data.tco.re'),
      request: { method: 'GET', url: 'https://tracker.example/pixel' },
    });
    const portal = responseOfHarEntry(har('sessionid=x; Domain=data.tco.re'))!;
    const sessionid = event({ domain: '.data.tco.re' });
    expect(setByOf(sessionid, log([tracker].flatMap((r) => r ?? [])), later)).toEqual({ kind: 'script' });
    expect(setByOf(sessionid, log([portal]), later)).toMatchObject({ kind: 'response', response: portal });
  });

  it('credits the response with the host-only cookie a Domain naming its IP address sets', () => {
    const lan = responseOfHarEntry({
      ...har('sessionid=v; Domain=192.168.1.20; Path=/'),
      request: { method: 'GET', url: 'http://192.168.1.20:8080/' },
    })!;
    expect(setByOf(event({ domain: '192.168.1.20' }), log([lan]), later)).toMatchObject({ kind: 'response', response: lan });
    expect(setByOf(event({ domain: '.192.168.1.20' }), log([lan]), later)).toEqual({ kind: 'script' });
  });

  it('credits no response with a cookie its header could not set: too long, or `=`; a script set it', () => {
    expect(setByOf(event({ name: 'sid', at: T + 1000 }), logOf(`sid=${'x'.repeat(5000)}; Path=/`, 'value'), later)?.kind).toBe('script');
    expect(setByOf(event({ name: '', at: T + 1000 }), logOf('=', 'value'), later)?.kind).toBe('script');
    expect(setByOf(event({ name: '', at: T + 1000 }), logOf('=abc', 'name'), later)?.kind).toBe('script');
  });
});

describe('setByOf, a response still loading', () => {
  // DevTools hears a response when it finishes (onRequestFinished): one streaming for 10 s set
  // its cookie at its start, and nothing in the log says it is under way until it ends.
  const stream = responseOfHarEntry({
    startedDateTime: new Date(T).toISOString(),
    time: 10_000,
    request: { method: 'GET', url: 'https://data.tco.re/api/export.csv' },
    response: { status: 200, headers: [{ name: 'Set-Cookie', value: 'AWSALB=v; Path=/' }] },
  })!;
  const awsalb = event({ name: 'AWSALB', at: T + 200 });
  const message = (lang: 'en' | 'fr') =>
    (JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>).setByScript!.message;

  it('reads "script" until the response ends, then names it: the line says it speaks of finished responses only', () => {
    expect(setByOf(awsalb, log([]), T + 5000)).toEqual({ kind: 'script' });
    expect(setByOf(awsalb, log([stream]), T + 11_000)).toMatchObject({ kind: 'response', response: stream });
    expect(message('en')).toBe('by a script: no finished response of this tab set it');
    expect(message('fr')).toBe('par un script\u202f: aucune réponse terminée de cet onglet ne l’a déposé');
  });
});

describe('setByOfTimeline', () => {
  it('credits one Set-Cookie with one event: a cookie set, then changed and removed soon after, is not all that header’s doing', () => {
    const page = response(['ods_test=1; Path=/; Max-Age=31536000'], T, undefined, T + 80);
    const events = [
      event({ name: 'ods_test', at: T + 60 }),
      event({ name: 'ods_test', type: 'changed', at: T + 1500 }),
      event({ name: 'ods_test', type: 'removed', at: T + 2900 }),
    ];
    const setBy = setByOfTimeline(events, log([page]), T + 10_000);
    expect(events.map((each) => setBy(each)?.kind)).toEqual(['response', 'script', 'script']);
  });

  it('gives the Set-Cookie to the nearest event, whichever came first', () => {
    const late = response(['sessionid=1'], T + 2000, undefined, T + 2100);
    const events = [event({ at: T }), event({ type: 'changed', at: T + 2050 })];
    const setBy = setByOfTimeline(events, log([late]), T + 10_000);
    expect(events.map((each) => setBy(each)?.kind)).toEqual(['script', 'response']);
  });

  it('explains a removal only by a Set-Cookie that expires the cookie, and a setting only by one that does not', () => {
    const logout = response(['sessionid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    const login = response(['sessionid=2; Path=/; Max-Age=600'], T + 500);
    const events = [event({ type: 'removed', at: T + 50 }), event({ type: 'set', at: T + 60 })];
    const setBy = setByOfTimeline(events, log([logout, login]), T + 10_000);
    expect(setBy(events[0]!)).toMatchObject({ kind: 'response', response: logout });
    expect(setBy(events[1]!)).toMatchObject({ kind: 'response', response: login });
    expect(setByOfTimeline([events[1]!], log([logout]), T + 10_000)(events[1]!)).toEqual({ kind: 'script' });
    expect(setByOfTimeline([events[0]!], log([login]), T + 10_000)(events[0]!)).toEqual({ kind: 'script' });
  });

  it('lets one response remove a cookie and set it again, as a logout that starts a new session does', () => {
    const relog = response(['sessionid=; Max-Age=0', 'sessionid=new; HttpOnly']);
    const events = [event({ type: 'removed', at: T + 10 }), event({ type: 'set', at: T + 20 })];
    const setBy = setByOfTimeline(events, log([relog]), T + 10_000);
    expect(events.map((each) => setBy(each))).toEqual([
      { kind: 'response', response: relog, cookie: relog.cookies[0] },
      { kind: 'response', response: relog, cookie: relog.cookies[1] },
    ]);
  });

  it('credits each of a response’s lines of one name with its own event: one name on two paths, or one cookie written twice', () => {
    // Two cookies (`Path=/` and `Path=/two`: RFC 6265 §5.3), then PHP's two PHPSESSID lines (one cookie, two changes).
    for (const lines of [
      ['lang=fr; Path=/', 'lang=fr; Path=/two'],
      ['lang=first; Path=/', 'lang=second; Path=/'],
    ]) {
      const page = response(lines);
      const events = [event({ name: 'lang', at: T + 60 }), event({ name: 'lang', type: 'changed', at: T + 61 })];
      const setBy = setByOfTimeline(events, log([page]), T + 10_000);
      expect(events.map((each) => setBy(each))).toEqual([
        { kind: 'response', response: page, cookie: page.cookies[0] },
        { kind: 'response', response: page, cookie: page.cookies[1] },
      ]);
    }
  });

  it('skips markers, answers nothing for a found cookie or without a log, and answers an event of no timeline alone', () => {
    const page = response(['sessionid=1']);
    const timeline = [{ type: 'worker-restart' as const, at: T }, event(), event({ type: 'changed', at: T + 70, found: true })];
    const setBy = setByOfTimeline(timeline, log([page]), T + 10_000);
    expect(setBy(timeline[1] as CookieEvent)).toMatchObject({ kind: 'response' });
    expect(setBy(timeline[2] as CookieEvent)).toBeNull();
    expect(setBy(event())).toMatchObject({ kind: 'response' });
    expect(setByOfTimeline(timeline, null, T)(event())).toBeNull();
  });
});

describe('setByOf on a hostile log', () => {
  // Once a render of 6.8 s (every event × every response × every cookie, a URL read for each):
  // a log at its limits of one cookie name, and a timeline of events of that name.
  const full = (host: (index: number) => string): NetworkLog =>
    log(
      Array.from({ length: NETWORK_LOG_LIMIT }, (_, index) =>
        response(
          Array.from({ length: COOKIES_PER_RESPONSE }, () => 'a=1'),
          T + index * 10,
          `https://${host(index)}/`,
        ),
      ),
    );
  const events = Array.from({ length: 1000 }, (_, index) => event({ name: 'a', domain: 'portal.example', at: T + index }));

  it('answers for every event of a timeline, whoever the responses came from', () => {
    const others = full((index) => `cdn${index}.portal.example`);
    expect(new Set(events.map((each) => setByOf(each, others, T + 100_000)?.kind))).toEqual(new Set(['script']));
    const same = full(() => 'portal.example');
    expect(events.map((each) => setByOf(each, same, T + 100_000)).every((answer) => answer?.kind === 'response')).toBe(true);
    // A whole timeline: each Set-Cookie line of the cookie explains one event, and no more (more lines than events here).
    const credited = events
      .map(setByOfTimeline(events, same, T + 100_000))
      .flatMap((answer) => (answer?.kind === 'response' ? [answer.cookie] : []));
    expect(credited).toHaveLength(events.length);
    expect(new Set(credited).size).toBe(events.length);
    // Responses 46 to 55 were under way at T + 555: the first of them, and its first Set-Cookie.
    expect(setByOf(events[555]!, same, T + 100_000)).toMatchObject({
      response: same.responses[46],
      cookie: same.responses[46]!.cookies[0],
    });
  });
});
