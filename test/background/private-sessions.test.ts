import { describe, expect, it, vi } from 'vitest';
import { createPrivateSessions, type PrivateSessionsDeps } from '../../src/background/private-sessions.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import type { ListedStore, PrivateTraces } from '../../src/core/storage/private-stores.ts';
import { consentRunItem, liveCharterItem, pageKey, siteKey } from '../../src/core/storage/session-items.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';

const HOST = 'data.tco.re';

/** A record with one cookie event, in `storeId`. */
function recordIn(storeId: string, host = HOST) {
  const site = emptySite(host, storeId);
  recordCookieChange(site, browserCookie({ domain: host, storeId }), false, 1);
  return JSON.stringify(site);
}

/** Private sessions over storage `keys` (forgotten ones leave it), the browser listing `listed`; `forgotten` has what each forget was given. */
function setup(keys: string[], listed: ListedStore[], overrides: Partial<PrivateSessionsDeps> = {}) {
  const forgotten: PrivateTraces[] = [];
  const cookieStores = vi.fn(async () => listed);
  const sessions = createPrivateSessions({
    ready: Promise.resolve(),
    cookieStores,
    keys: () => keys,
    hostsInUse: () => new Set(),
    // Forgotten keys leave storage, as the site store's do.
    forget: async (traces) => {
      forgotten.push(traces);
      keys.splice(0, keys.length, ...keys.filter((key) => !traces.keys.includes(key)));
    },
    ...overrides,
  });
  return { sessions, forgotten, cookieStores };
}

describe('private sessions', () => {
  it('at a wake, forget a private store the browser no longer has (the worker was stopped when its last window closed)', async () => {
    const { sessions, forgotten } = setup([siteKey('0', HOST), siteKey('1', HOST), pageKey('1', HOST)], [{ id: '0', tabIds: [4] }]);
    expect(await sessions.check()).toEqual({ stores: ['1'], keys: [siteKey('1', HOST), pageKey('1', HOST)] });
    expect(forgotten).toEqual([{ stores: ['1'], keys: [siteKey('1', HOST), pageKey('1', HOST)] }]);
  });

  it('keep a private store still open, and a Firefox container with no tab open', async () => {
    const keys = [siteKey('firefox-private', HOST), siteKey('firefox-container-1', HOST)];
    const listed = [
      { id: 'firefox-default', incognito: false, tabIds: [1] },
      { id: 'firefox-private', incognito: true, tabIds: [2] },
    ];
    const { sessions, forgotten } = setup(keys, listed);
    expect(await sessions.check()).toEqual({ stores: [], keys: [] });
    expect(forgotten).toEqual([]);
  });

  it('ask the browser nothing while no key names a store that may be private', async () => {
    const { sessions, cookieStores } = setup([siteKey('0', HOST), siteKey('firefox-container-1', HOST)], []);
    sessions.tabClosed(3);
    sessions.windowClosed();
    await sessions.check();
    expect(cookieStores).not.toHaveBeenCalled();
  });

  it('forget a private store once its last tab is heard closed, though the browser still lists it as it tells the removal', async () => {
    const listed = [
      { id: '0', tabIds: [1] },
      { id: '1', tabIds: [2] },
    ];
    const { sessions, forgotten } = setup([siteKey('1', HOST)], listed);
    await sessions.check();
    expect(forgotten).toEqual([]);
    sessions.tabClosed(2);
    await sessions.check();
    expect(forgotten).toEqual([{ stores: ['1'], keys: [siteKey('1', HOST)] }]);
  });

  it('forget when a window closes, after the worker’s state is restored', async () => {
    let restore!: () => void;
    const ready = new Promise<void>((resolve) => (restore = resolve));
    const listed: ListedStore[] = [{ id: '0', tabIds: [1] }];
    const { sessions, forgotten } = setup([siteKey('1', HOST)], listed, { ready });
    sessions.windowClosed();
    await Promise.resolve();
    expect(forgotten).toEqual([]);
    restore();
    await sessions.check();
    expect(forgotten[0]?.stores).toEqual(['1']);
  });

  it('hear a check that failed, and try again at the next', async () => {
    const onError = vi.fn();
    let fail = true;
    const { sessions, forgotten } = setup([siteKey('1', HOST)], [], {
      cookieStores: async () => {
        if (fail) throw new Error('no stores');
        return [];
      },
      onError,
    });
    sessions.windowClosed();
    await expect(sessions.check()).rejects.toThrow('no stores');
    expect(onError).toHaveBeenCalledOnce();
    fail = false;
    await sessions.check();
    expect(forgotten).toHaveLength(1);
  });

  it('with the site store: the private session’s keys leave storage.session, the normal and container ones stay', async () => {
    const session = fakeSession({
      [siteKey('firefox-default', HOST)]: recordIn('firefox-default'),
      [siteKey('firefox-container-2', HOST)]: recordIn('firefox-container-2'),
      [siteKey('firefox-private', HOST)]: recordIn('firefox-private'),
      [siteKey('firefox-private', 'itie.opendatasoft.com')]: recordIn('firefox-private', 'itie.opendatasoft.com'),
      [pageKey('firefox-private', HOST)]: '{}',
      [consentRunItem('firefox-private', HOST).key]: '{}',
      [liveCharterItem('itie.opendatasoft.com').key]: '{}',
      [liveCharterItem(HOST).key]: '{}',
    });
    const store = createSiteStore(session, 5);
    await store.load();
    const sessions = createPrivateSessions({
      ready: Promise.resolve(),
      cookieStores: async () => [{ id: 'firefox-default', incognito: false, tabIds: [1] }],
      keys: () => store.keys(),
      hostsInUse: () => new Set(),
      forget: ({ keys }) => store.forgetKeys(keys),
    });
    await sessions.check();
    expect(Object.keys(session.data).sort()).toEqual(
      [siteKey('firefox-container-2', HOST), siteKey('firefox-default', HOST), liveCharterItem(HOST).key].sort(),
    );
    expect([...store.hosts()]).toEqual([HOST]);
  });
});
