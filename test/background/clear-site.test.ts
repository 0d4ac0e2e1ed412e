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
    ],
    removeCookie: async (cookie) => {
      if (failing.has(cookie.name)) throw new Error('cannot remove');
      removed.push(cookie);
      return true;
    },
    visibleTabs: async () => tabs,
    reloadTab: async (tabId) => void reloaded.push(tabId),
    restartRecord: async (host, storeId) => void restarted.push(`${storeId}|${host}`),
  });
  return { clearSite, removed, reloaded, restarted };
}

describe('clear site', () => {
  it('deletes the cookies that apply to the site in its store, parent-domain ones included, and starts its record afresh', async () => {
    const { clearSite, removed, reloaded, restarted } = setup();
    expect(await clearSite('data.tco.re', '0', false)).toBe(3);
    expect(removed.map((c) => `${c.name} ${c.domain}`)).toEqual(['sessionid data.tco.re', '_ga .tco.re', 'csrftoken data.tco.re']);
    // The partition key travels as the top-level site the browser needs to find the cookie.
    expect(removed[1]!.partitionKey).toBe('https://tco.re');
    expect(removed[0]!.partitionKey).toBeNull();
    expect(restarted).toEqual(['0|data.tco.re']);
    expect(reloaded).toEqual([]);
  });

  it('reloads the site’s tabs in that store when asked', async () => {
    const { clearSite, reloaded } = setup();
    await clearSite('data.tco.re', '0', true);
    expect(reloaded).toEqual([1]);
  });

  it('counts only the cookies it could delete, and still starts afresh', async () => {
    const { clearSite, restarted } = setup(new Set(['csrftoken']));
    expect(await clearSite('data.tco.re', '0', false)).toBe(2);
    expect(restarted).toEqual(['0|data.tco.re']);
  });
});
