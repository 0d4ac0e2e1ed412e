import { webHost } from '../core/portals.ts';
import type { Report } from '../core/report/report.ts';
import type { TabSite } from '../platform/tabs.ts';
import { badgeFor } from './findings-badge.ts';
import type { SiteReports } from './site-reports.ts';

/** What the badges are made from and written to. */
export type BadgeSchedulerDeps = {
  /** Whether `host` is a site the worker records. */
  isTracked: (host: string) => boolean;
  /** Whether the extension may see `host`'s cookies now: where it may not, the popup shows no findings, nor does the badge. */
  hasAccess: (host: string) => Promise<boolean>;
  /** Reports of sites. */
  reports: Pick<SiteReports, 'resolve' | 'report'>;
  /**
   * Every tab, those whose URL the browser hides included (platform/tabs.ts `everyTab`): a tab
   * whose site's grant was removed shows no address any more, and its badge must still clear.
   */
  tabs: () => Promise<TabSite[]>;
  /** Sets a tab's badge; an empty text clears it. */
  setTabBadge: (tabId: number, text: string, color: string) => Promise<void>;
  /** How long after the first change of a burst the badges are refreshed. */
  delayMs?: number;
  /** The timer (tests pass a fake). */
  setTimeout?: (run: () => void, ms: number) => unknown;
};

/** The toolbar badges of portal tabs: the number of findings, coloured by the most serious. */
export type BadgeScheduler = {
  /** Shows the findings of the tab's site on its badge; clears it on a site the worker does not record. */
  refresh(tab: TabSite): Promise<void>;
  /** Cookie events come in bursts: refreshes every tab's badge once, when the burst is over (a tab whose address is hidden: cleared). */
  schedule(): void;
  /** A tab closed: a refresh of it still under way writes nothing (the browser would refuse a closed tab's badge). */
  tabClosed(tabId: number): void;
};

export function createBadgeScheduler(deps: BadgeSchedulerDeps): BadgeScheduler {
  const { delayMs = 150, setTimeout: startTimer = (run, ms) => setTimeout(run, ms) } = deps;
  // A timer under way, not state: a restarted worker has no burst to wait for.
  let scheduled = false;
  // Each tab's latest refresh (work under way, not state): one that waited on a report must not
  // write over a later one's badge (the tab may show another site by then).
  const latest = new Map<number, number>();
  let refreshes = 0;

  async function refresh(tab: TabSite): Promise<void> {
    const ticket = ++refreshes;
    latest.set(tab.tabId, ticket);
    const write = (text: string, color: string) => {
      if (latest.get(tab.tabId) !== ticket) return Promise.resolve();
      latest.delete(tab.tabId);
      return deps.setTabBadge(tab.tabId, text, color);
    };
    const host = webHost(tab.url);
    if (!host || !deps.isTracked(host) || !(await deps.hasAccess(host))) return write('', '');
    const { storeId } = await deps.reports.resolve({ host, ...(tab.storeId ? { storeId: tab.storeId } : {}) });
    const { findings }: Report = await deps.reports.report(host, storeId);
    const badge = badgeFor(findings);
    await write(badge.text, badge.color);
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    startTimer(() => {
      scheduled = false;
      // Every tab, not only those whose address we see: one whose site's grant was just removed
      // hides its address from then on, and its badge clears (refresh clears a tab with no address).
      void deps.tabs().then((tabs) => Promise.all(tabs.map((tab) => refresh(tab).catch(() => undefined))));
    }, delayMs);
  }

  return { refresh, schedule, tabClosed: (tabId) => void latest.delete(tabId) };
}
