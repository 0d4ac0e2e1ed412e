/**
 * The views a page's first paint does not need, each loaded with `import()` apart from the
 * scripts a page loads at open (`npm run bench` weighs those: the popup's budget is 15,000
 * bytes gzip). The report's view is preloaded as each page opens (mountPage), alongside its
 * request for the report; the access prompt, the page tools and the embedded-content offer when
 * shown; the tabs behind the report are loaded by the report's view (lazy-tabs.tsx). Once loaded,
 * each renders at once.
 */
import type { PageToolsPlace, PageToolsProps } from './PageTools.tsx';
import { lazyView } from './lazy-view.tsx';
import { markFirst } from '../core/timing-marks.ts';

export const ReportView = lazyView(async () => {
  const { ReportView: view } = await import('./ReportView.tsx');
  // Measured by `npm run bench`: when the report's view was there, beside the worker's answer.
  markFirst('reportViewLoaded');
  return view;
});
// Shown instead of the report when the extension may not read the site: rare, after the worker's answer.
export const AccessPrompt = lazyView(async () => (await import('./AccessPrompt.tsx')).AccessPrompt);
// Beside the title and under the report: nothing shows while they load (a few milliseconds from disk).
export const EmbeddedAccess = lazyView(async () => (await import('./EmbeddedAccess.tsx')).EmbeddedAccess, { quiet: true });
export const PageToolsView = lazyView(async () => (await import('./PageTools.tsx')).PageTools, { quiet: true });

/** The page's tools, loaded only when the page has one to offer. */
export function PageTools(props: PageToolsProps & PageToolsPlace) {
  return props.openSidePanel || props.devtoolsPanel ? <PageToolsView {...props} /> : null;
}
