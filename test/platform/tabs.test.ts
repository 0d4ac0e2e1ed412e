import { describe, expect, it } from 'vitest';
import { activeTab, onTabShown, onTabsChanged, reloadTab, visibleTabs } from '../../src/platform/tabs.ts';
import { fakeEvent } from '../support/fake-events.ts';

type Tab = { id?: number; url?: string; incognito: boolean; cookieStoreId?: string; pendingUrl?: string };

function fakeTabs(tabs: Tab[]) {
  const reloaded: number[] = [];
  const onUpdated = fakeEvent<(tabId: number, change: { status?: string }, tab: Tab) => void>();
  const onActivated = fakeEvent<(info: { tabId: number }) => void>();
  const onRemoved = fakeEvent<(tabId: number) => void>();
  const onReplaced = fakeEvent<(added: number, removed: number) => void>();
  const api = {
    tabs: {
      query: async (filter: { active?: boolean }) => (filter.active ? tabs.slice(0, 1) : tabs),
      get: async (tabId: number) => tabs.find((tab) => tab.id === tabId)!,
      reload: async (tabId: number) => void reloaded.push(tabId),
      onUpdated,
      onActivated,
      onRemoved,
      onReplaced,
    },
  } as never;
  return { api, reloaded, onUpdated, onActivated, onRemoved, onReplaced };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('platform tabs', () => {
  it('read a tab’s page and cookie store: Firefox names the store, Chrome says only "private" ("1")', async () => {
    const { api } = fakeTabs([
      { id: 1, url: 'https://data.tco.re/', incognito: false, cookieStoreId: 'firefox-container-2' },
      { id: 2, url: 'https://data.tco.re/', incognito: true },
      { id: 3, url: 'https://data.tco.re/', incognito: false, pendingUrl: 'https://itie.opendatasoft.com/' },
      { id: 4, incognito: false },
    ]);
    expect(await activeTab(api)).toEqual({ tabId: 1, url: 'https://data.tco.re/', storeId: 'firefox-container-2' });
    expect(await visibleTabs(api)).toEqual([
      { tabId: 1, url: 'https://data.tco.re/', storeId: 'firefox-container-2' },
      { tabId: 2, url: 'https://data.tco.re/', storeId: '1' },
      { tabId: 3, url: 'https://data.tco.re/', storeId: undefined, pendingUrl: 'https://itie.opendatasoft.com/' },
    ]);
  });

  it('say when a tab is shown: loaded, or made active', async () => {
    const tab = { id: 5, url: 'https://data.tco.re/', incognito: false };
    const { api, onUpdated, onActivated } = fakeTabs([tab]);
    const shown: number[] = [];
    onTabShown((site) => shown.push(site.tabId), api);
    onUpdated.fire(5, { status: 'loading' }, tab);
    onUpdated.fire(5, { status: 'complete' }, tab);
    onActivated.fire({ tabId: 5 });
    await settle();
    expect(shown).toEqual([5, 5]);
  });

  it('follow tabs changing, closing, and being replaced by a prerendered page', async () => {
    const replacement = { id: 9, url: 'https://itie.opendatasoft.com/', incognito: false };
    const { api, onUpdated, onRemoved, onReplaced } = fakeTabs([replacement]);
    const log: string[] = [];
    onTabsChanged(
      (tab) => log.push(`updated ${tab.tabId}`),
      (tabId) => log.push(`removed ${tabId}`),
      api,
    );
    onUpdated.fire(5, { status: 'loading' }, { id: 5, url: 'https://data.tco.re/', incognito: false });
    onRemoved.fire(6);
    onReplaced.fire(9, 5);
    await settle();
    expect(log).toEqual(['updated 5', 'removed 6', 'removed 5', 'updated 9']);
  });

  it('reload a tab', async () => {
    const { api, reloaded } = fakeTabs([]);
    await reloadTab(4, api);
    expect(reloaded).toEqual([4]);
  });
});
