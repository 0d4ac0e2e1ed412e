import { describe, expect, it } from 'vitest';
import { boundSite, boundTabId, siteFoundEarly, siteOfTab } from '../../src/pages/tab-site.ts';
import { SiteNotFound } from '../../src/views/site-not-found.ts';
import { t } from '../support/render-app.tsx';

describe('boundTabId', () => {
  it('takes DevTools’ inspected tab first, then ?tabId=N, else none', () => {
    expect(boundTabId(7, new URLSearchParams('tabId=3'), t)).toBe(7);
    expect(boundTabId(null, new URLSearchParams('tabId=3'), t)).toBe(3);
    expect(boundTabId(null, new URLSearchParams('tabId=%203%20'), t)).toBe(3);
    expect(boundTabId(null, new URLSearchParams('host=data.tco.re'), t)).toBeNull();
  });

  it('says plainly when ?tabId is no tab number', () => {
    for (const raw of ['abc', '-1', '1.5', '', '1e3', '9'.repeat(20)]) {
      expect(() => boundTabId(null, new URLSearchParams({ tabId: raw }), t), raw).toThrow(SiteNotFound);
    }
    expect(() => boundTabId(null, new URLSearchParams('tabId=<b>x</b>'), t)).toThrow('badTabId <b>x</b>');
  });
});

describe('siteOfTab', () => {
  it('gives the tab’s site in its store, null when it shows none, and says when there is no such tab', async () => {
    expect(await siteOfTab(3, async () => ({ kind: 'site', host: 'data.tco.re' }), t)()).toEqual({ host: 'data.tco.re' });
    expect(await siteOfTab(3, async () => ({ kind: 'site', host: 'data.tco.re', storeId: 'firefox-container-1' }), t)()).toEqual({
      host: 'data.tco.re',
      storeId: 'firefox-container-1',
    });
    expect(await siteOfTab(3, async () => ({ kind: 'no-site' }), t)()).toBeNull();
    await expect(siteOfTab(999, async () => ({ kind: 'no-tab' }), t)()).rejects.toThrow(new SiteNotFound('unknownTab 999'));
  });
});

describe('boundSite', () => {
  const ask = async (tabId: number) => (tabId === 3 ? ({ kind: 'site', host: 'data.tco.re' } as const) : ({ kind: 'no-tab' } as const));

  it('binds to ?host first, then to the inspected tab or ?tabId, else to nothing', async () => {
    const byHost = boundSite(new URLSearchParams('host=ITIE.opendatasoft.com&store=1&tabId=3'), 3, ask, t)!;
    expect(byHost.tabId).toBeNull();
    expect(await byHost.findSite()).toEqual({ host: 'itie.opendatasoft.com', storeId: '1' });
    const byTab = boundSite(new URLSearchParams('tabId=3'), null, ask, t)!;
    expect(byTab.tabId).toBe(3);
    expect(await byTab.findSite()).toEqual({ host: 'data.tco.re' });
    expect(boundSite(new URLSearchParams(), null, ask, t)).toBeNull();
  });

  it('finds no site, plainly, for a bad address or a tab that is gone', async () => {
    await expect(boundSite(new URLSearchParams('tabId=abc'), null, ask, t)!.findSite()).rejects.toThrow('badTabId abc');
    await expect(boundSite(new URLSearchParams('tabId=999'), null, ask, t)!.findSite()).rejects.toThrow('unknownTab 999');
  });
});

describe('siteFoundEarly', () => {
  /** A window whose shown site changes by hand: `show` changes it and tells the watchers. */
  function window(initial: string) {
    let shown = initial;
    const watchers = new Set<() => void>();
    const calls: string[] = [];
    return {
      calls,
      watchers,
      show(host: string) {
        shown = host;
        for (const watcher of [...watchers]) watcher();
      },
      findSite: () => {
        calls.push(`find ${shown}`);
        return Promise.resolve({ host: shown });
      },
      watch: (listener: () => void) => {
        calls.push('watch');
        watchers.add(listener);
        return () => void watchers.delete(listener);
      },
    };
  }

  it('hands the site found at open to the first ask, then finds it afresh', async () => {
    const win = window('data.tco.re');
    const found = siteFoundEarly(win.findSite, win.watch);
    // Watched from before the first find: a change between the two is not missed.
    expect(win.calls).toEqual(['watch', 'find data.tco.re']);
    expect(await found.first).toEqual({ host: 'data.tco.re' });
    expect(await found.findSite()).toEqual({ host: 'data.tco.re' });
    expect(win.calls).toHaveLength(2);
    win.show('itie.opendatasoft.com');
    expect(await found.findSite()).toEqual({ host: 'itie.opendatasoft.com' });
  });

  it('finds the site afresh when the window showed another tab before the first ask', async () => {
    const win = window('data.tco.re');
    const found = siteFoundEarly(win.findSite, win.watch);
    expect(await found.first).toEqual({ host: 'data.tco.re' });
    win.show('itie.opendatasoft.com');
    expect(await found.findSite()).toEqual({ host: 'itie.opendatasoft.com' });
  });

  it('stops watching at the first ask: the page hears later changes itself', async () => {
    const win = window('data.tco.re');
    const found = siteFoundEarly(win.findSite, win.watch);
    expect(win.watchers.size).toBe(1);
    await found.findSite();
    expect(win.watchers.size).toBe(0);
  });

  it('hands the first site over without watching for a page bound to its site', async () => {
    const win = window('data.tco.re');
    const found = siteFoundEarly(win.findSite, null);
    win.show('itie.opendatasoft.com');
    expect(await found.findSite()).toEqual({ host: 'data.tco.re' });
    expect(win.calls).toEqual(['find data.tco.re']);
  });
});
