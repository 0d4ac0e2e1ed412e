/**
 * The side panel (Chrome's side_panel, Firefox's sidebar_action): stays open while the person
 * uses the page, and follows the tab shown in its own window. `?host=HOST` or `?tabId=N` bind it
 * to a site or a tab instead (a tab for tests and debugging), as in the popup.
 */
import { installBrowser, nativeBrowser } from '../platform/browser.ts';
import { callBackground } from '../platform/messaging.ts';
import { activeTab, activeTabOf, onShownTabChanged } from '../platform/tabs.ts';
import { devtoolsPanelOffered, requestDevtoolsPanel, requestHostAccess } from '../platform/permissions.ts';
import { currentWindowId } from '../platform/side-panel.ts';
import { siteOfPage } from '../pages/page-actions.ts';
import { applyTheme, pageTheme } from '../pages/page-theme.ts';
import { boundSite, siteFoundEarly } from '../pages/tab-site.ts';
import { browserPlatform, earlyFirstView, mountPage, type PageOptions } from '../pages/mount-page.tsx';
import { answerWithin } from '../core/message-contract.ts';

installBrowser(nativeBrowser() ?? (await import('../platform/polyfill.ts')).default);

const openedAt = Date.now();
const params = new URLSearchParams(location.search);
applyTheme(pageTheme(params, null));
const browserParts = browserPlatform();
document.documentElement.lang = browserParts.language.split('-')[0] ?? 'en';

const bound = boundSite(params, null, (tabId) => answerWithin(callBackground('siteOfTab', { tabId }), 'siteOfTab'), browserParts.t);
const windowId = bound ? null : await currentWindowId().catch(() => null);
const findSite = bound?.findSite ?? (() => siteOfPage(params, () => (windowId === null ? activeTab() : activeTabOf(windowId))));

// As the popup: the report is asked for at once, with the page the worker kept of the site (a
// stopped worker takes far longer to answer than storage), where the site is known without the
// worker: named by the address, or its window's tab. A bound tab is known only through the worker.
const followed = bound || windowId === null ? null : windowId;
const found =
  !bound || bound.tabId === null
    ? siteFoundEarly(findSite, followed === null ? null : (listener) => onShownTabChanged(followed, listener))
    : null;
const early = found ? earlyFirstView(found.first, browserParts) : null;
const options: PageOptions = {
  // The site found above the first time; the window's tab afresh each time after.
  findSite: found?.findSite ?? findSite,
  ...(early ? { loadSite: early.loadSite } : {}),
  ...(followed === null ? {} : { onSiteChanged: (listener: () => void) => onShownTabChanged(followed, listener) }),
  requestAccess: requestHostAccess,
  openedAt,
};
const root = document.getElementById('app')!;
const platform = early?.platform ?? browserParts;
// The loading shell painted from the HTML (index.html) gives way to the App, in the same task: no frame shows neither.
root.replaceChildren();
mountPage(root, options, platform);
if (await devtoolsPanelOffered().catch(() => false)) {
  mountPage(root, { ...options, tools: { devtoolsPanel: { request: () => requestDevtoolsPanel() } } }, platform);
}
