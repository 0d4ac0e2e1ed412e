import { describe, expect, it } from 'vitest';
import { createBadgeScheduler } from '../../src/background/badge-scheduler.ts';
import { BADGE_COLORS } from '../../src/background/findings-badge.ts';
import type { TabSite } from '../../src/platform/tabs.ts';
import { finding, report } from '../support/reports.ts';

const portalTab: TabSite = { tabId: 1, url: 'https://data.tco.re/explore/', storeId: undefined };
const otherTab: TabSite = { tabId: 2, url: 'https://example.org/', storeId: undefined };
const privateTab: TabSite = { tabId: 3, url: 'https://data.tco.re/', storeId: 'firefox-private' };
/** Its address hidden from us (a site we may not see). */
const hiddenTab: TabSite = { tabId: 4, url: undefined, storeId: undefined };

function setup({ access = true, reportWait = async (): Promise<void> => undefined } = {}) {
  const badges: Array<[number, string, string]> = [];
  const asked: string[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const scheduler = createBadgeScheduler({
    isTracked: (host) => host === 'data.tco.re',
    hasAccess: async () => access,
    reports: {
      resolve: async (query) => ({ host: query.host, storeId: query.storeId ?? '0' }),
      report: async (host, storeId) => {
        asked.push(`${storeId}|${host}`);
        await reportWait();
        return report([], {
          findings: [finding({ kind: 'before-consent', cookie: '_ga' }), finding({ kind: 'not-seen', cookie: '_pk_id.' })],
        });
      },
    },
    tabs: async () => [portalTab, otherTab, privateTab, hiddenTab],
    setTabBadge: async (tabId, text, color) => void badges.push([tabId, text, color]),
    setTimeout: (run, ms) => void timers.push({ run, ms }),
  });
  return { scheduler, badges, asked, timers };
}

describe('badge scheduler', () => {
  it('shows a portal tab’s findings, coloured by the most serious, from the tab’s own cookie store', async () => {
    const { scheduler, badges, asked } = setup();
    await scheduler.refresh(portalTab);
    await scheduler.refresh(privateTab);
    expect(badges).toEqual([
      [1, '2', BADGE_COLORS.high],
      [3, '2', BADGE_COLORS.high],
    ]);
    expect(asked).toEqual(['0|data.tco.re', 'firefox-private|data.tco.re']);
  });

  it('clears the badge of a site it does not record, or a tab without a web page', async () => {
    const { scheduler, badges, asked } = setup();
    await scheduler.refresh(otherTab);
    await scheduler.refresh({ tabId: 4, url: undefined, storeId: undefined });
    expect(badges).toEqual([
      [2, '', ''],
      [4, '', ''],
    ]);
    expect(asked).toEqual([]);
  });

  it('clears the badge of a portal the extension may no longer see, as its popup shows no findings there', async () => {
    const { scheduler, badges, asked } = setup({ access: false });
    await scheduler.refresh(portalTab);
    expect(badges).toEqual([[1, '', '']]);
    expect(asked).toEqual([]);
  });

  it('never writes a refresh’s badge over a later one’s for the same tab', async () => {
    let endReport!: () => void;
    const { scheduler, badges } = setup({ reportWait: () => new Promise<void>((resolve) => (endReport = resolve)) });
    const portal = scheduler.refresh(portalTab);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The tab moved on to a site the worker does not record while its portal's report was built.
    await scheduler.refresh({ ...otherTab, tabId: portalTab.tabId });
    endReport();
    await portal;
    expect(badges).toEqual([[1, '', '']]);
  });

  it('writes nothing for a tab closed while its report was built: its refresh is dropped, not a failure', async () => {
    let endReport!: () => void;
    const open = new Set([1]);
    const scheduler = createBadgeScheduler({
      isTracked: () => true,
      hasAccess: async () => true,
      reports: {
        resolve: async (query) => ({ host: query.host, storeId: query.storeId ?? '0' }),
        report: async () => {
          await new Promise<void>((resolve) => (endReport = resolve));
          return report([], { findings: [finding({ kind: 'before-consent', cookie: '_ga' })] });
        },
      },
      tabs: async () => [],
      // As chrome.action.setBadgeText answers for a tab that is gone.
      setTabBadge: async (tabId) => {
        if (!open.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
      },
      setTimeout: () => undefined,
    });
    const refreshed = scheduler.refresh(portalTab);
    await new Promise((resolve) => setTimeout(resolve, 0));
    open.delete(1);
    scheduler.tabClosed(1);
    endReport();
    await expect(refreshed).resolves.toBeUndefined();
  });

  it('clears the badge of a tab whose address the browser hides once its site’s grant is removed', async () => {
    // Without the `tabs` permission the browser hides the address of a site we may no longer see.
    let granted = true;
    const badges: Array<[number, string]> = [];
    const timers: Array<() => void> = [];
    const scheduler = createBadgeScheduler({
      isTracked: () => granted,
      hasAccess: async () => granted,
      reports: {
        resolve: async (query) => ({ host: query.host, storeId: query.storeId ?? '0' }),
        report: async () => report([], { findings: [finding({ kind: 'before-consent', cookie: '_ga' })] }),
      },
      tabs: async () => [{ tabId: 1, url: granted ? 'https://data.tco.re/explore/' : undefined, storeId: undefined }],
      setTabBadge: async (tabId, text) => void badges.push([tabId, text]),
      setTimeout: (run) => void timers.push(run),
    });
    scheduler.schedule();
    timers.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The grant removed: the worker's onHostAccessChanged schedules a refresh.
    granted = false;
    scheduler.schedule();
    timers.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badges).toEqual([
      [1, '1'],
      [1, ''],
    ]);
  });

  it('refreshes every tab once after a burst of changes', async () => {
    const { scheduler, badges, timers } = setup();
    for (let i = 0; i < 50; i++) scheduler.schedule();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(150);
    expect(badges).toEqual([]);
    timers[0]!.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badges.map(([tabId]) => tabId).sort()).toEqual([1, 2, 3, 4]);
    expect(badges.find(([tabId]) => tabId === 4)).toEqual([4, '', '']);
    // The next burst gets its own refresh.
    scheduler.schedule();
    expect(timers).toHaveLength(2);
  });
});
