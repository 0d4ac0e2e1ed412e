import type { ComponentChildren } from 'preact';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  comparedKey,
  pairRuns,
  runOfReport,
  type ComparedCookie,
  type ConsentRun,
  type RunComparison,
  type RunCookieIdentity,
} from '../core/report/compare-runs.ts';
import { partitionSite } from '../core/cookies/cookie-record.ts';
import type { Report } from '../core/report/report.ts';
import { messageKey, type Translate } from '../core/ui-strings.ts';
import { ConsentSummary, consentStateKey } from './ConsentSummary.tsx';
import { countText } from './count-text.ts';
import { dayOf, shownTime } from './day-time.ts';
import { problemText } from './problem-text.ts';
import { oneParagraph } from '../core/one-paragraph.ts';
import { CookieName } from './CookieName.tsx';

type ConsentRunsProps = {
  /** The site. */
  host: string;
  /** Its report now: the run being recorded. */
  report: Report;
  /** The run kept by "Record the other choice", to compare this one with; null when none. */
  savedRun: ConsentRun | null;
  /**
   * Deletes the site's cookies, reloads its tabs and records afresh; with `saveRun` the run so
   * far is kept first, to compare the next with. Resolves to how many cookies were deleted.
   */
  recordConsentFlow: (saveRun: boolean) => Promise<number>;
  /**
   * Where the recording asked for is, and its setter: held by the view above, which stays while
   * this one goes (a report shown again from its first page, as after the worker restarts): a
   * recording still pending, or its outcome, is not lost with it.
   */
  progress: RecordProgress;
  setProgress: (progress: RecordProgress) => void;
  /** A cookie's name as people are shown it: as the timeline's (TimelineView.tsx). */
  showName: (name: string) => string;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
};

/**
 * Where a recording asked for is: the worker clearing the site (pending), then its answer, how
 * many cookies it deleted or why it could not (its own words).
 */
export type RecordProgress =
  { state: 'idle' } | { state: 'pending' } | { state: 'started'; count: number } | { state: 'failed'; error: string };

/** One run: its choice, tracker by tracker, and the cookies present at its end. */
function RunColumn({
  id,
  title,
  run,
  showName,
  t,
  language,
}: {
  id: 'saved' | 'current';
  title: ComponentChildren;
  run: ConsentRun;
  showName: (name: string) => string;
  t: Translate;
  language: string;
}) {
  const present = run.cookies.filter((cookie) => cookie.removed === null && !cookie.expired);
  // A name on several domains would read as one cookie twice: each says its domain then, and
  // its path and partition where its name and domain repeat too.
  const namesCounted = new Map<string, number>();
  const count = (key: string) => namesCounted.set(key, (namesCounted.get(key) ?? 0) + 1);
  for (const cookie of present) {
    count(cookie.name);
    count(`${cookie.name} ${cookie.domain}`);
  }
  return (
    // A div, not a named section: a region landmark each would be noise; the heading names it.
    <div class="run" data-run={id}>
      <h4>{title}</h4>
      <ConsentSummary consent={{ ...run.consent, changedAt: null }} t={t} />
      <p class="muted small">{countText(t, language, 'cookieCount', present.length)}</p>
      {present.length === 0 ? (
        <p class="small">{t('runNoCookies')}</p>
      ) : (
        <ul class="run-cookies">
          {present.map((cookie) => (
            <li key={runCookieKey(cookie)} data-run-cookie={cookie.name} data-category={cookie.category}>
              <CookieName name={showName(cookie.name)} t={t} />{' '}
              {namesCounted.get(cookie.name)! > 1 && <span class="domain">{oneParagraph(cookie.domain)} </span>}
              {namesCounted.get(`${cookie.name} ${cookie.domain}`)! > 1 && <RunCookieIdentityFlags cookie={cookie} t={t} />}
              <span class="muted">{t(messageKey('categoryOne', cookie.category))}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A partitioned cookie's mark, as the popup's rows write it (CookieItem.tsx): not shared from
 * there, which would make the rows' module a chunk of its own, nor from core, whose modules the
 * popup's shell loads at open (build.test.ts keeps DevTools' words out of it).
 */
const PARTITIONED = 'Partitioned';

/** A run's cookie by all that makes it one (name, domain, path, partition): a list's key. */
const runCookieKey = (cookie: ConsentRun['cookies'][number]) =>
  [cookie.name, cookie.domain, cookie.path ?? '/', cookie.partitionKey ?? '', cookie.hasCrossSiteAncestor ? 'x' : ''].join(' ');

/** Its path and partition, as the popup's rows write them, for two cookies of one name and domain. */
function RunCookieIdentityFlags({ cookie, t }: { cookie: RunCookieIdentity; t: Translate }) {
  const site = partitionSite({ partitionKey: cookie.partitionKey ?? null });
  return (
    <>
      {cookie.path && <span class="flag path">Path={oneParagraph(cookie.path)} </span>}
      {site !== null && (
        <span class="flag partition">
          {PARTITIONED} ({oneParagraph(site)}
          {cookie.hasCrossSiteAncestor ? `, ${t('partitionCrossSite')}` : ''}){' '}
        </span>
      )}
    </>
  );
}

/** Where a message's substitution goes, to put an element there (a character no translation holds). */
const SLOT = '\uE000';

/**
 * "Run 1, kept at 10:00:03 AM", or "kept on Dec 4, 2026, 10:00:03 AM" on another day than today,
 * the time a `<time>` with its `datetime`; "unknown time" for a time of another shape.
 */
function KeptAt({ savedAt, t, language }: { savedAt: number; t: Translate; language: string }) {
  // The day the panel opened (a page is short-lived).
  const [openedOn] = useState(() => dayOf(Date.now()));
  const today = dayOf(savedAt) === openedOn;
  const { text, datetime } = shownTime(savedAt, language, !today, t);
  const title = t(today || datetime === undefined ? 'runSaved' : 'runSavedOn', SLOT);
  // The words before the time's place and after it (a translation without one: the time last).
  const [before, after = ''] = title.split(SLOT);
  return (
    <>
      {before}
      <time dateTime={datetime}>{text}</time>
      {after}
    </>
  );
}

/**
 * Lists of cookies or of pages (a page is a string): each its `id` (in `data-comparison`), its
 * label, its items and what an empty one says. A cookie's empty name is said in words, and
 * embedded content's cookie says so with its domain: a frame's `_ga` is not the site's.
 */
function NameLists({
  lists,
  showName,
  t,
}: {
  lists: ReadonlyArray<readonly [id: string, label: string, items: ReadonlyArray<ComparedCookie | string>, none: string]>;
  showName: (name: string) => string;
  t: Translate;
}) {
  return (
    <dl class="comparison">
      {lists.map(([id, label, items, none]) => (
        <div key={id} data-comparison={id}>
          <dt>{label}</dt>
          <dd>
            {items.length === 0 ? (
              <span class="muted">{none}</span>
            ) : (
              <ul>
                {items.map((item) =>
                  typeof item === 'string' ? (
                    <li key={item}>
                      <code>{oneParagraph(item)}</code>
                    </li>
                  ) : (
                    <li key={comparedKey(item)}>
                      <CookieName name={showName(item.name)} t={t} />
                      {item.embeddedDomain !== null && (
                        <span class="domain"> {t('embeddedCookie', oneParagraph(item.embeddedDomain))}</span>
                      )}
                    </li>
                  ),
                )}
              </ul>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The comparison's three lists, as the audit's comparison.md gives them, and the cookies of unknown
 * origin left out of them, if any; then, as comparison.md says it too, the pages only one run
 * loaded, when the runs did not load the same pages, and which cookies of those lists first
 * appeared on them.
 */
function ComparisonLists({ comparison, showName, t }: { comparison: RunComparison; showName: (name: string) => string; t: Translate }) {
  const { pagesNotShared } = comparison;
  const noCookie = t('comparisonNone');
  return (
    <>
      <NameLists
        lists={[
          ['only-after-accept', t('comparisonOnlyAfterAccept'), comparison.onlyAfterAccept, noCookie],
          ['only-after-refuse', t('comparisonOnlyAfterRefuse'), comparison.onlyAfterRefuse, noCookie],
          ['trackers-after-refuse', t('comparisonTrackersAfterRefuse'), comparison.trackersAfterRefuse, noCookie],
          ...(comparison.originUnknown.length > 0
            ? [['origin-unknown', t('comparisonOriginUnknown'), comparison.originUnknown, noCookie] as const]
            : []),
        ]}
        showName={showName}
        t={t}
      />
      {pagesNotShared && (
        <div data-pages-not-shared="">
          <p class="small notice">{t('comparisonPagesNotShared')}</p>
          <NameLists
            lists={[
              // "aucune" page in French, "aucun" cookie.
              ['pages-only-accept', t('comparisonPagesOnlyAccept'), pagesNotShared.onlyAccept, t('comparisonNoPage')],
              ['pages-only-refuse', t('comparisonPagesOnlyRefuse'), pagesNotShared.onlyRefuse, t('comparisonNoPage')],
              ['cookies-on-pages-not-shared', t('comparisonCookiesOnPagesNotShared'), pagesNotShared.cookies, noCookie],
            ]}
            showName={showName}
            t={t}
          />
        </div>
      )}
    </>
  );
}

/**
 * The consent flow, recorded from the panel: "Record consent flow" (clear the site, reload,
 * record), then "Record the other choice", which keeps that run and records again, and the two
 * runs side by side with the comparison the audit command writes (the same core function).
 */
export function ConsentRuns({ host, report, savedRun, recordConsentFlow, progress, setProgress, showName, t, language }: ConsentRunsProps) {
  const [confirming, setConfirming] = useState<'flow' | 'other' | null>(null);
  const current = useMemo(() => runOfReport(report, report.generatedAt), [report]);
  const decided = report.consent.state !== 'none' && report.consent.state !== 'unknown';
  const pending = progress.state === 'pending';

  // Preact applies no autoFocus to an element it inserts, and closing the confirmation removes the
  // focused button: move focus by hand, to the confirm button, then back to the button that opened it.
  const flowButton = useRef<HTMLButtonElement>(null);
  const otherButton = useRef<HTMLButtonElement | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<'flow' | 'other' | null>(null);
  useLayoutEffect(() => {
    if (confirming !== null) {
      opener.current = confirming;
      confirmButton.current?.focus();
    } else if (opener.current !== null) {
      (opener.current === 'other' && otherButton.current ? otherButton.current : flowButton.current)?.focus();
      opener.current = null;
    }
  }, [confirming]);
  // The report it confirmed has no choice any more (another page's clear restarted the record):
  // "Record the other choice" would keep a run of no choice. Closed; focus goes to "Record consent flow".
  useLayoutEffect(() => {
    if (!decided) setConfirming((which) => (which === 'other' ? null : which));
  }, [decided]);
  // "Record the other choice" goes away under focus when the new run has no choice yet: focus stays here, not on <body>.
  const otherRef = useCallback((button: HTMLButtonElement | null) => {
    const gone = otherButton.current;
    if (button === null && gone && gone.ownerDocument.activeElement === gone) flowButton.current?.focus();
    otherButton.current = button;
  }, []);

  const open = (which: 'flow' | 'other') => {
    // aria-disabled, not disabled, while recording: a disabled button cannot hold focus, and focus comes back to it.
    if (!pending) setConfirming(which);
  };
  const record = (saveRun: boolean) => {
    setConfirming(null);
    if (pending) return;
    setProgress({ state: 'pending' });
    recordConsentFlow(saveRun).then(
      (count) => setProgress({ state: 'started', count }),
      (error: unknown) => setProgress({ state: 'failed', error: problemText(error, t) }),
    );
  };
  // Each choice named as its summary names it: a mixed one "per tracker" (consentStateKey).
  const choiceText = (consent: ConsentRun['consent']) => t(consentStateKey(consent));
  const pair = savedRun && decided ? pairRuns(savedRun, current) : null;

  return (
    <div class="consent-runs">
      <div class="record-flow">
        {confirming === null ? (
          <p class="actions" key="actions">
            <button
              type="button"
              class="primary"
              data-action="record-flow"
              aria-disabled={pending ? 'true' : undefined}
              ref={flowButton}
              onClick={() => open('flow')}
            >
              {t('recordFlow')}
            </button>{' '}
            {decided && (
              <button
                type="button"
                data-action="record-other"
                aria-disabled={pending ? 'true' : undefined}
                ref={otherRef}
                onClick={() => open('other')}
              >
                {t('recordOther')}
              </button>
            )}
          </p>
        ) : (
          <div
            role="alertdialog"
            aria-labelledby="record-flow-text"
            class="confirm"
            key="confirm"
            onKeyDown={(event) => {
              // Escape cancels, as a dialog's does: focus goes back to the button that opened it.
              if (event.key !== 'Escape') return;
              event.preventDefault();
              event.stopPropagation();
              setConfirming(null);
            }}
          >
            <p id="record-flow-text">
              {confirming === 'flow' ? t('recordFlowExplain', host) : t('recordOtherExplain', choiceText(report.consent), host)}
            </p>
            <button
              type="button"
              class="danger"
              data-action={confirming === 'flow' ? 'record-flow-confirm' : 'record-other-confirm'}
              ref={confirmButton}
              onClick={() => record(confirming === 'other')}
            >
              {confirming === 'flow' ? t('recordFlowConfirm') : t('recordOtherConfirm')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(null)}>
              {t('cancel')}
            </button>
          </div>
        )}
        {/* Always in the document (keyed: Preact would take it for the buttons' <p>): a live region inserted with its text is often not read out. */}
        <p key="status" role="status" class={progress.state === 'failed' ? 'small error' : 'small'} data-record-status={progress.state}>
          {progress.state === 'pending' && (
            <>
              <span class="spinner" aria-hidden="true" /> {t('recordFlowPending', host)}
            </>
          )}
          {progress.state === 'started' && countText(t, language, 'recordFlowStarted', progress.count)}
          {progress.state === 'failed' && t('recordFlowFailed', progress.error)}
        </p>
      </div>
      {savedRun && (
        <section class="runs-compared" aria-labelledby="runs-title">
          <h3 id="runs-title">{t('runsTitle')}</h3>
          <div class="runs">
            <RunColumn
              id="saved"
              title={<KeptAt savedAt={savedRun.savedAt} t={t} language={language} />}
              run={savedRun}
              showName={showName}
              t={t}
              language={language}
            />
            <RunColumn id="current" title={t('runCurrent')} run={current} showName={showName} t={t} language={language} />
          </div>
          {pair === null ? (
            <p class="small" data-comparison-state="waiting">
              {t('comparisonWaiting')}
            </p>
          ) : pair.kind === 'pair' ? (
            <ComparisonLists comparison={pair.comparison} showName={showName} t={t} />
          ) : (
            <p class="small notice" data-comparison-state="not-comparable">
              {/* pairRuns(savedRun, current): run 1 is the kept one. */}
              {t('comparisonNotComparable', choiceText(savedRun.consent), choiceText(current.consent))}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
