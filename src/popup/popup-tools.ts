/**
 * What the popup adds once it is up: its tools (open the side panel, enable the DevTools panel)
 * and the following of its tab. Loaded with `import()`, as the first paint needs none of them
 * (their code counts against the popup's scripts at open: test/e2e/build.test.ts).
 */
import { devtoolsPanelOffered, requestDevtoolsPanel } from '../platform/permissions.ts';
import { canOpenSidePanel, currentWindowId, openSidePanel } from '../platform/side-panel.ts';
import { onShownTabChanged } from '../platform/tabs.ts';
import type { PageOptions } from '../pages/mount-page.tsx';

/** The platform calls the tools need (the browser's by default; tests pass fakes). */
export type PopupToolsPlatform = {
  canOpenSidePanel: () => boolean;
  currentWindowId: () => Promise<number | null>;
  openSidePanel: (windowId: number | null) => Promise<void>;
  devtoolsPanelOffered: () => Promise<boolean>;
  requestDevtoolsPanel: () => Promise<boolean>;
  onShownTabChanged: (windowId: number, listener: () => void) => () => void;
};

const browserTools: PopupToolsPlatform = {
  canOpenSidePanel: () => canOpenSidePanel(),
  currentWindowId: () => currentWindowId(),
  openSidePanel: (windowId) => openSidePanel(windowId),
  devtoolsPanelOffered: () => devtoolsPanelOffered(),
  requestDevtoolsPanel: () => requestDevtoolsPanel(),
  onShownTabChanged: (windowId, listener) => onShownTabChanged(windowId, listener),
};

/**
 * The popup's tools, where this browser offers any (a question the browser fails to answer offers
 * nothing), and `onSiteChanged`: the tab shown in the popup's window, followed as the side panel
 * follows it. A popup opened on a tab still loading a page (Firefox names that page only once it
 * commits) shows that page's site once it is there, not the one it found at open. The App finds
 * its site again as it gets `onSiteChanged`, so nothing heard before is missed.
 */
export async function popupAdditions(platform: PopupToolsPlatform = browserTools): Promise<Pick<PageOptions, 'tools' | 'onSiteChanged'>> {
  const [windowId, offerDevtools] = await Promise.all([
    platform.currentWindowId().catch(() => null),
    platform.devtoolsPanelOffered().catch(() => false),
  ]);
  const sidePanel = platform.canOpenSidePanel();
  return {
    ...(sidePanel || offerDevtools
      ? {
          tools: {
            // Straight from the click (a user gesture), then the popup makes way for the panel.
            ...(sidePanel ? { openSidePanel: () => platform.openSidePanel(windowId) } : {}),
            ...(offerDevtools ? { devtoolsPanel: { request: () => platform.requestDevtoolsPanel() } } : {}),
          },
        }
      : {}),
    ...(windowId === null ? {} : { onSiteChanged: (listener: () => void) => platform.onShownTabChanged(windowId, listener) }),
  };
}
