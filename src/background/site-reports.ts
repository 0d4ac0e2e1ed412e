import type { LiveCharterRecord } from '../core/charter/live.ts';
import type { SiteQuery, SiteView } from '../core/message-contract.ts';
import { isPortalHost } from '../core/portals.ts';
import { BUNDLED_PORTAL_HOSTS } from '../core/registry/bundled.ts';
import type { Registry } from '../core/registry/registry.ts';
import type { ConsentRun } from '../core/report/compare-runs.ts';
import { buildReport, type Report, type StoreLosses } from '../core/report/report.ts';
import { siteRegistry } from '../core/report/site-charter.ts';
import type { LiveCharters } from './live-charters.ts';
import type { Recorder } from './recorder.ts';

/** A site named by a request, normalised. */
export type ResolvedSite = { host: string; storeId: string };

/** What the report of a site is made from. */
export type SiteReportsDeps = {
  /** The site records. */
  recorder: Pick<Recorder, 'site'>;
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
  /** The run kept to compare the site's next one with (consent-runs.ts); none when absent. */
  savedRun?: (host: string, storeId: string) => Promise<ConsentRun | null>;
  /** Whether `host` is a known portal. */
  isPortal?: (host: string) => boolean;
  /** The clock. */
  now?: () => number;
};

/** Reports of sites, as the popup, the exports and the badges ask for them. */
export type SiteReports = {
  /** Normalises a query: lower-case host, and the default cookie store when none is named. */
  resolve(query: SiteQuery): Promise<ResolvedSite>;
  /** What the popup shows of a site: its report, or that the extension has no access to it. */
  view(query: SiteQuery): Promise<SiteView>;
  /** The report of a site, against its live charter when one was read. */
  report(host: string, storeId: string): Promise<Report>;
};

export function createSiteReports(deps: SiteReportsDeps): SiteReports {
  const isPortal = deps.isPortal ?? ((host: string) => isPortalHost(host, BUNDLED_PORTAL_HOSTS));
  const now = deps.now ?? Date.now;

  async function resolve(query: SiteQuery): Promise<ResolvedSite> {
    return { host: query.host.trim().toLowerCase(), storeId: query.storeId ?? (await deps.defaultStoreId()) };
  }

  function reportOf(host: string, storeId: string, live: LiveCharterRecord | null, base: Registry): Report {
    const site = deps.recorder.site(host, storeId);
    const names = Object.values(site.cookies).map((cookie) => cookie.name);
    return buildReport(site, siteRegistry(base, host, live, names), now(), live, deps.storageStatus());
  }

  return {
    resolve,
    async view(query) {
      const { host, storeId } = await resolve(query);
      // Independent reads, in parallel: the popup waits for this answer.
      const [access, live, base, savedRun] = await Promise.all([
        deps.hasHostAccess(host),
        deps.liveCharters.get(host),
        deps.registry(),
        deps.savedRun?.(host, storeId) ?? null,
      ]);
      if (!access) return { kind: 'no-access', host, portal: isPortal(host) };
      // First look at a site: read its live charter in the background; the popup follows the storage change.
      if (!live)
        void deps.liveCharters.refresh(host).then(
          () => deps.onCharterRead(),
          () => undefined,
        );
      return {
        kind: 'report',
        report: reportOf(host, storeId, live, base),
        charterPending: deps.liveCharters.pending(host),
        ...(savedRun ? { savedRun } : {}),
      };
    },
    async report(host, storeId) {
      const [live, base] = await Promise.all([deps.liveCharters.get(host), deps.registry()]);
      return reportOf(host, storeId, live, base);
    },
  };
}
