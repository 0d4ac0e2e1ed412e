/**
 * The popup's tools (open the side panel, enable the DevTools panel), found once the popup is
 * up: loaded with `import()`, as the first paint needs neither them nor their answers.
 */
import { devtoolsPanelOffered, requestDevtoolsPanel } from '../platform/permissions.ts';
import { canOpenSidePanel, currentWindowId, openSidePanel } from '../platform/side-panel.ts';
import type { PageToolsProps } from '../views/PageTools.tsx';

/** The platform calls the tools need (the browser's by default; tests pass fakes). */
export type PopupToolsPlatform = {
  canOpenSidePanel: () => boolean;
  currentWindowId: () => Promise<number | null>;
  openSidePanel: (windowId: number | null) => Promise<void>;
  devtoolsPanelOffered: () => Promise<boolean>;
  requestDevtoolsPanel: () => Promise<boolean>;
};

const browserTools: PopupToolsPlatform = {
  canOpenSidePanel: () => canOpenSidePanel(),
  currentWindowId: () => currentWindowId(),
  openSidePanel: (windowId) => openSidePanel(windowId),
  devtoolsPanelOffered: () => devtoolsPanelOffered(),
  requestDevtoolsPanel: () => requestDevtoolsPanel(),
};

/** The tools this browser offers in the popup; null when none. A question the browser fails to answer offers nothing. */
export async function popupTools(platform: PopupToolsPlatform = browserTools): Promise<PageToolsProps | null> {
  const [windowId, offerDevtools] = await Promise.all([
    platform.currentWindowId().catch(() => null),
    platform.devtoolsPanelOffered().catch(() => false),
  ]);
  const sidePanel = platform.canOpenSidePanel();
  if (!sidePanel && !offerDevtools) return null;
  return {
    // Straight from the click (a user gesture), then the popup makes way for the panel.
    ...(sidePanel ? { openSidePanel: () => platform.openSidePanel(windowId) } : {}),
    ...(offerDevtools ? { devtoolsPanel: { request: () => platform.requestDevtoolsPanel() } } : {}),
  };
}
