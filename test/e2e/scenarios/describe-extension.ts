/**
 * End-to-end scenarios, written once and run in each real browser (chromium.test.ts, firefox.test.ts)
 * against one browser launch and one fixture portal per browser.
 */
import { launchedForBlock } from './launched.ts';
import type { BrowserUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { consentScenarios } from './consent.ts';
import { containerScenarios } from './containers.ts';
import { keptPageScenarios } from './kept-page.ts';
import { laterPartsScenarios } from './later-parts.ts';
import { liveCharterScenarios } from './live-charter.ts';
import { panelScenarios } from './panels.ts';
import { popupScenarios } from './popup.ts';
import { recordingScenarios } from './recording.ts';
import { restartScenarios } from './restart.ts';
import { storageScenarios } from './storage.ts';
import { systemThemeScenarios } from './system-theme.ts';
import { timelineLimitsScenarios } from './timeline-limits.ts';

export function describeExtension(launch: (portalPort: number) => Promise<BrowserUnderTest>): void {
  const ctx = launchedForBlock(launch);
  recordingScenarios(ctx);
  consentScenarios(ctx);
  liveCharterScenarios(ctx);
  popupScenarios(ctx);
  panelScenarios(ctx);
  keptPageScenarios(ctx);
  laterPartsScenarios(ctx);
  restartScenarios(ctx);
  systemThemeScenarios(ctx);
  timelineLimitsScenarios(ctx);
  containerScenarios(ctx);
  // Last: it leaves storage full.
  storageScenarios(ctx);
}
