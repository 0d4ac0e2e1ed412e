import { describe, expect, it } from 'vitest';
import { boundSite, boundTabId, siteOfTab } from '../../src/pages/tab-site.ts';
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
