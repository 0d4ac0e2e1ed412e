import { describe, expect, it } from 'vitest';
import {
  allVisibleCookies,
  cookieStores,
  defaultCookieStoreId,
  hasCookieStore,
  onCookieChanged,
  removeCookie,
  storeCookies,
} from '../../src/platform/cookies.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeEvent } from '../support/fake-events.ts';

/**
 * @param options.callerStore the store a query without storeId reads (the worker's own; the first store by default)
 * @param options.empty stores that hold no cookie
 * @param options.failCallerRead the query without storeId fails
 */
function fakeCookies(
  stores: Array<{ id: string; incognito?: boolean; tabIds?: number[] }>,
  options: { partitionFilter?: boolean; callerStore?: string; empty?: string[]; failCallerRead?: boolean; failing?: string[] } = {},
) {
  const removed: unknown[] = [];
  const reads: Array<string | undefined> = [];
  const onChanged = fakeEvent<(info: { cookie: unknown; removed: boolean; cause: string }) => void>();
  const api = {
    cookies: {
      onChanged,
      getAllCookieStores: async () => stores,
      getAll: async (details: { storeId?: string; partitionKey?: object }) => {
        if (details.partitionKey && options.partitionFilter === false) throw new Error('Unexpected property "partitionKey"');
        if (details.storeId === undefined && options.failCallerRead) throw new Error('No cookie store');
        // Chrome's words for a store it does not have (cookies_api_constants.cc).
        if (details.storeId !== undefined && options.failing?.includes(details.storeId))
          throw new Error(`Invalid cookie store id: "${details.storeId}".`);
        reads.push(details.storeId);
        const storeId = details.storeId ?? options.callerStore ?? stores[0]?.id ?? '0';
        return options.empty?.includes(storeId) ? [] : [browserCookie({ name: `in-${storeId}`, storeId })];
      },
      remove: async (details: { name: string }) => (removed.push(details), details.name === 'gone' ? null : details),
    },
  } as never;
  return { api, removed, onChanged, reads };
}

describe('platform cookie stores', () => {
  it('list each store with its tabs, and Firefox’s incognito flag where the browser gives one', async () => {
    const firefox = fakeCookies([
      { id: 'firefox-default', incognito: false, tabIds: [1] },
      { id: 'firefox-private', incognito: true, tabIds: [2, 3] },
    ]);
    expect(await cookieStores(firefox.api)).toEqual([
      { id: 'firefox-default', incognito: false, tabIds: [1] },
      { id: 'firefox-private', incognito: true, tabIds: [2, 3] },
    ]);
    const chrome = fakeCookies([
      { id: '0', tabIds: [1] },
      { id: '1', tabIds: [4] },
    ]);
    expect(await cookieStores(chrome.api)).toEqual([
      { id: '0', tabIds: [1] },
      { id: '1', tabIds: [4] },
    ]);
  });
});

describe('platform cookies', () => {
  it('list the cookies of every store, partitioned ones asked for', async () => {
    const { api } = fakeCookies([{ id: '0' }, { id: '1', incognito: true }]);
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-0', 'in-1']);
  });

  it('read one store by its id, listed or not (Firefox lists a container’s store only while one of its tabs is open)', async () => {
    const { api, reads } = fakeCookies([{ id: 'firefox-default' }]);
    expect((await storeCookies('firefox-container-1', api)).map((c) => c.name)).toEqual(['in-firefox-container-1']);
    expect(reads).toEqual(['firefox-container-1']);
  });

  it('read a store the browser no longer has as empty (Chrome’s private one once its last window closed); a listed store’s failure stays one', async () => {
    const { api } = fakeCookies([{ id: '0' }], { failing: ['1', '0'] });
    expect(await storeCookies('1', api)).toEqual([]);
    await expect(storeCookies('0', api)).rejects.toThrow('Invalid cookie store id: "0".');
  });

  it('take the caller’s own store’s answer when it is the only store: no second round trip', async () => {
    const { api, reads } = fakeCookies([{ id: '0' }]);
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-0']);
    expect(reads).toEqual([undefined]);
  });

  it('ask each store by its id when the one store listed is not the caller’s own (a container’s tabs only)', async () => {
    const { api } = fakeCookies([{ id: 'firefox-container-1' }], { callerStore: 'firefox-default' });
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-firefox-container-1']);
  });

  it('ask the one store by its id when the caller’s answer is empty: an empty answer does not say whose it is', async () => {
    const { api, reads } = fakeCookies([{ id: 'firefox-container-1' }], { callerStore: 'firefox-default', empty: ['firefox-default'] });
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-firefox-container-1']);
    expect(reads).toEqual([undefined, 'firefox-container-1']);
  });

  it('take an empty answer as all there is when the one store is the normal windows’, the caller’s own: a round trip sooner', async () => {
    for (const id of ['0', 'firefox-default']) {
      const { api, reads } = fakeCookies([{ id }], { empty: [id] });
      expect(await allVisibleCookies(api)).toEqual([]);
      expect(reads).toEqual([undefined]);
    }
  });

  it('ask the one store by its id when the caller’s answer is empty and that store is a private window’s', async () => {
    const { api, reads } = fakeCookies([{ id: '1', incognito: true }], { callerStore: '0', empty: ['0'] });
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-1']);
    expect(reads).toEqual([undefined, '1']);
  });

  it('ask the one store by its id when the caller’s own read failed', async () => {
    const { api, reads } = fakeCookies([{ id: '0' }], { failCallerRead: true });
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-0']);
    expect(reads).toEqual(['0']);
  });

  it('fall back to the plain query where the browser does not know the partition filter', async () => {
    const { api } = fakeCookies([{ id: 'firefox-default' }], { partitionFilter: false });
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-firefox-default']);
  });

  it('list and remove cookies under Firefox’s first-party isolation, which refuses a query or removal without `firstPartyDomain`', async () => {
    const FPI_ERROR = "First-Party Isolation is enabled, but the required 'firstPartyDomain' attribute was not set.";
    const removed: unknown[] = [];
    const isolated = (name: string, firstPartyDomain: string) => browserCookie({ name, storeId: 'firefox-default', firstPartyDomain });
    const api = {
      cookies: {
        getAllCookieStores: async () => [{ id: 'firefox-default', incognito: false, tabIds: [1] }],
        // Firefox's ext-cookies.js: `null` asks for every first party.
        getAll: async (details: { firstPartyDomain?: string | null }) => {
          if (!('firstPartyDomain' in details)) throw new Error(FPI_ERROR);
          return [isolated('csrftoken', 'tco.re'), isolated('YSC', 'opendatasoft.com')];
        },
        remove: async (details: { firstPartyDomain?: string }) => {
          if (details.firstPartyDomain == null) throw new Error(FPI_ERROR);
          return (removed.push(details), details);
        },
      },
    } as never;
    const cookies = await allVisibleCookies(api);
    expect(cookies.map((c) => `${c.name} ${c.firstPartyDomain}`)).toEqual(['csrftoken tco.re', 'YSC opendatasoft.com']);
    const address = { name: 'csrftoken', domain: 'data.tco.re', path: '/', secure: true, storeId: 'firefox-default', partitionKey: null };
    expect(await removeCookie({ ...address, firstPartyDomain: 'tco.re' }, api)).toBe(true);
    expect(removed).toEqual([{ url: 'https://data.tco.re/', name: 'csrftoken', storeId: 'firefox-default', firstPartyDomain: 'tco.re' }]);
  });

  it('ask Chrome without `firstPartyDomain`, a key its check of the arguments refuses at once (a throw, not a rejection)', async () => {
    const asked: object[] = [];
    const api = {
      cookies: {
        getAllCookieStores: async () => [{ id: '0', tabIds: [1] }],
        getAll: (details: object) => {
          if ('firstPartyDomain' in details)
            throw new TypeError("Error in invocation of cookies.getAll: Unexpected property: 'firstPartyDomain'.");
          asked.push(details);
          return Promise.resolve([browserCookie({ name: 'in-0' })]);
        },
      },
    } as never;
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-0']);
    // Partitioned cookies are still asked for.
    expect(asked).toEqual([{ partitionKey: {} }]);
  });

  it('remove one cookie by its address, partitioned or not, and say whether it was there', async () => {
    const { api, removed } = fakeCookies([]);
    const address = { name: 'sessionid', domain: '.data.tco.re', path: '/explore', secure: true, storeId: '0', partitionKey: null };
    expect(await removeCookie(address, api)).toBe(true);
    expect(await removeCookie({ ...address, name: 'gone', secure: false, partitionKey: 'https://tco.re' }, api)).toBe(false);
    expect(removed).toEqual([
      { url: 'https://data.tco.re/explore', name: 'sessionid', storeId: '0' },
      { url: 'http://data.tco.re/explore', name: 'gone', storeId: '0', partitionKey: { topLevelSite: 'https://tco.re' } },
    ]);
  });

  it('remove a partitioned cookie with Chrome’s hasCrossSiteAncestor only where its address has it (a browser that gives none is sent none)', async () => {
    const { api, removed } = fakeCookies([]);
    const address = { name: 'chips', domain: 'data.tco.re', path: '/', secure: true, storeId: '0', partitionKey: 'https://tco.re' };
    await removeCookie({ ...address, hasCrossSiteAncestor: true }, api);
    await removeCookie({ ...address, hasCrossSiteAncestor: false }, api);
    await removeCookie(address, api);
    expect(removed.map((details) => (details as { partitionKey?: object }).partitionKey)).toEqual([
      { topLevelSite: 'https://tco.re', hasCrossSiteAncestor: true },
      { topLevelSite: 'https://tco.re', hasCrossSiteAncestor: false },
      { topLevelSite: 'https://tco.re' },
    ]);
  });

  it('find the normal windows’ store: not private, not a container', async () => {
    expect(await defaultCookieStoreId(fakeCookies([{ id: '1', incognito: true }, { id: '0' }]).api)).toBe('0');
    expect(await defaultCookieStoreId(fakeCookies([{ id: 'firefox-container-1' }, { id: 'firefox-default' }]).api)).toBe('firefox-default');
    expect(await defaultCookieStoreId(fakeCookies([]).api)).toBe('0');
  });

  it('know the stores the browser has: those it lists, and a Firefox container’s it reads by its id though no tab of it is open', async () => {
    const firefox = fakeCookies([{ id: 'firefox-default', incognito: false, tabIds: [1] }], { failing: ['firefox-container-9'] });
    expect(await hasCookieStore('firefox-default', firefox.api)).toBe(true);
    expect(await hasCookieStore('firefox-container-1', firefox.api)).toBe(true);
    // A container the browser refuses, a private session that ended, an id no browser gives.
    expect(await hasCookieStore('firefox-container-9', firefox.api)).toBe(false);
    expect(await hasCookieStore('firefox-private', firefox.api)).toBe(false);
    expect(await hasCookieStore('bogus', firefox.api)).toBe(false);
    const chrome = fakeCookies([{ id: '0', tabIds: [1] }]);
    expect(await hasCookieStore('0', chrome.api)).toBe(true);
    expect(await hasCookieStore('1', chrome.api)).toBe(false);
    expect(await hasCookieStore('', chrome.api)).toBe(false);
    // Only the container was read, for no cookie: only whether it was refused.
    expect(firefox.reads).toEqual(['firefox-container-1']);
  });

  it('name the normal windows’ store when no tab uses it: the browsers list only stores with a tab', async () => {
    // Firefox with only a container's tabs open, or only a private window.
    expect(await defaultCookieStoreId(fakeCookies([{ id: 'firefox-container-2', incognito: false }]).api)).toBe('firefox-default');
    expect(await defaultCookieStoreId(fakeCookies([{ id: 'firefox-private', incognito: true }]).api)).toBe('firefox-default');
    // Chrome with only an incognito window open: its store has no `incognito` flag.
    expect(await defaultCookieStoreId(fakeCookies([{ id: '1' }]).api)).toBe('0');
  });

  it('hand each change on as cookie, removal and cause', () => {
    const { api, onChanged } = fakeCookies([]);
    const changes: unknown[] = [];
    onCookieChanged((change) => changes.push(change), api);
    const cookie = browserCookie();
    onChanged.fire({ cookie, removed: true, cause: 'overwrite' });
    expect(changes).toEqual([{ cookie, removed: true, cause: 'overwrite' }]);
  });
});
