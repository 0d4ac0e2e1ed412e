import { describe, expect, it } from 'vitest';
import { createEmbeddedContent } from '../../src/background/embedded-content.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { isPortalHost } from '../../src/core/portals.ts';
import { MAX_RESPONSES, MAX_STATE_CHARS, type Attribution } from '../../src/core/cookies/third-party-attribution.ts';
import { attributionItem } from '../../src/core/storage/session-items.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const PORTAL = 'http://data.commentaires.opendatasoft.com/explore/dataset/demo/map/';
const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });

/** @param stores each tab's cookie store (the normal windows' by default) */
function setup(session = fakeSession(), stores: Record<number, string> = {}) {
  const recorded: Attribution[] = [];
  const removals: string[] = [];
  const navigations: string[] = [];
  const responses: string[] = [];
  let notices = 0;
  let clock = 1000;
  const embedded = createEmbeddedContent({
    ready: Promise.resolve(),
    area: session,
    record: (attribution) => void recorded.push(attribution),
    removed: (cookie, sites, at, cause) => void removals.push(`${cookie.name} ${sites.join(',')} at=${at} ${cause}`),
    navigating: (tabId, url, storeId) => void navigations.push(`${tabId} ${url}${storeId ? ` in ${storeId}` : ''}`),
    storeOfTab: (tabId) => stores[tabId] ?? '0',
    responded: (tabId, url, names) => void responses.push(`${tabId} ${url} ${names.join(',')}`),
    onRecorded: () => notices++,
    now: () => clock++,
    writeDelayMs: 0,
  });
  return { embedded, recorded, removals, navigations, responses, session, notices: () => notices };
}

/** The portal's tab (7) loads its page, then a Disqus frame. */
function loadPortal(embedded: ReturnType<typeof setup>['embedded']) {
  embedded.requests.started({ requestId: 'r1', tabId: 7, kind: 'main_frame', url: PORTAL });
  embedded.requests.ended({ requestId: 'r1', tabId: 7 });
  embedded.requests.started({ requestId: 'r2', tabId: 7, kind: 'sub_frame', url: 'https://disqus.com/embed/comments/' });
}

describe('embedded content (the worker’s side of third-party attribution)', () => {
  it('ties a cookie to the tab whose frame’s response set it, in Chromium’s order, and tells the badges', async () => {
    const { embedded, recorded, navigations, responses, notices } = setup();
    loadPortal(embedded);
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    embedded.cookieChanged(disqus, false, 'explicit', 2000);
    await settle();
    expect(navigations).toEqual([`7 ${PORTAL}`]);
    // Firefox's request names its tab's store: handed on with it (the tab's store is known before its update).
    embedded.requests.started({ requestId: 'r9', tabId: 9, kind: 'main_frame', url: PORTAL, storeId: 'firefox-private' });
    expect(navigations).toEqual([`7 ${PORTAL}`, `9 ${PORTAL} in firefox-private`]);
    // Every response is told on (the site's own cookies learn their page from it), at once.
    expect(responses).toEqual(['7 https://disqus.com/embed/comments/ disqus_unique']);
    expect(recorded).toMatchObject([
      { host: 'data.commentaires.opendatasoft.com', page: '/explore/dataset/demo/map/', via: 'response', at: 2000 },
    ]);
    expect(notices()).toBe(1);
  });

  it('ties a cookie with its event’s order, waiting or not; a worker woken later ties one a stopped worker heard with no order (not known)', async () => {
    const session = fakeSession();
    const { embedded, recorded } = setup(session);
    loadPortal(embedded);
    // Chromium's order: the response first, the cookie told at once.
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    embedded.cookieChanged(disqus, false, 'explicit', 2000, 41);
    // Firefox's: the cookie first, waiting for its response.
    embedded.requests.started({ requestId: 'r3', tabId: 7, kind: 'sub_frame', url: 'https://disqus.com/embed/comments/' });
    embedded.cookieChanged({ ...disqus, name: 'later' }, false, 'explicit', 2001, 42);
    await settle();
    await embedded.flush();
    expect(recorded.map((a) => `${a.cookie.name} ${a.order}`)).toEqual(['disqus_unique 41']);
    // The worker stops while the second waits; the next one's orders start again from 1 and do not place it.
    const woken = setup(session);
    woken.embedded.requests.responded({ requestId: 'r3', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['later'] });
    await settle();
    expect(woken.recorded.map((a) => `${a.cookie.name} ${a.order}`)).toEqual(['later undefined']);
    expect(woken.recorded[0]).not.toHaveProperty('order');
  });

  it('in Firefox’s order: the cookie waits for the response of the request in flight', async () => {
    const { embedded, recorded } = setup();
    loadPortal(embedded);
    embedded.cookieChanged(disqus, false, 'explicit', 2000);
    await settle();
    expect(recorded).toEqual([]);
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    await settle();
    expect(recorded).toMatchObject([{ via: 'response', at: 2000 }]);
  });

  it('decides by the frames once the requests are over', async () => {
    const { embedded, recorded } = setup();
    loadPortal(embedded);
    const written = browserCookie({ name: 'testCookie', domain: 'disqus.com' });
    embedded.cookieChanged(written, false, 'explicit', 2000);
    await settle();
    expect(recorded).toEqual([]);
    embedded.requests.ended({ requestId: 'r2', tabId: 7 });
    await settle();
    expect(recorded).toMatchObject([{ via: 'frame', cookie: { name: 'testCookie' } }]);
  });

  it('ties a cookie only to tabs of its cookie store, as the open tabs tell it', async () => {
    // The portal's tab is a private window's (Chrome's store "1"); the same cookie is set in both stores.
    const { embedded, recorded } = setup(undefined, { 7: '1' });
    loadPortal(embedded);
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    embedded.cookieChanged(disqus, false, 'explicit', 2000);
    embedded.cookieChanged({ ...disqus, storeId: '1' }, false, 'explicit', 2001);
    await settle();
    expect(recorded).toMatchObject([{ host: 'data.commentaires.opendatasoft.com', via: 'response', cookie: { storeId: '1' } }]);
  });

  it('files the removal of a cookie under the sites it was filed under, wherever it was removed; an overwrite is no removal', async () => {
    const { embedded, removals } = setup();
    loadPortal(embedded);
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    embedded.cookieChanged(disqus, false, 'explicit', 2000);
    embedded.cookieChanged(disqus, true, 'overwrite', 2001);
    embedded.tabRemoved(7);
    embedded.cookieChanged(disqus, true, 'expired', 2002);
    embedded.cookieChanged(disqus, true, 'expired', 2003);
    embedded.cookieChanged(browserCookie({ name: 'never_filed', domain: 'x.example.net' }), true, 'expired', 2004);
    await settle();
    // With its cause: an expiry is the browser's own removal, recorded as the site's own are.
    expect(removals).toEqual(['disqus_unique data.commentaires.opendatasoft.com at=2002 expired']);
  });

  it('records an embedded cookie the browser expired as removed by the browser, as the site’s own, through the recorder', async () => {
    const session = fakeSession();
    const store = createSiteStore(session, 0);
    await store.load();
    const recorder = createRecorder(store, (host) => isPortalHost(host, new Set(['data.tco.re'])));
    const embedded = createEmbeddedContent({
      ready: Promise.resolve(),
      area: session,
      // Wired as src/background/index.ts wires it.
      record: (attribution) => void recorder.thirdPartySet(attribution),
      removed: (cookie, sites, at, cause) => void recorder.thirdPartyRemoved(cookie, sites, at, cause),
      navigating: () => undefined,
      storeOfTab: () => '0',
      onRecorded: () => undefined,
      now: () => 1000,
      writeDelayMs: 0,
    });
    const portal = 'https://data.tco.re/explore/';
    embedded.requests.started({ requestId: 'r1', tabId: 7, kind: 'main_frame', url: portal });
    embedded.requests.ended({ requestId: 'r1', tabId: 7 });
    embedded.requests.started({ requestId: 'r2', tabId: 7, kind: 'sub_frame', url: 'https://disqus.com/embed/' });
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/', names: ['test_cookie', 'gone'] });
    const expiring = browserCookie({ name: 'test_cookie', domain: '.disqus.com', hostOnly: false });
    const deleted = browserCookie({ name: 'gone', domain: '.disqus.com', hostOnly: false });
    embedded.cookieChanged(expiring, false, 'explicit', 1000);
    embedded.cookieChanged(deleted, false, 'explicit', 1000);
    await settle();
    // The site's own cookie expires too, for comparison.
    await recorder.cookieChanged(browserCookie({ name: '_own' }), false, 'explicit', 1000);
    await recorder.cookieChanged(browserCookie({ name: '_own' }), true, 'expired', 2000);
    embedded.cookieChanged(expiring, true, 'expired', 2000);
    // Deleted by a page or a script: not the browser's.
    embedded.cookieChanged(deleted, true, 'explicit', 2001);
    await settle();
    await settle();
    const removals = (await recorder.site('data.tco.re', '0')).timeline.flatMap((e) => (e.type === 'removed' ? [e] : []));
    expect(removals.map((e) => `${e.name} ${e.byBrowser ?? false}`)).toEqual(['_own true', 'test_cookie true', 'gone false']);
  });

  it('keeps its state in storage.session, without values, and a restarted worker goes on from it', async () => {
    const { embedded, session } = setup();
    loadPortal(embedded);
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    await embedded.flush();
    const stored = attributionItem.decode(session.data[attributionItem.key]);
    expect(stored?.tabs['7']).toMatchObject({ frameHosts: ['disqus.com'], responses: [{ host: 'disqus.com', name: 'disqus_unique' }] });

    const restarted = setup(session);
    restarted.embedded.cookieChanged(disqus, false, 'explicit', 3000);
    await settle();
    expect(restarted.recorded).toMatchObject([{ via: 'response' }]);
    await restarted.embedded.flush();
    expect(JSON.stringify(session.data)).not.toContain('SECRET-VALUE');
  });

  it('writes its state within its size limit: tabs of 4 KB Set-Cookie names trimmed, oldest evidence first', async () => {
    const { embedded, session } = setup();
    const names = (tab: number) => Array.from({ length: MAX_RESPONSES }, (_, i) => `t${tab}_${i}_`.padEnd(4096, 'x'));
    for (const tab of [1, 2, 3, 4, 5]) {
      embedded.requests.started({ requestId: `p${tab}`, tabId: tab, kind: 'main_frame', url: PORTAL });
      embedded.requests.responded({ requestId: `d${tab}`, tabId: tab, url: 'https://disqus.com/embed/comments/', names: names(tab) });
    }
    await embedded.flush();
    const text = session.data[attributionItem.key] as string;
    // Five tabs of 64 names of 4 KB: 1.3 MB, over the limit.
    expect(text.length).toBeLessThanOrEqual(MAX_STATE_CHARS);
    const tabs = attributionItem.decode(text)!.tabs;
    expect(tabs['1']!.responses).toEqual([]);
    expect(tabs['5']!.responses).toHaveLength(MAX_RESPONSES);
  });

  it('forgets a closed tab, and requests of other kinds add no frame', async () => {
    const { embedded, recorded, session } = setup();
    loadPortal(embedded);
    embedded.requests.started({ requestId: 'r3', tabId: 7, kind: 'other', url: 'https://cdn.example.net/x.js' });
    embedded.requests.started({ requestId: 'r4', tabId: 7, kind: 'other', url: 'not a url' });
    embedded.requests.responded({ requestId: 'r4', tabId: 7, url: 'not a url', names: ['x'] });
    await embedded.flush();
    expect(attributionItem.decode(session.data[attributionItem.key])?.tabs['7']?.frameHosts).toEqual(['disqus.com']);
    embedded.tabRemoved(7);
    embedded.requests.ended({ requestId: 'r2', tabId: 7 });
    embedded.cookieChanged(browserCookie({ name: 'testCookie', domain: 'disqus.com' }), false, 'explicit', 2000);
    await embedded.flush();
    expect(recorded).toEqual([]);
    expect(attributionItem.decode(session.data[attributionItem.key])?.tabs).toEqual({});
  });
});

describe('embedded content: a private session that ended', () => {
  it('forgets what it filed of that store’s cookies, in storage too: their removal is filed under no site', async () => {
    const { embedded, removals, session } = setup(undefined, { 7: '1' });
    loadPortal(embedded);
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    embedded.cookieChanged({ ...disqus, storeId: '1' }, false, 'explicit', 2000);
    await embedded.flush();
    expect(Object.keys(attributionItem.decode(session.data[attributionItem.key])?.filed ?? {})).toHaveLength(1);
    embedded.storesEnded(['1']);
    await embedded.flush();
    expect(attributionItem.decode(session.data[attributionItem.key])?.filed).toEqual({});
    embedded.cookieChanged({ ...disqus, storeId: '1' }, true, 'expired', 2001);
    await settle();
    expect(removals).toEqual([]);
  });
});

describe('embedded content: events delivered together', () => {
  it('applies them in the order they came, requests in flight included (Firefox delivers several in one task)', async () => {
    const { embedded, recorded } = setup();
    loadPortal(embedded);
    // All in one task: the cookie while Disqus's frame is in flight, another request ends, the
    // frame's response, then the frame's request ends.
    embedded.cookieChanged(disqus, false, 'explicit', 2000);
    embedded.requests.started({ requestId: 'r3', tabId: 7, kind: 'other', url: 'https://cdn.example.org/app.js' });
    embedded.requests.ended({ requestId: 'r3', tabId: 7 });
    embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
    embedded.requests.ended({ requestId: 'r2', tabId: 7 });
    await settle();
    expect(recorded).toMatchObject([{ via: 'response', cookie: { name: 'disqus_unique' } }]);
  });
});

describe('embedded content: stored state of another shape', () => {
  // What storage should not hold (or an earlier version's): invalid JSON was already read as none.
  const garbage = [
    '{}',
    '5',
    '[]',
    '{"tabs":{}}',
    '{"tabs":null,"pending":[]}',
    '{"tabs":{},"pending":[null]}',
    '{"tabs":{"8":5},"pending":[]}',
    '{"tabs":{},"pending":[{"cookie":{"name":"x"},"at":1}]}',
    '{"tabs":{},"pending":[],"filed":5}',
    'not json',
  ];
  for (const stored of garbage) {
    it(`starts afresh on embedded:tabs = ${stored}: a third-party cookie is tied to its portal, and the value written over`, async () => {
      const failures: unknown[] = [];
      const onRejection = (reason: unknown) => void failures.push(reason);
      process.on('unhandledRejection', onRejection);
      try {
        const { embedded, recorded, session } = setup(fakeSession({ [attributionItem.key]: stored }));
        loadPortal(embedded);
        embedded.requests.responded({ requestId: 'r2', tabId: 7, url: 'https://disqus.com/embed/comments/', names: ['disqus_unique'] });
        embedded.cookieChanged(disqus, false, 'explicit', 2000);
        await embedded.flush();
        await settle();
        expect(recorded).toMatchObject([{ host: 'data.commentaires.opendatasoft.com', via: 'response' }]);
        expect(attributionItem.decode(session.data[attributionItem.key])).toMatchObject({
          tabs: { '7': { frameHosts: ['disqus.com'] } },
          pending: [],
        });
      } finally {
        process.off('unhandledRejection', onRejection);
      }
      expect(failures.map(String)).toEqual([]);
    });
  }

  it('keeps the state this version writes (frames, evidence, waiting cookies with their sites and order, filed cookies)', async () => {
    const session = fakeSession();
    const { embedded } = setup(session);
    loadPortal(embedded);
    embedded.requests.responded({
      requestId: 'r2',
      tabId: 7,
      url: 'https://disqus.com/embed/comments/',
      names: ['disqus_unique', 'unused'],
    });
    embedded.cookieChanged(disqus, false, 'explicit', 2000, 41);
    embedded.requests.started({ requestId: 'r3', tabId: 7, kind: 'sub_frame', url: 'https://disqus.com/embed/comments/' });
    const partitioned = { ...disqus, name: 'later', partitionKey: { topLevelSite: 'http://opendatasoft.com', hasCrossSiteAncestor: true } };
    embedded.cookieChanged({ ...partitioned, firstPartyDomain: '', expirationDate: Infinity }, false, 'explicit', 2001, 42);
    await embedded.flush();
    const written = attributionItem.decode(session.data[attributionItem.key])!;
    // Its expiry too large for JSON (written as null), and the site whose tab showed its frame.
    expect(written.pending).toMatchObject([
      { cookie: { expirationDate: null }, shown: [{ host: 'data.commentaires.opendatasoft.com' }], order: 42 },
    ]);
    expect(Object.keys(written.filed ?? {})).toHaveLength(1);
    expect(written.tabs['7']!.responses).toHaveLength(1);

    // A worker woken later reads it as it is (orders of a stopped worker dropped), and writes it back so.
    const woken = setup(session);
    woken.embedded.tabRemoved(99);
    await woken.embedded.flush();
    const { order: _stoppedWorkers, ...waiting } = written.pending[0]!;
    expect(attributionItem.decode(session.data[attributionItem.key])).toEqual({ ...written, pending: [waiting] });
  });
});
