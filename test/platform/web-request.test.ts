import { describe, expect, it } from 'vitest';
import {
  barePairOnceKnown,
  responseCookieNames,
  watchRequests,
  type RequestListeners,
  type RequestStarted,
} from '../../src/platform/web-request.ts';
import { createEmbeddedContent } from '../../src/background/embedded-content.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { presentCookies } from '../../src/core/cookies/site-record.ts';
import { isPortalHost } from '../../src/core/portals.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeEvent } from '../support/fake-events.ts';
import { fakeSession } from '../support/fake-session.ts';

type Listener = (details: Record<string, unknown>) => void;

/** webRequest as each browser gives it: Chrome declares 'extraHeaders' (and hides Set-Cookie without it), Firefox refuses it. */
function fakeWebRequest(browser: 'chrome' | 'firefox') {
  const options: unknown[][] = [];
  const event = () => {
    const inner = fakeEvent<Listener>();
    return {
      ...inner,
      addListener: (listener: Listener, _filter: unknown, extra?: string[]) => {
        if (browser === 'firefox' && extra?.includes('extraHeaders')) throw new Error('Invalid enumeration value "extraHeaders"');
        options.push(extra ?? []);
        inner.addListener(listener);
      },
    };
  };
  const webRequest = {
    onBeforeRequest: event(),
    onResponseStarted: event(),
    onBeforeRedirect: event(),
    onCompleted: event(),
    onErrorOccurred: event(),
    ...(browser === 'chrome' ? { OnHeadersReceivedOptions: { EXTRA_HEADERS: 'extraHeaders' } } : {}),
  };
  return { api: { webRequest } as never, webRequest, options };
}

function listeners() {
  const log: string[] = [];
  const set: RequestListeners = {
    started: (r) => void log.push(`started ${r.requestId} ${r.tabId} ${r.kind} ${r.url}`),
    responded: (r) => void log.push(`responded ${r.requestId} ${r.names.join(',')}`),
    ended: (r) => void log.push(`ended ${r.requestId}`),
  };
  return { log, set };
}

describe('platform webRequest', () => {
  it('listens only when the browser gives the API (the permission is granted), once per set of listeners', () => {
    const { set } = listeners();
    expect(watchRequests(set, {})).toBe(false);
    const chrome = fakeWebRequest('chrome');
    expect(watchRequests(set, chrome.api)).toBe(true);
    expect(watchRequests(set, chrome.api)).toBe(true);
    expect(chrome.webRequest.onBeforeRequest.hasListeners()).toBe(true);
    expect(chrome.options.filter((o) => o.includes('responseHeaders'))).toEqual([
      ['responseHeaders', 'extraHeaders'],
      ['responseHeaders', 'extraHeaders'],
    ]);
  });

  it('asks Firefox for no option it refuses, and reports frames, Set-Cookie names and ends of tab requests only', () => {
    const { set, log } = listeners();
    const firefox = fakeWebRequest('firefox');
    expect(watchRequests(set, firefox.api)).toBe(true);
    const { webRequest } = firefox;
    webRequest.onBeforeRequest.fire({ requestId: '1', tabId: 3, type: 'main_frame', url: 'http://data.tco.re/' });
    webRequest.onBeforeRequest.fire({ requestId: '2', tabId: 3, type: 'sub_frame', url: 'https://disqus.com/embed/' });
    webRequest.onBeforeRequest.fire({ requestId: '3', tabId: 3, type: 'image', url: 'https://pixel.example.com/p.gif' });
    webRequest.onBeforeRequest.fire({ requestId: '4', tabId: -1, type: 'xmlhttprequest', url: 'https://data.tco.re/terms/' });
    webRequest.onResponseStarted.fire({
      requestId: '2',
      tabId: 3,
      type: 'sub_frame',
      url: 'https://disqus.com/embed/',
      responseHeaders: [
        { name: 'Content-Type', value: 'text/html' },
        { name: 'Set-Cookie', value: 'disqus_unique=SECRET; Secure\ntestCookie=SECRET' },
      ],
    });
    webRequest.onResponseStarted.fire({ requestId: '3', tabId: 3, type: 'image', url: 'x', responseHeaders: [] });
    webRequest.onBeforeRedirect.fire({
      requestId: '3',
      tabId: 3,
      type: 'image',
      url: 'x',
      responseHeaders: [{ name: 'set-cookie', value: 'sync=1' }],
    });
    webRequest.onCompleted.fire({ requestId: '2', tabId: 3, type: 'sub_frame', url: 'x' });
    webRequest.onErrorOccurred.fire({ requestId: '3', tabId: 3, type: 'image', url: 'x' });
    webRequest.onCompleted.fire({ requestId: '4', tabId: -1, type: 'xmlhttprequest', url: 'x' });
    expect(log).toEqual([
      'started 1 3 main_frame http://data.tco.re/',
      'started 2 3 sub_frame https://disqus.com/embed/',
      'started 3 3 other https://pixel.example.com/p.gif',
      'responded 2 disqus_unique,testCookie',
      'responded 3 sync',
      'ended 2',
      'ended 3',
    ]);
    expect(log.join()).not.toContain('SECRET');
  });

  it('tells the cookie store a request names (Firefox’s cookieStoreId, a private tab’s before its first update is heard), none where Chrome names none', () => {
    const started: RequestStarted[] = [];
    const set: RequestListeners = { started: (r) => void started.push(r), responded: () => undefined, ended: () => undefined };
    const firefox = fakeWebRequest('firefox');
    watchRequests(set, firefox.api);
    const url = 'https://data.tco.re/explore/';
    firefox.webRequest.onBeforeRequest.fire({
      requestId: '1',
      tabId: 7,
      type: 'main_frame',
      url,
      cookieStoreId: 'firefox-private',
      incognito: true,
    });
    const chrome = fakeWebRequest('chrome');
    watchRequests({ ...set }, chrome.api);
    chrome.webRequest.onBeforeRequest.fire({ requestId: '2', tabId: 8, type: 'main_frame', url });
    expect(started).toEqual([
      { requestId: '1', tabId: 7, kind: 'main_frame', url, storeId: 'firefox-private' },
      { requestId: '2', tabId: 8, kind: 'main_frame', url },
    ]);
  });

  it('reads Set-Cookie names from response headers, whatever their case', () => {
    expect(responseCookieNames(undefined, 1000)).toEqual([]);
    expect(responseCookieNames([{ name: 'SET-COOKIE', value: 'a=1' }, { name: 'set-cookie' }], 1000)).toEqual(['a']);
  });

  it('weighs an Expires against the response’s own Date header (the browsers shift it by their clock’s lead)', () => {
    const at = Date.UTC(2026, 11, 5, 16, 45);
    const expiring = { name: 'Set-Cookie', value: '_ga=1; Expires=Sat, 05 Dec 2026 16:40:00 GMT' };
    expect(responseCookieNames([{ name: 'date', value: 'Sat, 05 Dec 2026 16:35:00 GMT' }, expiring], at)).toEqual(['_ga']);
    expect(responseCookieNames([expiring], at)).toEqual([]);
    // Several Date headers: the first counts, as in Chromium.
    const later = { name: 'Date', value: 'Sat, 05 Dec 2026 16:50:00 GMT' };
    expect(responseCookieNames([{ name: 'Date', value: 'Sat, 05 Dec 2026 16:35:00 GMT' }, later, expiring], at)).toEqual(['_ga']);
  });

  it('reports no name a response only deletes, its Expires read at the time the browser gives', () => {
    const { set, log } = listeners();
    const { api, webRequest } = fakeWebRequest('chrome');
    watchRequests(set, api);
    const at = Date.UTC(2026, 11, 5);
    const respond = (requestId: string, values: string[]) =>
      webRequest.onResponseStarted.fire({
        requestId,
        tabId: 3,
        type: 'xmlhttprequest',
        url: 'https://data.tco.re/api/',
        timeStamp: at,
        responseHeaders: values.map((value) => ({ name: 'Set-Cookie', value })),
      });
    respond('1', ['_ga=; Max-Age=0; Domain=.tco.re', `_gid=; Expires=${new Date(at - 1000).toUTCString()}`]);
    respond('2', ['_ga=; Max-Age=0; Domain=.tco.re', `_gid=x; Expires=${new Date(at + 1000).toUTCString()}`, '_ga=SECRET; Domain=.tco.re']);
    expect(log).toEqual(['responded 2 _gid,_ga']);
  });
});

describe('webRequest and a Set-Cookie without "=" (Firefox 153 on names the cookie by its text; ESR 140 and Chromium keep it nameless, the text its value)', () => {
  const [ITIE, DEMO] = ['itie.opendatasoft.com', 'demo.opendatasoft.com'];
  const BUNDLED = new Set(['data.toulouse-metropole.fr', 'data.tco.re']);

  /** The worker's reading once its browser said `version` (runtime.getBrowserInfo's; null in Chromium). */
  async function readingOf(version: string | null) {
    const bare = barePairOnceKnown(async () => version);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return bare;
  }

  /** The names Firefox's webRequest reports for a response of `values`, in a worker whose browser said `version`. */
  async function namesHeard(version: string | null, values: string[]) {
    const { set, log } = listeners();
    const firefox = fakeWebRequest('firefox');
    watchRequests(set, firefox.api, await readingOf(version));
    firefox.webRequest.onResponseStarted.fire({
      requestId: '1',
      tabId: 3,
      type: 'main_frame',
      url: `https://${DEMO}/explore/`,
      timeStamp: 990,
      responseHeaders: values.map((value) => ({ name: 'Set-Cookie', value })),
    });
    return log;
  }

  /** Two portals under one domain open; `names` heard from DEMO's response, then the browser's cookie `name` on the domain. */
  async function demoCookie(names: string[], name: string) {
    const store = createSiteStore(fakeSession(), 10);
    await store.load();
    const open = new Set([`0|${ITIE}`, `0|${DEMO}`]);
    const recorder = createRecorder(
      store,
      (host) => isPortalHost(host, BUNDLED),
      (host, storeId) => open.has(`${storeId}|${host}`),
      (storeId) => [...open].filter((key) => key.startsWith(`${storeId}|`)).map((key) => key.slice(storeId.length + 1)),
      (host, storeId) => (open.has(`${storeId}|${host}`) ? '/explore/' : null),
    );
    await recorder.responseOnPage({ host: DEMO, path: '/explore/', storeId: '0' }, `https://${DEMO}/explore/`, names, 990);
    await recorder.cookieChanged(browserCookie({ name, domain: '.opendatasoft.com', hostOnly: false }), false, 'explicit', 1000);
    return presentCookies(await recorder.site(DEMO, '0')).find((cookie) => cookie.name === name);
  }

  it('claims for the portal whose response set it the cookie Firefox 153 names `trk` from `trk; Domain=…`, as it does `trk=1`', async () => {
    for (const header of ['trk=1; Domain=.opendatasoft.com', 'trk; Domain=.opendatasoft.com']) {
      const names = responseCookieNames([{ name: 'Set-Cookie', value: header }], 990, (await readingOf('153.0'))());
      expect(names).toEqual(['trk']);
      const own = await demoCookie(names, 'trk');
      expect(own?.originUnknown).toBeUndefined();
      expect(own?.firstPage).toBe('/explore/');
    }
    expect(await namesHeard('153.0', ['trk; Domain=.opendatasoft.com'])).toEqual(['responded 1 trk']);
  });

  it('reports a nameless cookie, never its text, in ESR 140, in Chromium and while the version is unknown', async () => {
    for (const version of ['140.0', '152.0.2', '153.0a1', null, 'Firefox']) {
      expect(await namesHeard(version, ['SECRETVALUE123; Path=/'])).toEqual(['responded 1 ']);
    }
    // No answer yet, or none at all: a value is never taken for a name.
    expect(barePairOnceKnown(async () => '153.0')()).toBe('value');
    const failed = barePairOnceKnown(async () => {
      throw new Error('getBrowserInfo failed');
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failed()).toBe('value');
  });

  it('keeps no text of a Set-Cookie without "=" in storage.session where the browser makes it a value (ESR 140)', async () => {
    const session = fakeSession();
    const embedded = createEmbeddedContent({
      ready: Promise.resolve(),
      area: session,
      record: () => undefined,
      removed: () => undefined,
      navigating: () => undefined,
      storeOfTab: () => '0',
      onRecorded: () => undefined,
      writeDelayMs: 0,
    });
    const firefox = fakeWebRequest('firefox');
    watchRequests(embedded.requests, firefox.api, await readingOf('140.0'));
    firefox.webRequest.onBeforeRequest.fire({ requestId: '1', tabId: 3, type: 'main_frame', url: `https://${DEMO}/explore/` });
    firefox.webRequest.onBeforeRequest.fire({ requestId: '2', tabId: 3, type: 'sub_frame', url: 'https://tracker.example/frame' });
    firefox.webRequest.onResponseStarted.fire({
      requestId: '2',
      tabId: 3,
      type: 'sub_frame',
      url: 'https://tracker.example/frame',
      responseHeaders: [
        { name: 'Set-Cookie', value: 'SECRETVALUE123; Path=/' },
        { name: 'Set-Cookie', value: 'seen=1' },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await embedded.flush();
    const stored = JSON.stringify(session.data);
    // The response's evidence was kept (its other name), the text of the bare pair was not.
    expect(stored).toContain('seen');
    expect(stored).not.toContain('SECRETVALUE123');
  });
});
