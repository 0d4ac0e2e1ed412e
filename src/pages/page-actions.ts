/**
 * What the popup page does to the outside world beyond the platform's calls: which site it
 * shows, how a report is saved, and asking for the first report as early as possible. main.tsx
 * wires these to the platform; tests pass fakes.
 */
import type { SiteQuery, SiteView } from '../core/message-contract.ts';
import { webHost } from '../core/portals.ts';
import type { ExportedFile } from '../core/report/export.ts';
import { FIRST_PAGE, isFirstPage, sameSite } from '../core/message-contract.ts';
import type { ReportFirst } from '../core/report/report-page.ts';
import type { TabSite } from '../platform/tabs.ts';
import { siteKey, sitePageItem, type SessionArea } from '../core/storage/session-items.ts';
import { markFirst } from '../core/timing-marks.ts';

/**
 * The site to show: `?host=HOST` (and `&store=ID`) when the page names one (a full-tab view for
 * debugging, and for tests), else the active tab's (the page it is loading, if the browser says);
 * null when that is no web site.
 */
export async function siteOfPage(params: URLSearchParams, activeTab: () => Promise<TabSite | undefined>): Promise<SiteQuery | null> {
  const named = siteNamedByPage(params);
  if (named) return named;
  const tab = await activeTab();
  // A tab still loading a page shows the one it leaves: Chrome names the next (pendingUrl, only where
  // the extension may read it); Firefox names none (measured in Firefox ESR), the popup follows its tab there.
  const host = webHost(tab?.pendingUrl ?? tab?.url);
  return host ? { host, ...(tab?.storeId ? { storeId: tab.storeId } : {}) } : null;
}

/**
 * `first` (an answer asked for early) to the first call, then `again()` to each later one: a page
 * that found its site as it opened finds it afresh when asked to retry (a failed first answer is
 * not handed out twice).
 */
export function firstThenAgain<T>(first: T | Promise<T>, again: () => Promise<T>): () => Promise<T> {
  let early: Promise<T> | null = Promise.resolve(first);
  return () => {
    const answer = early ?? again();
    early = null;
    return answer;
  };
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

/** The first page the worker kept of a site in storage (site-store.ts), read without asking it. */
export type StoredFirstPage = {
  /** The page kept for `query` (FIRST_PAGE), or null when none is kept (never built, or retired by a change). */
  read: (query: SiteQuery) => Promise<SiteView | null>;
  /** Settles when the page could be shown (its view is loaded): the worker's answer, if there by then, is shown instead. */
  shown: Promise<unknown>;
  /** Hears that the worker's answer came after the kept page was shown: the page asks again, and gets it. */
  onNewer: (query: SiteQuery) => void;
};

/**
 * Asks for the first site's report now, before Preact mounts: at once when the site is known
 * (`?host=`), else as soon as the active tab is. The first `loadSite` call gets that answer (its
 * first page, `first`), later calls ask again.
 *
 * With `stored`, the page the worker kept of the site is read from storage at the same moment:
 * a stopped worker takes tens of milliseconds to start and build its answer, storage answers at
 * once. The first call gets the worker's answer if it is there when the page could be shown,
 * else the kept page; then the worker's answer, when it comes, goes to the next call
 * (`stored.onNewer` says it is there). The kept page is the worker's own answer from before,
 * retired in the very write that changes anything it was built from, so what is shown is never
 * older than storage.
 *
 * Both are for the first site only: a page that follows its window's tab (the side panel) may load
 * another site first, if the tab changed meanwhile, and that load asks the worker afresh.
 */
export function preloadFirstView(
  firstSite: SiteQuery | null | Promise<SiteQuery | null>,
  getReport: (query: SiteQuery, first?: ReportFirst) => Promise<SiteView>,
  first: ReportFirst | undefined = FIRST_PAGE,
  stored?: StoredFirstPage,
): (query: SiteQuery, first?: ReportFirst) => Promise<SiteView> {
  const ask = (query: SiteQuery | null) => (query ? getReport(query, first) : Promise.resolve(null));
  // Known at once, or once found.
  let firstQuery: SiteQuery | null | undefined = firstSite instanceof Promise ? undefined : firstSite;
  if (firstSite instanceof Promise)
    firstSite.then(
      (query) => (firstQuery = query),
      () => (firstQuery = null),
    );
  // Let go once taken: held here, the first page would stay in memory as long as the page.
  let firstView: Promise<SiteView | null> | null = firstSite instanceof Promise ? firstSite.then(ask) : ask(firstSite);
  // An answer no load takes (another site was loaded first) fails unheard, not as an unhandled rejection.
  firstView.catch(() => undefined);
  const answer = firstView;
  let keptFirst: Promise<SiteView | null> | null = null;
  if (stored && isFirstPage(first)) {
    // Never in the way: a page that cannot be read is no page.
    const kept = Promise.resolve(firstSite).then((query) => (query ? stored.read(query).catch(() => null) : null));
    // The kept page, once it could be shown, if the worker has not answered by then.
    const keptShown = Promise.all([kept, stored.shown.catch(() => undefined)]).then(([view]) => view);
    const answered = answer.then(
      () => null,
      () => null,
    );
    keptFirst = Promise.race([answered, keptShown]);
  }
  let calls = 0;
  return (query, wanted) => {
    const call = ++calls;
    const taken = firstView;
    const keptTaken = keptFirst;
    firstView = null;
    keptFirst = null;
    if (!taken) return getReport(query, wanted);
    const fromWorker = () => taken.then((view) => view ?? getReport(query, wanted));
    const firstSiteAnswer = (): Promise<SiteView> => {
      if (!keptTaken) return fromWorker();
      return keptTaken.then((kept) => {
        if (!kept) return fromWorker();
        // Measured by `npm run bench`: the kept page is shown instead of waiting for the worker.
        markFirst('keptPageShown');
        // Shown now; the worker's answer (or its failure) is the next call's, unless a later call
        // asked afresh meanwhile (its answer is newer).
        if (call === calls) {
          firstView = taken;
          const newer = () => {
            if (firstView === taken) stored!.onNewer(query);
          };
          void taken.then(newer, newer);
        }
        return kept;
      });
    };
    // A load before the first site is found (the page found another) waits to know which it is.
    if (firstQuery === undefined)
      return Promise.resolve(firstSite).then(
        (site) => (sameSite(site, query) ? firstSiteAnswer() : getReport(query, wanted)),
        () => getReport(query, wanted),
      );
    return sameSite(firstQuery, query) ? firstSiteAnswer() : getReport(query, wanted);
  };
}

/**
 * The kept first pages as a page reads them (from `area`, storage.session), and the page's
 * subscription to state changes, which also hears that the worker's answer came after a kept
 * page was shown: as a change of the site's record, which makes the App ask again.
 */
export function keptFirstPages(
  area: Pick<SessionArea, 'read'>,
  shown: Promise<unknown>,
  onStateChanged: (listener: (keys: string[]) => void) => () => void,
): { stored: StoredFirstPage; onStateChanged: (listener: (keys: string[]) => void) => () => void } {
  const listeners = new Set<(keys: string[]) => void>();
  return {
    stored: {
      read: (query) => sitePageItem(query.storeId, query.host).get(area),
      shown,
      onNewer: (query) => {
        for (const listener of listeners) listener([siteKey(query.storeId ?? '', query.host)]);
      },
    },
    onStateChanged(listener) {
      listeners.add(listener);
      const stop = onStateChanged(listener);
      return () => {
        listeners.delete(listener);
        stop();
      };
    },
  };
}
