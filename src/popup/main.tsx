import { installBrowser, nativeBrowser } from '../platform/browser.ts';
import { activeTab } from '../platform/tabs.ts';
import { hasEmbeddedContentAccess, requestEmbeddedContentAccess, requestHostAccess } from '../platform/permissions.ts';
import { markFirst } from '../core/timing-marks.ts';
import { firstThenAgain, siteNamedByPage, siteOfPage } from '../pages/page-actions.ts';
import { applyTheme, pageTheme } from '../pages/page-theme.ts';
import { browserPlatform, earlyFirstView, mountPage, type PageOptions } from '../pages/mount-page.tsx';
import { ReportView } from '../views/lazy-views.tsx';

// Measured by `npm run bench`: from here to the report on screen is the popup's own work.
markFirst('start');

// Firefox and Chrome 148+ need no wrapper (nativeBrowser): the polyfill loads only in older Chromes.
installBrowser(nativeBrowser() ?? (await import('../platform/polyfill.ts')).default);

const openedAt = Date.now();
const params = new URLSearchParams(location.search);

// The request for the report leaves first, before the page is built (the worker answers meanwhile),
// with the read of the page the worker kept: a stopped worker takes far longer to answer than storage.
const firstSite = siteNamedByPage(params) ?? siteOfPage(params, () => activeTab());
const { loadSite, platform } = earlyFirstView(firstSite, browserPlatform());

applyTheme(pageTheme(params, null));
document.documentElement.lang = platform.language.split('-')[0] ?? 'en';

const root = document.getElementById('app')!;
// The loading shell painted from the HTML (index.html) gives way to the App, in the same task: no frame shows neither.
root.replaceChildren();
const options: PageOptions = {
  // A retry after the site could not be found asks the tab again.
  findSite: firstThenAgain(firstSite, () => siteOfPage(params, () => activeTab())),
  loadSite,
  requestAccess: requestHostAccess,
  embeddedAccess: { has: () => hasEmbeddedContentAccess(), request: () => requestEmbeddedContentAccess() },
  openedAt,
};
mountPage(root, options, platform);

// The tools and the following of the popup's tab (popup-tools.ts; the site is found again as it
// starts, so a page the tab loaded meanwhile is shown) wait for answers the report need not:
// loaded, asked, and mounted again once known, after the report's view and the frame after next,
// which paints the report: their file, their questions to the browser and the page mounted again
// held that paint back. With the tabs' views preloaded after it too (ReportView), the report's
// first line was painted (Element Timing, as `npm run bench` reads it) 88 against 96 ms from
// navigation, 25 alternating opens each; 84 against 92 and 80 against 92 in two earlier rounds.
// The popup is always shown: its frames come.
void ReportView.preload()
  .catch(() => undefined)
  .then(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(painted)))))
  .then(() => import('./popup-tools.ts'))
  .then(({ popupAdditions }) => popupAdditions())
  .then(
    (additions) => mountPage(root, { ...options, ...additions }, platform),
    () => undefined,
  );
