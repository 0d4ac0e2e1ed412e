import { describe, expect, it } from 'vitest';
import { BLANK_PAGE, createClearSite } from '../../src/background/clear-site.ts';
import type { CookieAddress } from '../../src/platform/cookies.ts';
import type { TabSite } from '../../src/platform/tabs.ts';
import type { BrowserCookie } from '../../src/core/cookies/cookie-record.ts';
import { createPrivateSessions } from '../../src/background/private-sessions.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import type { ListedStore } from '../../src/core/storage/private-stores.ts';
import { siteKey } from '../../src/core/storage/session-items.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';

/**
 * A clear with fake browser calls, each written to `calls` in the order made: a tab is taken to
 * an address and has loaded it when the test says (`loads`: at once unless told), cookies are
 * removed, the record restarts.
 */
function setup(
  options: {
    failing?: Set<string>;
    closed?: Set<number>;
    stuck?: Set<number>;
    neverBack?: Set<number>;
    broken?: 'cookies' | 'restart';
    /** The page writes this cookie as it is left, a moment after the blank page has loaded (as Chrome may run its handlers). */
    writesAsLeft?: string;
    /** Storage refuses the note of the tabs taken away. */
    noteFails?: boolean;
    /** The wake's bring-back of tabs a stopped clear left blank, until it settles. */
    bringingBack?: Promise<void>;
    /** More cookies in the stores. */
    moreCookies?: BrowserCookie[];
    /** More tabs. */
    moreTabs?: TabSite[];
  } = {},
) {
  const {
    failing = new Set<string>(),
    closed = new Set<number>(),
    stuck = new Set<number>(),
    neverBack = new Set<number>(),
    broken,
    writesAsLeft,
    noteFails,
    bringingBack = Promise.resolve(),
    moreCookies = [],
    moreTabs = [],
  } = options;
  const watchers = new Set<(cookie: ReturnType<typeof browserCookie>) => void>();
  const removed: CookieAddress[] = [];
  const restarted: string[] = [];
  const calls: string[] = [];
  const listening = new Map<number, (loaded: boolean) => void>();
  const watching = new Map<number, { shows: (url: string) => boolean; settle: (shown: boolean) => void }>();
  const tabs: TabSite[] = [
    { tabId: 1, url: 'https://data.tco.re/explore/', storeId: undefined },
    { tabId: 2, url: 'https://data.tco.re/', storeId: 'private' },
    { tabId: 3, url: 'https://tco.re/', storeId: undefined },
    // Its address hidden from us: never touched.
    { tabId: 4, url: undefined, storeId: undefined },
    ...moreTabs,
  ];
  const cookies = [
    browserCookie({ name: 'sessionid', domain: 'data.tco.re' }),
    browserCookie({ name: '_ga', domain: '.tco.re', hostOnly: false, partitionKey: { topLevelSite: 'https://tco.re' } }),
    browserCookie({ name: 'csrftoken', domain: 'data.tco.re' }),
    browserCookie({ name: 'sessionid', domain: 'data.tco.re', storeId: 'private' }),
    browserCookie({ name: 'other', domain: 'www.tco.re' }),
    // Embedded content's: unpartitioned (Chrome, shared by every embedding site), partitioned
    // under the site (Firefox), in another store, on another path, partitioned under another site.
    browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false }),
    browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false, partitionKey: { topLevelSite: 'https://tco.re' } }),
    browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false, storeId: 'private' }),
    browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false, path: '/elsewhere' }),
    browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false, partitionKey: { topLevelSite: 'https://other.fr' } }),
    ...moreCookies,
  ];
  const clearSite = createClearSite({
    storeCookies: async (storeId) => {
      if (broken === 'cookies') throw new Error('cookies.getAll failed');
      return cookies.filter((cookie) => cookie.storeId === storeId);
    },
    removeCookie: async (cookie) => {
      if (failing.has(cookie.name)) throw new Error('cannot remove');
      calls.push(`remove ${cookie.name}`);
      removed.push(cookie);
      return true;
    },
    visibleTabs: async () => tabs,
    defaultStoreId: async () => '0',
    navigateTab: async (tabId, url) => {
      // Chrome: "No tab with id: N."; the platform says false.
      if (closed.has(tabId)) return false;
      calls.push(`go ${tabId} ${url}`);
      // The browser's answer comes before the page has loaded, as it does.
      if (url === BLANK_PAGE && !stuck.has(tabId)) setTimeout(() => listening.get(tabId)?.(true), 0);
      if (url === BLANK_PAGE && writesAsLeft)
        setTimeout(() => {
          const written = browserCookie({ name: writesAsLeft, domain: 'data.tco.re' });
          cookies.push(written);
          calls.push(`heard ${writesAsLeft}`);
          watchers.forEach((watch) => watch(written));
        }, 3);
      // The page shown again: committed a moment after the answer.
      const watched = watching.get(tabId);
      if (url !== BLANK_PAGE && watched?.shows(url) && !neverBack.has(tabId)) setTimeout(() => watched.settle(true), 0);
      return true;
    },
    tabShows: (tabId, shows, signal) =>
      new Promise((resolve) => {
        const settle = (shown: boolean) => {
          watching.delete(tabId);
          calls.push(`${shown ? 'shows' : 'stopped waiting for'} ${tabId} again`);
          resolve(shown);
        };
        watching.set(tabId, { shows, settle });
        signal.addEventListener('abort', () => watching.get(tabId)?.settle === settle && settle(false));
      }),
    tabLoaded: (tabId, url, signal) =>
      new Promise((resolve) => {
        const settle = (loaded: boolean) => {
          listening.delete(tabId);
          calls.push(`${loaded ? 'loaded' : 'stopped waiting for'} ${tabId} ${url}`);
          resolve(loaded);
        };
        listening.set(tabId, settle);
        signal.addEventListener('abort', () => listening.get(tabId) === settle && settle(false));
      }),
    leaveWaitMs: 20,
    comeBackWaitMs: 20,
    quietMs: 10,
    watchCookies: (watch) => (watchers.add(watch), () => void watchers.delete(watch)),
    restartRecord: async (host, storeId) => {
      if (broken === 'restart') throw new Error('record not written');
      calls.push('restart');
      restarted.push(`${storeId}|${host}`);
    },
    hasCookieStore: async () => true,
    tabsAway: {
      leaving: async (away) => {
        if (noteFails) throw new Error('Session storage quota bytes exceeded. Values were not stored.');
        calls.push(`note away ${away.map((tab) => `${tab.tabId} ${tab.url}`).join(', ')}`);
      },
      done: async (tabIds) => void calls.push(`note back ${tabIds.join(', ')}`),
      settled: () => bringingBack,
    },
  });
  return { clearSite, removed, restarted, calls };
}

/**
 * A clear of a store holding `cookies`, with no tab to take away (`defaultStore` the normal
 * windows'), and the addresses it removed, in order.
 */
function clearOfStore(cookies: BrowserCookie[], defaultStore = '0') {
  const removed: CookieAddress[] = [];
  const clearSite = createClearSite({
    storeCookies: async () => cookies,
    removeCookie: async (cookie) => (removed.push(cookie), true),
    visibleTabs: async () => [],
    defaultStoreId: async () => defaultStore,
    navigateTab: async () => true,
    tabLoaded: async () => true,
    tabShows: async () => true,
    watchCookies: () => () => undefined,
    restartRecord: async () => undefined,
    hasCookieStore: async () => true,
    tabsAway: { leaving: async () => undefined, done: async () => undefined, settled: async () => undefined },
  });
  return { clearSite, removed };
}

describe('clear site', () => {
  it('deletes the cookies that apply to the site in its store, parent-domain ones included, and starts its record afresh', async () => {
    const { clearSite, removed, restarted } = setup();
    expect(await clearSite('data.tco.re', '0', false)).toBe(4);
    expect(removed.slice(0, 3).map((c) => `${c.name} ${c.domain}`)).toEqual([
      'sessionid data.tco.re',
      '_ga .tco.re',
      'csrftoken data.tco.re',
    ]);
    // The partition key travels as the top-level site the browser needs to find the cookie.
    expect(removed[1]!.partitionKey).toBe('https://tco.re');
    expect(removed[0]!.partitionKey).toBeNull();
    // No first party where the browser gives none (Chrome refuses the key).
    expect(removed[0]).not.toHaveProperty('firstPartyDomain');
    expect(restarted).toEqual(['0|data.tco.re']);
  });

  it('addresses a partitioned cookie with Chrome’s hasCrossSiteAncestor where the browser gives it, else without it', async () => {
    // Without it Chrome infers false for a same-site url (w3c/webextensions, proposals/hasCrossSiteAncestor.md):
    // the cookie set under a cross-site frame would stay.
    const chips = (hasCrossSiteAncestor: boolean) =>
      browserCookie({ name: 'chips', partitionKey: { topLevelSite: 'https://tco.re', hasCrossSiteAncestor } });
    const { clearSite, removed } = setup({ moreCookies: [chips(true), chips(false)] });
    await clearSite('data.tco.re', '0', false);
    expect(removed.filter((c) => c.name === 'chips')).toEqual([
      {
        name: 'chips',
        domain: 'data.tco.re',
        path: '/',
        secure: true,
        storeId: '0',
        partitionKey: 'https://tco.re',
        hasCrossSiteAncestor: true,
      },
      {
        name: 'chips',
        domain: 'data.tco.re',
        path: '/',
        secure: true,
        storeId: '0',
        partitionKey: 'https://tco.re',
        hasCrossSiteAncestor: false,
      },
    ]);
    expect(removed.find((c) => c.name === '_ga')).not.toHaveProperty('hasCrossSiteAncestor');
  });

  it('deletes the cookies of embedded content partitioned under the site, never an embedded service’s shared ones', async () => {
    const { clearSite, removed } = setup();
    await clearSite('data.tco.re', '0', false);
    // The unpartitioned `.disqus.com` cookie is every embedding site's (and the person's session at Disqus): kept.
    expect(removed.filter((c) => c.name === 'disqus_unique')).toEqual([
      { name: 'disqus_unique', domain: '.disqus.com', path: '/', secure: true, storeId: '0', partitionKey: 'https://tco.re' },
    ]);
    // Never a cookie's value, not even to delete it.
    expect(JSON.stringify(removed)).not.toContain('SECRET-VALUE');
  });

  it('keeps the site’s cookies Firefox keeps for another site whose page embeds it: that site’s pages read them, never the site’s', async () => {
    const { clearSite, removed } = setup({
      moreCookies: [
        // Total Cookie Protection: a frame of the portal in example.net's page.
        browserCookie({ name: 'cookies_preferences', domain: 'data.tco.re', partitionKey: { topLevelSite: 'http://example.net' } }),
        browserCookie({ name: '_ga', domain: '.tco.re', hostOnly: false, partitionKey: { topLevelSite: 'https://example.net' } }),
        // First-party isolation: the same frame's, under example.net's first party; the site's
        // own under its registrable domain's (or its scheme and domain, with use_site); none.
        browserCookie({ name: 'frame_only_cookie', domain: 'data.tco.re', firstPartyDomain: 'example.net' }),
        browserCookie({ name: 'frame_only_cookie', domain: 'data.tco.re', firstPartyDomain: '(http,example.net)' }),
        browserCookie({ name: 'own_isolated', domain: 'data.tco.re', firstPartyDomain: 'tco.re' }),
        browserCookie({ name: 'own_isolated', domain: '.tco.re', hostOnly: false, firstPartyDomain: '(https,tco.re)' }),
        browserCookie({ name: 'own_isolated', domain: 'data.tco.re', path: '/none', firstPartyDomain: '' }),
      ],
    });
    expect(await clearSite('data.tco.re', '0', false)).toBe(7);
    const kept = ['cookies_preferences', 'frame_only_cookie'];
    expect(removed.filter((c) => kept.includes(c.name) || (c.name === '_ga' && c.partitionKey !== 'https://tco.re'))).toEqual([]);
    // The first party travels with the address: Firefox finds the cookie by it.
    expect(removed.filter((c) => c.name === 'own_isolated').map((c) => `${c.domain} ${c.path} ${c.firstPartyDomain}`)).toEqual([
      'data.tco.re / tco.re',
      '.tco.re / (https,tco.re)',
      'data.tco.re /none ',
    ]);
  });

  it('deletes embedded content’s cookies Firefox isolates under the site’s first party, as their partitioned twins', async () => {
    const { clearSite, removed } = setup({
      moreCookies: [
        // First-party isolation: an embedded consent service's cookies in the portal's pages,
        // under its registrable domain's first party (or its scheme and domain, with use_site).
        browserCookie({ name: 'fpi_embed', domain: '.axeptio.eu', hostOnly: false, firstPartyDomain: 'tco.re' }),
        browserCookie({ name: 'fpi_embed_site', domain: '.axeptio.eu', hostOnly: false, firstPartyDomain: '(https,tco.re)' }),
        // Under another site's first party, or shared (no first party): not the portal's.
        browserCookie({ name: 'fpi_other', domain: '.axeptio.eu', hostOnly: false, firstPartyDomain: 'example.net' }),
        browserCookie({ name: 'fpi_shared', domain: '.axeptio.eu', hostOnly: false, firstPartyDomain: '' }),
      ],
    });
    await clearSite('data.tco.re', '0', false);
    const embedded = removed.filter((c) => c.name.startsWith('fpi_'));
    expect(embedded.map((c) => `${c.name} ${c.domain} ${c.firstPartyDomain}`)).toEqual([
      'fpi_embed .axeptio.eu tco.re',
      'fpi_embed_site .axeptio.eu (https,tco.re)',
    ]);
  });

  it('keeps the cookies of the other hosts of its registrable domain isolated or partitioned under the same site: they are theirs', async () => {
    const { clearSite, removed } = setup({
      moreCookies: [
        // First-party isolation (Tor, Mullvad): every cookie of www.tco.re and xdata.tco.re
        // carries the first party tco.re, as the site's own do; neither applies to data.tco.re.
        browserCookie({ name: 'www_login', domain: 'www.tco.re', firstPartyDomain: 'tco.re' }),
        browserCookie({ name: 'xdata_login', domain: 'xdata.tco.re', firstPartyDomain: '(https,tco.re)' }),
        browserCookie({ name: 'apex_login', domain: 'tco.re', firstPartyDomain: 'tco.re' }),
        // Chrome's CHIPS: www.tco.re's partitioned cookie, under the same top-level site.
        browserCookie({ name: 'www_chips', domain: 'www.tco.re', partitionKey: { topLevelSite: 'https://tco.re' } }),
        // The site's own and its parent domain's, isolated under tco.re: deleted.
        browserCookie({ name: 'own_isolated', domain: 'data.tco.re', firstPartyDomain: 'tco.re' }),
        browserCookie({ name: 'parent_isolated', domain: '.tco.re', hostOnly: false, firstPartyDomain: 'tco.re' }),
      ],
    });
    await clearSite('data.tco.re', '0', false);
    const names = removed.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['own_isolated', 'parent_isolated']));
    expect(names.filter((name) => ['www_login', 'xdata_login', 'apex_login', 'www_chips'].includes(name))).toEqual([]);
  });

  it('keeps another portal’s cookies isolated under the shared registrable domain (public.opendatasoft.com’s, clearing itie.opendatasoft.com)', async () => {
    const { clearSite, removed } = clearOfStore([
      browserCookie({ name: 'cookies_preferences', domain: 'public.opendatasoft.com', firstPartyDomain: 'opendatasoft.com' }),
      browserCookie({ name: 'sessionid', domain: 'public.opendatasoft.com', firstPartyDomain: 'opendatasoft.com' }),
      browserCookie({ name: 'cookies_preferences', domain: 'itie.opendatasoft.com', firstPartyDomain: 'opendatasoft.com' }),
    ]);
    expect(await clearSite('itie.opendatasoft.com', '0', false)).toBe(1);
    expect(removed.map((c) => `${c.name} ${c.domain}`)).toEqual(['cookies_preferences itie.opendatasoft.com']);
  });

  it('in a private window’s store, deletes only that store’s, partitioned ones included', async () => {
    const { clearSite, removed } = setup();
    expect(await clearSite('data.tco.re', 'private', false)).toBe(1);
    expect(removed.map((c) => `${c.name} ${c.storeId}`)).toEqual(['sessionid private']);
  });

  it('takes the site’s tabs in that store away from their page, waits until they have left, then clears, restarts and loads each page again', async () => {
    const { clearSite, calls } = setup();
    expect(await clearSite('data.tco.re', '0', true)).toBe(4);
    // A page still running after the removals could set a cookie again: the new run would record
    // it as set before any choice. So: away, loaded, then remove and restart, then the page again.
    expect(calls).toEqual([
      // Noted in storage before it goes: a worker stopped from here on still brings it back at its next wake.
      'note away 1 https://data.tco.re/explore/',
      'go 1 about:blank',
      'loaded 1 about:blank',
      'remove sessionid',
      'remove _ga',
      'remove csrftoken',
      'remove disqus_unique',
      'restart',
      'go 1 https://data.tco.re/explore/',
      // Resolved once the tab shows its page again: the panels that follow it ask for its site then.
      'shows 1 again',
      'note back 1',
    ]);
  });

  it('notes a tab away, and loads it again, without the session id in its address: the clear starts afresh, and storage holds no cookie value', async () => {
    const { clearSite, calls } = setup({
      moreTabs: [{ tabId: 5, url: 'https://data.tco.re/app;jsessionid=9F1C0FFEE/cart?PHPSESSID=abc123&q=arbres#map', storeId: undefined }],
    });
    await clearSite('data.tco.re', '0', true);
    expect(calls.join('\n')).not.toMatch(/9F1C0FFEE|abc123/);
    expect(calls).toContain('note away 1 https://data.tco.re/explore/, 5 https://data.tco.re/app/cart?q=arbres#map');
    expect(calls).toContain('go 5 https://data.tco.re/app/cart?q=arbres#map');
    expect(calls).toContain('shows 5 again');
  });

  it('deletes the site’s cookies only once they have stayed unchanged a while after its tabs left: a cookie the page writes as it goes goes too', async () => {
    const { clearSite, calls, removed } = setup({ writesAsLeft: 'left_behind' });
    expect(await clearSite('data.tco.re', '0', true)).toBe(5);
    expect(removed.map((c) => c.name)).toContain('left_behind');
    // Heard before the record restarts: the old run's, wiped with it.
    expect(calls.indexOf('heard left_behind')).toBeLessThan(calls.indexOf('remove sessionid'));
    expect(calls.indexOf('remove left_behind')).toBeLessThan(calls.indexOf('restart'));
  });

  it('in a private window’s store, takes only its tab away and back: a tab that names no store is in the normal windows’ one', async () => {
    const { clearSite, calls } = setup();
    await clearSite('data.tco.re', 'private', true);
    expect(calls.filter((call) => call.startsWith('go'))).toEqual(['go 2 about:blank', 'go 2 https://data.tco.re/']);
  });

  it('skips a tab closed meanwhile, without throwing, and still clears the site', async () => {
    const { clearSite, calls, restarted } = setup({ closed: new Set([1]) });
    expect(await clearSite('data.tco.re', '0', true)).toBe(4);
    expect(calls.filter((call) => call.startsWith('go'))).toEqual([]);
    expect(restarted).toEqual(['0|data.tco.re']);
    // Noted as it was about to go, forgotten all the same.
    expect(calls.at(-1)).toBe('note back 1');
  });

  it('waits only so long for a tab stuck on its page, then clears, restarts and loads the page again', async () => {
    const { clearSite, calls } = setup({ stuck: new Set([1]) });
    expect(await clearSite('data.tco.re', '0', true)).toBe(4);
    expect(calls[1]).toBe('go 1 about:blank');
    expect(calls[2]).toBe('stopped waiting for 1 about:blank');
    expect(calls.slice(-4)).toEqual(['restart', 'go 1 https://data.tco.re/explore/', 'shows 1 again', 'note back 1']);
  });

  it('waits only so long for a tab to show its page again', async () => {
    const { clearSite, calls } = setup({ neverBack: new Set([1]) });
    expect(await clearSite('data.tco.re', '0', true)).toBe(4);
    expect(calls.slice(-3)).toEqual(['go 1 https://data.tco.re/explore/', 'stopped waiting for 1 again', 'note back 1']);
  });

  it('brings the tabs back even when the clear fails, and says it failed', async () => {
    for (const broken of ['cookies', 'restart'] as const) {
      const { clearSite, calls } = setup({ broken });
      await expect(clearSite('data.tco.re', '0', true), broken).rejects.toThrow();
      expect(
        calls.filter((call) => call.startsWith('go')),
        broken,
      ).toEqual(['go 1 about:blank', 'go 1 https://data.tco.re/explore/']);
      expect(calls.at(-1), broken).toBe('note back 1');
    }
  });

  it('still clears, and brings the tabs back, when storage refuses the note of the tabs taken away', async () => {
    const { clearSite, calls } = setup({ noteFails: true });
    expect(await clearSite('data.tco.re', '0', true)).toBe(4);
    expect(calls.filter((call) => call.startsWith('go'))).toEqual(['go 1 about:blank', 'go 1 https://data.tco.re/explore/']);
  });

  it('lists the site’s tabs only once this wake has brought back those a stopped clear left blank (their address is hidden until then)', async () => {
    let settle!: () => void;
    const { clearSite, calls } = setup({ bringingBack: new Promise<void>((resolve) => (settle = resolve)) });
    const cleared = clearSite('data.tco.re', '0', true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([]);
    settle();
    expect(await cleared).toBe(4);
    expect(calls[0]).toBe('note away 1 https://data.tco.re/explore/');
  });

  it('touches no tab without `reloadTabs`', async () => {
    const { clearSite, calls } = setup();
    await clearSite('data.tco.re', '0', false);
    // Nothing noted either.
    expect(calls.filter((call) => !call.startsWith('remove'))).toEqual(['restart']);
  });

  it('hands on Firefox’s first party of each cookie: first-party isolation refuses a removal without it', async () => {
    const { clearSite, removed } = clearOfStore(
      [browserCookie({ name: 'csrftoken', storeId: 'firefox-default', firstPartyDomain: 'tco.re' })],
      'firefox-default',
    );
    expect(await clearSite('data.tco.re', 'firefox-default', false)).toBe(1);
    expect(removed.map((c) => c.firstPartyDomain)).toEqual(['tco.re']);
  });

  it('writes nothing of a private session back when its last window closes while a clear of it is under way', async () => {
    const HOST = 'data.tco.re';
    const PRIVATE = 'firefox-private';
    const site = emptySite(HOST, PRIVATE);
    recordCookieChange(site, browserCookie({ domain: HOST, storeId: PRIVATE }), false, 1);
    const session = fakeSession({ [siteKey(PRIVATE, HOST)]: JSON.stringify(site) });
    const store = createSiteStore(session, 5);
    await store.load();
    const recorder = createRecorder(store, () => true);
    let listed: ListedStore[] = [
      { id: 'firefox-default', incognito: false, tabIds: [1] },
      { id: PRIVATE, incognito: true, tabIds: [7] },
    ];
    const sessions = createPrivateSessions({
      ready: Promise.resolve(),
      cookieStores: async () => listed,
      keys: () => store.keys(),
      hostsInUse: () => new Set(),
      forget: ({ keys }) => recorder.forget(keys),
    });
    let closeTab!: () => void;
    let closed = false;
    const clearSite = createClearSite({
      // Firefox answers an empty list for the private store once no private window is left.
      storeCookies: async (storeId) => (closed ? [] : [browserCookie({ domain: HOST, storeId })]),
      removeCookie: async () => true,
      visibleTabs: async () => [{ tabId: 7, url: `https://${HOST}/`, storeId: PRIVATE }],
      defaultStoreId: async () => 'firefox-default',
      navigateTab: async () => !closed,
      tabLoaded: (_tabId, _url, signal) =>
        new Promise((resolve) => {
          closeTab = () => resolve(false);
          signal.addEventListener('abort', () => resolve(false));
        }),
      tabShows: async () => false,
      watchCookies: () => () => undefined,
      restartRecord: (host, storeId) => recorder.restart(host, storeId),
      hasCookieStore: async (storeId) => listed.some((store) => store.id === storeId),
      tabsAway: { leaving: async () => undefined, done: async () => undefined, settled: async () => undefined },
      leaveWaitMs: 1000,
    });
    // "Record consent flow" in the private window; the person then closes that (last private) window.
    const clearing = clearSite(HOST, PRIVATE, true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    closed = true;
    listed = [{ id: 'firefox-default', incognito: false, tabIds: [1] }];
    // tabs.onRemoved: the worker's listener (registered first), then the clear's own; then windows.onRemoved.
    sessions.tabClosed(7);
    closeTab();
    sessions.windowClosed();
    await clearing;
    // The checks heard so far are over; no later one comes (none would, until the next wake or close).
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.flush();
    expect(Object.keys(session.data).filter((key) => key.includes(PRIVATE))).toEqual([]);
  });

  it('counts only the cookies it could delete, and still starts afresh', async () => {
    const { clearSite, restarted } = setup({ failing: new Set(['csrftoken']) });
    expect(await clearSite('data.tco.re', '0', false)).toBe(3);
    expect(restarted).toEqual(['0|data.tco.re']);
  });

  it('shares a clear of the same site and store asked for while it runs: the tabs go and come back once, the record restarts once', async () => {
    const { clearSite, calls, restarted } = setup();
    const [first, second, withoutTabs] = await Promise.all([
      clearSite('data.tco.re', '0', true),
      clearSite('data.tco.re', '0', true),
      // Taking the tabs away covers one that would not.
      clearSite('data.tco.re', '0', false),
    ]);
    expect([first, second, withoutTabs]).toEqual([4, 4, 4]);
    expect(restarted).toEqual(['0|data.tco.re']);
    expect(calls.filter((call) => call.startsWith('go '))).toEqual(['go 1 about:blank', 'go 1 https://data.tco.re/explore/']);
  });

  it('runs `before` first, only for an ask that starts a clear (not one that shares it), and clears nothing when it fails', async () => {
    const { clearSite, calls, restarted } = setup();
    const before = (ask: string) => async () => void calls.push(`before ${ask}`);
    await Promise.all([
      clearSite('data.tco.re', '0', true, before('first')),
      clearSite('data.tco.re', '0', true, before('shared')),
      clearSite('data.tco.re', '0', false, before('shared without tabs')),
    ]);
    expect(calls.filter((call) => call.startsWith('before '))).toEqual(['before first']);
    expect(calls[0]).toBe('before first');
    // A clear that takes the tabs away after one that did not starts its own: its `before` runs.
    await Promise.all([
      clearSite('data.tco.re', '0', false, before('without tabs')),
      clearSite('data.tco.re', '0', true, before('after it')),
    ]);
    expect(calls.filter((call) => call.startsWith('before '))).toEqual(['before first', 'before without tabs', 'before after it']);
    expect(restarted).toHaveLength(3);
    const refused = async () => {
      throw new Error('run too large');
    };
    await expect(clearSite('data.tco.re', '0', false, refused)).rejects.toThrow('run too large');
    expect(restarted).toHaveLength(3);
  });

  it('runs a clear that takes the tabs away after one of the same site that did not, and clears of other sites or stores apart', async () => {
    const { clearSite, calls, restarted } = setup();
    await Promise.all([
      clearSite('data.tco.re', '0', false),
      clearSite('data.tco.re', '0', true),
      clearSite('data.tco.re', 'private', false),
      clearSite('tco.re', '0', false),
    ]);
    expect(restarted.sort()).toEqual(['0|data.tco.re', '0|data.tco.re', '0|tco.re', 'private|data.tco.re']);
    // The second of the site's own started once the first had restarted its record.
    expect(calls.indexOf('restart')).toBeLessThan(calls.indexOf('note away 1 https://data.tco.re/explore/'));
    // Once done, a clear runs again: nothing is left waiting.
    await clearSite('data.tco.re', '0', false);
    expect(restarted).toHaveLength(5);
  });
});
