import { useCallback, useEffect, useErrorBoundary, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { hostPattern } from '../core/host-patterns.ts';
import { applyLive, liveTimelineOf, rebase, shownEvents, type LiveTimeline } from '../core/live-timeline.ts';
import type { NetworkLog } from '../core/network/network-log.ts';
import type { NetworkAttribution } from '../core/network/set-by.ts';
import type { ExportFormat, ExportedFile } from '../core/report/export.ts';
import type { CharterDraftFormat, DraftLanguage } from '../core/draft/draft-formats.ts';
import {
  answerWithin,
  FIRST_PAGE,
  sameSite,
  WORKER_WAIT_LIMIT_MS,
  type LiveMessage,
  type SiteQuery,
  type SiteView,
} from '../core/message-contract.ts';
import type { ReportFirst } from '../core/report/report-page.ts';
import { keyConcernsHost } from '../core/storage/session-items.ts';
import { markFirst } from '../core/timing-marks.ts';
import type { MessageKey, Translate } from '../core/ui-strings.ts';
import type { EmbeddedAccessActions } from './EmbeddedAccess.tsx';
import type { PageToolsProps } from './PageTools.tsx';
import { AccessPrompt, EmbeddedAccess, PageTools, ReportView } from './lazy-views.tsx';
import { focusLost } from './lazy-view.tsx';
import { SiteNotFound } from './site-not-found.ts';
import { useWideLayout } from './wide-layout.ts';
import { problemText } from './problem-text.ts';

/** Everything a page does to the outside world, passed in so views stay testable. */
export type PageActions = {
  /** Resolves to the site to show, or null when the tab shows nothing we can inspect; rejects with SiteNotFound for a bad address. */
  findSite: () => Promise<SiteQuery | null>;
  /** Subscribes to the site to show changing (the side panel's tab, the inspected tab navigating); returns the unsubscribe function. */
  onSiteChanged?: (listener: () => void) => () => void;
  /** Asks the background worker for the site's report: with `first`, only its first page (the rest when asked again without). */
  loadSite: (query: SiteQuery, first?: ReportFirst) => Promise<SiteView>;
  /** Subscribes to changes of the recorded state (the changed storage keys); returns the unsubscribe function. */
  onStateChanged: (listener: (keys: string[]) => void) => () => void;
  /** Subscribes to the worker's pushes (each event as it is recorded); returns the unsubscribe function. */
  onLive?: (listener: (message: LiveMessage) => void) => () => void;
  /** Asks the person for host access (must run in a click handler); absent where the page cannot (Firefox's DevTools panel). */
  requestAccess?: ((origins: string[]) => Promise<boolean>) | undefined;
  /** Deletes the site's cookies, starts recording afresh (keeping the run so far with `saveRun`) and reloads its tabs; resolves to how many were deleted. */
  recordConsentFlow: (query: SiteQuery, saveRun: boolean) => Promise<number>;
  /** The site's report as a file, or a charter drafted from it in a language. */
  exportReport: (query: SiteQuery, format: ExportFormat | CharterDraftFormat, language?: DraftLanguage) => Promise<ExportedFile>;
  /** Reads the site's live charter again. */
  refreshCharter: (query: SiteQuery) => Promise<void>;
  /** Saves a file through the browser's download. */
  download: (file: ExportedFile) => void;
  /** Copies text to the clipboard. */
  copy: (text: string) => Promise<void>;
  /**
   * The DevTools panel only: the inspected tab and what DevTools heard there (which response set
   * each cookie). Absent elsewhere: nothing is said about responses.
   */
  network?: {
    tabId: number;
    load: () => Promise<NetworkLog | null>;
    /** Given by the page that has a network log (the DevTools panel): the other pages load none of it. */
    attribution: NetworkAttribution;
  };
  /** The optional grant that shows cookies of embedded content; absent: not offered (the popup offers it). */
  embeddedAccess?: EmbeddedAccessActions | undefined;
};

type AppProps = PageActions &
  PageToolsProps & {
    /** Origins to request when the browser has not granted the bundled portals (Firefox may not at install). */
    portalOrigins: string[];
    /** UI strings. */
    t: Translate;
    /** UI language, for numbers and dates. */
    language: string;
    /** When the page opened (ms since the epoch): events heard since are marked new. */
    openedAt?: number;
    /** Forces a layout (tests, screenshots); by default two columns when the page is wide enough. */
    layout?: 'wide' | 'narrow';
    /** The clock. */
    now?: () => number;
    /** Runs a function once the current task is over (tests pass their own). */
    later?: (run: () => void) => void;
  };

type State =
  | { kind: 'loading' }
  | { kind: 'no-site' }
  | { kind: 'not-found'; message: string }
  | { kind: 'error'; message: string }
  // `problem`: reading it again failed, said beside it by the report's view (the report shown is
  // kept, and the person's place in it); empty while its Retry asks again. `restUnread`: the read
  // that failed asked for the whole report (not only its first page).
  | { kind: 'ready'; view: SiteView; problem?: string; restUnread?: boolean };

/** How long the page waits for the report (see WORKER_WAIT_LIMIT_MS). */
export const REPORT_TIME_LIMIT_MS = WORKER_WAIT_LIMIT_MS;

/** Why the report could not be read, in the UI language; the worker's own text is kept as it is. */
const loadProblem = (error: unknown, t: Translate, key: 'loadError' | 'refreshError' | 'siteError' = 'loadError') =>
  t(key, problemText(error, t));

/**
 * The page every surface shows (the popup, the side panel, the DevTools panel): finds the site,
 * loads its report, keeps it live while open. Events the worker pushes are placed at once (see
 * core/live-timeline.ts); the report itself follows storage changes, one request at a time.
 */
export function App(props: AppProps) {
  const { findSite, onSiteChanged, loadSite, onStateChanged, onLive, network, t } = props;
  const now = props.now ?? Date.now;
  const [state, setState] = useState<State>({ kind: 'loading' });
  // An error thrown while showing a view below (the report, its effects) is said with the retry,
  // which mounts it afresh, rather than blanking the page: its message only, never what it showed.
  useErrorBoundary((error: unknown) =>
    setState({ kind: 'error', message: t('renderError', error instanceof Error ? error.message : String(error)) }),
  );
  const [query, setQuery] = useState<SiteQuery | null>(null);
  const [live, setLive] = useState<LiveTimeline | null>(null);
  // The timeline shown, for the push handler to place events on without waiting for a render.
  const liveNow = useRef<LiveTimeline | null>(null);
  const showLive = useCallback((next: LiveTimeline | null) => {
    liveNow.current = next;
    setLive(next);
  }, []);
  // Changes of the DevTools panel's network log heard: the report's view reads it again at each (views/set-by-shown.ts).
  const [networkHeard, setNetworkHeard] = useState(0);
  const main = useRef<HTMLElement>(null);
  const measured = useWideLayout(main);
  const layout = props.layout ?? (measured ? 'wide' : 'narrow');
  const [openedAt] = useState(() => props.openedAt ?? now());
  // Answers can come back out of order during a burst of changes: only the latest request counts.
  const latest = useRef(0);
  // One request at a time; changes heard meanwhile ask for one more, not one each.
  const inFlight = useRef(false);
  // Retry or a grant was pressed: what to say once the report is read again (the title then takes
  // the focus; the next error's Retry, if it fails).
  const asked = useRef<MessageKey | null>(null);
  const [said, setSaid] = useState('');
  // `asking`: what to show while it asks.
  const ask = (outcome: MessageKey, asking = state) => {
    asked.current = outcome;
    setState(asking);
    setSaid('');
  };
  const retryButton = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const focusTitle = () => title.current?.focus();
  const again = useRef(false);
  const current = useRef<SiteQuery | null>(null);
  // One change of the followed tab may be heard twice (the DevTools panel: DevTools' event and the
  // tab's), each finding the site afresh; their answers can come back out of order: the last asked counts.
  const latestFind = useRef(0);
  // The first page of the report is asked for until the person wants more (or the page shows the consent runs).
  const whole = useRef(false);

  const refresh = useCallback(
    async (target: SiteQuery) => {
      if (inFlight.current) {
        again.current = true;
        return;
      }
      inFlight.current = true;
      const request = ++latest.current;
      // A first page's failure leaves the rest unasked; the whole report's, unread (said where it was wanted).
      const askedWhole = whole.current;
      // The answer shown, or its failure said, is the last asked for the site shown (a read of the
      // site shown before, asked as a check of its charter ended, is neither).
      const stillWanted = () => request === latest.current && sameSite(current.current, target);
      try {
        const view = await answerWithin(loadSite(target, askedWhole ? undefined : FIRST_PAGE), 'getReport', REPORT_TIME_LIMIT_MS);
        if (stillWanted()) {
          // Measured by `npm run bench`: when the worker's answer arrived.
          markFirst('reportReceived');
          // A Retry that has the focus goes with the problem it offered to mend: the title takes the focus, as after a retry.
          if (retryButton.current === document.activeElement) asked.current = 'loaded';
          // Read unchecked (the worker's answer, or the first page kept in storage.session): one the
          // page cannot show is a failure to read it (below: said with the Retry, beside a report
          // shown), never a blank page or a spinner. The rest of a report, wrong, is the error
          // boundary's to say as it is shown. The worker's own errors come as rejections, never as answers.
          if (view?.kind === 'report' ? !view.report?.timeline : view?.kind !== 'no-access') throw Error(t('answerUnreadable'));
          setState({ kind: 'ready', view });
          if (view.kind === 'report') showLive(liveNow.current ? rebase(liveNow.current, view.report) : liveTimelineOf(view.report));
          // The whole report was asked for while this first page was on its way.
          if (view.kind === 'report' && view.partial && whole.current) again.current = true;
        }
      } catch (error) {
        // A report on screen stays there, with the person's place in it (rows, search, focus): the problem is said beside it.
        if (stillWanted())
          setState((shown) =>
            shown.kind === 'ready' && shown.view.kind === 'report'
              ? { ...shown, problem: loadProblem(error, t, 'refreshError'), restUnread: askedWhole }
              : { kind: 'error', message: loadProblem(error, t) },
          );
      } finally {
        inFlight.current = false;
        if (again.current && current.current) {
          again.current = false;
          void refresh(current.current);
        }
      }
    },
    [loadSite, showLive, t],
  );

  const locate = useCallback(() => {
    // What was shown goes with the site (a panel following its tab): a focus in it would fall to
    // <body>; the title, which stays, takes it instead.
    const keepFocus = () => {
      const at = document.activeElement;
      if (main.current?.contains(at) && !at?.closest('.app-header')) title.current?.focus();
    };
    const find = ++latestFind.current;
    findSite().then(
      (found) => {
        if (find !== latestFind.current) return;
        if (found && sameSite(current.current, found)) return;
        keepFocus();
        current.current = found;
        latest.current++;
        whole.current = false;
        heard.current.clear();
        setQuery(found);
        showLive(null);
        if (found) {
          setState({ kind: 'loading' });
          void refresh(found);
        } else setState({ kind: 'no-site' });
      },
      (error: unknown) => {
        if (find !== latestFind.current) return;
        keepFocus();
        current.current = null;
        // A report asked for before, failing now, would say its own problem over this one.
        latest.current++;
        setQuery(null);
        setState(
          error instanceof SiteNotFound
            ? { kind: 'not-found', message: error.message }
            : { kind: 'error', message: loadProblem(error, t, 'siteError') },
        );
      },
    );
  }, [findSite, refresh, showLive, t]);

  // A consent-flow recording sends the site's tabs to a blank page and back (background/clear-site.ts):
  // what a followed tab shows meanwhile is not the person's doing, and is looked at once it is done.
  const recording = useRef(0);
  const follow = useCallback(() => void (recording.current || locate()), [locate]);
  const recordConsentFlow = (site: SiteQuery, saveRun: boolean) => {
    recording.current++;
    return props.recordConsentFlow(site, saveRun).finally(() => void (--recording.current || (onSiteChanged && locate())));
  };

  // Listening before the first request leaves (below, and the popup's early one, sent in the same
  // task): a change stored before the page had shown that request's answer was missed, which left a
  // charter read at once "being read" for ever (the answer said so; its end was the missed change).
  useLayoutEffect(
    () =>
      onStateChanged((keys) => {
        const site = current.current;
        // Only this site's record (in any cookie store), its kept run, its live charter, and the ledger of dropped sites matter.
        if (site && keys.some((key) => keyConcernsHost(key, site.host))) void refresh(site);
      }),
    [onStateChanged, refresh],
  );

  // As soon as the page is in the document, not after its first frame (when useEffect runs): the
  // popup asked the worker early (pages/page-actions.ts, preloadFirstView), and the report is shown
  // as soon as it is there.
  useLayoutEffect(() => {
    locate();
    return onSiteChanged?.(follow);
  }, [locate, follow, onSiteChanged]);

  const loadWhole = useCallback(
    (readNow = true) => {
      // Asked already and on its way; once it failed, asked again (the first page is still what is shown).
      if (whole.current && inFlight.current) return;
      whole.current = true;
      // Not `readNow` (the report shown is whole): the reads that follow ask for the whole of it. A
      // click's event, given by a Retry or Show more that calls it, reads now.
      if (readNow && current.current) void refresh(current.current);
    },
    [refresh],
  );

  // Pushes wait for the current task to end and are placed together: a burst of events (a page
  // load) is one render, not one each (which made the last of 50 wait for 49 renders).
  const waiting = useRef<LiveMessage[]>([]);
  // When the worker heard each pushed event, until its row is shown (the benchmark's marks).
  const heard = useRef(new Map<number, number>());
  useEffect(() => {
    if (!query || !onLive) return undefined;
    const later = props.later ?? ((run: () => void) => setTimeout(run, 0));
    const placeWaiting = () => {
      const messages = waiting.current;
      waiting.current = [];
      // Before the first report, there is nothing to place them after: that report will hold them.
      let shown = liveNow.current;
      if (!shown) return;
      let resync = false;
      for (const message of messages) {
        const step = applyLive(shown, message);
        if (step.kind === 'placed') shown = step.timeline;
        else if (step.kind === 'resync') resync = true;
      }
      if (shown !== liveNow.current) showLive(shown);
      if (resync) void refresh(query);
    };
    return onLive((pushed) => {
      if (pushed.kind === 'network') {
        if (pushed.tabId === network?.tabId) setNetworkHeard((heard) => heard + 1);
        return;
      }
      if (pushed.kind === 'event' && pushed.host === query.host) {
        heard.current.set(pushed.seq, pushed.heardAt);
        // Rows not shown (another tab of the page is open) are not waited for forever.
        if (heard.current.size > 1000) heard.current.delete(heard.current.keys().next().value!);
      }
      waiting.current.push(pushed);
      if (waiting.current.length === 1) later(placeWaiting);
    });
  }, [query, onLive, network, refresh, showLive, props.later]);

  const ready = state.kind === 'ready' ? state : null;
  // Reading the report again failed, said beside it (ReportView); empty while its Retry asks.
  const problem = ready?.problem;

  const view = ready?.view;
  const report = view?.kind === 'report' ? view.report : null;

  // After a retry or a grant, the report read again takes the person to the title, and the status
  // says what came of it; a retry that fails again brings them back to Retry (the loading state
  // took the button away): once for each answer, never again at a later render. Only from where
  // the focus was lost (<body>): a person who went elsewhere meanwhile stays there. A layout effect,
  // run as the answer is rendered: an effect (after the frame) of the render before could come
  // after the click, and take what was shown then for the answer.
  useLayoutEffect(() => {
    if (!asked.current || state.kind === 'loading') return;
    if (focusLost()) (retryButton.current ?? title.current)?.focus();
    // Said unless the problem is (with its Retry); a retry that finds no report read nothing (the access prompt says why).
    if (!retryButton.current) setSaid(asked.current === 'loaded' && !report ? '' : t(asked.current));
    asked.current = null;
  }, [state, report, t]);
  const shownTimeline = useMemo(
    () =>
      live && report && live.host === report.host
        ? { ...live.base, events: shownEvents(live), heard: heard.current }
        : (report?.timeline ?? null),
    [live, report],
  );

  return (
    <main ref={main} data-state={state.kind} data-layout={layout} aria-busy={state.kind === 'loading'}>
      <header class="app-header">
        <img src="/icons/icon-32.png" alt="" width={20} height={20} />
        <h1 ref={title} tabIndex={-1}>
          {t('popupTitle')}
        </h1>
        <PageTools openSidePanel={props.openSidePanel} devtoolsPanel={props.devtoolsPanel} focusTitle={focusTitle} t={t} />
      </header>
      {/* Always here, its text changing (a live region inserted with its text is often not read): loading, a tab with no
          page to read (a panel following the tab says so as it changes), then what came of a retry or grant. */}
      <p class={state.kind === 'loading' || problem === '' || state.kind === 'no-site' ? 'status' : 'visually-hidden'} role="status">
        {state.kind === 'loading' || problem === '' ? (
          <>
            <span class="spinner" aria-hidden="true" /> {t('loading')}
          </>
        ) : state.kind === 'no-site' ? (
          t('noSite')
        ) : (
          said
        )}
      </p>
      {state.kind === 'not-found' && (
        <p class="status error" role="alert" data-problem="site">
          {state.message}
        </p>
      )}
      {state.kind === 'error' && (
        <div class="status error" role="alert">
          <p>{state.message}</p>
          {/* Loading again while it asks: the site's report, or the site itself when it could not be found. */}
          <button
            type="button"
            ref={retryButton}
            onClick={() => {
              ask('loaded', { kind: 'loading' });
              if (query) void refresh(query);
              else locate();
            }}
          >
            {t('retry')}
          </button>
        </div>
      )}
      {view && query && view.kind === 'no-access' && (
        <AccessPrompt
          host={view.host}
          portal={view.portal}
          origins={view.portal ? props.portalOrigins : [hostPattern(view.host)]}
          requestAccess={props.requestAccess}
          onGranted={() => {
            ask('accessGranted');
            void refresh(query);
          }}
          t={t}
        />
      )}
      {view && query && report && shownTimeline && view.kind === 'report' && (
        <ReportView
          report={report}
          partial={view.partial}
          loadWhole={loadWhole}
          charterPending={view.charterPending}
          savedRun={view.savedRun ?? null}
          timeline={shownTimeline}
          newSince={openedAt}
          network={network && { ...network, heard: networkHeard, now }}
          layout={layout}
          // The report is read again either way; a failure is the report view's to say.
          refreshCharter={() => props.refreshCharter(query).finally(() => void refresh(query))}
          recordConsentFlow={(saveRun) => recordConsentFlow(query, saveRun)}
          exportReport={(format, draftLanguage) => props.exportReport(query, format, draftLanguage)}
          download={props.download}
          copy={props.copy}
          t={t}
          language={props.language}
          problem={problem}
          restUnread={ready.restUnread}
          // The report and its Retry stay (the focus with it) while it asks, the problem emptied (the same
          // again is said again); once the report is read, the title takes the focus (see refresh).
          retry={() => {
            setState({ ...ready, problem: '' });
            void refresh(query);
          }}
          retryButton={retryButton}
        />
      )}
      {view && query && view.kind === 'report' && props.embeddedAccess && (
        <EmbeddedAccess
          {...props.embeddedAccess}
          onGranted={() => {
            ask('embeddedGranted');
            void refresh(query);
          }}
          t={t}
        />
      )}
    </main>
  );
}
