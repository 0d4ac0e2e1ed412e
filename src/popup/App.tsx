import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SiteQuery, SiteView } from '../core/message-contract.ts';
import { hostPattern } from '../core/host-patterns.ts';
import type { ExportFormat, ExportedFile } from '../core/report/export.ts';
import type { CharterDraftFormat, DraftLanguage } from '../core/draft/draft-formats.ts';
import { keyConcernsHost } from '../core/storage/session-items.ts';
import { markFirst } from '../core/timing-marks.ts';
import type { Translate } from '../core/ui-strings.ts';
import { AccessPrompt } from './AccessPrompt.tsx';
import { ReportView } from './ReportView.tsx';

/** Everything the popup does to the outside world, passed in so views stay testable. */
export type PopupActions = {
  /** Resolves to the site to show, or null when the tab shows nothing we can inspect. */
  findSite: () => Promise<SiteQuery | null>;
  /** Asks the background worker for the site's report. */
  loadSite: (query: SiteQuery) => Promise<SiteView>;
  /** Subscribes to changes of the recorded state (the changed storage keys); returns the unsubscribe function. */
  onStateChanged: (listener: (keys: string[]) => void) => () => void;
  /** Asks the person for host access (must run in a click handler); resolves to whether it was granted. */
  requestAccess: (origins: string[]) => Promise<boolean>;
  /** Deletes the site's cookies, starts recording afresh and reloads its tabs; resolves to how many were deleted. */
  recordConsentFlow: (query: SiteQuery) => Promise<number>;
  /** The site's report as a file, or a charter drafted from it in a language. */
  exportReport: (query: SiteQuery, format: ExportFormat | CharterDraftFormat, language?: DraftLanguage) => Promise<ExportedFile>;
  /** Reads the site's live charter again. */
  refreshCharter: (query: SiteQuery) => Promise<void>;
  /** Saves a file through the browser's download. */
  download: (file: ExportedFile) => void;
  /** Copies text to the clipboard. */
  copy: (text: string) => Promise<void>;
};

type AppProps = PopupActions & {
  /** Origins to request when the browser has not granted the bundled portals (Firefox may not at install). */
  portalOrigins: string[];
  /** UI strings. */
  t: Translate;
  /** UI language, for numbers and dates. */
  language: string;
};

type State = { kind: 'loading' } | { kind: 'no-site' } | { kind: 'error'; message: string } | { kind: 'ready'; view: SiteView };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The popup: finds the site, loads its report, keeps it live while open. */
export function App(props: AppProps) {
  const { findSite, loadSite, onStateChanged, t } = props;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [query, setQuery] = useState<SiteQuery | null>(null);
  // Answers can come back out of order during a burst of changes: only the latest request counts.
  const latest = useRef(0);

  const refresh = useCallback(
    async (target: SiteQuery) => {
      const request = ++latest.current;
      try {
        const view = await loadSite(target);
        if (request !== latest.current) return;
        // Measured by `npm run bench`: when the worker's answer arrived.
        markFirst('reportReceived');
        setState({ kind: 'ready', view });
      } catch (error) {
        if (request === latest.current) setState({ kind: 'error', message: message(error) });
      }
    },
    [loadSite],
  );

  useEffect(() => {
    findSite().then(
      (found) => {
        setQuery(found);
        if (found) void refresh(found);
        else setState({ kind: 'no-site' });
      },
      (error: unknown) => setState({ kind: 'error', message: message(error) }),
    );
  }, [findSite, refresh]);

  useEffect(
    () =>
      query
        ? onStateChanged((keys) => {
            // Only this site's record (in any cookie store) or its live charter matters.
            if (keys.some((key) => keyConcernsHost(key, query.host))) void refresh(query);
          })
        : undefined,
    [query, onStateChanged, refresh],
  );

  return (
    <main data-state={state.kind} aria-busy={state.kind === 'loading'}>
      <header class="app-header">
        <img src="/icons/icon-32.png" alt="" width={20} height={20} />
        <h1>{t('popupTitle')}</h1>
      </header>
      {state.kind === 'loading' && (
        <p class="status" role="status">
          <span class="spinner" aria-hidden="true" /> {t('loading')}
        </p>
      )}
      {state.kind === 'no-site' && <p class="status">{t('noSite')}</p>}
      {state.kind === 'error' && (
        <div class="status error" role="alert">
          <p>{t('loadError', state.message)}</p>
          {query && (
            <button type="button" onClick={() => void refresh(query)}>
              {t('retry')}
            </button>
          )}
        </div>
      )}
      {state.kind === 'ready' && query && state.view.kind === 'no-access' && (
        <AccessPrompt
          host={state.view.host}
          portal={state.view.portal}
          origins={state.view.portal ? props.portalOrigins : [hostPattern(state.view.host)]}
          requestAccess={props.requestAccess}
          onGranted={() => void refresh(query)}
          t={t}
        />
      )}
      {state.kind === 'ready' && query && state.view.kind === 'report' && (
        <ReportView
          report={state.view.report}
          charterPending={state.view.charterPending}
          refreshCharter={() =>
            void props.refreshCharter(query).then(
              () => refresh(query),
              () => refresh(query),
            )
          }
          recordConsentFlow={() => props.recordConsentFlow(query)}
          exportReport={(format, draftLanguage) => props.exportReport(query, format, draftLanguage)}
          download={props.download}
          copy={props.copy}
          t={t}
          language={props.language}
        />
      )}
    </main>
  );
}
