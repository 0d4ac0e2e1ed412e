import { describe, expect, it } from 'vitest';
import { createClearSite } from '../../src/background/clear-site.ts';
import type { CookieAddress } from '../../src/platform/cookies.ts';
import type { TabSite } from '../../src/platform/tabs.ts';
import { browserCookie } from '../support/cookies.ts';

function setup(failing = new Set<string>()) {
  const removed: CookieAddress[] = [];
  const reloaded: number[] = [];
  const restarted: string[] = [];
  const tabs: TabSite[] = [
    { tabId: 1, url: 'https://data.tco.re/explore/', storeId: undefined },
    { tabId: 2, url: 'https://data.tco.re/', storeId: 'private' },
    { tabId: 3, url: 'https://tco.re/', storeId: undefined },
  ];
  const clearSite = createClearSite({
    allVisibleCookies: async () => [
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
    ],
    removeCookie: async (cookie) => {
      if (failing.has(cookie.name)) throw new Error('cannot remove');
      removed.push(cookie);
      return true;
    },
    visibleTabs: async () => tabs,
    defaultStoreId: async () => '0',
    reloadTab: async (tabId) => void reloaded.push(tabId),
    restartRecord: async (host, storeId) => void restarted.push(`${storeId}|${host}`),
  });
  return { clearSite, removed, reloaded, restarted };
}

describe('clear site', () => {
  it('deletes the cookies that apply to the site in its store, parent-domain ones included, and starts its record afresh', async () => {
    const { clearSite, removed, reloaded, restarted } = setup();
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
    expect(reloaded).toEqual([]);
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

  it('in a private window’s store, deletes only that store’s, partitioned ones included', async () => {
    const { clearSite, removed } = setup();
    expect(await clearSite('data.tco.re', 'private', false)).toBe(1);
    expect(removed.map((c) => `${c.name} ${c.storeId}`)).toEqual(['sessionid private']);
  });

  it('reloads the site’s tabs in that store when asked', async () => {
    const { clearSite, reloaded } = setup();
    await clearSite('data.tco.re', '0', true);
    expect(reloaded).toEqual([1]);
  });

  it('reloads only the private window’s tab when clearing its store: a tab that names no store is in the normal windows’ one', async () => {
    const { clearSite, reloaded } = setup();
    await clearSite('data.tco.re', 'private', true);
    expect(reloaded).toEqual([2]);
  });

  it('hands on Firefox’s first party of each cookie: first-party isolation refuses a removal without it', async () => {
    const removed: CookieAddress[] = [];
    const clearSite = createClearSite({
      allVisibleCookies: async () => [browserCookie({ name: 'csrftoken', storeId: 'firefox-default', firstPartyDomain: 'tco.re' })],
      removeCookie: async (cookie) => (removed.push(cookie), true),
      visibleTabs: async () => [],
      defaultStoreId: async () => 'firefox-default',
      reloadTab: async () => undefined,
      restartRecord: async () => undefined,
    });
    expect(await clearSite('data.tco.re', 'firefox-default', false)).toBe(1);
    expect(removed.map((c) => c.firstPartyDomain)).toEqual(['tco.re']);
  });

  it('counts only the cookies it could delete, and still starts afresh', async () => {
    const { clearSite, restarted } = setup(new Set(['csrftoken']));
    expect(await clearSite('data.tco.re', '0', false)).toBe(3);
    expect(restarted).toEqual(['0|data.tco.re']);
  });
});
