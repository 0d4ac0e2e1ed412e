/**
 * The views a page's first paint does not need, each loaded with `import()` apart from the
 * scripts a page loads at open (`npm run bench` weighs those: the popup's budget is 15,000
 * bytes gzip). The report's view is preloaded as each page opens (mountPage), alongside its
 * request for the report; the tabs behind it when a pointer or the focus comes to the tabs; the
 * access prompt, the page tools and the embedded-content offer when shown. Once loaded, each
 * renders at once.
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
export const TimelineView = lazyView(async () => (await import('./TimelineView.tsx')).TimelineView);
export const ConsentRuns = lazyView(async () => (await import('./ConsentRuns.tsx')).ConsentRuns);
export const ExportPanel = lazyView(async () => (await import('./ExportPanel.tsx')).ExportPanel);
// Beside the title and under the report: nothing shows while they load (a few milliseconds from disk).
export const EmbeddedAccess = lazyView(async () => (await import('./EmbeddedAccess.tsx')).EmbeddedAccess, { quiet: true });
const PageToolsView = lazyView(async () => (await import('./PageTools.tsx')).PageTools, { quiet: true });

/** The page's tools, loaded only when the page has one to offer. */
export function PageTools(props: PageToolsProps & PageToolsPlace) {
  return props.openSidePanel || props.devtoolsPanel ? <PageToolsView {...props} /> : null;
}

/** Starts loading the views behind the report's tabs; a failure shows when the tab is opened (with a retry). */
export function preloadTabs(): void {
  for (const view of [TimelineView, ConsentRuns, ExportPanel]) view.preload().catch(() => undefined);
}

/** Loads every view above (tests render them as a page does once they are there). */
export function preloadViews(): Promise<unknown> {
  return Promise.all(
    [ReportView, AccessPrompt, TimelineView, ConsentRuns, ExportPanel, EmbeddedAccess, PageToolsView].map((view) => view.preload()),
  );
}
