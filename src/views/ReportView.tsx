import type { Ref } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExportFormat, ExportedFile } from '../core/report/export.ts';
import type { CharterDraftFormat, DraftLanguage } from '../core/draft/draft-formats.ts';
import type { Finding } from '../core/report/findings.ts';
import type { Report } from '../core/report/report.ts';
import type { ReportTotals } from '../core/report/report-page.ts';
import { markFirst, reportPaintTiming } from '../core/timing-marks.ts';
import type { Translate } from '../core/ui-strings.ts';
import { CharterInfo } from './CharterInfo.tsx';
import { ConsentSummary, consentStateKey } from './ConsentSummary.tsx';
import { CookieList } from './CookieList.tsx';
import { FindingsSummary } from './FindingsSummary.tsx';
import { keepUnchangedRows, occurrenceOf, rowForFinding, rowsOf, type CookieRow } from './cookie-rows.ts';
import { StorageNotice } from './StorageNotice.tsx';
import { TabPanels } from './TabPanels.tsx';
import type { ShownTimeline } from './TimelineView.tsx';
import { ConsentRuns, ExportPanel, preloadTabs, TimelineView } from './lazy-tabs.tsx';
import type { RecordProgress } from './ConsentRuns.tsx';
import { focusLost, LoadingLine } from './lazy-view.tsx';
import type { ConsentRun } from '../core/report/compare-runs.ts';
import { siteKey } from '../core/storage/session-items.ts';
import { useNetworkLog, useSetBy, type HeardNetwork } from './set-by-shown.ts';
import { NetworkProblem } from './NetworkProblem.tsx';
import { RestProblem } from './RestProblem.tsx';
import { countOriginUnknown } from '../core/report/report-page.ts';
import { visibleCookieName } from '../core/cookies/nameless.ts';
import { findingCounts } from '../core/report/finding-counts.ts';
import { highCount, trackersText, useReportNews } from './report-news.ts';

type ReportViewProps = {
  /** The site's report (its first page while `partial` is given). */
  report: Report;
  /** The counts of the whole report, when `report` holds only its first page (report-page.ts). */
  partial?: ReportTotals | undefined;
  /** Asks for the whole report; not `readNow` (the report shown is whole): only the reads that follow do. */
  loadWhole?: ((readNow?: boolean) => void) | undefined;
  /** True while the site's live charter is being read. */
  charterPending: boolean;
  /** Reads the live charter again; rejects when the worker could not. */
  refreshCharter: () => Promise<void>;
  /** Clears the site's cookies, reloads its tabs and records afresh (keeping the run so far with `saveRun`); resolves to how many were deleted. */
  recordConsentFlow: (saveRun: boolean) => Promise<number>;
  /** The run kept to compare this one with; null when none. */
  savedRun?: ConsentRun | null;
  /** The timeline as shown live (the report's, then events pushed since); the report's when absent. */
  timeline?: ShownTimeline;
  /** When the page opened: events heard since are marked new. */
  newSince?: number | null;
  /** What DevTools heard, to say what set a cookie event (the DevTools panel only): its log is read here (set-by-shown.ts). */
  network?: HeardNetwork | undefined;
  /** 'wide': two columns, the timeline beside the cookies (a side or DevTools panel with room); 'narrow': tabs. */
  layout?: 'wide' | 'narrow';
  /** The report as a file, or a charter drafted from it in a language. */
  exportReport: (format: ExportFormat | CharterDraftFormat, language?: DraftLanguage) => Promise<ExportedFile>;
  /** Saves a file. */
  download: (file: ExportedFile) => void;
  /** Copies text. */
  copy: (text: string) => Promise<void>;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
  /** Reading the report again failed: why, said above it with a Retry (empty while its Retry asks). */
  problem?: string | undefined;
  /** The read that failed (`problem`) asked for the whole report, not only its first page: the rest could not be read. */
  restUnread?: boolean | undefined;
  /** Reads the report again (the Retry beside a problem). */
  retry?: () => void;
  /** The Retry beside a problem, for the page to find the focus on it. */
  retryButton?: Ref<HTMLButtonElement>;
};

type TabId = 'cookies' | 'timeline' | 'export';

/**
 * Defined out here, not inline: an effect keeps the function it was given, and a function made
 * while rendering keeps every variable of that render, the first report among them.
 */
const markReportInDocument = () => markFirst('reportInDocument');

/**
 * Each site's consent-flow recording asked for in this page, by its record's key: kept apart
 * from the views, which come and go meanwhile (ConsentRuns while the report is partial again
 * after the worker restarted, this whole view while a followed tab is blank), so that its outcome,
 * or that it is still under way, is not lost with them.
 */
const recordings = new Map<string, RecordProgress>();
const NOT_RECORDING: RecordProgress = { state: 'idle' };

/** A site's report: who it is, the consent state, the findings, then cookies, timeline and export. */
export function ReportView({
  report,
  partial,
  loadWhole,
  charterPending,
  refreshCharter,
  recordConsentFlow,
  savedRun = null,
  timeline = report.timeline,
  newSince = null,
  network,
  layout = 'narrow',
  exportReport,
  download,
  copy,
  t,
  language,
  problem,
  restUnread,
  retry,
  retryButton,
}: ReportViewProps) {
  // A new report (each write of the site's record, in the panels; the worker's answer after the
  // kept page, in the popup) keeps the row objects that did not change, so their rows are not
  // written again (keepUnchangedRows).
  const shownRows = useRef<CookieRow[]>([]);
  const rows = useMemo(() => (shownRows.current = keepUnchangedRows(rowsOf(report), shownRows.current)), [report]);
  // Measured by `npm run bench`: the first report is in the document (layout effects run right
  // after), not yet painted; its host line's Element Timing (reportPaintTiming) tells the paint.
  useLayoutEffect(markReportInDocument, []);
  const [tab, setTab] = useState<TabId>('cookies');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  // A finding whose cookie is not in the first page: shown once the whole report is here.
  const [wanted, setWanted] = useState<{ finding: Finding; occurrence: number } | null>(null);
  const wantAll = partial ? loadWhole : undefined;
  // The last read of a partial report asked for the whole of it and failed (the page's problem,
  // emptied while its Retry asks): the rest is not being read. Asked for again, it is asked with that
  // Retry, which says it is read again. A failed refresh of the first page only leaves the rest
  // unasked: wanted, it is asked for (once) and said to be loading.
  const restProblem = partial && restUnread ? problem : undefined;
  const askForAll = (restProblem && retry) || wantAll;
  const site = siteKey(report.storeId, report.host);
  // The hooks the popup's shell already has (preact/hooks is in it): another would grow it.
  const [, setRecordingShown] = useState<RecordProgress>(NOT_RECORDING);
  const recordProgress = recordings.get(site) ?? NOT_RECORDING;
  const setRecordProgress = (progress: RecordProgress) => {
    recordings.set(site, progress);
    setRecordingShown(progress);
  };
  const findings = partial ? partial.findings : report.findings.length;
  const high = useMemo(() => highCount(partial ? partial.findingsByKind : findingCounts(report.findings)), [partial, report.findings]);
  const news = useReportNews(
    {
      consent: consentStateKey(report.consent),
      trackers: trackersText(report.consent.trackers, t),
      shown: report.findings,
      findings,
      high,
    },
    t,
    language,
  );

  const goToFinding = (finding: Finding) => {
    // Counted now, in the list it was chosen from: the whole report's findings are other objects.
    const occurrence = occurrenceOf(report.findings, finding);
    const row = rowForFinding(rows, finding, occurrence);
    if (!row) {
      if (askForAll) {
        setWanted({ finding, occurrence });
        askForAll();
      }
      return;
    }
    // A finding chosen earlier, still waiting for the whole report, gives way to this one.
    setWanted(null);
    setTab('cookies');
    setFocusKey(row.key);
  };
  useEffect(() => {
    if (!wanted || partial) return;
    setWanted(null);
    const row = rowForFinding(rows, wanted.finding, wanted.occurrence);
    if (!row) return;
    setTab('cookies');
    setFocusKey(row.key);
  }, [rows, wanted, partial]);

  const networkRead = useNetworkLog(network);
  const setBy = useSetBy(timeline, network && { log: networkRead.log, attribution: network.attribution, now: network.now });
  const wide = layout === 'wide';
  // In two columns the timeline has its own; the tabs keep the cookies and the export.
  const shownTab = wide && tab === 'timeline' ? 'cookies' : tab;
  // The consent runs compare every cookie, the timeline shows every event: both wait for the whole
  // report, and once shown keep asking for it (a report that fit on one page may grow past it).
  // Once reading it failed, only the Retry said there asks again (asking at each failure would never stop).
  // As the timeline is shown, not a frame later: a read asked meanwhile would ask for the first page only.
  useLayoutEffect(() => {
    if ((shownTab === 'timeline' || wide) && !restProblem) loadWhole?.(!!partial);
  }, [shownTab, wide, loadWhole, partial, restProblem]);
  // A side or DevTools panel resized across the two-column width keeps the report's place (the
  // overview is the same tree either way: its search, rows shown and focus stay); only the timeline
  // moves, between its tab and its column. A focus that went with it is given to where it went:
  // the timeline column's heading, or the Timeline tab (chosen).
  const timelineTitle = useRef<HTMLHeadingElement>(null);
  const laidOut = useRef(wide);
  // The layout being rendered: `laidOut` follows it once committed, so while they differ the timeline
  // is moving, and a focus on its Retry is placed by the effect below, not by the Retry going.
  const layingOut = useRef(wide);
  layingOut.current = wide;
  useLayoutEffect(() => {
    if (laidOut.current === wide) return;
    laidOut.current = wide;
    if (!focusLost()) return;
    if (wide) timelineTitle.current?.focus();
    else {
      setTab('timeline');
      document.getElementById('tab-timeline')?.focus();
    }
  }, [wide]);
  const timelinePanel = partial ? (
    <>
      {restProblem !== undefined && (
        <RestProblem
          problem={restProblem}
          retry={askForAll}
          // The timeline column's heading, or the page's title (the tab's panel has none); none
          // while the panel is resized across the two-column width (the timeline moving).
          focusAfter={() => (laidOut.current === layingOut.current ? (timelineTitle.current ?? document.querySelector('h1')) : null)}
          t={t}
        />
      )}
      {!restProblem && <LoadingLine t={t} />}
    </>
  ) : (
    <>
      <ConsentRuns
        host={report.host}
        report={report}
        savedRun={savedRun}
        recordConsentFlow={recordConsentFlow}
        progress={recordProgress}
        setProgress={setRecordProgress}
        showName={visibleCookieName}
        t={t}
        language={language}
      />
      {network && <NetworkProblem read={networkRead} retry={networkRead.retry} t={t} />}
      <TimelineView
        host={report.host}
        timeline={timeline}
        newSince={newSince}
        setBy={setBy}
        showName={visibleCookieName}
        t={t}
        language={language}
      />
    </>
  );
  const overview = (
    <>
      {problem !== undefined && (
        <div class="status error" role="alert">
          <p>{problem}</p>
          <button type="button" ref={retryButton} onClick={retry}>
            {t('retry')}
          </button>
        </div>
      )}
      {/* What changes while the page is open (report-news.ts), said politely: its status is always there. */}
      <p class="visually-hidden" role="status" data-report-news>
        {news && <span key={news.id}>{news.text}</span>}
      </p>
      <section class="site" aria-label={report.host}>
        <p class="host" {...reportPaintTiming}>
          {report.host}
        </p>
        <CharterInfo charter={report.charter} pending={charterPending} refresh={refreshCharter} t={t} language={language} />
        <ConsentSummary consent={report.consent} t={t} />
      </section>
      <StorageNotice
        storage={report.storage}
        siteEvicted={partial ? partial.siteEvicted : report.timeline.events.some((event) => event.type === 'evicted')}
        t={t}
        language={language}
      />
      <FindingsSummary
        findings={report.findings}
        totals={partial}
        onWantAll={askForAll}
        cookiesSeen={partial ? partial.cookies : report.cookies.length}
        consentReadable={report.consent.state !== 'unknown'}
        unjudged={partial ? partial.originUnknown : countOriginUnknown(report.cookies)}
        onSelect={goToFinding}
        t={t}
        language={language}
        charterLanguage={report.charter.language}
        charterKind={report.charter.kind}
      />
      <TabPanels
        label={t('reportSections')}
        selected={shownTab}
        onSelect={(id) => setTab(id as TabId)}
        // The tabs' views load when a pointer or the focus comes to the tabs, a moment before a
        // tab is chosen: an open that shows only the cookies does not hold them in memory.
        onIntent={preloadTabs}
        tabs={[
          { id: 'cookies', label: t('tabCookies') },
          ...(wide ? [] : [{ id: 'timeline', label: t('tabTimeline') }]),
          { id: 'export', label: t('tabExport') },
        ]}
      >
        {shownTab === 'cookies' && (
          <CookieList
            rows={rows}
            total={partial ? partial.cookies + report.notSeen.length : rows.length}
            onWantAll={askForAll}
            problem={restProblem}
            host={report.host}
            focusKey={focusKey}
            onFocused={() => setFocusKey(null)}
            t={t}
            language={language}
          />
        )}
        {shownTab === 'timeline' && timelinePanel}
        {shownTab === 'export' && (
          <ExportPanel
            site={site}
            exportReport={exportReport}
            download={download}
            copy={copy}
            draftLanguage={report.charter.language ?? (language.startsWith('fr') ? 'fr' : 'en')}
            t={t}
          />
        )}
      </TabPanels>
    </>
  );

  // The same wrappers in both layouts: one that differed would mount the overview afresh at each resize.
  return (
    <div class={wide ? 'report wide' : 'report'} data-host={report.host} data-layout={layout}>
      <div class="column">{overview}</div>
      {wide && (
        <section class="column timeline-column" aria-labelledby="timeline-title">
          <h2 id="timeline-title" ref={timelineTitle} tabIndex={-1}>
            {t('tabTimeline')}
          </h2>
          {timelinePanel}
        </section>
      )}
    </div>
  );
}
