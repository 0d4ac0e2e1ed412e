import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../core/messages.ts';
import type { Translate } from '../platform/i18n.ts';
import { CookieTable } from './CookieTable.tsx';

type AppProps = {
  /** Resolves to the host to show, or null when the tab shows nothing we can inspect. */
  findHost: () => Promise<string | null>;
  /** Asks the background worker for what it recorded about `host`. */
  loadSite: (host: string) => Promise<SiteSnapshot>;
  /** Subscribes to changes of the recorded state; returns the unsubscribe function. */
  onStateChanged: (listener: () => void) => () => void;
  /** UI strings. */
  t: Translate;
  /** UI language, for dates. */
  language: string;
};

type View =
  | { kind: 'loading' }
  | { kind: 'no-site' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; site: SiteSnapshot };

/** The popup: finds the site, loads its record, keeps it live while open. */
export function App({ findHost, loadSite, onStateChanged, t, language }: AppProps) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [host, setHost] = useState<string | null>(null);

  const refresh = useCallback(
    async (target: string) => {
      try {
        setView({ kind: 'ready', site: await loadSite(target) });
      } catch (error) {
        setView({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [loadSite],
  );

  useEffect(() => {
    findHost().then(
      (found) => {
        setHost(found);
        if (found) void refresh(found);
        else setView({ kind: 'no-site' });
      },
      (error: unknown) => setView({ kind: 'error', message: String(error) }),
    );
  }, [findHost, refresh]);

  useEffect(() => (host ? onStateChanged(() => void refresh(host)) : undefined), [host, onStateChanged, refresh]);

  return (
    <main data-state={view.kind} aria-busy={view.kind === 'loading'}>
      <h1>{t('popupTitle')}</h1>
      {view.kind === 'loading' && (
        <p class="status" role="status">
          {t('loading')}
        </p>
      )}
      {view.kind === 'no-site' && <p class="status">{t('noSite')}</p>}
      {view.kind === 'error' && (
        <div class="status error" role="alert">
          <p>{t('loadError', view.message)}</p>
          {host && (
            <button type="button" onClick={() => void refresh(host)}>
              {t('retry')}
            </button>
          )}
        </div>
      )}
      {view.kind === 'ready' && <SiteView site={view.site} t={t} language={language} />}
    </main>
  );
}

type SiteViewProps = {
  /** The recorded site. */
  site: SiteSnapshot;
  /** UI strings. */
  t: Translate;
  /** UI language, for dates. */
  language: string;
};

/** A site's cookies, or why there are none. */
function SiteView({ site, t, language }: SiteViewProps) {
  if (!site.isPortal) return <p class="status">{t('notPortal', site.host)}</p>;
  if (site.cookies.length === 0) return <p class="status">{t('noCookies', site.host)}</p>;
  return (
    <section aria-labelledby="site-summary">
      <p id="site-summary" class="summary">
        {t('cookieCount', String(site.cookies.length), site.host)}
      </p>
      <CookieTable cookies={site.cookies} t={t} language={language} />
    </section>
  );
}
