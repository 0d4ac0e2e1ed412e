import { render } from 'preact';
import { App } from './App.tsx';
import { callBackground } from '../platform/messaging.ts';
import { onSessionChanged } from '../platform/storage.ts';
import { activeTabUrl } from '../platform/tabs.ts';
import { browserTranslate, uiLanguage } from '../platform/i18n.ts';
import { webHost } from '../core/portals.ts';

/** `?host=HOST` shows that site (a full-tab view for debugging, and for tests); else the active tab's. */
async function siteHost(): Promise<string | null> {
  const requested = new URLSearchParams(location.search).get('host');
  if (requested) return requested.trim().toLowerCase() || null;
  return webHost(await activeTabUrl());
}

const language = uiLanguage();
document.documentElement.lang = language;

render(
  <App
    findHost={siteHost}
    loadSite={(host) => callBackground('getSite', { host })}
    onStateChanged={(listener) => onSessionChanged(() => listener())}
    t={browserTranslate()}
    language={language}
  />,
  document.getElementById('app')!,
);
