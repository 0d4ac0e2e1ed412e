import type { LiveCharterRecord } from '../core/charter/live.ts';
import { isCharterDraftFormat, type Handlers, type SiteQuery } from '../core/message-contract.ts';
import { webHost } from '../core/portals.ts';
import { acceptThenRefuse } from '../core/report/compare-runs.ts';
import type { Translate } from '../core/ui-strings.ts';
import type { TabSite } from '../platform/tabs.ts';
import type { ClearSite } from './clear-site.ts';
import type { ConsentRuns } from './consent-runs.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { LaterParts } from './later-parts-script.ts';
import type { NetworkLogs } from './network-logs.ts';
import type { NoAccessView, ResolvedSite, SiteReports } from './site-reports.ts';

/** What the worker's answers are made from. */
export type HandlerDeps = {
  /** Resolves once state is restored: every handler waits on it. */
  ready: Promise<void>;
  /** The browser's language's messages, for the errors a page shows as they are. */
  translate: Translate;
  /** Reports of sites. */
  reports: Pick<SiteReports, 'resolve' | 'view' | 'prepare' | 'noAccess'>;
  /** Whether the browser has cookie store `storeId` (a page may name one whose private windows closed, or none at all). */
  hasCookieStore: (storeId: string) => Promise<boolean>;
  /** Deletes a site's cookies and starts its record afresh (clear-site.ts); resolves to how many were deleted. */
  clearSite: ClearSite;
  /** Reads a site's live charter now. */
  refreshCharter: (host: string) => Promise<LiveCharterRecord>;
  /** Refreshes the badges once the current burst of changes is over. */
  scheduleBadgeRefresh: () => void;
  /** How the worker is doing (every record read to count them). */
  diagnostics: () => Promise<Diagnostics>;
  /** The runs kept for comparison (and drafted from with the run after them). */
  consentRuns: Pick<ConsentRuns, 'save' | 'drop' | 'savedReport'>;
  /** A tab, or undefined when there is none of that id. */
  tab: (tabId: number) => Promise<TabSite | undefined>;
  /** What DevTools heard in tabs. */
  networkLogs: Pick<NetworkLogs, 'note' | 'get'>;
  /** The browser's version (runtime.getBrowserInfo), or null where it has none. */
  browserVersion: () => Promise<string | null>;
  /** The exports, loaded when first asked for (the worker's second script: later-parts.ts). */
  exports: () => Promise<Pick<LaterParts, 'exportReport' | 'exportCharterDraft'>>;
};

/** The worker's answer to every request of the message contract. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { ready, reports } = deps;
  // Errors a page shows as they are ("Could not …: <this>"): in the browser's language, as the access prompt says them.
  const noAccessText = (view: NoAccessView) => deps.translate(view.portal ? 'noAccessPortal' : 'noAccessSite', view.host);

  /** The site `query` names, in a store the browser has: a store it has not would get a record, and an empty report, of its own. */
  async function siteIn(query: SiteQuery): Promise<ResolvedSite> {
    const site = await reports.resolve(query);
    if (query.storeId && !(await deps.hasCookieStore(site.storeId))) throw new Error(deps.translate('unknownCookieStore', site.storeId));
    return site;
  }

  /** The site `query` names, which the extension may see: its cookies cannot be cleared, nor its charter read, otherwise. */
  async function visibleSite(query: SiteQuery): Promise<ResolvedSite> {
    const site = await siteIn(query);
    const refused = await reports.noAccess(site.host);
    if (refused) throw new Error(noAccessText(refused));
    return site;
  }

  return {
    async getReport(query) {
      // A popup opened on a stopped worker: the registry loads while the state is restored.
      reports.prepare();
      await ready;
      await siteIn(query);
      return reports.view(query);
    },
    async clearSite({ reloadTabs = false, saveRun = false, ...query }) {
      await ready;
      const { host, storeId } = await visibleSite(query);
      // Kept before the clear starts the record afresh: the run recorded so far, to compare the next
      // one with. Only by the ask that starts the clear: one that shares it (another page, a second
      // click) would keep the restarted, empty record over that run, or drop it; the first ask's choice holds.
      const keepOrDrop = () => (saveRun ? deps.consentRuns.save(host, storeId) : deps.consentRuns.drop(host, storeId));
      const removed = await deps.clearSite(host, storeId, reloadTabs, keepOrDrop);
      deps.scheduleBadgeRefresh();
      return { removed };
    },
    async exportReport({ format, language, host, storeId }) {
      // Only the site's params reach the report: anything else the request carries (a `first`,
      // which pages getReport's) would shorten the export, which is always the whole report.
      const query: SiteQuery = storeId === undefined ? { host } : { host, storeId };
      reports.prepare();
      await ready;
      await siteIn(query);
      const view = await reports.view(query);
      // Shown in the page's "Export failed: …".
      if (view.kind !== 'report') throw new Error(noAccessText(view));
      const { exportCharterDraft, exportReport } = await deps.exports();
      if (isCharterDraftFormat(format)) {
        // After "Record the other choice", drafted from both runs, as the audit's `--consent both` is.
        const saved = await deps.consentRuns.savedReport(view.report.host, view.report.storeId);
        const both = saved && acceptThenRefuse(saved, view.report);
        return exportCharterDraft(both ?? [view.report], format, language);
      }
      return exportReport(view.report, format);
    },
    async getDiagnostics() {
      await ready;
      return deps.diagnostics();
    },
    async siteOfTab({ tabId }) {
      await ready;
      const tab = await deps.tab(tabId);
      if (!tab) return { kind: 'no-tab' };
      const host = webHost(tab.url);
      return host ? { kind: 'site', host, ...(tab.storeId ? { storeId: tab.storeId } : {}) } : { kind: 'no-site' };
    },
    async noteNetwork({ tabId, openedAt, responses }) {
      await ready;
      const kept = await deps.networkLogs.note(tabId, openedAt, responses);
      return kept === null ? { kind: 'no-tab' } : { kind: 'noted', kept };
    },
    async getNetworkLog({ tabId }) {
      await ready;
      return deps.networkLogs.get(tabId);
    },
    // Not after `ready`: no state of the worker's is read, and the DevTools page holds what it hears until this answer.
    getBrowserVersion: () => deps.browserVersion(),
    async refreshCharter(query) {
      await ready;
      const { host } = await visibleSite(query);
      const record = await deps.refreshCharter(host);
      deps.scheduleBadgeRefresh();
      // Not ok when this read failed, even if the charter read before it is kept (failedAt).
      return { ok: record.charter !== null && record.failedAt === undefined };
    },
  };
}
