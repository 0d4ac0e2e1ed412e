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
import { boundSite } from '../pages/tab-site.ts';
import { browserPlatform, mountPage, type PageOptions } from '../pages/mount-page.tsx';

installBrowser(nativeBrowser() ?? (await import('../platform/polyfill.ts')).default);

const openedAt = Date.now();
const params = new URLSearchParams(location.search);
applyTheme(pageTheme(params, null));
const platform = browserPlatform();
document.documentElement.lang = platform.language.split('-')[0] ?? 'en';

const bound = boundSite(params, null, (tabId) => callBackground('siteOfTab', { tabId }), platform.t);
const windowId = bound ? null : await currentWindowId().catch(() => null);
const options: PageOptions = {
  findSite: bound?.findSite ?? (() => siteOfPage(params, () => (windowId === null ? activeTab() : activeTabOf(windowId)))),
  ...(bound || windowId === null ? {} : { onSiteChanged: (listener: () => void) => onShownTabChanged(windowId, listener) }),
  requestAccess: requestHostAccess,
  openedAt,
};
const root = document.getElementById('app')!;
mountPage(root, options, platform);
if (await devtoolsPanelOffered().catch(() => false)) {
  mountPage(root, { ...options, tools: { devtoolsPanel: { request: () => requestDevtoolsPanel() } } }, platform);
}
