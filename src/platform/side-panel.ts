/**
 * The side panel: Chrome's `sidePanel` (the manifest's `side_panel`) and Firefox's sidebar
 * (`sidebar_action`), one page for both. Detected by feature, not by browser.
 */
import { browser } from './browser.ts';

/** What of the side panel and window APIs these functions use, in either browser. */
export type SidePanelApi = {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
  windows?: { getCurrent(): Promise<{ id?: number }> };
};

const api = () => browser as unknown as SidePanelApi;

/** True when this browser has a side panel the extension can open. */
export function canOpenSidePanel(panels: SidePanelApi = api()): boolean {
  return typeof panels.sidePanel?.open === 'function' || typeof panels.sidebarAction?.open === 'function';
}

/**
 * Why the side panel could not be opened, before the browser was asked (`unavailable`): `no-window`, Chrome's opens
 * in a window and the page's could not be found (currentWindowId gave null); `no-side-panel`, the
 * browser has none. A page says it in its UI language (views/PageTools.tsx).
 */
export class SidePanelUnavailable extends Error {
  override name = 'SidePanelUnavailable';
  readonly unavailable: 'no-window' | 'no-side-panel';
  constructor(unavailable: 'no-window' | 'no-side-panel') {
    super(unavailable === 'no-window' ? 'The window to open the side panel in could not be found' : 'This browser has no side panel');
    this.unavailable = unavailable;
  }
}

/**
 * Opens the side panel in window `windowId`. Both browsers open it only during a user gesture,
 * so call it straight from a click handler, with nothing awaited before it.
 */
export function openSidePanel(windowId: number | null, panels: SidePanelApi = api()): Promise<void> {
  if (panels.sidePanel && windowId !== null) return panels.sidePanel.open({ windowId });
  if (panels.sidebarAction) return panels.sidebarAction.open();
  return Promise.reject(new SidePanelUnavailable(panels.sidePanel ? 'no-window' : 'no-side-panel'));
}

/** The window this page is shown in (a side panel belongs to one); null when the browser does not say. */
export async function currentWindowId(panels: SidePanelApi = api()): Promise<number | null> {
  const window = await panels.windows?.getCurrent().catch(() => null);
  return typeof window?.id === 'number' ? window.id : null;
}
