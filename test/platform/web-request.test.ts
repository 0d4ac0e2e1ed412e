import { describe, expect, it } from 'vitest';
import { responseCookieNames, watchRequests, type RequestListeners, type RequestStarted } from '../../src/platform/web-request.ts';
import { fakeEvent } from '../support/fake-events.ts';

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
