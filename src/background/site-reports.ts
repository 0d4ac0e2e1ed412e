import { isStale, type LiveCharterRecord } from '../core/charter/live-record.ts';
import { isFirstPage, type SiteQuery, type SiteView } from '../core/message-contract.ts';
import { isPortalHost } from '../core/portals.ts';
import { BUNDLED_PORTAL_HOSTS } from '../core/registry/bundled.ts';
import type { Registry } from '../core/registry/registry.ts';
import type { ConsentRun } from '../core/report/compare-runs.ts';
import { createReportMemo, type ReportMemo } from '../core/report/report-memo.ts';
import type { Report, StoreLosses } from '../core/report/report.ts';
import { createFirstPages, type ReportFirst } from '../core/report/report-page.ts';
import { pageKey } from '../core/storage/session-items.ts';
import type { LiveCharters } from './live-charters.ts';
import type { Recorder } from './recorder.ts';
import type { SiteStore } from './site-store.ts';

/** A site named by a request, normalised. */
export type ResolvedSite = { host: string; storeId: string };

/** The view of a site the extension may not see. */
export type NoAccessView = Extract<SiteView, { kind: 'no-access' }>;

/** What the report of a site is made from. */
export type SiteReportsDeps = {
  /** The site records, read in the recorder's turn (after the changes heard before). */
  recorder: Pick<Recorder, 'withSite'>;
  /** Changes whenever a site's record does (SiteStore.revision). */
  recordRevision: (host: string, storeId: string) => number;
  /** The sites' live charters. */
  liveCharters: Pick<LiveCharters, 'get' | 'refresh' | 'pending'>;
  /** The bundled registry, built when first needed. */
  registry: () => Promise<Registry>;
  /** What the store could not keep. */
  storageStatus: () => StoreLosses;
  /** Whether the extension may see `host`'s cookies. */
  hasHostAccess: (host: string) => Promise<boolean>;
  /** The normal windows' cookie store, for a request that names none. */
  defaultStoreId: () => Promise<string>;
  /** Hears that a live charter read in the background was stored (the badges follow it). */
  onCharterRead: () => void;
  /** The run kept to compare the site's next one with (consent-runs.ts); none when absent, or when it fails. */
  savedRun?: (host: string, storeId: string) => Promise<ConsentRun | null>;
  /** Whether `host` is a known portal. */
  isPortal?: (host: string) => boolean;
  /** The clock. */
  now?: () => number;
  /** The reports built so far (a memo of its own by default). */
  memo?: ReportMemo;
  /** Where each site's first page is kept for pages to read without asking (the store); not kept without it. */
  pages?: Pick<SiteStore, 'pageTicket' | 'putPage' | 'hasPage'>;
  /** Runs `task` once the answer at hand is sent (tests run it at once). */
  afterAnswer?: (task: () => void) => void;
};

/** Reports of sites, as the popup, the exports and the badges ask for them. */
export type SiteReports = {
  /** Normalises a query: lower-case host, and the default cookie store when none is named ('' names none, as in `sameSite`). */
  resolve(query: SiteQuery): Promise<ResolvedSite>;
  /** What the popup shows of a site the extension may not see; null when it may. */
  noAccess(host: string): Promise<NoAccessView | null>;
  /** What the popup shows of a site: its report (only its first page with `first`), or that the extension has no access to it. */
  view(query: SiteQuery & { first?: ReportFirst }): Promise<SiteView>;
  /** The report of a site, against its live charter when one was read. */
  report(host: string, storeId: string): Promise<Report>;
  /**
   * Starts loading what every report needs (the registry) and returns at once: a request that
   * woke the worker has it loading while the worker restores its state, not after.
   */
  prepare(): void;
};

/**
 * Each report is built once and kept until the site's record, its live charter or the registry
 * changes (core/report/report-memo.ts): opening the popup again costs the transfer and the render.
 * The memo is a cache of what storage.session holds, never the source of truth: a worker that
 * restarts starts with none and builds each report at its first ask.
 */
export function createSiteReports(deps: SiteReportsDeps): SiteReports {
  const isPortal = deps.isPortal ?? ((host: string) => isPortalHost(host, BUNDLED_PORTAL_HOSTS));
  const now = deps.now ?? Date.now;
  const memo = deps.memo ?? createReportMemo();
  const firstPageOf = createFirstPages();
  /**
   * The pages (pageKey) kept from each build of a report, by its cookies (the same array while
   * the memo reuses it): the memo builds again at the same revision once a cookie has expired,
   * and the page kept from the build before would show it present at every open till the record changed.
   */
  const pagesKeptFrom = new WeakMap<readonly unknown[], Set<string>>();
  const afterAnswer = deps.afterAnswer ?? ((task: () => void) => void setTimeout(task, 0));

  async function resolve(query: SiteQuery): Promise<ResolvedSite> {
    return { host: query.host.trim().toLowerCase(), storeId: query.storeId || (await deps.defaultStoreId()) };
  }

  const noAccessView = (host: string): NoAccessView => ({ kind: 'no-access', host, portal: isPortal(host) });

  /** The record and its revision are read together, in the recorder's turn: no change comes between. */
  function reportOf(
    host: string,
    storeId: string,
    live: LiveCharterRecord | null,
    base: Registry,
  ): Promise<{ report: Report; revision: number }> {
    return deps.recorder.withSite(host, storeId, (site) => {
      const revision = deps.recordRevision(host, storeId);
      const report = memo.report({ site, revision, base, live, now: now(), losses: deps.storageStatus() });
      return { report, revision };
    });
  }

  return {
    resolve,
    async noAccess(host) {
      return (await deps.hasHostAccess(host)) ? null : noAccessView(host);
    },
    async view(query) {
      const { host, storeId } = await resolve(query);
      // Before anything the page is built from is read: a change meanwhile drops the page.
      const ticket = deps.pages?.pageTicket() ?? -1;
      // Independent reads, in parallel: the popup waits for this answer. A kept run that cannot be
      // read is none (consent-runs.ts checks its shape): the site's report shows all the same.
      const [access, live, base, savedRun] = await Promise.all([
        deps.hasHostAccess(host),
        deps.liveCharters.get(host),
        deps.registry(),
        deps.savedRun?.(host, storeId).catch(() => null) ?? null,
      ]);
      if (!access) return noAccessView(host);
      // First look at a site, or its live charter (or failure) stale: read it in the background, the
      // one kept shown meanwhile (charterPending); the popup follows the storage change. One fetch per
      // host at a time: refresh joins the one under way.
      const readNow = isStale(live ?? undefined, now());
      if (readNow)
        void deps.liveCharters.refresh(host).then(
          () => deps.onCharterRead(),
          () => undefined,
        );
      const { report, revision } = await reportOf(host, storeId, live, base);
      const page = query.first ? firstPageOf(report, query.first) : null;
      const view: SiteView = {
        kind: 'report',
        report: page?.report ?? report,
        // This read, and any other under way (another page's "Check again"): each ends in a storage change the page hears.
        charterPending: readNow || deps.liveCharters.pending(host),
        ...(savedRun ? { savedRun } : {}),
        ...(page ? { partial: page.totals } : {}),
      };
      // The page a popup shows first, kept for the next to read at once (after this answer leaves).
      const pages = deps.pages;
      const key = pageKey(query.storeId, host);
      const keptFrom = pagesKeptFrom.get(report.cookies) ?? new Set<string>();
      if (pages && isFirstPage(query.first) && !(pages.hasPage(key, storeId, host, revision) && keptFrom.has(key))) {
        keptFrom.add(key);
        pagesKeptFrom.set(report.cookies, keptFrom);
        afterAnswer(() => pages.putPage(key, storeId, host, revision, ticket, JSON.stringify(view)));
      }
      return view;
    },
    prepare() {
      // A failure shows when a report asks for it (and is tried again then).
      deps.registry().catch(() => undefined);
    },
    async report(host, storeId) {
      const [live, base] = await Promise.all([deps.liveCharters.get(host), deps.registry()]);
      return (await reportOf(host, storeId, live, base)).report;
    },
  };
}
