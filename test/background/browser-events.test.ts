import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { createBrowserEvents, type BrowserEventDeps } from '../../src/background/browser-events.ts';
import type { TabSite } from '../../src/platform/tabs.ts';
import { browserCookie } from '../support/cookies.ts';
import { emptySite, presentCookies } from '../../src/core/cookies/site-record.ts';
import { createOpenTabs } from '../../src/background/open-tabs.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createEmbeddedContent } from '../../src/background/embedded-content.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { isPortalHost } from '../../src/core/portals.ts';
import { fakeSession } from '../support/fake-session.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(overrides: Partial<BrowserEventDeps> = {}) {
  const log: string[] = [];
  let open!: () => void;
  const ready = new Promise<void>((resolve) => (open = resolve));
  let order = 0;
  let clock = 100;
  /** The store of each tab, as the open tabs resolve it (Chrome's normal windows name none: '0'). */
  const stores = new Map<number, string>();
  const events = createBrowserEvents({
    ready,
    recorder: {
      heard: () => ++order,
      cookieChanged: async (cookie, removed, cause, at, eventOrder) => {
        log.push(`cookie ${cookie.name} ${removed} ${cause} at=${at} order=${eventOrder}`);
        return cookie.name === 'filed' ? [emptySite('data.tco.re', '0'), emptySite('tco.re', '0')] : [];
      },
      pageLoaded: async (loaded) => {
        const page = typeof loaded === 'function' ? loaded() : loaded;
        if (page) log.push(`page ${page.host} ${page.path} ${page.storeId}`);
      },
      inOrder: async (apply) => void (log.push('in order:'), apply()),
      openTabsChanged: async () => [],
      responseOnPage: async (tab, url, names) => {
        const page = typeof tab === 'function' ? tab() : tab;
        log.push(`response ${url} ${names.join(',')} on ${page ? page.host : null}`);
      },
    },
    openTabs: {
      update: (tab) => void (log.push(`tab ${tab.tabId}`), stores.set(tab.tabId, tab.storeId ?? '0')),
      remove: (tabId) => void log.push(`closed ${tabId}`),
      navigating: (tabId, url) => void log.push(`navigating ${tabId} ${url}`),
      tabHeard: () => undefined,
      requestHeard: () => undefined,
      pageOfTab: (tabId) => (stores.has(tabId) ? { host: 'not read', path: 'not read', storeId: stores.get(tabId)! } : null),
    },
    trackedHosts: { isTracked: (host) => host === 'data.tco.re', refresh: async () => void log.push('granted read') },
    scanCookies: async () => void log.push('scan'),
    refreshLiveCharter: async (host) => void log.push(`charter ${host}`),
    badges: {
      refresh: async (tab) => void log.push(`badge ${tab.tabId}`),
      schedule: () => void log.push('badges'),
      tabClosed: () => undefined,
    },
    now: () => clock++,
    preciseNow: () => 5000.25,
    ...overrides,
  });
  return { events, log, open };
}

const portalTab: TabSite = { tabId: 1, url: 'https://data.tco.re/', storeId: undefined };

describe('browser events', () => {
  it('take a cookie event’s time and order when it is heard, and record it once the worker is ready', async () => {
    const { events, log, open } = setup();
    events.cookieChanged({ cookie: browserCookie({ name: 'a' }), removed: false, cause: 'explicit' });
    events.cookieChanged({ cookie: browserCookie({ name: 'b' }), removed: true, cause: 'expired' });
    await settle();
    expect(log).toEqual([]);
    open();
    await settle();
    // Handed to the recorder in the order heard (it applies them in that order), the badges once each is applied.
    expect(log).toEqual(['cookie a false explicit at=100 order=1', 'cookie b true expired at=101 order=2', 'badges', 'badges']);
  });

  it('tell the open pages of each event recorded, with when the change was heard', async () => {
    const pushed: string[] = [];
    const { events, log, open } = setup({ live: { eventRecorded: (site, heardAt) => void pushed.push(`${site.host} ${heardAt}`) } });
    open();
    events.cookieChanged({ cookie: browserCookie({ name: 'filed' }), removed: false, cause: 'explicit' });
    events.cookieChanged({ cookie: browserCookie({ name: 'elsewhere' }), removed: false, cause: 'explicit' });
    await settle();
    expect(pushed).toEqual(['data.tco.re 5000.25', 'tco.re 5000.25']);
    expect(log).toContain('cookie elsewhere false explicit at=101 order=2');
  });

  it('forget what DevTools heard in a tab once it is closed', async () => {
    const forgotten: number[] = [];
    const { events, log, open } = setup({ forgetTab: async (tabId) => void forgotten.push(tabId) });
    events.tabRemoved(7);
    open();
    await settle();
    expect(log).toEqual(['closed 7']);
    expect(forgotten).toEqual([7]);
  });

  it('keep the open tabs current once ready', async () => {
    const { events, log, open } = setup();
    events.tabUpdated(portalTab);
    events.tabRemoved(7);
    open();
    await settle();
    expect(log).toEqual(['tab 1', 'page data.tco.re / 0', 'closed 7']);
  });

  it('apply a tab change heard while a cookie event waits in the recorder’s queue, after it; with none waiting, at once', async () => {
    const { events, log, open } = setup();
    events.cookieChanged({ cookie: browserCookie({ name: 'a' }), removed: false, cause: 'explicit' });
    events.tabUpdated(portalTab);
    events.tabRemoved(7);
    open();
    await settle();
    // (This fake applies each at once: the recorder's queue keeps them in that order.)
    expect(log).toEqual([
      'cookie a false explicit at=100 order=1',
      'in order:',
      'tab 1',
      'page data.tco.re / 0',
      'in order:',
      'closed 7',
      'badges',
    ]);
    // Nothing waits any more: a tab change is applied as soon as it is heard.
    log.length = 0;
    events.tabUpdated({ ...portalTab, tabId: 2 });
    await settle();
    expect(log).toEqual(['tab 2', 'page data.tco.re / 0']);
  });

  it('apply the start of a tab’s main-frame request (webRequest) as its other changes: after a cookie event waiting, else at once', async () => {
    const { events, log, open } = setup();
    events.cookieChanged({ cookie: browserCookie({ name: 'a' }), removed: false, cause: 'explicit' });
    events.tabNavigating(1, 'https://data.tco.re/');
    events.tabResponded(1, 'https://data.tco.re/', ['sessionid']);
    open();
    await settle();
    expect(log).toEqual([
      'cookie a false explicit at=100 order=1',
      'in order:',
      'navigating 1 https://data.tco.re/',
      'response https://data.tco.re/ sessionid on null',
      'badges',
    ]);
    log.length = 0;
    events.tabNavigating(2, 'https://data.tco.re/');
    events.tabResponded(2, 'https://data.tco.re/', ['sessionid']);
    await settle();
    expect(log).toEqual(['navigating 2 https://data.tco.re/', 'response https://data.tco.re/ sessionid on null']);
  });

  it('note the page a tab’s address shows, as a path without query or path parameters, in its cookie store; no page off the web', async () => {
    const errors: unknown[] = [];
    const { events, log, open } = setup({ onError: (error) => void errors.push(error) });
    open();
    events.tabUpdated({
      tabId: 3,
      url: 'https://Data.TCO.re/login;jsessionid=SECRET/next?token=SECRET#top',
      storeId: 'firefox-container-1',
    });
    events.tabUpdated({ tabId: 4, url: 'about:blank', storeId: undefined });
    await settle();
    expect(log).toEqual(['tab 3', 'page data.tco.re /login/next firefox-container-1', 'tab 4']);
    expect(errors).toEqual([]);
  });

  it('hear a page that could not be noted (its record not read), never leave it unhandled', async () => {
    const errors: unknown[] = [];
    const { events, open } = setup({
      onError: (error) => void errors.push(error),
      recorder: {
        heard: () => 1,
        cookieChanged: async () => [],
        pageLoaded: () => Promise.reject(new Error('record not read')),
        inOrder: async (apply) => apply(),
        responseOnPage: async () => undefined,
        openTabsChanged: async () => [],
      },
    });
    open();
    events.tabUpdated(portalTab);
    await settle();
    expect(errors).toEqual([new Error('record not read')]);
  });

  it('on a recorded site’s page: scan its cookies, read its live charter, then show its badge', async () => {
    const { events, log, open } = setup();
    open();
    events.tabShown(portalTab);
    await settle();
    expect(log).toEqual(['scan', 'charter data.tco.re', 'badge 1', 'badges']);
  });

  it('hear a badge that could not be written, never leave it unhandled; a closed tab’s refresh is the scheduler’s to drop', async () => {
    const errors: unknown[] = [];
    const { events, log, open } = setup({
      onError: (error) => void errors.push(error),
      badges: {
        refresh: () => Promise.reject(new Error('badge not written')),
        schedule: () => undefined,
        tabClosed: (tabId) => void log.push(`badge dropped ${tabId}`),
      },
    });
    open();
    events.tabShown(portalTab);
    await settle();
    expect(errors).toEqual([new Error('badge not written')]);
    events.tabRemoved(1);
    expect(log).toContain('badge dropped 1');
  });

  it('on any other page: only its badge (cleared)', async () => {
    const { events, log, open } = setup();
    open();
    events.tabShown({ tabId: 2, url: 'https://example.org/', storeId: undefined });
    await settle();
    expect(log).toEqual(['badge 2']);
  });

  it('on a recorded site’s page whose cookies cannot be read: still read its live charter and show its badge', async () => {
    const errors: string[] = [];
    const failing = async () => {
      throw new Error("First-Party Isolation is enabled, but the required 'firstPartyDomain' attribute was not set.");
    };
    const { events, log, open } = setup({ scanCookies: failing, onError: (error) => void errors.push((error as Error).message) });
    open();
    events.tabShown(portalTab);
    await settle();
    expect(log).toEqual(['charter data.tco.re', 'badge 1', 'badges']);
    expect(errors).toEqual(["First-Party Isolation is enabled, but the required 'firstPartyDomain' attribute was not set."]);
  });

  it('hear a scan that failed after a grant, never leave it unhandled', async () => {
    const errors: unknown[] = [];
    const { events, log, open } = setup({
      scanCookies: () => Promise.reject(new Error('no cookies')),
      onError: (error) => void errors.push(error),
    });
    open();
    events.hostAccessChanged();
    await settle();
    expect(log).toEqual(['granted read', 'badges']);
    expect(errors).toEqual([new Error('no cookies')]);
  });

  it('read the granted hosts again when permissions change, then scan, then refresh every badge (a site granted or no longer seen)', async () => {
    const { events, log, open } = setup();
    open();
    events.hostAccessChanged();
    await settle();
    expect(log).toEqual(['granted read', 'scan', 'badges']);
  });

  it('show the badge of a tab’s latest page only: a scan that ends after the tab moved on does not write the old site’s', async () => {
    let endScan!: () => void;
    let scans = 0;
    const { events, log, open } = setup({
      scanCookies: () => (++scans === 1 ? new Promise<void>((resolve) => (endScan = resolve)) : Promise.resolve()),
    });
    open();
    events.tabShown(portalTab);
    await settle();
    events.tabShown({ tabId: 1, url: 'https://example.com/', storeId: undefined });
    await settle();
    endScan();
    await settle();
    expect(log.filter((line) => line.startsWith('badge '))).toEqual(['badge 1']);
    expect(log.indexOf('badge 1')).toBeLessThan(log.indexOf('charter data.tco.re'));
  });

  it('pass cookie changes and closed tabs on to embedded content’s attribution, which keeps its own order', async () => {
    const forwarded: string[] = [];
    const { events, open } = setup({
      embeddedContent: {
        cookieChanged: (cookie, removed, cause, at, order) =>
          void forwarded.push(`cookie ${cookie.name} ${removed} ${cause} at=${at} order=${order}`),
        tabRemoved: (tabId) => void forwarded.push(`closed ${tabId}`),
      },
    });
    events.cookieChanged({ cookie: browserCookie({ name: 'disqus_unique' }), removed: false, cause: 'explicit' });
    events.tabRemoved(7);
    // With the event's place in the order heard: a choice heard after it does not judge it (recorder.ts).
    expect(forwarded).toEqual(['cookie disqus_unique false explicit at=100 order=1', 'closed 7']);
    open();
  });

  it('share their clock with every live push of the worker: the pages compare it with theirs', () => {
    // The entry is wiring (no unit test of its own): its pushes of embedded content's events are read from its source.
    const path = 'src/background/index.ts';
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const clocks: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText(source) === 'live.eventRecorded')
        clocks.push(node.arguments[1]!.getText(source));
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(clocks.length).toBeGreaterThan(0);
    expect(new Set(clocks)).toEqual(new Set(['preciseNow()']));
  });

  it('hear the start of a tab’s main-frame request and its responses from embedded content, in the order of the tabs’ other changes', () => {
    // The entry is wiring: what it hands embedded content is read from its source.
    const path = 'src/background/index.ts';
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const wired = new Map<string, string>();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText(source) === 'createEmbeddedContent') {
        for (const property of (node.arguments[0] as ts.ObjectLiteralExpression).properties)
          if (ts.isPropertyAssignment(property)) wired.set(property.name.getText(source), property.initializer.getText(source));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(wired.get('navigating')).toBe('(tabId, url, storeId) => events.tabNavigating(tabId, url, storeId)');
    expect(wired.get('responded')).toBe('(tabId, url, names) => events.tabResponded(tabId, url, names)');
  });
});

describe('browser events and the recorder: a cookie is filed under the sites open when it was heard', () => {
  const A = 'https://a.opendatasoft.com/explore/';
  const B = 'https://b.opendatasoft.com/explore/';
  const ga = browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false });

  /** A worker over `session`, tab 1 showing portal A as its wake read the tabs; ready when `wake` is called. */
  function worker(session = fakeSession()) {
    const store = createSiteStore(session, 0);
    const openTabs = createOpenTabs();
    const isTracked = (host: string) => isPortalHost(host, new Set());
    const recorder = createRecorder(
      store,
      isTracked,
      (host, storeId) => openTabs.has(host, storeId),
      (storeId) => openTabs.hosts(storeId),
      (host, storeId) => openTabs.pageOf(host, storeId),
    );
    let wake!: () => void;
    const ready = new Promise<void>((resolve) => (wake = resolve)).then(() => store.load());
    openTabs.replaceAll([{ tabId: 1, url: A, storeId: undefined }], '0');
    // webRequest granted: wired as the worker's entry wires it (index.ts).
    const embeddedContent = createEmbeddedContent({
      ready,
      area: session,
      record: (attribution) => void recorder.thirdPartySet(attribution),
      removed: (cookie, sites, at, cause) => void recorder.thirdPartyRemoved(cookie, sites, at, cause),
      navigating: (tabId, url, storeId) => events.tabNavigating(tabId, url, storeId),
      storeOfTab: (tabId) => openTabs.storeOfTab(tabId),
      responded: (tabId, url, names) => events.tabResponded(tabId, url, names),
      onRecorded: () => undefined,
    });
    const events = createBrowserEvents({
      ready,
      recorder,
      openTabs,
      trackedHosts: { isTracked, refresh: async () => undefined },
      scanCookies: async () => undefined,
      refreshLiveCharter: async () => undefined,
      badges: { refresh: async () => undefined, schedule: () => undefined, tabClosed: () => undefined },
      embeddedContent,
    });
    const names = async (url: string) => presentCookies(await recorder.site(new URL(url).hostname, '0')).map((c) => c.name);
    const cookie = async (url: string, name: string) =>
      presentCookies(await recorder.site(new URL(url).hostname, '0')).find((c) => c.name === name);
    /** Tab 1's top frame starts loading `url`, as webRequest reports it when granted. */
    const navigate = (url: string) => embeddedContent.requests.started({ requestId: url, tabId: 1, kind: 'main_frame', url });
    /** A response of `url` with Set-Cookie headers `names` arrives in tab 1. */
    const respond = (url: string, names: string[]) => embeddedContent.requests.responded({ requestId: url, tabId: 1, url, names });
    return { events, wake, ready, store, names, cookie, openTabs, navigate, respond, embeddedContent };
  }

  /**
   * A woken worker over a session that keeps portal A's record (a worker since stopped wrote it),
   * whose first read of it is held until `release`: a cookie event on A then waits for its record.
   */
  async function wokenWithRecordReadHeld() {
    const session = fakeSession();
    const before = worker(session);
    before.wake();
    await before.ready;
    before.events.cookieChanged({
      cookie: browserCookie({ name: 'sessionid', domain: 'a.opendatasoft.com' }),
      removed: false,
      cause: 'explicit',
    });
    await settle();
    await before.store.flush();
    const woken = worker(session);
    woken.wake();
    await woken.ready;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = session.read.bind(session);
    session.read = async (keys) => {
      await held;
      return read(keys);
    };
    return { ...woken, release };
  }

  /**
   * A new tab 2 loads portal B, whose response sets `sessionid`, then a Disqus frame whose response
   * sets `disqus_unique`. Its store is heard from its creation (Chrome's request names none), or
   * from its request (Firefox's names it).
   */
  function newTabWithDisqus({ events, embeddedContent }: ReturnType<typeof worker>, storeHeard: 'created' | 'request' = 'created') {
    const { requests } = embeddedContent;
    if (storeHeard === 'created') events.tabUpdated({ tabId: 2, url: 'about:blank', storeId: undefined });
    requests.started({ requestId: 'b', tabId: 2, kind: 'main_frame', url: B, ...(storeHeard === 'request' ? { storeId: '0' } : {}) });
    requests.responded({ requestId: 'b', tabId: 2, url: B, names: ['sessionid'] });
    events.cookieChanged({ cookie: browserCookie({ name: 'sessionid', domain: 'b.opendatasoft.com' }), removed: false, cause: 'explicit' });
    requests.ended({ requestId: 'b', tabId: 2 });
    const frame = 'https://disqus.com/embed/comments/';
    requests.started({ requestId: 'd', tabId: 2, kind: 'sub_frame', url: frame });
    requests.responded({ requestId: 'd', tabId: 2, url: frame, names: ['disqus_unique'] });
    events.cookieChanged({
      cookie: browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false }),
      removed: false,
      cause: 'explicit',
    });
    requests.ended({ requestId: 'd', tabId: 2 });
  }

  it.each([
    ['nothing waiting', false],
    ['a cookie event waiting for the wake', true],
  ])(
    'webRequest granted, %s: a new tab’s embedded content is filed under the page it loads (its store known before its page is applied)',
    async (_, eventWaiting) => {
      const w = worker();
      if (!eventWaiting) {
        w.wake();
        await w.ready;
      } else w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
      newTabWithDisqus(w);
      w.wake();
      for (let i = 0; i < 5; i++) await settle();
      await w.embeddedContent.flush();
      await settle();
      expect(await w.names(B)).toEqual(expect.arrayContaining(['sessionid', 'disqus_unique']));
      expect(await w.names(B)).not.toContain('_ga');
    },
  );

  it('webRequest granted, a cookie event waiting: a new private tab’s frames are its store’s, not the default one’s', async () => {
    const w = worker();
    const { requests } = w.embeddedContent;
    requests.started({ requestId: 'a', tabId: 1, kind: 'main_frame', url: A });
    requests.ended({ requestId: 'a', tabId: 1 });
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    // Private tab 2 opens portal B; both tabs load a Disqus frame; Disqus sets a cookie in the default store.
    w.events.tabUpdated({ tabId: 2, url: B, storeId: '1' });
    requests.started({ requestId: 'b', tabId: 2, kind: 'main_frame', url: B });
    requests.ended({ requestId: 'b', tabId: 2 });
    const frame = 'https://disqus.com/embed/comments/';
    requests.started({ requestId: 'd2', tabId: 2, kind: 'sub_frame', url: frame });
    requests.started({ requestId: 'd1', tabId: 1, kind: 'sub_frame', url: frame });
    w.events.cookieChanged({
      cookie: browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false, storeId: '0' }),
      removed: false,
      cause: 'explicit',
    });
    requests.ended({ requestId: 'd1', tabId: 1 });
    requests.ended({ requestId: 'd2', tabId: 2 });
    w.wake();
    for (let i = 0; i < 5; i++) await settle();
    await w.embeddedContent.flush();
    await settle();
    // Tab 1, the only default-store tab with the frame, set it.
    expect(await w.names(A)).toContain('disqus_unique');
    expect(await w.names(B)).toEqual([]);
  });

  // Chrome's request names no store: an incognito tab heard first so counts in the normal store
  // until its creation or update (README, Limits); one whose creation came first keeps its store.
  it.each([
    ['Firefox: the request names the private store', 'firefox-private', false],
    ['Chrome: its creation heard first, the request naming no store', undefined, true],
  ])(
    'webRequest granted, %s: a private tab’s top-frame request heard before its first update files no normal-window cookie under its portal',
    async (_, storeId, createdFirst) => {
      const w = worker();
      w.wake();
      await w.ready;
      if (createdFirst) {
        w.events.tabUpdated({ tabId: 2, url: '', storeId: '1' });
        await settle();
      }
      // Private tab 2 starts loading portal B; its update naming its page is not heard yet.
      w.embeddedContent.requests.started({ requestId: 'b', tabId: 2, kind: 'main_frame', url: B, ...(storeId ? { storeId } : {}) });
      await settle();
      // The normal window's tab (portal A) sets its _ga on the parent domain.
      w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
      for (let i = 0; i < 5; i++) await settle();
      expect(await w.names(A)).toContain('_ga');
      // No record of B, a portal visited only in private, in the normal windows' store.
      expect(await w.names(B)).toEqual([]);
      expect(w.store.keys()).not.toContain('site:0|b.opendatasoft.com');
    },
  );

  it('webRequest granted, Chrome: a normal tab’s top-frame request heard before its creation counts it in the default store (another portal’s _ga is not filed as A’s own)', async () => {
    const w = worker();
    w.wake();
    await w.ready;
    // Normal tab 2 starts loading portal B; Chrome's request names no store, its creation is not heard yet.
    w.embeddedContent.requests.started({ requestId: 'b', tabId: 2, kind: 'main_frame', url: B });
    await settle();
    // B writes _ga on the parent domain: A (tab 1) and B are both open under it.
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    for (let i = 0; i < 5; i++) await settle();
    w.events.tabUpdated({ tabId: 2, url: B, storeId: undefined });
    for (let i = 0; i < 5; i++) await settle();
    // Either may have set it: of unknown origin under both, no finding under A.
    expect((await w.cookie(A, '_ga'))?.originUnknown).toBeDefined();
    expect((await w.cookie(B, '_ga'))?.originUnknown).toBeDefined();
  });

  it('webRequest granted, Chrome: a prerendered page swapped in (no creation heard for its tab) keeps what it set before the swap', async () => {
    const w = worker();
    w.wake();
    await w.ready;
    // Tab 1 shows a search page; Chrome prerenders portal B under tab 9, whose creation is never told.
    w.events.tabUpdated({ tabId: 1, url: 'https://www.google.com/search?q=b', storeId: undefined });
    const { requests } = w.embeddedContent;
    requests.started({ requestId: 'p', tabId: 9, kind: 'main_frame', url: B });
    requests.responded({ requestId: 'p', tabId: 9, url: B, names: ['sessionid'] });
    w.events.cookieChanged({
      cookie: browserCookie({ name: 'sessionid', domain: 'b.opendatasoft.com' }),
      removed: false,
      cause: 'explicit',
    });
    requests.ended({ requestId: 'p', tabId: 9 });
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    const frame = 'https://disqus.com/embed/comments/';
    requests.started({ requestId: 'd', tabId: 9, kind: 'sub_frame', url: frame });
    requests.responded({ requestId: 'd', tabId: 9, url: frame, names: ['disqus_unique'] });
    w.events.cookieChanged({
      cookie: browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false }),
      removed: false,
      cause: 'explicit',
    });
    requests.ended({ requestId: 'd', tabId: 9 });
    for (let i = 0; i < 5; i++) await settle();
    // The swap (tabs.onReplaced(9, 1)): tab 1 removed, tab 9 read and updated.
    w.events.tabRemoved(1);
    w.events.tabUpdated({ tabId: 9, url: B, storeId: undefined });
    for (let i = 0; i < 5; i++) await settle();
    await w.embeddedContent.flush();
    await settle();
    expect(await w.names(B)).toEqual(expect.arrayContaining(['sessionid', '_ga', 'disqus_unique']));
    // B alone was open under the domain: its _ga is its own, set before the visitor chose.
    expect((await w.cookie(B, '_ga'))?.originUnknown).toBeUndefined();
    expect((await w.cookie(B, '_ga'))?.setPhases).toEqual(['before-choice']);
  });

  it('webRequest granted: a new tab’s embedded content is filed under its page while a cookie event waits for its record', async () => {
    // A's record is read on its first event: held until the new tab's requests are heard.
    const w = await wokenWithRecordReadHeld();
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    await settle();
    newTabWithDisqus(w, 'request');
    await settle();
    w.release();
    for (let i = 0; i < 5; i++) await settle();
    await w.embeddedContent.flush();
    await settle();
    expect(await w.names(B)).toEqual(expect.arrayContaining(['sessionid', 'disqus_unique']));
    expect(await w.names(B)).not.toContain('_ga');
  });

  it('webRequest granted: a frame’s cookie told after the visitor chose is judged by the order heard, not the clock', async () => {
    // The worker's clock is Date.now, faked before the worker takes it.
    vi.useFakeTimers({ toFake: ['Date'] });
    const T = 1_780_000_000_000;
    vi.setSystemTime(T);
    try {
      const w = worker();
      w.wake();
      await w.ready;
      const { requests } = w.embeddedContent;
      const frame = 'https://disqus.com/embed/comments/';
      requests.started({ requestId: 'a', tabId: 1, kind: 'main_frame', url: A });
      requests.ended({ requestId: 'a', tabId: 1 });
      requests.started({ requestId: 'd', tabId: 1, kind: 'sub_frame', url: frame });
      const cookie = (name: string) => browserCookie({ name, domain: '.disqus.com', hostOnly: false });
      const choice = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: T }));
      // Firefox's order: the frame's cookie first, heard before the choice, the response that set it after.
      w.events.cookieChanged({ cookie: cookie('before'), removed: false, cause: 'explicit' });
      // The clock set back 5 s: by it, the choice came before the cookie.
      vi.setSystemTime(T - 5000);
      w.events.cookieChanged({
        cookie: browserCookie({ name: 'cookies_preferences', domain: 'a.opendatasoft.com', value: choice, httpOnly: false }),
        removed: false,
        cause: 'explicit',
      });
      requests.responded({ requestId: 'd', tabId: 1, url: frame, names: ['before'] });
      requests.ended({ requestId: 'd', tabId: 1 });
      // The clock set back an hour (NTP, a machine resumed); the frame sets another cookie, heard after the choice.
      vi.setSystemTime(T - 3_600_000);
      requests.started({ requestId: 'e', tabId: 1, kind: 'sub_frame', url: frame });
      w.events.cookieChanged({ cookie: cookie('after'), removed: false, cause: 'explicit' });
      requests.responded({ requestId: 'e', tabId: 1, url: frame, names: ['after'] });
      requests.ended({ requestId: 'e', tabId: 1 });
      for (let i = 0; i < 5; i++) await settle();
      await w.embeddedContent.flush();
      await settle();
      expect((await w.cookie(A, 'before'))?.setPhases).toEqual(['before-choice']);
      expect((await w.cookie(A, 'after'))?.setPhases).toEqual(['after-accept']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('webRequest granted: a frame’s cookie heard before the choice, its worker stopped before the response, is judged before the choice by the next one', async () => {
    // The clock is not set back here: the next worker, which cannot place the cookie among the choices the stopped one heard, goes by it.
    vi.useFakeTimers({ toFake: ['Date'] });
    const T = 1_780_000_000_000;
    vi.setSystemTime(T);
    try {
      const session = fakeSession();
      const before = worker(session);
      before.wake();
      await before.ready;
      const { requests } = before.embeddedContent;
      const frame = 'https://disqus.com/embed/comments/';
      requests.started({ requestId: 'a', tabId: 1, kind: 'main_frame', url: A });
      requests.ended({ requestId: 'a', tabId: 1 });
      requests.started({ requestId: 'd', tabId: 1, kind: 'sub_frame', url: frame });
      // Firefox's order: the frame's cookie first (it waits for its response), then the visitor accepts.
      before.events.cookieChanged({
        cookie: browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false }),
        removed: false,
        cause: 'explicit',
      });
      await settle();
      vi.setSystemTime(T + 1000);
      const choice = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: T + 1000 }));
      before.events.cookieChanged({
        cookie: browserCookie({ name: 'cookies_preferences', domain: 'a.opendatasoft.com', value: choice, httpOnly: false }),
        removed: false,
        cause: 'explicit',
      });
      for (let i = 0; i < 3; i++) await settle();
      await before.embeddedContent.flush();
      await before.store.flush();
      // The worker stops (MV3 stops idle workers); the next one hears the frame's response and ties the cookie.
      vi.setSystemTime(T + 2000);
      const woken = worker(session);
      woken.wake();
      await woken.ready;
      woken.embeddedContent.requests.responded({ requestId: 'd', tabId: 1, url: frame, names: ['disqus_unique'] });
      woken.embeddedContent.requests.ended({ requestId: 'd', tabId: 1 });
      for (let i = 0; i < 5; i++) await settle();
      await woken.embeddedContent.flush();
      await settle();
      expect((await woken.cookie(A, 'cookies_preferences'))?.setPhases).toEqual(['after-accept']);
      expect((await woken.cookie(A, 'disqus_unique'))?.setPhases).toEqual(['before-choice']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a `_ga` heard before the address of the new tab whose page wrote it (Chromium reports it as the page commits) is of unknown origin under the portal open beside it, not its own', async () => {
    // The platform's own site, no portal, as the city's main site beside its portal: its inline script writes `_ga`.
    const SITE = 'https://opendatasoft.com/fr/';
    for (const waiting of [false, true]) {
      const { wake, ready, events, cookie, openTabs } = worker();
      wake();
      await ready;
      events.tabUpdated({ tabId: 2, url: 'about:blank', storeId: undefined });
      events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
      // Heard in a later task, the cookie filed (nothing waiting) or, its record not read yet, still waiting.
      if (!waiting) await settle();
      events.tabUpdated({ tabId: 2, url: SITE, storeId: undefined });
      for (let i = 0; i < 4; i++) await settle();
      expect(openTabs.pageOfTab(2)?.host, String(waiting)).toBe('opendatasoft.com');
      expect(await cookie(A, '_ga'), String(waiting)).toMatchObject({
        setPhases: [],
        firstPage: null,
        originUnknown: { phase: 'before-choice' },
      });
    }
  });

  it('a `_ga` heard while portal A alone was open stays A’s own when the tab heard next shows no other site under its domain', async () => {
    const { wake, ready, events, cookie } = worker();
    wake();
    await ready;
    events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    await settle();
    events.tabUpdated({ tabId: 2, url: 'https://example.org/', storeId: undefined });
    events.tabUpdated({ tabId: 1, url: `${A}?page=2`, storeId: undefined });
    for (let i = 0; i < 4; i++) await settle();
    expect(await cookie(A, '_ga')).toMatchObject({ setPhases: ['before-choice'], firstPage: '/explore/' });
    expect((await cookie(A, '_ga'))?.originUnknown).toBeUndefined();
  });

  it('at a wake: a `_ga` heard while the tab showed A, then the tab went to B, is A’s, not B’s', async () => {
    const { events, wake, names } = worker();
    events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    events.tabUpdated({ tabId: 1, url: B, storeId: undefined });
    wake();
    await settle();
    await settle();
    expect(await names(A)).toEqual(['_ga']);
    expect(await names(B)).toEqual([]);
  });

  it('once ready: a cookie event waiting for its record to be read is filed before a tab change heard meanwhile', async () => {
    // A's record, kept by a worker since stopped: the new one reads it the first time it is needed.
    const { events, names, openTabs, release: unblock } = await wokenWithRecordReadHeld();
    events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    await settle();
    // Heard in a later task, while A's record is still being read.
    events.tabUpdated({ tabId: 1, url: B, storeId: undefined });
    await settle();
    unblock();
    await settle();
    await settle();
    expect(openTabs.pageOfTab(1)?.host).toBe('b.opendatasoft.com');
    expect((await names(A)).sort()).toEqual(['_ga', 'sessionid']);
    expect(await names(B)).toEqual([]);
  });

  it('at a wake, webRequest granted: a `_ga` heard while the tab showed A is A’s when the tab’s next request, to B, starts before it is filed', async () => {
    const { events, wake, names, openTabs, navigate } = worker();
    events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    navigate(B);
    wake();
    await settle();
    await settle();
    expect(openTabs.pageOfTab(1)?.host).toBe('b.opendatasoft.com');
    expect(await names(A)).toEqual(['_ga']);
    expect(await names(B)).toEqual([]);
  });

  it('once ready, webRequest granted: a cookie event waiting for its record is filed before the tab’s next request starts', async () => {
    const { events, names, openTabs, navigate, release: unblock } = await wokenWithRecordReadHeld();
    events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    await settle();
    navigate(B);
    await settle();
    unblock();
    await settle();
    await settle();
    expect(openTabs.pageOfTab(1)?.host).toBe('b.opendatasoft.com');
    expect((await names(A)).sort()).toEqual(['_ga', 'sessionid']);
    expect(await names(B)).toEqual([]);
  });

  it('webRequest granted: a response heard while a cookie event waits is read against the page the tab loads then, in turn', async () => {
    const { events, wake, cookie, navigate, respond } = worker();
    events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    navigate(B);
    // B's response sets `_gid` on the parent domain, which A's tab, still listed, shares: B's own, by its response.
    respond(B, ['_gid']);
    events.cookieChanged({
      cookie: browserCookie({ name: '_gid', domain: '.opendatasoft.com', hostOnly: false }),
      removed: false,
      cause: 'explicit',
    });
    wake();
    await settle();
    await settle();
    expect(await cookie(B, '_ga')).toBeUndefined();
    expect(await cookie(B, '_gid')).toMatchObject({ name: '_gid' });
    expect((await cookie(B, '_gid'))?.originUnknown).toBeUndefined();
  });

  it('webRequest granted, nothing waiting: the tab’s new page is known at once, and its own cookies are filed under it', async () => {
    const { wake, ready, events, names, openTabs, navigate } = worker();
    wake();
    await ready;
    navigate(B);
    // Heard in the same task, before the tab reports its new address (Firefox).
    events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    await settle();
    expect(openTabs.pageOfTab(1)?.host).toBe('b.opendatasoft.com');
    expect(await names(B)).toEqual(['_ga']);
  });
});

describe('a parent-domain cookie heard before the wake has read the tabs (review of 2026-12-06)', () => {
  const A = 'a.opendatasoft.com';
  const B = 'b.opendatasoft.com';
  const tracked = (host: string) => host === A || host === B;
  const ga = browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false, httpOnly: false });

  /**
   * A worker waking as index.ts wires it: its tabs read answered when the test says (`answerTabs`),
   * then the wake's scan, which `ready` waits for too, done when the test says (`scanDone`) or at once.
   */
  function waking({ holdScan = false } = {}) {
    let answerTabs!: (tabs: TabSite[]) => void;
    const tabsAnswer = new Promise<TabSite[]>((resolve) => (answerTabs = resolve));
    let scanDone: () => void = () => undefined;
    const scan = holdScan ? new Promise<void>((resolve) => (scanDone = resolve)) : Promise.resolve();
    const openTabs = createOpenTabs();
    const store = createSiteStore(fakeSession(), 5, { hostsInUse: () => openTabs.allHosts() });
    const recorder = createRecorder(
      store,
      tracked,
      (host, storeId) => openTabs.has(host, storeId),
      (storeId) => openTabs.hosts(storeId),
      (host, storeId) => openTabs.pageOf(host, storeId),
    );
    const tabsRead = (async () => {
      await store.load();
      openTabs.replaceAll(await tabsAnswer, '0');
    })();
    const ready = (async () => {
      await tabsRead;
      await scan;
    })();
    const events = createBrowserEvents({
      ready,
      tabsRead,
      recorder,
      openTabs,
      trackedHosts: { isTracked: tracked, refresh: async () => undefined },
      scanCookies: async () => undefined,
      refreshLiveCharter: async () => undefined,
      badges: { refresh: async () => undefined, schedule: () => undefined, tabClosed: () => undefined },
      now: () => 2000,
    });
    const gaOf = async (host: string) => {
      const entry = Object.values((await recorder.site(host, '0')).cookies).find((c) => c.name === '_ga');
      return entry ? (entry.originUnknown ? 'unknown origin' : 'own') : 'none';
    };
    return { answerTabs, scanDone, tabsRead, ready, events, gaOf };
  }
  const wait = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("is not the next portal's own write when the tab moved there after it (the browser's answer shows the tab's later page)", async () => {
    const w = waking();
    // A's page writes _ga (this event wakes the worker), then the tab goes to B.
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    w.events.tabUpdated({ tabId: 1, url: `https://${B}/`, storeId: undefined, pageChanged: true });
    w.answerTabs([{ tabId: 1, url: `https://${B}/`, storeId: undefined }]);
    await w.ready;
    await wait();
    expect(await w.gaOf(B)).toBe('unknown origin');
  });

  it("is not the other open portal's own write when the writing tab closed after it", async () => {
    const w = waking();
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    w.events.tabRemoved(2);
    w.answerTabs([{ tabId: 1, url: `https://${A}/`, storeId: undefined }]);
    await w.ready;
    await wait();
    expect(await w.gaOf(A)).toBe('unknown origin');
  });

  it('stays the own write of the portal the read showed when its page changes address after the read (a portal is an app: pushState), while the wake still scans', async () => {
    const w = waking({ holdScan: true });
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    w.answerTabs([{ tabId: 1, url: `https://${A}/explore/`, storeId: undefined }]);
    await w.tabsRead;
    w.events.tabUpdated({ tabId: 1, url: `https://${A}/explore/?sort=modified`, storeId: undefined, pageChanged: true });
    w.scanDone();
    await w.ready;
    await wait();
    expect(await w.gaOf(A)).toBe('own');
  });

  it('stays the own write of the portal the read showed when its page changes address once the worker is ready, the cookie still waiting for its record', async () => {
    const w = waking();
    w.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    w.answerTabs([{ tabId: 1, url: `https://${A}/explore/`, storeId: undefined }]);
    await w.ready;
    w.events.tabUpdated({ tabId: 1, url: `https://${A}/explore/dataset/x/`, storeId: undefined, pageChanged: true });
    await wait();
    await wait();
    expect(await w.gaOf(A)).toBe('own');
  });

  it('stays the open portal’s own write when what came after it changed no page (a load ending), or came before it', async () => {
    const after = waking();
    after.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    after.events.tabUpdated({ tabId: 1, url: `https://${A}/`, storeId: undefined, pageChanged: false });
    after.answerTabs([{ tabId: 1, url: `https://${A}/`, storeId: undefined }]);
    await after.ready;
    await wait();
    expect(await after.gaOf(A)).toBe('own');

    const before = waking();
    before.events.tabUpdated({ tabId: 1, url: `https://${A}/`, storeId: undefined, pageChanged: true });
    before.events.cookieChanged({ cookie: ga, removed: false, cause: 'explicit' });
    before.answerTabs([{ tabId: 1, url: `https://${A}/`, storeId: undefined }]);
    await before.ready;
    await wait();
    expect(await before.gaOf(A)).toBe('own');
  });
});
