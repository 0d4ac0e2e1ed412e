import { render } from 'preact';
import { hasNativeBrowserNamespace, installBrowser } from '../platform/browser.ts';
import { App } from './App.tsx';
import { callBackground } from '../platform/messaging.ts';
import { onSessionChanged } from '../platform/session-storage.ts';
import { activeTab } from '../platform/tabs.ts';
import { requestHostAccess } from '../platform/permissions.ts';
import { browserTranslate, uiLanguage } from '../platform/i18n.ts';
import { requiredHostOrigins } from '../platform/manifest.ts';
import { markFirst } from '../core/timing-marks.ts';
import { downloadFile, preloadFirstView, siteOfPage } from './page-actions.ts';

// Measured by `npm run bench`: from here to the report on screen is the popup's own work.
markFirst('start');

// Chrome with the `browser` namespace and Firefox need no wrapper: the polyfill loads only elsewhere.
if (!hasNativeBrowserNamespace()) installBrowser((await import('webextension-polyfill')).default);

const params = new URLSearchParams(location.search);

const firstSite = siteOfPage(params, () => activeTab());
const loadSite = preloadFirstView(firstSite, (query) => callBackground('getReport', query));

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
    exportReport={(query, format, draftLanguage) =>
      callBackground('exportReport', draftLanguage ? { ...query, format, language: draftLanguage } : { ...query, format })
    }
    refreshCharter={async (query) => void (await callBackground('refreshCharter', query))}
    download={(file) => downloadFile(file)}
    copy={(text) => navigator.clipboard.writeText(text)}
    portalOrigins={requiredHostOrigins()}
    t={browserTranslate()}
    language={language}
  />,
  document.getElementById('app')!,
);
