/**
 * Chromium incognito: the same portal in an incognito window and in a normal tab is two records,
 * one per cookie store (Chrome's '1' and '0'), shown apart by the toolbar popup and the panel
 * bound to each tab, and "Record consent flow" on the incognito site clears incognito alone.
 *
 * The manifest sets no `incognito` key: Chrome's default, "spanning"
 * (https://developer.chrome.com/docs/extensions/reference/manifest/incognito). One worker, the
 * normal profile's, hears both stores' cookie events and sees both windows' tabs; the popup
 * opened on an incognito tab is a page of the normal profile too (measured with headless Chromium
 * 156: its target's browser context is the normal one's), whose active tab in its current window
 * is the incognito tab. So one storage.session holds both stores' records, each under its store.
 *
 * Chrome runs an extension in incognito only once allowed there. Headless Chromium has no
 * settings page to click, but chrome://extensions' own API does it (see the top of containers.ts):
 * developer mode first, then the switch; the switch reloads the extension, which empties its
 * storage.session and starts its worker afresh. Hence a launch of its own (chromium.test.ts),
 * allowed right after it starts, before any scenario.
 */
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { protocolPage, type launchChromium, type ProtocolPage } from '../../../scripts/browsers/chromium.ts';
import { extensionPage, presentNames, reportOf, request, storedKeys } from '../../../scripts/browsers/extension-api.ts';
import { openToolbarPopup, poll } from '../../../scripts/browsers/toolbar-action.ts';
import type { Report } from '../../../src/core/report/index.ts';
import { storeOfKey } from '../../../src/core/storage/session-items.ts';
import { isolatingTranslate } from '../../../src/platform/i18n.ts';
import { countText } from '../../../src/views/count-text.ts';
import { localeTranslate } from '../../support/locale-translate.ts';
import { MATOMO, PLATFORM_COOKIES, seenRow } from './context.ts';
import { launchedForBlock } from './launched.ts';
import { eventRow, openPanelPage, PANEL_PAGE } from './panels.ts';
import { namesInTimeline, storeReportsOf } from './store-reports.ts';

/** Chromium as chromium.ts launches it. */
type ChromiumUnderTest = Awaited<ReturnType<typeof launchChromium>>;

/** Chrome's incognito cookie store, and its normal windows' one. */
const INCOGNITO = '1';
const NORMAL_STORE = '0';

/** A portal whose _ga goes on its own parent domain (huwise.com), which the manifest covers. */
const HOST = 'demo.huwise.com';
/**
 * The incognito tab's page, with Matomo's tag ignoring the visitor's choice, and the normal tab's,
 * with Google Analytics' ignoring it: after "refuse" in both, Matomo's cookies are the incognito
 * tab's only, _ga the normal tab's only (the demo portal's `?ignore=`, scripts/demo-portal/server.ts
 * portalPage). The incognito one is asked over https: Chromium upgrades an incognito window's
 * http:// address to https:// ("HTTPS-First" in incognito; measured with headless Chromium 156),
 * which the portal server also answers. Two addresses, so the toolbar popup can be opened on either.
 */
const INCOGNITO_URL = `https://${HOST}/explore/dataset/demo/?ignore=matomo`;
const NORMAL_URL = `http://${HOST}/?ignore=ga`;
/** The normal tab's only cookie: Google Analytics', on huwise.com. */
const NORMAL_ONLY = '_ga';

/** The UI's English text (the e2e browsers run in English), each substitution isolated as the pages' `t` does. */
const englishText = isolatingTranslate(localeTranslate('en'));

/** The `chrome` APIs the scenarios call from an extension page. */
type ChromeApi = {
  windows: {
    create(details: { incognito: boolean; url: string }): Promise<{ id?: number; incognito: boolean; tabs?: Array<{ id?: number }> }>;
    remove(windowId: number): Promise<void>;
  };
  tabs: {
    get(tabId: number): Promise<{ status?: string; incognito: boolean }>;
    query(q: { url: string }): Promise<Array<{ id?: number }>>;
  };
};

/** chrome://extensions' own API, the one its switches call. */
type DeveloperPrivate = {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
  updateExtensionConfiguration(update: { extensionId: string; incognitoAccess: boolean }): Promise<void>;
  getExtensionInfo(extensionId: string): Promise<{ state: string; incognitoAccess: { isActive: boolean } }>;
};

/**
 * Allows the extension in incognito as its switch on chrome://extensions does, and resolves once
 * the extension runs again, allowed there, with its new worker up.
 */
async function allowInIncognito(chromium: ChromiumUnderTest): Promise<void> {
  const extensionId = new URL(chromium.popupUrl()).host;
  const settings = await chromium.context.newPage();
  try {
    await settings.goto('chrome://extensions/');
    const restarted = chromium.context.waitForEvent('serviceworker', {
      predicate: (worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`),
      timeout: 15_000,
    });
    await settings.evaluate(async (id) => {
      const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome.developerPrivate;
      // Developer mode first: without it, the reload the switch causes leaves an extension loaded
      // with --load-extension disabled ("unsupportedDeveloperExtension"; see containers.ts).
      await api.updateProfileConfiguration({ inDeveloperMode: true });
      await api.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
    }, extensionId);
    await restarted;
    await poll('the extension never ran again, allowed in incognito', 15_000, async () => {
      const info = await settings.evaluate(
        (id) => (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome.developerPrivate.getExtensionInfo(id),
        extensionId,
      );
      return info.state === 'ENABLED' && info.incognitoAccess.isActive ? true : undefined;
    });
  } finally {
    await settings.close();
  }
}

const { storeReport, waitForStoreReport } = storeReportsOf(HOST);

/**
 * Waits until `selector` matches in a page driven over the protocol. A page between two loads
 * has no context to evaluate in for a moment: that is asked again, as a miss is.
 */
function waitInPage(page: ProtocolPage, selector: string): Promise<true> {
  return poll(`nothing matched ${selector}`, 15_000, async () => {
    const found = await page.evaluate<boolean>(`document.querySelector(${JSON.stringify(selector)}) !== null`).catch(() => false);
    return found ? true : undefined;
  });
}

/** The incognito tab: its window, its id, and its page (Playwright drives the normal profile's pages only). */
type IncognitoTab = { windowId: number; tabId: number; page: () => Promise<ProtocolPage> };

/** Opens INCOGNITO_URL in a new incognito window, as an extension does, and resolves once its page has loaded. */
async function openIncognitoWindow(chromium: ChromiumUnderTest, api: PageUnderTest): Promise<IncognitoTab> {
  const window = await api.evaluate(async (url) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    const created = await chrome.windows.create({ incognito: true, url });
    return { id: created.id ?? -1, incognito: created.incognito, tabId: created.tabs?.[0]?.id ?? -1 };
  }, INCOGNITO_URL);
  // Once the test is over, passed or failed, the window goes, and the incognito store with it.
  onTestFinished(async () => {
    const remove = (windowId: number) => (globalThis as unknown as { chrome: ChromeApi }).chrome.windows.remove(windowId);
    await api.evaluate(remove, window.id).catch(() => undefined);
  });
  expect(window.incognito).toBe(true);
  await poll('the incognito tab never finished loading', 15_000, async () => {
    const tab = await api.evaluate(
      async (tabId) => (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.get(tabId).catch(() => null),
      window.tabId,
    );
    return tab?.incognito && tab.status === 'complete' ? true : undefined;
  });
  // Found afresh each time: the clear takes the tab to a blank page and back.
  return { windowId: window.id, tabId: window.tabId, page: () => protocolPage(chromium.context, INCOGNITO_URL) };
}

/**
 * Both tabs from a clean slate: HOST's normal record started afresh and the normal store's cookies
 * deleted, nothing left of the incognito store (an earlier scenario's incognito window, closed,
 * took its store with it, and the worker forgot what it recorded of it), the normal tab with the
 * person's "refuse" (its Google Analytics tag runs anyway), then the incognito window with
 * "refuse" too (Matomo's tag runs anyway). `incognito` is the incognito store's report after both.
 */
async function normalAndIncognitoTabs(chromium: ChromiumUnderTest) {
  const api = await extensionPage(chromium);
  // Run after the scenario's other clean-ups, passed or failed (vitest runs them last first).
  onTestFinished(() => api.close());
  await request(api, 'clearSite', { host: HOST });
  // No incognito window is open, so no incognito store to clear (the worker refuses to name one).
  await poll('storage.session still holds keys of the incognito store', 15_000, async () =>
    (await keysOfStore(api, INCOGNITO)).length === 0 ? true : undefined,
  );
  const normal = closedAfterTest(await chromium.newPage());
  await normal.goto(NORMAL_URL);
  await normal.waitFor('#consent-banner:not([hidden])');
  await normal.click('#consent-refuse');
  await waitForStoreReport(api, NORMAL_STORE, (r) => ['cookies_preferences', NORMAL_ONLY].every((name) => presentNames(r).includes(name)));

  const incognitoTab = await openIncognitoWindow(chromium, api);
  const page = await incognitoTab.page();
  // The incognito store has no choice yet: its banner asks.
  await waitInPage(page, '#consent-banner:not([hidden])');
  await page.click('#consent-refuse');
  await waitForStoreReport(api, INCOGNITO, (r) => ['cookies_preferences', ...MATOMO].every((name) => presentNames(r).includes(name)));
  return { api, normal, incognitoTab, incognito: await storeReport(api, INCOGNITO) };
}

/** The keys storage.session holds of cookie store `storeId` (records, kept runs, first pages), read from an extension page. */
const keysOfStore = async (api: PageUnderTest, storeId: string) => (await storedKeys(api)).filter((key) => storeOfKey(key) === storeId);

/**
 * Closes the incognito window, the last one, then waits until storage.session holds no key of
 * the incognito store (bounded): the browser threw that session's cookies away, and the worker
 * forgets what it recorded of them. Then the worker says the browser has no such store (no empty
 * report of it), and the normal tab's record is as it was.
 */
async function closeIncognitoAndCheckForgotten(api: PageUnderTest, incognitoTab: IncognitoTab, normalBefore: Report): Promise<void> {
  await api.evaluate((windowId) => (globalThis as unknown as { chrome: ChromeApi }).chrome.windows.remove(windowId), incognitoTab.windowId);
  await poll('storage.session still holds keys of the incognito store', 15_000, async () =>
    (await keysOfStore(api, INCOGNITO)).length === 0 ? true : undefined,
  );
  await expect(storeReport(api, INCOGNITO)).rejects.toThrow(localeTranslate('en')('unknownCookieStore', INCOGNITO));
  // Asking for it kept nothing either.
  expect(await keysOfStore(api, INCOGNITO)).toEqual([]);
  const normalAfter = await storeReport(api, NORMAL_STORE);
  expect(presentNames(normalAfter)).toEqual(presentNames(normalBefore));
  // A stopped worker marks its restart in the record's timeline: that alone may differ.
  const events = (report: Report) => report.timeline.events.filter((event) => event.type !== 'worker-restart');
  expect(events(normalAfter)).toEqual(events(normalBefore));
  expect(await keysOfStore(api, NORMAL_STORE)).toContain(`site:${NORMAL_STORE}|${HOST}`);
}

/** Closes `page` once the test is over, passed or failed: the next scenario starts without it. */
function closedAfterTest<P extends { close(): Promise<void> }>(page: P): P {
  onTestFinished(() => page.close().catch(() => undefined));
  return page;
}

/** The scenarios, in a Chromium of their own that `launch` starts (it gets the portal server's port). */
export function describeIncognito(launch: (port: number) => Promise<ChromiumUnderTest>): void {
  describe('Chromium incognito: a portal in an incognito window, apart from the same portal in a normal tab', () => {
    const { browser } = launchedForBlock(launch);
    beforeAll(() => allowInIncognito(browser()));

    it('records each tab in its own store: the incognito tab’s cookies in store 1 only, the normal tab’s in store 0 only', async () => {
      const { api, incognito } = await normalAndIncognitoTabs(browser());
      expect(incognito.storeId).toBe(INCOGNITO);
      expect(incognito.consent.state).toBe('refused');
      expect(presentNames(incognito)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, 'cookies_preferences', ...MATOMO]));
      expect(presentNames(incognito)).not.toContain(NORMAL_ONLY);
      // Its first page is the incognito tab's, not the normal tab's.
      expect(incognito.cookies.find((cookie) => cookie.name === 'cookies_preferences')?.firstPage).toBe('/explore/dataset/demo/');

      const normalReport = await storeReport(api, NORMAL_STORE);
      expect(normalReport.storeId).toBe(NORMAL_STORE);
      expect(presentNames(normalReport)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, 'cookies_preferences', NORMAL_ONLY]));
      for (const name of MATOMO) expect(presentNames(normalReport)).not.toContain(name);
      // A request naming no store is the normal tabs' (the popup's ?host= without &store=).
      expect(presentNames(await reportOf(api, HOST))).toEqual(presentNames(normalReport));
    });

    it('shows the incognito store’s cookies in the toolbar popup and the panel on the incognito tab, the normal tab’s on the normal tab', async () => {
      const { api, incognitoTab } = await normalAndIncognitoTabs(browser());
      const extensionId = new URL(browser().popupUrl()).host;

      // The popup the toolbar button opens on each tab: a normal profile's page ("spanning") that
      // finds the store from the active tab of its window.
      const onIncognito = closedAfterTest(await openToolbarPopup(browser().context, extensionId, INCOGNITO_URL));
      await onIncognito.waitFor(seenRow(MATOMO[0]!));
      await onIncognito.waitFor(seenRow('cookies_preferences'));
      expect(await onIncognito.texts(seenRow(NORMAL_ONLY))).toEqual([]);
      await onIncognito.close();
      const onNormal = closedAfterTest(await openToolbarPopup(browser().context, extensionId, NORMAL_URL));
      await onNormal.waitFor(seenRow(NORMAL_ONLY));
      expect(await onNormal.texts(seenRow(MATOMO[0]!))).toEqual([]);
      await onNormal.close();

      // The DevTools panel's page bound to each tab (?tabId=N, as DevTools binds it): the worker names the tab's store.
      const panel = closedAfterTest(await openPanelPage(browser(), PANEL_PAGE, `tabId=${incognitoTab.tabId}`));
      await panel.waitFor(eventRow(MATOMO[0]!));
      expect(await panel.texts(eventRow(NORMAL_ONLY))).toEqual([]);
      const normalTabId = await api.evaluate(
        async (url) => (await (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.query({ url })).map((tab) => tab.id),
        NORMAL_URL,
      );
      expect(normalTabId).toHaveLength(1);
      const normalPanel = closedAfterTest(await openPanelPage(browser(), PANEL_PAGE, `tabId=${normalTabId[0]}`));
      await normalPanel.waitFor(eventRow(NORMAL_ONLY));
      expect(await normalPanel.texts(eventRow(MATOMO[0]!))).toEqual([]);
    });

    it('forgets what it recorded of the incognito store once its last window closes: the normal tab’s record stays', async () => {
      const { api, incognitoTab, incognito } = await normalAndIncognitoTabs(browser());
      expect(presentNames(incognito)).toEqual(expect.arrayContaining(MATOMO));
      expect(await keysOfStore(api, INCOGNITO)).toContain(`site:${INCOGNITO}|${HOST}`);
      await closeIncognitoAndCheckForgotten(api, incognitoTab, await storeReport(api, NORMAL_STORE));
    });

    it('forgets the incognito store’s records when the worker was stopped as its last window closed', async () => {
      const { api, incognitoTab } = await normalAndIncognitoTabs(browser());
      expect(await keysOfStore(api, INCOGNITO)).toContain(`site:${INCOGNITO}|${HOST}`);
      const normalBefore = await storeReport(api, NORMAL_STORE);
      await browser().stopBackground();
      await closeIncognitoAndCheckForgotten(api, incognitoTab, normalBefore);
    });

    it('"Record consent flow" in the panel on the incognito tab clears incognito: the normal tab keeps its cookies and its page', async () => {
      const { api, normal, incognitoTab, incognito } = await normalAndIncognitoTabs(browser());
      const normalBefore = await storeReport(api, NORMAL_STORE);
      // A reload would drop this; the page kept in place keeps it.
      await normal.evaluate(() => void ((globalThis as { keptInPlace?: boolean }).keptInPlace = true), null);

      const panel = closedAfterTest(await openPanelPage(browser(), PANEL_PAGE, `tabId=${incognitoTab.tabId}`));
      await panel.click('[data-action="record-flow"]');
      await panel.click('[data-action="record-flow-confirm"]');
      await panel.waitFor('[data-record-status="started"]');
      // Every cookie the incognito site had, and not one more: the normal tab's are another store's.
      expect(await panel.texts('[data-record-status]')).toEqual([
        countText(englishText, 'en', 'recordFlowStarted', presentNames(incognito).length),
      ]);
      // The incognito tab was taken away and back: its choice gone, its banner asks again, its record afresh.
      await waitInPage(await incognitoTab.page(), '#consent-banner:not([hidden])');
      const cleared = await waitForStoreReport(api, INCOGNITO, (r) => presentNames(r).includes('sessionid'));
      expect(cleared.timeline.events[0]?.type).toBe('cleared');
      expect(namesInTimeline(incognito)).toContain('cookies_preferences');
      expect(namesInTimeline(cleared)).not.toContain('cookies_preferences');
      for (const name of ['cookies_preferences', ...MATOMO]) expect(presentNames(cleared)).not.toContain(name);

      // The normal tab: the same page, its cookies there, its record not started afresh.
      expect(await normal.evaluate(() => (globalThis as { keptInPlace?: boolean }).keptInPlace ?? false, null)).toBe(true);
      expect(await normal.evaluate(() => document.cookie, null)).toContain(`${NORMAL_ONLY}=`);
      const normalAfter = await storeReport(api, NORMAL_STORE);
      expect(presentNames(normalAfter)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, 'cookies_preferences', NORMAL_ONLY]));
      expect(presentNames(normalAfter)).toEqual(presentNames(normalBefore));
      expect(normalAfter.timeline.events).toEqual(normalBefore.timeline.events);
    });
  });
}
