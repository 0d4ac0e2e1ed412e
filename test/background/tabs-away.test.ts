import { describe, expect, it } from 'vitest';
import { createTabsAway } from '../../src/background/tabs-away.ts';
import { tabsAwayItem } from '../../src/core/storage/session-items.ts';
import type { TabSite } from '../../src/platform/tabs.ts';
import { fakeSession } from '../support/fake-session.ts';

const BLANK = 'about:blank';

/** Tabs away noted in a fake storage.session; the tabs as the browser reports them at the wake; the clock at `now`. */
function setup(tabs: TabSite[] = []) {
  const area = fakeSession();
  const navigated: string[] = [];
  const clock = { now: 1_000_000 };
  const deps = {
    area,
    tabById: async (tabId: number) => tabs.find((tab) => tab.tabId === tabId),
    navigateTab: async (tabId: number, url: string) => (navigated.push(`${tabId} ${url}`), true),
    blankPage: BLANK,
    now: () => clock.now,
  };
  // A worker's wake builds its own: one over the same storage is the worker started again.
  const wake = () => createTabsAway(deps);
  return { area, navigated, clock, wake };
}

const tab = (tabId: number, url: string | undefined): TabSite => ({ tabId, url, storeId: undefined });

describe('tabs away', () => {
  it('notes the tabs a clear takes away in storage, and forgets them once it is done with them', async () => {
    const { area, wake } = setup();
    const tabsAway = wake();
    await tabsAway.leaving([
      { tabId: 1, url: 'https://data.tco.re/explore/' },
      { tabId: 2, url: 'https://data.tco.re/' },
    ]);
    expect(await tabsAwayItem.get(area)).toEqual({
      1: { url: 'https://data.tco.re/explore/', at: 1_000_000 },
      2: { url: 'https://data.tco.re/', at: 1_000_000 },
    });
    await tabsAway.done([1]);
    expect(Object.keys((await tabsAwayItem.get(area)) ?? {})).toEqual(['2']);
    await tabsAway.done([2]);
    // Nothing left: no key either.
    expect(area.data).toEqual({});
  });

  it('keeps both of two clears noted at once (one key, changed in turn)', async () => {
    const { area, wake } = setup();
    const tabsAway = wake();
    await Promise.all([
      tabsAway.leaving([{ tabId: 1, url: 'https://data.tco.re/' }]),
      tabsAway.leaving([{ tabId: 7, url: 'https://x.opendatasoft.com/' }]),
    ]);
    expect(Object.keys((await tabsAwayItem.get(area)) ?? {})).toEqual(['1', '7']);
  });

  it('at the next wake, takes each tab a stopped clear left blank back to its address, then forgets them all', async () => {
    const { area, navigated, wake } = setup([
      // Blank: Chrome and Firefox hide about:blank's address without the `tabs` permission; a browser that shows it.
      tab(1, undefined),
      tab(2, BLANK),
      // Somewhere the person went since, a site we may see.
      tab(3, 'https://data.nantesmetropole.fr/'),
      // Tab 4 is gone.
    ]);
    const stopped = wake();
    await stopped.leaving([
      { tabId: 1, url: 'https://data.tco.re/explore/' },
      { tabId: 2, url: 'https://data.tco.re/' },
      { tabId: 3, url: 'https://data.tco.re/p' },
      { tabId: 4, url: 'https://data.tco.re/q' },
    ]);
    // The worker stopped there: a new one wakes over the same storage.
    expect(await wake().bringBackLeftOnes()).toBe(2);
    expect(navigated).toEqual(['1 https://data.tco.re/explore/', '2 https://data.tco.re/']);
    expect(area.data).toEqual({});
  });

  it('leaves alone a tab noted longer ago than any clear lasts: the person may have been using it since', async () => {
    const { navigated, clock, wake } = setup([tab(1, undefined), tab(2, undefined)]);
    const stopped = wake();
    await stopped.leaving([{ tabId: 1, url: 'https://data.tco.re/' }]);
    clock.now += 30_000;
    await stopped.leaving([{ tabId: 2, url: 'https://data.tco.re/explore/' }]);
    clock.now += 31_000;
    expect(await wake().bringBackLeftOnes()).toBe(1);
    expect(navigated).toEqual(['2 https://data.tco.re/explore/']);
  });

  it('does nothing at a wake with nothing noted, or with a note it cannot read', async () => {
    const { area, navigated, wake } = setup([tab(1, undefined)]);
    expect(await wake().bringBackLeftOnes()).toBe(0);
    expect(area.writes).toBe(0);
    area.data[tabsAwayItem.key] = '{not json';
    expect(await wake().bringBackLeftOnes()).toBe(0);
    expect(navigated).toEqual([]);
  });

  it('does not bring back the tabs of a clear the new wake starts after it', async () => {
    const { area, navigated, wake } = setup([tab(1, undefined), tab(5, undefined)]);
    await wake().leaving([{ tabId: 1, url: 'https://data.tco.re/' }]);
    const woken = wake();
    const back = woken.bringBackLeftOnes();
    const leaving = woken.leaving([{ tabId: 5, url: 'https://data.tco.re/explore/' }]);
    expect(await back).toBe(1);
    await leaving;
    expect(navigated).toEqual(['1 https://data.tco.re/']);
    expect(Object.keys((await tabsAwayItem.get(area)) ?? {})).toEqual(['5']);
  });
});
