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
  const requested = params.get('host')?.trim().toLowerCase();
  if (requested) return { host: requested, ...(params.get('store') ? { storeId: params.get('store')! } : {}) };
  const tab = await activeTab();
  const host = webHost(tab?.url);
  return host ? { host, ...(tab?.storeId ? { storeId: tab.storeId } : {}) } : null;
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
 * Asks for the first site's report now, while Preact mounts, not in the App's first effect
 * (which runs only after a frame): the first `loadSite` call gets that answer (its first page,
 * `first`), later calls ask again.
 */
export function preloadFirstView(
  firstSite: Promise<SiteQuery | null>,
  getReport: (query: SiteQuery, first?: ReportFirst) => Promise<SiteView>,
  first: ReportFirst | undefined = FIRST_PAGE,
): (query: SiteQuery, first?: ReportFirst) => Promise<SiteView> {
  // Let go once taken: held here, the first page would stay in memory as long as the page.
  let firstView: Promise<SiteView | null> | null = firstSite.then((query) => (query ? getReport(query, first) : null));
  return (query, wanted) => {
    const taken = firstView;
    firstView = null;
    return taken ? taken.then((view) => view ?? getReport(query, wanted)) : getReport(query, wanted);
  };
}
