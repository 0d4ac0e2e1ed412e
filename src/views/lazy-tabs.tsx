/**
 * The views the report's view loads later: those behind its tabs, each loaded with `import()` when a
 * pointer or the focus comes to the tabs, and the live charter's lines not read, when it has some.
 * Their loaders are the report's view's, not in the scripts a page loads at open (the popup's
 * 15,000 bytes gzip, which the day's times shared with them take: vite.config.ts).
 */
import { lazyView } from './lazy-view.tsx';
import { AccessPrompt, EmbeddedAccess, PageToolsView, ReportView } from './lazy-views.tsx';

export const TimelineView = lazyView(async () => (await import('./TimelineView.tsx')).TimelineView);
export const ConsentRuns = lazyView(async () => (await import('./ConsentRuns.tsx')).ConsentRuns);
export const ExportPanel = lazyView(async () => (await import('./ExportPanel.tsx')).ExportPanel);
// Rare (a live charter with rows its parser could not read): their reasons' words stay out of the report's view, which every report loads.
// Quiet: the shared loading line says "Reading recorded cookies…"; the list is asked for as the charter's part renders, long before a click opens it.
export const UnreadRows = lazyView(async () => (await import('./UnreadRows.tsx')).UnreadRows, { quiet: true });

/** Starts loading the views behind the report's tabs; a failure shows when the tab is opened (with a retry). */
export function preloadTabs(): void {
  for (const view of [TimelineView, ConsentRuns, ExportPanel]) view.preload().catch(() => undefined);
}

/** Loads every view, the report's, its tabs' and the others (tests render them as a page does once they are there). */
export function preloadViews(): Promise<unknown> {
  return Promise.all(
    [ReportView, AccessPrompt, TimelineView, ConsentRuns, ExportPanel, UnreadRows, EmbeddedAccess, PageToolsView].map((view) =>
      view.preload(),
    ),
  );
}
