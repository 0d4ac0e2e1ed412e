import { describe, expect, it, vi } from 'vitest';
import { addressToBringBack, comeBack, createTabsAway, LEAVE_WAIT_MS } from '../../src/background/tabs-away.ts';
import { tabsAwayItem } from '../../src/core/storage/session-items.ts';
import { fakeSession } from '../support/fake-session.ts';

const BLANK = 'about:blank';

type FakeTab = { url: string | undefined; loading?: boolean };

/**
 * Tabs away noted in a fake storage.session; the tabs as the browser reports them at the wake
 * (by id); the clock at `now`. A tab taken to an address shows it when the test says (`show`),
 * at once unless `slow`.
 */
function setup(tabs: Record<number, FakeTab> = {}, options: { slow?: boolean; comeBackWaitMs?: number } = {}) {
  const area = fakeSession();
  const navigated: string[] = [];
  const clock = { now: 1_000_000 };
  const waiting = new Map<number, { shows: (url: string) => boolean; settle: (shown: boolean) => void }>();
  const show = (tabId: number) => waiting.get(tabId)?.settle(true);
  const deps = {
    area,
    tabNow: async (tabId: number) => {
      const tab = tabs[tabId];
      return tab && { url: tab.url, loading: tab.loading ?? false };
    },
    navigateTab: async (tabId: number, url: string) => {
      navigated.push(`${tabId} ${url}`);
      if (!options.slow && waiting.get(tabId)?.shows(url)) setTimeout(() => show(tabId), 0);
      return true;
    },
    tabShows: (tabId: number, shows: (url: string) => boolean, signal: AbortSignal) =>
      new Promise<boolean>((resolve) => {
        const settle = (shown: boolean) => {
          waiting.delete(tabId);
          resolve(shown);
        };
        waiting.set(tabId, { shows, settle });
        signal.addEventListener('abort', () => waiting.get(tabId)?.settle === settle && settle(false));
      }),
    blankPage: BLANK,
    comeBackWaitMs: options.comeBackWaitMs ?? 50,
    now: () => clock.now,
  };
  // A worker's wake builds its own: one over the same storage is the worker started again.
  const wake = () => createTabsAway(deps);
  return { area, navigated, clock, wake, show, deps };
}

const noteOf = async (area: ReturnType<typeof fakeSession>) => Object.keys((await tabsAwayItem.get(area)) ?? {});

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
    expect(await noteOf(area)).toEqual(['2']);
    await tabsAway.done([2]);
    // Nothing left: no key either.
    expect(area.data).toEqual({});
  });

  it('never keeps a session id in storage: the address noted, and brought back at the next wake, is without it', async () => {
    const { area, navigated, clock, wake } = setup({ 3: { url: undefined } });
    await wake().leaving([{ tabId: 3, url: 'https://data.tco.re/app;jsessionid=9F1C0FFEE/cart?PHPSESSID=abc123&q=arbres#map' }]);
    expect(JSON.stringify(area.data)).not.toMatch(/9F1C0FFEE|abc123|jsessionid|PHPSESSID/);
    expect(await tabsAwayItem.get(area)).toEqual({ 3: { url: 'https://data.tco.re/app/cart?q=arbres#map', at: 1_000_000 } });
    clock.now += LEAVE_WAIT_MS + 1;
    expect(await wake().bringBackLeftOnes()).toBe(1);
    expect(navigated).toEqual(['3 https://data.tco.re/app/cart?q=arbres#map']);
  });

  it('keeps both of two clears noted at once (one key, changed in turn)', async () => {
    const { area, wake } = setup();
    const tabsAway = wake();
    await Promise.all([
      tabsAway.leaving([{ tabId: 1, url: 'https://data.tco.re/' }]),
      tabsAway.leaving([{ tabId: 7, url: 'https://x.opendatasoft.com/' }]),
    ]);
    expect(await noteOf(area)).toEqual(['1', '7']);
  });

  it('at the next wake, takes each tab a stopped clear left blank back to its address, then forgets them all', async () => {
    const { area, navigated, clock, wake } = setup({
      // Blank: Chrome and Firefox hide about:blank's address without the `tabs` permission; a browser that shows it.
      1: { url: undefined },
      2: { url: BLANK },
      // Somewhere the person went since, a site we may see.
      3: { url: 'https://data.nantesmetropole.fr/' },
      // Loading a page: the person is taking it somewhere (its address hidden, as any site's we may not see).
      5: { url: undefined, loading: true },
      // Tab 4 is gone.
    });
    const stopped = wake();
    await stopped.leaving(
      [1, 2, 3, 4, 5].map((tabId) => ({ tabId, url: tabId === 1 ? 'https://data.tco.re/explore/' : `https://data.tco.re/${tabId}` })),
    );
    // The worker stopped there, and a new one wakes over the same storage once the tabs have left.
    clock.now += LEAVE_WAIT_MS + 1;
    expect(await wake().bringBackLeftOnes()).toBe(2);
    expect(navigated).toEqual(['1 https://data.tco.re/explore/', '2 https://data.tco.re/2']);
    expect(area.data).toEqual({});
  });

  it('leaves alone a tab heard changing since the wake, before the bring-back looked at it, once it had left: the person is using it', async () => {
    const { navigated, clock, wake } = setup({ 1: { url: undefined }, 2: { url: undefined } });
    await wake().leaving([
      { tabId: 1, url: 'https://data.tco.re/' },
      { tabId: 2, url: 'https://data.tco.re/explore/' },
    ]);
    clock.now += LEAVE_WAIT_MS + 1;
    const woken = wake();
    // The event that woke the worker: the person typed an address in tab 1.
    woken.tabChanged(1);
    expect(await woken.bringBackLeftOnes()).toBe(1);
    expect(navigated).toEqual(['2 https://data.tco.re/explore/']);
  });

  it('brings back a tab still loading, or heard changing, within the time it had to leave: its own load of the blank page', async () => {
    const { navigated, clock, wake } = setup({ 1: { url: undefined }, 2: { url: undefined, loading: true } });
    await wake().leaving([
      { tabId: 1, url: 'https://data.tco.re/' },
      { tabId: 2, url: 'https://data.tco.re/explore/' },
    ]);
    // Firefox: the blank page shown, the worker stopped, then that load's 'complete' wakes the next one.
    clock.now += LEAVE_WAIT_MS;
    const woken = wake();
    woken.tabChanged(1);
    expect(await woken.bringBackLeftOnes()).toBe(2);
    expect(navigated).toEqual(['1 https://data.tco.re/', '2 https://data.tco.re/explore/']);
  });

  it('leaves alone a tab noted longer ago than any clear lasts: the person may have been using it since', async () => {
    const { navigated, clock, wake } = setup({ 1: { url: undefined }, 2: { url: undefined } });
    const stopped = wake();
    await stopped.leaving([{ tabId: 1, url: 'https://data.tco.re/' }]);
    clock.now += 30_000;
    await stopped.leaving([{ tabId: 2, url: 'https://data.tco.re/explore/' }]);
    clock.now += 31_000;
    expect(await wake().bringBackLeftOnes()).toBe(1);
    expect(navigated).toEqual(['2 https://data.tco.re/explore/']);
  });

  it('does nothing at a wake with nothing noted, or with a note it cannot read', async () => {
    const { area, navigated, wake } = setup({ 1: { url: undefined } });
    expect(await wake().bringBackLeftOnes()).toBe(0);
    expect(area.writes).toBe(0);
    area.data[tabsAwayItem.key] = '{not json';
    expect(await wake().bringBackLeftOnes()).toBe(0);
    expect(navigated).toEqual([]);
  });

  it('does not bring back the tabs of a clear the new wake starts after it', async () => {
    const { area, navigated, wake } = setup({ 1: { url: undefined }, 5: { url: undefined } });
    await wake().leaving([{ tabId: 1, url: 'https://data.tco.re/' }]);
    const woken = wake();
    const back = woken.bringBackLeftOnes();
    const leaving = woken.leaving([{ tabId: 5, url: 'https://data.tco.re/explore/' }]);
    expect(await back).toBe(1);
    await leaving;
    expect(navigated).toEqual(['1 https://data.tco.re/']);
    expect(await noteOf(area)).toEqual(['5']);
  });

  it('settles once the tabs brought back show their page, so a clear of this wake finds them', async () => {
    const { navigated, wake, show } = setup({ 1: { url: undefined } }, { slow: true, comeBackWaitMs: 10_000 });
    await wake().leaving([{ tabId: 1, url: 'https://data.tco.re/' }]);
    const woken = wake();
    // Before the bring-back started (or with none), nothing to wait for.
    await woken.settled();
    const back = woken.bringBackLeftOnes();
    let settled = false;
    void woken.settled().then(() => (settled = true));
    await expect.poll(() => navigated).toEqual(['1 https://data.tco.re/']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    show(1);
    expect(await back).toBe(1);
    await expect.poll(() => settled).toBe(true);
  });
});

describe('tabs away stored of another shape (review of 2026-12-06)', () => {
  it('reads an entry of another shape as none, and brings back the good ones beside it', async () => {
    const { area, navigated, clock, wake } = setup({ 3: { url: undefined } });
    await area.write({ [tabsAwayItem.key]: '{"7":null,"8":{"url":5,"at":1},"9":{"url":"https://data.tco.re/","at":"soon"}}' });
    await wake().leaving([{ tabId: 3, url: 'https://data.tco.re/explore/' }]);
    expect(await noteOf(area)).toEqual(['3']);
    clock.now += LEAVE_WAIT_MS + 1;
    expect(await wake().bringBackLeftOnes()).toBe(1);
    expect(navigated).toEqual(['3 https://data.tco.re/explore/']);
  });

  it('reads a value that is no map of tabs as none: the tabs a clear takes away are noted all the same', async () => {
    for (const stored of ['5', '[]', '"x"', 'null', 'true']) {
      const { area, wake } = setup();
      await area.write({ [tabsAwayItem.key]: stored });
      await wake().leaving([{ tabId: 3, url: 'https://data.tco.re/explore/' }]);
      expect(await tabsAwayItem.get(area)).toEqual({ 3: { url: 'https://data.tco.re/explore/', at: 1_000_000 } });
    }
  });
});

describe('a tab taken back', () => {
  it('resolves once it shows a page of its site; false when the tab is gone; gives up after its limit', async () => {
    const { deps, show, navigated } = setup({}, { slow: true });
    const back = comeBack(deps, { tabId: 1, url: 'https://data.tco.re/explore/' }, 10_000);
    await expect.poll(() => navigated).toEqual(['1 https://data.tco.re/explore/']);
    show(1);
    expect(await back).toBe(true);
    expect(await comeBack({ ...deps, navigateTab: async () => false }, { tabId: 2, url: 'https://data.tco.re/' }, 1_000)).toBe(false);
    // Never shown: waited for only so long (it counts as taken back: the browser took the address).
    expect(await comeBack(deps, { tabId: 3, url: 'https://data.tco.re/' }, 10)).toBe(true);
  });
});

describe('the address a tab is brought back to', () => {
  it('is without path parameters: a servlet container’s `;jsessionid=…` is the session cookie’s value', () => {
    expect(addressToBringBack('https://data.tco.re/app;jsessionid=9F1C0FFEE/cart;v=2/view')).toBe('https://data.tco.re/app/cart/view');
    expect(addressToBringBack('https://data.tco.re/explore/')).toBe('https://data.tco.re/explore/');
  });

  it('is without the query parameters that carry a session id, name and value, whatever their case or escapes', () => {
    expect(addressToBringBack('https://x.fr/?PHPSESSID=abc123')).toBe('https://x.fr/');
    expect(
      addressToBringBack(
        'https://x.fr/?SID=1&side=2&ASP.NET_SessionId=3&ASPSESSIONIDQQ=4&jsessionid=5&session-id=6&%50HPSESSID=7&MATOMO_SESSID=8&CFID=9&CFTOKEN=10&consid=11',
      ),
    ).toBe('https://x.fr/?side=2&consid=11');
  });

  it('keeps the page’s other query parameters and its fragment exactly as written: they are the page the person was on', () => {
    const explore = 'https://data.tco.re/explore/dataset/arbres/map/?q=&refine.theme=Environnement&location=12,43.6,1.4&sort=-x#table';
    expect(addressToBringBack(explore)).toBe(explore);
    expect(addressToBringBack('https://x.fr/a?b&q=a+b&r=%zz')).toBe('https://x.fr/a?b&q=a+b&r=%zz');
    // A parameter that followed a dropped one takes the separator that came before it.
    expect(addressToBringBack('https://x.fr/cart?q=a+b&PHPSESSID=abc;x=1&sort=-x#map')).toBe('https://x.fr/cart?q=a+b&x=1&sort=-x#map');
    expect(addressToBringBack('https://x.fr/?sid=1&q=2')).toBe('https://x.fr/?q=2');
  });

  it('is read by the URL parser alone: what it throws on is cut at its query, even where URL.canParse says yes', () => {
    // Node 20's canParse, once optimised, says yes to some text the parser throws on.
    const canParse = vi.spyOn(URL, 'canParse').mockReturnValue(true);
    try {
      expect(addressToBringBack('https://Ã¨/a;jsessionid=9F1C?sid=1#x')).toBe('https://Ã¨/a');
    } finally {
      canParse.mockRestore();
    }
  });
});
