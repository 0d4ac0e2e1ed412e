/**
 * The DevTools panel ("Cookie charter"): the inspected tab's site, live, with which response set
 * each cookie (what the DevTools page heard in that tab). Opened in a tab, `?tabId=N` binds it to
 * a tab and `?host=HOST` to a site (tests, debugging). In Firefox a DevTools panel has no tabs,
 * cookies or permissions API: the worker reads the tab for it, and access is granted from the popup.
 */
import { browser, installBrowser, nativeBrowser } from '../platform/browser.ts';
import { callBackground } from '../platform/messaging.ts';
import { onTabNavigated } from '../platform/tabs.ts';
import { requestHostAccess } from '../platform/permissions.ts';
import { devtoolsTheme, inspectedTabId, onDevtoolsThemeChanged, onInspectedTabNavigated } from '../platform/devtools.ts';
import { applyTheme, pageTheme } from '../pages/page-theme.ts';
import { boundSite } from '../pages/tab-site.ts';
import { browserPlatform, mountPage } from '../pages/mount-page.tsx';
import { SiteNotFound } from '../views/site-not-found.ts';
import { networkAttribution } from '../core/network/set-by.ts';
import { answerWithin } from '../core/message-contract.ts';

installBrowser(nativeBrowser() ?? (await import('../platform/polyfill.ts')).default);

const openedAt = Date.now();
const params = new URLSearchParams(location.search);
applyTheme(pageTheme(params, devtoolsTheme()));
if (!params.has('theme')) onDevtoolsThemeChanged((theme) => applyTheme(theme));
const platform = browserPlatform();
document.documentElement.lang = platform.language.split('-')[0] ?? 'en';
// The HTML's title is English (there before any script runs): the page, opened in a tab, is titled in the UI language.
document.title = platform.t('devtoolsPanelTitle');

const inspected = inspectedTabId();
const bound = boundSite(params, inspected, (tabId) => answerWithin(callBackground('siteOfTab', { tabId }), 'siteOfTab'), platform.t);
const tabId = bound?.tabId ?? null;

/** The bound tab going to another page: DevTools tells its panel (and Chrome's tabs API, of a browser page); a panel opened in a tab asks the tabs API. */
function onNavigated(listener: () => void): () => void {
  if (inspected !== null) return onInspectedTabNavigated(inspected, listener);
  return tabId !== null && browser.tabs ? onTabNavigated(tabId, listener) : () => undefined;
}

mountPage(
  document.getElementById('app')!,
  {
    findSite: bound?.findSite ?? (() => Promise.reject(new SiteNotFound(platform.t('panelUnbound')))),
    ...(tabId !== null
      ? {
          onSiteChanged: onNavigated,
          network: { tabId, load: () => callBackground('getNetworkLog', { tabId }), attribution: networkAttribution },
        }
      : {}),
    ...(browser.permissions ? { requestAccess: requestHostAccess } : {}),
    openedAt,
  },
  platform,
);
