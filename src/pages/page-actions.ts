/**
 * What the popup page does to the outside world beyond the platform's calls: which site it
 * shows, how a report is saved, and asking for the first report as early as possible. main.tsx
 * wires these to the platform; tests pass fakes.
 */
import type { SiteQuery, SiteView } from '../core/message-contract.ts';
import { webHost } from '../core/portals.ts';
import type { ExportedFile } from '../core/report/export.ts';
import { FIRST_PAGE } from '../core/message-contract.ts';
import type { ReportFirst } from '../core/report/report-page.ts';
import type { TabSite } from '../platform/tabs.ts';

/**
 * The site to show: `?host=HOST` (and `&store=ID`) when the page names one (a full-tab view for
 * debugging, and for tests), else the active tab's; null when that is no web site.
 */
export async function siteOfPage(params: URLSearchParams, activeTab: () => Promise<TabSite | undefined>): Promise<SiteQuery | null> {
  const named = siteNamedByPage(params);
  if (named) return named;
  const tab = await activeTab();
  const host = webHost(tab?.url);
  return host ? { host, ...(tab?.storeId ? { storeId: tab.storeId } : {}) } : null;
}

/** The site `?host=HOST` (and `&store=ID`) names, known at once; undefined when the page names none. */
export function siteNamedByPage(params: URLSearchParams): SiteQuery | undefined {
  const requested = params.get('host')?.trim().toLowerCase();
  return requested ? { host: requested, ...(params.get('store') ? { storeId: params.get('store')! } : {}) } : undefined;
}

/** Saves a file through the browser's download: a link to it, clicked. */
export function downloadFile(
  file: ExportedFile,
  doc: Document = document,
  later: (run: () => void, ms: number) => void = setTimeout,
): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = Object.assign(doc.createElement('a'), { href: url, download: file.filename });
  doc.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the blob URL goes.
  later(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Asks for the first site's report now, before Preact mounts: at once when the site is known
 * (`?host=`), else as soon as the active tab is. The first `loadSite` call gets that answer (its
 * first page, `first`), later calls ask again.
 */
export function preloadFirstView(
  firstSite: SiteQuery | null | Promise<SiteQuery | null>,
  getReport: (query: SiteQuery, first?: ReportFirst) => Promise<SiteView>,
  first: ReportFirst | undefined = FIRST_PAGE,
): (query: SiteQuery, first?: ReportFirst) => Promise<SiteView> {
  const ask = (query: SiteQuery | null) => (query ? getReport(query, first) : Promise.resolve(null));
  // Let go once taken: held here, the first page would stay in memory as long as the page.
  let firstView: Promise<SiteView | null> | null = firstSite instanceof Promise ? firstSite.then(ask) : ask(firstSite);
  return (query, wanted) => {
    const taken = firstView;
    firstView = null;
    return taken ? taken.then((view) => view ?? getReport(query, wanted)) : getReport(query, wanted);
  };
}
