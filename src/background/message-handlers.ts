import type { LiveCharterRecord } from '../core/charter/live.ts';
import { isCharterDraftFormat, type Handlers } from '../core/message-contract.ts';
import { exportCharterDraft } from '../core/draft/draft-export.ts';
import { exportReport } from '../core/report/export.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { SiteReports } from './site-reports.ts';

/** What the worker's answers are made from. */
export type HandlerDeps = {
  /** Resolves once state is restored: every handler waits on it. */
  ready: Promise<void>;
  /** Reports of sites. */
  reports: Pick<SiteReports, 'resolve' | 'view'>;
  /** Deletes a site's cookies and starts its record afresh (clear-site.ts); resolves to how many were deleted. */
  clearSite: (host: string, storeId: string, reloadTabs: boolean) => Promise<number>;
  /** Reads a site's live charter now. */
  refreshCharter: (host: string) => Promise<LiveCharterRecord>;
  /** Refreshes the badges once the current burst of changes is over. */
  scheduleBadgeRefresh: () => void;
  /** How the worker is doing. */
  diagnostics: () => Diagnostics;
};

/** The worker's answer to every request of the message contract. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { ready, reports } = deps;
  return {
    async getReport(query) {
      await ready;
      return reports.view(query);
    },
    async clearSite({ reloadTabs = false, ...query }) {
      await ready;
      const { host, storeId } = await reports.resolve(query);
      const removed = await deps.clearSite(host, storeId, reloadTabs);
      deps.scheduleBadgeRefresh();
      return { removed };
    },
    async exportReport({ format, language, ...query }) {
      await ready;
      const view = await reports.view(query);
      if (view.kind !== 'report') throw new Error(`No access to ${view.host}: nothing is recorded there`);
      return isCharterDraftFormat(format) ? exportCharterDraft([view.report], format, language) : exportReport(view.report, format);
    },
    async getDiagnostics() {
      await ready;
      return deps.diagnostics();
    },
    async refreshCharter(query) {
      await ready;
      const { host } = await reports.resolve(query);
      const record = await deps.refreshCharter(host);
      deps.scheduleBadgeRefresh();
      return { ok: record.charter !== null };
    },
  };
}
