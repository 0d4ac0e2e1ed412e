import { render } from 'preact';
import { hasNativeBrowserNamespace, useBrowser } from '../platform/browser.ts';
import { App } from './App.tsx';
import { callBackground } from '../platform/messaging.ts';
import { onSessionChanged } from '../platform/session-storage.ts';
import { activeTab } from '../platform/tabs.ts';
import { requestHostAccess } from '../platform/permissions.ts';
import { browserTranslate, uiLanguage } from '../platform/i18n.ts';
import { requiredHostOrigins } from '../platform/manifest.ts';
import { webHost } from '../core/portals.ts';
import type { SiteQuery } from '../core/message-contract.ts';
import type { ExportedFile } from '../core/report/export.ts';
import { markFirst } from '../core/timing-marks.ts';

// Measured by `npm run bench`: from here to the report on screen is the popup's own work.
markFirst('start');

// Chrome with the `browser` namespace and Firefox need no wrapper: the polyfill loads only elsewhere.
if (!hasNativeBrowserNamespace()) useBrowser((await import('webextension-polyfill')).default);

const params = new URLSearchParams(location.search);

/** `?host=HOST` shows that site (a full-tab view for debugging, and for tests); else the active tab's. */
async function findSite(): Promise<SiteQuery | null> {
  const requested = params.get('host')?.trim().toLowerCase();
  if (requested) return { host: requested, ...(params.get('store') ? { storeId: params.get('store')! } : {}) };
  const tab = await activeTab();
  const host = webHost(tab?.url);
  return host ? { host, ...(tab?.storeId ? { storeId: tab.storeId } : {}) } : null;
}

function download(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: file.filename });
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the blob URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The first request starts now, while Preact mounts, not in the first effect (which runs only
 * after a frame): App's first `findSite` / `loadSite` calls get these promises.
 */
const firstSite = findSite();
const firstView = firstSite.then((query) => (query ? callBackground('getReport', query) : null));
let firstViewTaken = false;
function loadSite(query: SiteQuery) {
  if (!firstViewTaken) {
    firstViewTaken = true;
    return firstView.then((view) => view ?? callBackground('getReport', query));
  }
  return callBackground('getReport', query);
}

// `?theme=light|dark` pins the theme (screenshots, debugging); otherwise the system's is followed.
const theme = params.get('theme');
if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;

const language = uiLanguage();
document.documentElement.lang = language.split('-')[0] ?? 'en';

render(
  <App
    findSite={() => firstSite}
    loadSite={loadSite}
    onStateChanged={(listener) => onSessionChanged(listener)}
    requestAccess={requestHostAccess}
    recordConsentFlow={async (query) => (await callBackground('clearSite', { ...query, reloadTabs: true })).removed}
    exportReport={(query, format) => callBackground('exportReport', { ...query, format })}
    refreshCharter={async (query) => void (await callBackground('refreshCharter', query))}
    download={download}
    copy={(text) => navigator.clipboard.writeText(text)}
    portalOrigins={requiredHostOrigins()}
    t={browserTranslate()}
    language={language}
  />,
  document.getElementById('app')!,
);
