/**
 * The popup's tools (open the side panel, enable the DevTools panel), found once the popup is
 * up: loaded with `import()`, as the first paint needs neither them nor their answers.
 */
import { devtoolsPanelOffered, requestDevtoolsPanel } from '../platform/permissions.ts';
import { canOpenSidePanel, currentWindowId, openSidePanel } from '../platform/side-panel.ts';
import type { PageToolsProps } from '../views/PageTools.tsx';

/** The tools this browser offers in the popup; null when none. */
export async function popupTools(): Promise<PageToolsProps | null> {
  const [windowId, offerDevtools] = await Promise.all([currentWindowId().catch(() => null), devtoolsPanelOffered().catch(() => false)]);
  const sidePanel = canOpenSidePanel();
  if (!sidePanel && !offerDevtools) return null;
  return {
    // Straight from the click (a user gesture), then the popup makes way for the panel.
    ...(sidePanel ? { openSidePanel: () => openSidePanel(windowId) } : {}),
    ...(offerDevtools ? { devtoolsPanel: { request: () => requestDevtoolsPanel() } } : {}),
  };
}
