import { describe, expect, it } from 'vitest';
import {
  cookieStored,
  emptyAttributionState,
  EVIDENCE_TTL_MS,
  frameLoading,
  MAX_FILED,
  MAX_FRAMES,
  MAX_PENDING,
  noteFiled,
  firstPartyHost,
  pageLoading,
  partitionFits,
  partitionSiteHost,
  removedFromSites,
  requestsSettled,
  responseReceived,
  storesEnded,
  tabClosed,
  trimmedToSize,
  withoutValue,
  type AttributionState,
  type StoreOf,
} from '../../../src/core/cookies/third-party-attribution.ts';
import { browserCookie } from '../../support/cookies.ts';

const PORTAL = 'data.commentaires.opendatasoft.com';
const OTHER = 'news.example.io';

/** Disqus's cookie as the browser reports it once stored (value included, as cookies.onChanged gives it). */
const disqus = (overrides = {}) =>
  browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false, sameSite: 'no_restriction', ...overrides });

const nothingInFlight = () => [];
/** Every tab in the normal windows' store, as the cookies `browserCookie` makes. */
const normalStore: StoreOf = () => '0';
const inFlight = (byTab: Record<string, string[]>) => (tabId: string) => byTab[tabId] ?? [];

/** A portal tab (1) showing a dataset page with a Disqus frame, and another site's tab (2). */
function twoTabs(): AttributionState {
  const state = emptyAttributionState();
  pageLoading(state, '1', `http://${PORTAL}/explore/dataset/demo/map/?location=1`);
  frameLoading(state, '1', 'https://disqus.com/embed/comments/?f=demo');
  pageLoading(state, '2', `https://${OTHER}/article`);
  return state;
}

describe('third-party attribution', () => {
  it('ties a cookie to the tab that received its Set-Cookie, response first (Chromium)', () => {
    const state = twoTabs();
    expect(responseReceived(state, '1', 'disqus.com', ['disqus_unique'], 1000, normalStore)).toEqual([]);
    const [found, ...rest] = cookieStored(state, disqus(), 1001, nothingInFlight, normalStore);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ host: PORTAL, page: '/explore/dataset/demo/map/', via: 'response', at: 1001 });
    expect(found!.cookie).not.toHaveProperty('value');
    // The evidence is used once: the same cookie set again elsewhere is not tied to this tab by it.
    expect(state.tabs['1']!.responses).toEqual([]);
  });

  it('ties it in the other order too: the cookie waits for the response still in flight (Firefox)', () => {
    const state = twoTabs();
    expect(cookieStored(state, disqus(), 1000, inFlight({ '1': ['disqus.com'] }), normalStore)).toEqual([]);
    expect(state.pending).toHaveLength(1);
    expect(state.pending[0]!.cookie).not.toHaveProperty('value');
    const found = responseReceived(state, '1', 'disqus.com', ['disqus_unique', 'other'], 1002, normalStore);
    expect(found).toMatchObject([{ host: PORTAL, via: 'response', at: 1000 }]);
    expect(state.pending).toEqual([]);
    // The name no waiting cookie used is kept as evidence.
    expect(state.tabs['1']!.responses.map((r) => r.name)).toEqual(['other']);
  });

  it('ties a cookie a frame wrote (no response) to the one site showing such a frame', () => {
    const state = twoTabs();
    const found = cookieStored(state, browserCookie({ name: 'testCookie', domain: 'disqus.com' }), 5, nothingInFlight, normalStore);
    expect(found).toMatchObject([{ host: PORTAL, via: 'frame', page: '/explore/dataset/demo/map/' }]);
  });

  it('blames nobody when tabs of two sites show such a frame, or the cookie’s own site is open', () => {
    const state = twoTabs();
    frameLoading(state, '2', 'https://disqus.com/embed/comments/?f=news');
    expect(cookieStored(state, disqus(), 5, nothingInFlight, normalStore)).toEqual([]);

    const own = twoTabs();
    pageLoading(own, '3', 'https://disqus.com/home/');
    expect(cookieStored(own, disqus(), 5, nothingInFlight, normalStore)).toEqual([]);
  });

  it('never ties to a portal a cookie another tab’s request set, when that response comes after the cookie', () => {
    const state = twoTabs();
    // Tab 2 loads an image from disqus.com; Firefox reports its cookie before the response.
    expect(cookieStored(state, disqus(), 10, inFlight({ '2': ['disqus.com'] }), normalStore)).toEqual([]);
    expect(responseReceived(state, '2', 'disqus.com', ['disqus_unique'], 11, normalStore)).toMatchObject([
      { host: OTHER, via: 'response' },
    ]);
    expect(state.pending).toEqual([]);
  });

  it('decides a waiting cookie by frames once no request in flight can explain it', () => {
    const state = twoTabs();
    expect(cookieStored(state, disqus({ name: 'widget_js' }), 10, inFlight({ '2': ['disqus.com'] }), normalStore)).toEqual([]);
    expect(requestsSettled(state, 12, inFlight({ '2': ['disqus.com'] }), normalStore)).toEqual([]);
    expect(requestsSettled(state, 13, nothingInFlight, normalStore)).toMatchObject([{ host: PORTAL, via: 'frame', at: 10 }]);
    expect(state.pending).toEqual([]);
  });

  it('judges a waiting cookie by the frames shown when it was stored too: a tab that closes or moves on meanwhile leaves nobody else to blame', () => {
    for (const meanwhile of ['closes', 'loads another page'] as const) {
      // Tabs of two sites show a Disqus frame when the cookie is stored: either may have set it.
      const state = twoTabs();
      frameLoading(state, '2', 'https://disqus.com/embed/comments/?f=news');
      expect(cookieStored(state, disqus(), 10, inFlight({ '2': ['disqus.com'] }), normalStore)).toEqual([]);
      if (meanwhile === 'closes') tabClosed(state, '2');
      else pageLoading(state, '2', `https://${OTHER}/other-article`);
      expect(requestsSettled(state, 12, nothingInFlight, normalStore), meanwhile).toEqual([]);
      expect(state.pending, meanwhile).toEqual([]);
    }
    // The portal's tab alone showed one then: it is the portal's, whatever the tab shows when requests settle.
    const state = twoTabs();
    expect(cookieStored(state, disqus(), 10, inFlight({ '1': ['disqus.com'] }), normalStore)).toEqual([]);
    tabClosed(state, '1');
    expect(requestsSettled(state, 12, nothingInFlight, normalStore)).toMatchObject([
      { host: PORTAL, page: '/explore/dataset/demo/map/', via: 'frame', at: 10 },
    ]);
  });

  it('considers only tabs on the top-level site a partitioned cookie names', () => {
    const state = twoTabs();
    frameLoading(state, '2', 'https://disqus.com/embed/comments/?f=news');
    const partitioned = (site: string) => disqus({ partitionKey: { topLevelSite: site } });
    expect(cookieStored(state, partitioned('http://opendatasoft.com'), 5, nothingInFlight, normalStore)).toMatchObject([{ host: PORTAL }]);
    // Under the other site's partition: that tab's, never the portal's.
    expect(cookieStored(state, partitioned('https://example.io'), 5, nothingInFlight, normalStore)).toMatchObject([{ host: OTHER }]);
    expect(partitionSiteHost(partitioned('https://example.io:8443'))).toBe('example.io');
    expect(partitionSiteHost(partitioned('not a url'))).toBeNull();
    expect(partitionSiteHost(disqus())).toBeNull();
  });

  it('considers only tabs on the first party a cookie is isolated under (Firefox’s first-party isolation)', () => {
    const state = twoTabs();
    frameLoading(state, '2', 'https://disqus.com/embed/comments/?f=news');
    const isolated = (firstPartyDomain: string) => disqus({ firstPartyDomain });
    expect(cookieStored(state, isolated('opendatasoft.com'), 5, nothingInFlight, normalStore)).toMatchObject([{ host: PORTAL }]);
    expect(cookieStored(state, isolated('example.io'), 5, nothingInFlight, normalStore)).toMatchObject([{ host: OTHER }]);
    // Isolated under none: both tabs show such a frame, nobody is blamed.
    expect(cookieStored(state, isolated(''), 5, nothingInFlight, normalStore)).toEqual([]);
  });

  it('reads the first party as Firefox names it: the top-level page’s registrable domain, or its scheme and domain with use_site', () => {
    expect(firstPartyHost({ firstPartyDomain: 'example.net' })).toBe('example.net');
    expect(firstPartyHost({ firstPartyDomain: 'Example.NET' })).toBe('example.net');
    expect(firstPartyHost({ firstPartyDomain: '(https,example.net)' })).toBe('example.net');
    expect(firstPartyHost({ firstPartyDomain: '(http,localhost,8080)' })).toBe('localhost');
    expect(firstPartyHost({ firstPartyDomain: '[::1]' })).toBe('[::1]');
    expect(firstPartyHost({ firstPartyDomain: '' })).toBeNull();
    expect(firstPartyHost({})).toBeNull();
    // A partition names the site first; a first party where there is none.
    expect(partitionSiteHost({ firstPartyDomain: 'example.net' })).toBe('example.net');
    expect(partitionSiteHost({ partitionKey: { topLevelSite: 'https://tco.re' }, firstPartyDomain: '' })).toBe('tco.re');
  });

  it('fits a cookie isolated under a first party only to pages on that first party’s site', () => {
    const portalsCopy = { firstPartyDomain: 'huwise.com' };
    const blogsCopy = { firstPartyDomain: 'example.net' };
    expect(partitionFits(portalsCopy, 'demo.huwise.com')).toBe(true);
    expect(partitionFits(portalsCopy, 'huwise.com')).toBe(true);
    expect(partitionFits(blogsCopy, 'demo.huwise.com')).toBe(false);
    expect(partitionFits(blogsCopy, 'blog.example.net')).toBe(true);
    // Not a suffix of the name alone: a label boundary.
    expect(partitionFits(blogsCopy, 'notexample.net')).toBe(false);
    expect(partitionFits({ firstPartyDomain: '(http,example.net)' }, 'demo.huwise.com')).toBe(false);
    expect(partitionFits({ firstPartyDomain: '' }, 'demo.huwise.com')).toBe(true);
  });

  it('leaves the site’s own cookies to the first-party path, evidence and all', () => {
    const state = twoTabs();
    responseReceived(state, '1', PORTAL, ['sessionid'], 1, normalStore);
    expect(cookieStored(state, browserCookie({ domain: PORTAL }), 2, nothingInFlight, normalStore)).toEqual([]);
    expect(state.tabs['1']!.responses).toEqual([]);
    expect(
      cookieStored(state, browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false }), 3, nothingInFlight, normalStore),
    ).toEqual([]);
  });

  it('forgets a page’s frames and evidence when the tab loads another page, and a closed tab', () => {
    const state = twoTabs();
    responseReceived(state, '1', 'disqus.com', ['disqus_unique'], 1, normalStore);
    pageLoading(state, '1', `http://${PORTAL}/explore/`);
    expect(state.tabs['1']).toEqual({ topHost: PORTAL, page: '/explore/', frameHosts: [], responses: [] });
    expect(cookieStored(state, disqus(), 2, nothingInFlight, normalStore)).toEqual([]);
    tabClosed(state, '1');
    expect(state.tabs['1']).toBeUndefined();
    pageLoading(state, '2', 'about:blank');
    expect(state.tabs['2']).toBeUndefined();
    frameLoading(state, '9', 'https://disqus.com/');
    expect(state.tabs['9']).toBeUndefined();
  });

  it('keeps a page’s path without its parameters: a servlet session id is a cookie’s value', () => {
    const state = twoTabs();
    pageLoading(state, '1', `https://${PORTAL}/explore;jsessionid=9F1C2A7B3D4E5F60/dataset;v=2/demo/?q=1;x`);
    expect(state.tabs['1']!.page).toBe('/explore/dataset/demo/');
    frameLoading(state, '1', 'https://disqus.com/embed/');
    const [found] = cookieStored(state, disqus(), 1, nothingInFlight, normalStore);
    expect(found?.page).toBe('/explore/dataset/demo/');
    expect(JSON.stringify(state)).not.toContain('9F1C2A7B3D4E5F60');
  });

  it('lets evidence and waiting cookies go once the clock is over 10 s away from them, set back as well as forward', () => {
    const HOUR = 3_600_000;
    const T = 1_780_000_000_000;
    // The portal's frame got a Set-Cookie the browser did not store; 30 min later, the clock set back an hour
    // meanwhile (NTP, a machine resumed), the news site's Disqus frame sets the cookie.
    const state = twoTabs();
    frameLoading(state, '2', 'https://disqus.com/embed/comments/');
    responseReceived(state, '1', 'disqus.com', ['disqus_unique'], T, normalStore);
    const later = T - HOUR + 30 * 60_000;
    responseReceived(state, '2', 'disqus.com', ['disqus_unique'], later, normalStore);
    expect(cookieStored(state, disqus(), later, nothingInFlight, normalStore).map((a) => a.host)).toEqual([OTHER]);
    // A cookie waiting since before the clock was set back is stale too, for a response and when requests settle.
    const waiting = twoTabs();
    cookieStored(waiting, disqus(), T, inFlight({ '1': ['disqus.com'] }), normalStore);
    expect(responseReceived(waiting, '1', 'disqus.com', ['disqus_unique'], T - HOUR, normalStore)).toEqual([]);
    cookieStored(waiting, disqus(), T, inFlight({ '1': ['disqus.com'] }), normalStore);
    expect(requestsSettled(waiting, T - HOUR, nothingInFlight, normalStore)).toEqual([]);
    expect(waiting.pending).toEqual([]);
    // Within 10 s either way, they still count.
    const near = twoTabs();
    responseReceived(near, '1', 'disqus.com', ['disqus_unique'], T, normalStore);
    expect(cookieStored(near, disqus(), T - EVIDENCE_TTL_MS, nothingInFlight, normalStore).map((a) => a.host)).toEqual([PORTAL]);
  });

  it('lets stale evidence and waiting cookies go, and keeps its lists bounded', () => {
    const state = twoTabs();
    responseReceived(state, '1', 'disqus.com', ['disqus_unique'], 0, normalStore);
    expect(cookieStored(state, disqus(), EVIDENCE_TTL_MS + 1, inFlight({ '1': ['disqus.com'] }), normalStore)).toEqual([]);
    expect(requestsSettled(state, 3 * EVIDENCE_TTL_MS, inFlight({ '1': ['disqus.com'] }), normalStore)).toEqual([]);
    expect(state.pending).toEqual([]);

    for (let i = 0; i < MAX_FRAMES + 10; i++) frameLoading(state, '1', `https://f${i}.example.net/`);
    expect(state.tabs['1']!.frameHosts).toHaveLength(MAX_FRAMES);
    for (let i = 0; i < MAX_PENDING + 10; i++)
      cookieStored(state, disqus({ name: `c${i}` }), 10, inFlight({ '1': ['disqus.com'] }), normalStore);
    expect(state.pending).toHaveLength(MAX_PENDING);
    expect(state.pending[0]!.cookie.name).toBe('c10');
  });

  it('keeps no value', () => {
    expect(withoutValue(disqus())).not.toHaveProperty('value');
    expect(JSON.stringify(withoutValue(disqus()))).not.toContain('SECRET');
    // Nor a path parameter's (a default path under /app;jsessionid=…/): waiting cookies are stored.
    expect(withoutValue(disqus({ path: '/app;jsessionid=SECRET42/cart' })).path).toBe('/app;…/cart');
  });
});

describe('third-party attribution, events out of order', () => {
  it('waits for a response no request announced yet (Firefox can report the cookie before the request)', () => {
    const state = emptyAttributionState();
    pageLoading(state, '1', `http://${PORTAL}/explore/dataset/demo/map/`);
    expect(cookieStored(state, disqus(), 5, nothingInFlight, normalStore)).toEqual([]);
    expect(state.pending).toHaveLength(1);
    // Settled requests decide nothing while no frame and no response explain it.
    expect(requestsSettled(state, 6, nothingInFlight, normalStore)).toEqual([]);
    frameLoading(state, '1', 'https://disqus.com/embed/comments/');
    expect(responseReceived(state, '1', 'disqus.com', ['disqus_unique'], 7, normalStore)).toMatchObject([
      { host: PORTAL, via: 'response', at: 5 },
    ]);
    expect(state.pending).toEqual([]);
  });

  it('decides a cookie written before its frame was announced once the frame’s request is over', () => {
    const state = emptyAttributionState();
    pageLoading(state, '1', `http://${PORTAL}/`);
    expect(cookieStored(state, browserCookie({ name: 'testCookie', domain: 'disqus.com' }), 5, nothingInFlight, normalStore)).toEqual([]);
    frameLoading(state, '1', 'https://disqus.com/embed/comments/');
    expect(requestsSettled(state, 6, inFlight({ '1': ['disqus.com'] }), normalStore)).toEqual([]);
    expect(requestsSettled(state, 7, nothingInFlight, normalStore)).toMatchObject([{ host: PORTAL, via: 'frame', at: 5 }]);
  });
});

describe('third-party attribution, cookie stores', () => {
  /** YouTube's YSC, set in cookie store `storeId` (partitioned under `site`, as Firefox does). */
  const ysc = (storeId: string, site?: string) =>
    browserCookie({
      name: 'YSC',
      domain: '.youtube.com',
      hostOnly: false,
      sameSite: 'no_restriction',
      storeId,
      ...(site ? { partitionKey: { topLevelSite: site } } : {}),
    });

  /** Tabs `1` and `2` show `first` and `second` and embed YouTube; both received its YSC. */
  function youTubeInTwoTabs(first: string, second: string, stores: StoreOf): AttributionState {
    const state = emptyAttributionState();
    pageLoading(state, '1', first);
    frameLoading(state, '1', 'https://www.youtube.com/embed/x');
    pageLoading(state, '2', second);
    frameLoading(state, '2', 'https://www.youtube.com/embed/y');
    responseReceived(state, '1', 'www.youtube.com', ['YSC'], 1000, stores);
    responseReceived(state, '2', 'www.youtube.com', ['YSC'], 1001, stores);
    return state;
  }

  it('ties a cookie only to tabs of its store: a normal and a private window (Chrome’s "0" and "1")', () => {
    const stores: StoreOf = (tabId) => ({ '1': '0', '2': '1' })[tabId] ?? null;
    const state = youTubeInTwoTabs('https://data.tco.re/pages/home/', 'https://itie.opendatasoft.com/pages/videos/', stores);
    expect(cookieStored(state, ysc('0'), 1002, nothingInFlight, stores)).toMatchObject([
      { host: 'data.tco.re', page: '/pages/home/', via: 'response' },
    ]);
    expect(cookieStored(state, ysc('1'), 1003, nothingInFlight, stores)).toMatchObject([
      { host: 'itie.opendatasoft.com', page: '/pages/videos/', via: 'response' },
    ]);
  });

  it('tells the same portal’s tabs apart by their store: a normal tab and a Firefox container’s', () => {
    const stores: StoreOf = (tabId) => ({ '1': 'firefox-default', '2': 'firefox-container-1' })[tabId] ?? null;
    const state = youTubeInTwoTabs('https://data.tco.re/explore/', 'https://data.tco.re/pages/videos/', stores);
    expect(cookieStored(state, ysc('firefox-default', 'https://tco.re'), 1002, nothingInFlight, stores)).toMatchObject([
      { host: 'data.tco.re', page: '/explore/', via: 'response' },
    ]);
    expect(cookieStored(state, ysc('firefox-container-1', 'https://tco.re'), 1003, nothingInFlight, stores)).toMatchObject([
      { host: 'data.tco.re', page: '/pages/videos/', via: 'response' },
    ]);
  });

  it('never decides by another store’s frames or responses, nor by a tab of no known store', () => {
    const state = emptyAttributionState();
    pageLoading(state, '1', 'https://data.tco.re/');
    frameLoading(state, '1', 'https://www.youtube.com/embed/x');
    pageLoading(state, '3', 'https://itie.opendatasoft.com/');
    frameLoading(state, '3', 'https://www.youtube.com/embed/z');
    // Tab 1 is a normal window's; tab 3 one the open tabs do not know.
    const stores: StoreOf = (tabId) => (tabId === '1' ? '0' : null);
    // A private window's cookie: no tab of its store shows a frame, so it waits.
    expect(cookieStored(state, ysc('1'), 10, nothingInFlight, stores)).toEqual([]);
    expect(responseReceived(state, '1', 'www.youtube.com', ['YSC'], 11, stores)).toEqual([]);
    expect(requestsSettled(state, 12, nothingInFlight, stores)).toEqual([]);
    expect(state.pending).toHaveLength(1);
    // The normal window's: tab 1's frame decides, tab 3's does not count.
    expect(
      cookieStored(
        state,
        browserCookie({ name: 'VISITOR_INFO1_LIVE', domain: '.youtube.com', hostOnly: false }),
        13,
        nothingInFlight,
        stores,
      ),
    ).toMatchObject([{ host: 'data.tco.re', via: 'frame' }]);
  });
});

describe('third-party attribution, the sites a cookie was filed under', () => {
  it('remembers them until the cookie is removed, each site once, a bounded number of cookies', () => {
    const state = twoTabs();
    const attribution = { host: PORTAL, page: '/', via: 'frame' as const, cookie: withoutValue(disqus()), at: 1 };
    noteFiled(state, [attribution, attribution, { ...attribution, host: 'data.tco.re' }]);
    expect(removedFromSites(state, disqus())).toEqual([PORTAL, 'data.tco.re']);
    expect(removedFromSites(state, disqus())).toEqual([]);
    for (let i = 0; i < MAX_FILED + 5; i++) noteFiled(state, [{ ...attribution, cookie: withoutValue(disqus({ name: `c${i}` })) }]);
    expect(Object.keys(state.filed!)).toHaveLength(MAX_FILED);
    expect(removedFromSites(state, disqus({ name: 'c0' }))).toEqual([]);
    expect(removedFromSites(state, disqus({ name: `c${MAX_FILED + 4}` }))).toEqual([PORTAL]);
  });
});

describe('third-party attribution, a private session that ended', () => {
  it('forgets that store’s cookies waiting for a response and what was filed of them, another store’s kept', () => {
    const state = emptyAttributionState();
    const inPrivate = withoutValue(disqus({ storeId: '1' }));
    const inNormal = withoutValue(disqus({ storeId: '0' }));
    state.pending.push({ cookie: inPrivate, at: 1 }, { cookie: inNormal, at: 1 });
    const filed = { host: PORTAL, page: '/', via: 'frame' as const, at: 1 };
    noteFiled(state, [
      { ...filed, cookie: inPrivate },
      { ...filed, cookie: inNormal },
    ]);
    state.filed!['not a cookie identity'] = [PORTAL];

    expect(storesEnded(state, new Set(['1']))).toBe(true);
    expect(state.pending).toEqual([{ cookie: inNormal, at: 1 }]);
    expect(removedFromSites(state, disqus({ storeId: '1' }))).toEqual([]);
    expect(removedFromSites(state, disqus({ storeId: '0' }))).toEqual([PORTAL]);
    expect(state.filed).toEqual({ 'not a cookie identity': [PORTAL] });
    expect(storesEnded(state, new Set(['1']))).toBe(false);
  });
});

describe('trimmedToSize', () => {
  /** A state of `filed` filed cookies, `pending` waiting ones and a tab with `responses` unused names, each name `nameLength` long. */
  function heavy(filed: number, pending: number, responses: number, nameLength: number): AttributionState {
    const state = twoTabs();
    const name = (kind: string, i: number) => `${kind}${i}_`.padEnd(nameLength, 'x');
    state.filed = Object.fromEntries(Array.from({ length: filed }, (_, i) => [`${name('filed', i)}|.disqus.com|/`, [PORTAL]]));
    state.pending = Array.from({ length: pending }, (_, i) => ({ cookie: withoutValue(disqus({ name: name('pending', i) })), at: i }));
    state.tabs['1']!.responses = Array.from({ length: responses }, (_, i) => ({ host: 'disqus.com', name: name('response', i), at: i }));
    return state;
  }

  it('leaves a state within the limit as it is, its JSON unchanged', () => {
    const state = heavy(3, 2, 2, 20);
    const text = JSON.stringify(state);
    expect(trimmedToSize(state, text, text.length)).toBe(text);
    expect(JSON.stringify(state)).toBe(text);
  });

  it('drops the oldest filed cookies first, to nine tenths of the limit, and returns the JSON of what is left', () => {
    const state = heavy(MAX_FILED, 2, 2, 4096);
    const text = JSON.stringify(state);
    // 2,000 filed cookies of 4 KB names: 8 MB, against a limit of 1 MB.
    expect(text.length).toBeGreaterThan(8_000_000);
    const trimmed = trimmedToSize(state, text);
    expect(trimmed).toBe(JSON.stringify(state));
    expect(trimmed.length).toBeLessThanOrEqual(1_000_000);
    expect(trimmed.length).toBeGreaterThan(850_000);
    const kept = Object.keys(state.filed!);
    // The newest kept, in their order; what waits for a response and each tab's evidence untouched.
    expect(kept.at(-1)).toMatch(new RegExp(`^filed${MAX_FILED - 1}_`));
    expect(kept.map((key) => Number(/^filed(\d+)_/.exec(key)![1]))).toEqual(
      Array.from({ length: kept.length }, (_, i) => MAX_FILED - kept.length + i),
    );
    expect(state.pending).toHaveLength(2);
    expect(state.tabs['1']!.responses).toHaveLength(2);
  });

  it('then the oldest cookies waiting for a response, then each tab’s oldest evidence and frames', () => {
    const state = heavy(0, MAX_PENDING, MAX_PENDING, 4096);
    const limit = 200_000;
    const trimmed = trimmedToSize(state, JSON.stringify(state), limit);
    expect(trimmed.length).toBeLessThanOrEqual(limit);
    expect(state.pending).toEqual([]);
    // The responses left are the newest.
    expect(state.tabs['1']!.responses.length).toBeGreaterThan(0);
    expect(state.tabs['1']!.responses.at(-1)!.name).toMatch(new RegExp(`^response${MAX_PENDING - 1}_`));
    expect(state.tabs['1']!.frameHosts).toEqual(['disqus.com']);
    // A limit nothing but empty tabs fits: every list emptied, the tabs' pages kept.
    const tiny = trimmedToSize(state, JSON.stringify(state), 10);
    expect(state.tabs['1']).toMatchObject({ topHost: PORTAL, responses: [], frameHosts: [] });
    expect(tiny).toBe(JSON.stringify(state));
  });
});
