/**
 * What the three pages (the popup, the side panel, the DevTools panel) share: the App, fed with
 * the worker's answers, storage changes and live pushes, in the browser's language. Each page's
 * main.tsx says only what differs: which site it shows and how that changes, what DevTools
 * heard, its tools. The platform is a parameter, so a test mounts a page with fakes.
 */
import { render } from 'preact';
import {
  ACTION_WAIT_LIMIT_MS,
  answerWithin,
  FIRST_PAGE,
  type Method,
  type Params,
  type Result,
  type SiteQuery,
  type SiteView,
} from '../core/message-contract.ts';
import type { ReportFirst } from '../core/report/report-page.ts';
import type { Translate } from '../core/ui-strings.ts';
import { callBackground, onLiveMessage } from '../platform/messaging.ts';
import { onSessionChanged, sessionArea } from '../platform/session-storage.ts';
import { browserTranslate, isolatingTranslate, uiLanguage } from '../platform/i18n.ts';
import { requiredHostOrigins } from '../platform/manifest.ts';
import { App, type PageActions } from '../views/App.tsx';
import { ReportView } from '../views/lazy-views.tsx';
import { markFirst } from '../core/timing-marks.ts';
import { shareStrings } from '../core/share-strings.ts';
import type { PageToolsProps } from '../views/PageTools.tsx';
import { downloadFile, keptFirstPages, preloadFirstView } from './page-actions.ts';

/** The platform calls a page makes. */
export type PagePlatform = {
  /** A request to the worker. */
  call: <M extends Method>(method: M, params: Params<M>) => Promise<Result<M>>;
  onStateChanged: PageActions['onStateChanged'];
  onLive: NonNullable<PageActions['onLive']>;
  /** UI strings and their language. */
  t: Translate;
  language: string;
  /** The portals' origins, to ask for when the browser has not granted them. */
  portalOrigins: string[];
  download: PageActions['download'];
  copy: PageActions['copy'];
};

/** What one page says of itself. */
export type PageOptions = Pick<PageActions, 'findSite' | 'onSiteChanged' | 'network' | 'requestAccess' | 'embeddedAccess'> & {
  /** The report of the first site, when the page asked for it early (the popup: see preloadFirstView). */
  loadSite?: PageActions['loadSite'];
  /** Its tools (open the side panel, enable the DevTools panel). */
  tools?: PageToolsProps;
  /** When it opened (events heard since are marked new). */
  openedAt: number;
};

/** The platform as the browser gives it. */
export function browserPlatform(): PagePlatform {
  return {
    call: (method, params) => callBackground(method, params),
    onStateChanged: (listener) => onSessionChanged(listener),
    onLive: (listener) => onLiveMessage(listener),
    // Each substitution a bidi run of its own: a name from a portal cannot reorder the sentence it is in.
    t: isolatingTranslate(browserTranslate()),
    language: uiLanguage(),
    portalOrigins: requiredHostOrigins(),
    download: (file) => downloadFile(file),
    copy: (text) => navigator.clipboard.writeText(text),
  };
}

/** Asks the worker for a site's report (its first page with `first`), marking when the first answer came. */
export function reportAsker(call: PagePlatform['call']): (query: SiteQuery, first?: ReportFirst) => Promise<SiteView> {
  return async (query, first) => {
    const view = await call('getReport', first ? { ...query, first } : query);
    // Measured by `npm run bench`, beside the view's own arrival (and the kept page's, in the popup).
    markFirst('workerAnswered');
    return view;
  };
}

/**
 * Asks the worker for `firstSite`'s report now, before the page is built, with the read of the
 * page the worker kept of it (preloadFirstView): the page's `loadSite`, and its platform, whose
 * state changes also tell when the worker's answer follows a kept page shown first.
 */
export function earlyFirstView(
  firstSite: SiteQuery | null | Promise<SiteQuery | null>,
  parts: PagePlatform,
): { loadSite: NonNullable<PageOptions['loadSite']>; platform: PagePlatform } {
  const kept = keptFirstPages(sessionArea(), ReportView.preload(), parts.onStateChanged);
  return {
    loadSite: preloadFirstView(firstSite, reportAsker(parts.call), FIRST_PAGE, kept.stored),
    platform: { ...parts, onStateChanged: kept.onStateChanged },
  };
}

/** Renders the page into `root` (again with new options: Preact updates it in place). */
export function mountPage(root: Element, options: PageOptions, platform: PagePlatform = browserPlatform()): void {
  // The report's view loads while the page waits for the report, from the first moment.
  ReportView.preload().catch(() => undefined);
  const { call, t } = platform;
  const askWorker = options.loadSite ?? reportAsker(call);
  // A report is ready when its view is there too: the page never says "ready" over a loading line,
  // and a view that cannot load is an error with a retry (which loads it again).
  const loadSite = async (query: SiteQuery, first?: ReportFirst) =>
    (
      await Promise.all([
        // Kept while the page shows it: one copy of each of its texts.
        askWorker(query, first).then(shareStrings),
        ReportView.preload(),
      ])
    )[0];
  render(
    <App
      findSite={options.findSite}
      onSiteChanged={options.onSiteChanged}
      loadSite={loadSite}
      onStateChanged={platform.onStateChanged}
      onLive={platform.onLive}
      requestAccess={options.requestAccess}
      // The person's actions wait for the worker too, within a limit: a worker that never answers is an error, not a button busy for ever.
      recordConsentFlow={async (query, saveRun) =>
        (await answerWithin(call('clearSite', { ...query, reloadTabs: true, saveRun }), 'clearSite', ACTION_WAIT_LIMIT_MS)).removed
      }
      exportReport={(query, format, draftLanguage) =>
        answerWithin(
          call('exportReport', draftLanguage ? { ...query, format, language: draftLanguage } : { ...query, format }),
          'exportReport',
          ACTION_WAIT_LIMIT_MS,
        )
      }
      refreshCharter={async (query) => void (await answerWithin(call('refreshCharter', query), 'refreshCharter', ACTION_WAIT_LIMIT_MS))}
      download={platform.download}
      copy={platform.copy}
      network={options.network}
      embeddedAccess={options.embeddedAccess}
      openSidePanel={options.tools?.openSidePanel}
      devtoolsPanel={options.tools?.devtoolsPanel}
      portalOrigins={platform.portalOrigins}
      openedAt={options.openedAt}
      t={t}
      language={platform.language}
    />,
    root,
  );
}
