/**
 * The DevTools page: loaded whenever DevTools opens on a tab (in Firefox, once its optional
 * permission is granted). It adds the "Cookie charter" panel, and listens to the tab's network
 * here rather than in the panel: the panel's document loads only when first shown, this page as
 * DevTools opens, so responses before the panel is looked at are heard too.
 */
import { installBrowser, nativeBrowser } from '../platform/browser.ts';
import {
  barePairReading,
  createDevtoolsPanel,
  harEntries,
  holdDevtoolsSession,
  inspectedTabId,
  onHarEntry,
  repeatedLineReading,
} from '../platform/devtools.ts';
import { browserTranslate } from '../platform/i18n.ts';
import { callBackground } from '../platform/messaging.ts';
import { createNetworkCapture } from './network-capture.ts';

installBrowser(nativeBrowser() ?? (await import('../platform/polyfill.ts')).default);

const openedAt = Date.now();
const tabId = inspectedTabId();
void createDevtoolsPanel(browserTranslate()('devtoolsPanelTitle'), '/icons/icon-32.png', '/src/panel/index.html').catch((error: unknown) =>
  console.error('Cookie Charter Inspector: no DevTools panel', error),
);
if (tabId !== null) {
  // The reading takes a round trip to the worker in Firefox: the capture holds what it hears till then.
  const capture = createNetworkCapture(
    (responses) => callBackground('noteNetwork', { tabId, openedAt, responses }),
    setTimeout,
    barePairReading(),
    () => harEntries(),
    repeatedLineReading(),
  );
  onHarEntry((entry) => capture.heard(entry));
  // The worker hears when this page closes: events after that are not said to be a script's.
  holdDevtoolsSession({ tabId, openedAt });
}
