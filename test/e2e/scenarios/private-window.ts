/**
 * Firefox private windows: the same portal in a private window and in a normal tab is two
 * records, one per cookie store ('firefox-private' and 'firefox-default'), shown apart by the
 * panel bound to each tab and by the toolbar popup on each, and "Record consent flow" on the
 * private window's site clears the private store alone.
 *
 * The add-on runs in private windows only once allowed ("Run in Private Windows" in about:addons):
 * a temporary add-on is not, and firefox.ts's launch allows it when asked (allowInPrivateWindows,
 * with the sources and what was measured). The private window is opened as an add-on opens one,
 * with windows.create({ incognito: true }) from an extension page (MDN windows.create: refused
 * without that allowance, measured: "Extension does not have permission for incognito mode");
 * WebDriver BiDi's browser.createUserContext, puppeteer's createBrowserContext, makes a container,
 * not a private window (remote/shared/UserContextManager.sys.mjs: ContextualIdentityService.create). Puppeteer lists the private window's tab among
 * its pages like any other (measured, ESR 153).
 *
 * Firefox only: Chromium's incognito wants a launch of its own (see the top of containers.ts).
 */
import { describe, expect, it } from 'vitest';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { extensionDir, geckoId } from '../../../scripts/browsers/browser-under-test.ts';
import { wrapPage, type launchFirefox } from '../../../scripts/browsers/firefox.ts';
import { evaluateInParentProcess } from '../../../scripts/browsers/firefox-rdp.ts';
import { openFirefoxToolbarPopup } from '../../../scripts/browsers/firefox-toolbar.ts';
import { poll } from '../../../scripts/browsers/toolbar-action.ts';
import { extensionPage, presentNames, reportOf, request, storedKeys, tabIdOf } from '../../../scripts/browsers/extension-api.ts';
import type { Report } from '../../../src/core/report/index.ts';
import { storeOfKey } from '../../../src/core/storage/session-items.ts';
import { isolatingTranslate } from '../../../src/platform/i18n.ts';
import { countText } from '../../../src/views/count-text.ts';
import { localeTranslate } from '../../support/locale-translate.ts';
import { MATOMO, PLATFORM_COOKIES, seenRow, visitPortal } from './context.ts';
import { eventRow, PANEL_PAGE } from './panels.ts';
import { namesInTimeline, storeReportsOf } from './store-reports.ts';

/** Firefox as firefox.ts launches it, allowed in private windows. */
type FirefoxUnderTest = Awaited<ReturnType<typeof launchFirefox>>;

/** Firefox's private windows' cookie store (one for all of them, while one is open). */
const PRIVATE_STORE = 'firefox-private';
/** The store of Firefox's normal tabs. */
const DEFAULT_STORE = 'firefox-default';

/** A demo portal (scripts/demo-portal/server.ts: Matomo after "accept"); its _ga goes on its own parent domain. */
const HOST = 'demo.huwise.com';
/** The normal tab's page, and the private window's: two addresses, so each tab is found by its own. */
const NORMAL_URL = `http://${HOST}/`;
const PRIVATE_URL = `http://${HOST}/explore/dataset/demo/`;
/** A cookie the normal tab's page sets (by this test's script, as containers.ts does), and the private window's does not. */
const NORMAL_ONLY = 'only_in_normal_tab';

/** The UI's English text (the e2e browsers run in English), each substitution isolated as the pages' `t` does. */
const englishText = isolatingTranslate(localeTranslate('en'));

const { storeReport, waitForStoreReport } = storeReportsOf(HOST);

/** The few extension APIs these tests call from an extension page. */
type WindowsApi = {
  windows: {
    create(p: {
      incognito: boolean;
      url: string;
    }): Promise<{ id?: number; incognito: boolean; tabs?: Array<{ id?: number; cookieStoreId?: string }> }>;
    getCurrent(): Promise<{ id?: number }>;
    remove(windowId: number): Promise<void>;
  };
  tabs: { create(p: { windowId: number; url: string }): Promise<{ id?: number }> };
};

/** A private window with one tab, opened as an add-on opens one; puppeteer's page for its tab. */
type PrivateWindow = { windowId: number; tabId: number; page: PageUnderTest };

/** The window of the extension page `api`. */
const windowOf = (api: PageUnderTest) =>
  api.evaluate(async () => (await (globalThis as unknown as { browser: WindowsApi }).browser.windows.getCurrent()).id ?? -1, null);

/**
 * Closes every private window, from Firefox's own code (firefox-rdp.ts), and waits until none is
 * left: one a failed test left open would take the next test's new pages, and its store would
 * hold that test's cookies still (Firefox drops the private store with its last window).
 */
async function closePrivateWindows(firefox: FirefoxUnderTest): Promise<void> {
  const rdp = await firefox.rdp();
  await poll('a private window is still open', 10_000, async () => {
    const open = await evaluateInParentProcess(
      rdp,
      'close the private windows',
      `(() => {
        const { PrivateBrowsingUtils } = ChromeUtils.importESModule('resource://gre/modules/PrivateBrowsingUtils.sys.mjs');
        const windows = [...Services.wm.getEnumerator('navigator:browser')].filter((win) => PrivateBrowsingUtils.isWindowPrivate(win));
        for (const win of windows) win.close();
        return windows.length;
      })()`,
    );
    return open === 0 ? true : undefined;
  });
}

/**
 * The page puppeteer lists for the tab that was not among `before`, once that tab shows `url`.
 * Puppeteer names an extension page a tab was opened with (tabs.create) about:blank: the page is
 * asked its own address.
 */
async function newPageAt(firefox: FirefoxUnderTest, before: Set<unknown>, url: string): Promise<PageUnderTest> {
  return poll(`no page at ${url}`, 15_000, async () => {
    for (const candidate of await firefox.browser.pages()) {
      if (before.has(candidate)) continue;
      const page = wrapPage(candidate);
      if ((await page.evaluate(() => location.href, null).catch(() => null)) === url) return page;
    }
    return undefined;
  });
}

/**
 * Opens `url` in a new tab of window `windowId`, from the extension page `api` (tabs.create). Once
 * a private window is open, puppeteer's newPage opens its tab in the window last opened (measured:
 * the private one), so a page meant for a given window is opened there by name.
 */
async function tabIn(firefox: FirefoxUnderTest, api: PageUnderTest, windowId: number, url: string): Promise<PageUnderTest> {
  const before = new Set<unknown>(await firefox.browser.pages());
  await api.evaluate(
    async ([windowId, url]) => void (await (globalThis as unknown as { browser: WindowsApi }).browser.tabs.create({ windowId, url })),
    [windowId, url] as const,
  );
  return newPageAt(firefox, before, url);
}

/** The DevTools panel's page bound to tab `tabId`, opened in window `windowId` (as openPanelPage opens it: wide, on its timeline). */
async function panelIn(firefox: FirefoxUnderTest, api: PageUnderTest, windowId: number, tabId: number): Promise<PageUnderTest> {
  const panel = await tabIn(firefox, api, windowId, firefox.extensionUrl(`${PANEL_PAGE}?tabId=${tabId}`));
  await panel.setViewport(1100, 800);
  await panel.waitFor('main[data-state="ready"]');
  if ((await panel.attributes('#tab-timeline', 'id')).length > 0) await panel.click('#tab-timeline');
  return panel;
}

async function openPrivateWindow(firefox: FirefoxUnderTest, api: PageUnderTest): Promise<PrivateWindow> {
  const before = new Set<unknown>(await firefox.browser.pages());
  const created = await api.evaluate(async (url) => {
    const window = await (globalThis as unknown as { browser: WindowsApi }).browser.windows.create({ incognito: true, url });
    const tab = window.tabs?.[0];
    return { windowId: window.id ?? -1, incognito: window.incognito, tabId: tab?.id ?? -1, store: tab?.cookieStoreId ?? null };
  }, PRIVATE_URL);
  expect(created.incognito).toBe(true);
  expect(created.store).toBe(PRIVATE_STORE);
  return { windowId: created.windowId, tabId: created.tabId, page: await newPageAt(firefox, before, PRIVATE_URL) };
}

/**
 * Both tabs from a clean slate: no private window open, HOST's records in both stores started
 * afresh, the private window with the person's "accept", then the normal tab with a cookie of its
 * own, set while the private window is open. `accepted` is the private store's report after both.
 */
async function normalAndPrivateTabs(firefox: FirefoxUnderTest) {
  await closePrivateWindows(firefox);
  const api = await extensionPage(firefox);
  await request(api, 'clearSite', { host: HOST });
  const normal = await visitPortal(firefox, HOST);
  const normalWindowId = await windowOf(api);
  const privateWindow = await openPrivateWindow(firefox, api);
  // Cleared once its window is open (a test before left a record of the store, which lives on in
  // the worker's session), the tab taken away and back: its page afresh, before any choice.
  await request(api, 'clearSite', { host: HOST, storeId: PRIVATE_STORE, reloadTabs: true });
  await privateWindow.page.waitFor('#consent-banner:not([hidden])');
  await privateWindow.page.click('#consent-accept');
  await waitForStoreReport(api, PRIVATE_STORE, (r) => ['cookies_preferences', ...MATOMO].every((name) => presentNames(r).includes(name)));
  await normal.evaluate((name) => void (document.cookie = `${name}=1; path=/`), NORMAL_ONLY);
  await waitForStoreReport(api, DEFAULT_STORE, (r) => presentNames(r).includes(NORMAL_ONLY));
  return { api, normal, normalWindowId, privateWindow, accepted: await storeReport(api, PRIVATE_STORE) };
}

/** The keys storage.session holds of cookie store `storeId` (records, kept runs, first pages), read from an extension page. */
const keysOfStore = async (api: PageUnderTest, storeId: string) => (await storedKeys(api)).filter((key) => storeOfKey(key) === storeId);

/**
 * Closes the private window, the last one, then waits until storage.session holds no key of the
 * private store (bounded): Firefox threw that session's cookies away, and the add-on forgets what
 * it recorded of them. Then the add-on says the browser has no such store (no empty report of
 * it), and the normal tab's record is as it was (a restart marker aside: a stopped background marks one).
 */
async function closePrivateAndCheckForgotten(api: PageUnderTest, privateWindow: PrivateWindow, normalBefore: Report): Promise<void> {
  await api.evaluate(
    (windowId) => (globalThis as unknown as { browser: WindowsApi }).browser.windows.remove(windowId),
    privateWindow.windowId,
  );
  await poll('storage.session still holds keys of the private store', 15_000, async () =>
    (await keysOfStore(api, PRIVATE_STORE)).length === 0 ? true : undefined,
  );
  await expect(storeReport(api, PRIVATE_STORE)).rejects.toThrow(localeTranslate('en')('unknownCookieStore', PRIVATE_STORE));
  // Asking for it kept nothing either.
  expect(await keysOfStore(api, PRIVATE_STORE)).toEqual([]);
  const normalAfter = await storeReport(api, DEFAULT_STORE);
  expect(presentNames(normalAfter)).toEqual(presentNames(normalBefore));
  const events = (report: Report) => report.timeline.events.filter((event) => event.type !== 'worker-restart');
  expect(events(normalAfter)).toEqual(events(normalBefore));
  expect(await keysOfStore(api, DEFAULT_STORE)).toContain(`site:${DEFAULT_STORE}|${HOST}`);
}

export function privateWindowScenarios(ctx: { browser: () => FirefoxUnderTest }): void {
  const firefox = () => ctx.browser();

  describe('a portal in a private window, apart from the same portal in a normal tab', () => {
    it('records each tab in its own store: the private window’s choice there only, the normal tab’s cookie there only', async () => {
      const { api, normal, privateWindow, accepted } = await normalAndPrivateTabs(firefox());
      expect(accepted.storeId).toBe(PRIVATE_STORE);
      expect(accepted.consent.state).toBe('accepted');
      expect(presentNames(accepted)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, 'cookies_preferences', ...MATOMO]));
      expect(presentNames(accepted)).not.toContain(NORMAL_ONLY);

      const normalReport = await storeReport(api, DEFAULT_STORE);
      expect(normalReport.storeId).toBe(DEFAULT_STORE);
      expect(normalReport.consent.state).not.toBe('accepted');
      expect(presentNames(normalReport)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, NORMAL_ONLY]));
      for (const name of ['cookies_preferences', ...MATOMO]) expect(presentNames(normalReport)).not.toContain(name);
      // A request naming no store is the normal tabs'.
      expect(presentNames(await reportOf(api, HOST))).toEqual(presentNames(normalReport));
      await Promise.all([privateWindow.page.close(), normal.close(), api.close()]);
    });

    it('shows the private store’s cookies in the panel and the toolbar popup on the private window’s tab, the normal tab’s on the normal tab', async () => {
      const { api, normal, normalWindowId, privateWindow } = await normalAndPrivateTabs(firefox());

      // The DevTools panel's page bound to each tab (?tabId=N, as DevTools binds it): the worker
      // names the tab's store. The private tab's opened in its private window, where DevTools on
      // that tab would have it; the normal tab's in the normal window.
      const panel = await panelIn(firefox(), api, privateWindow.windowId, privateWindow.tabId);
      await panel.waitFor(eventRow('cookies_preferences'));
      await panel.waitFor(eventRow(MATOMO[0]!));
      expect(await panel.texts(eventRow(NORMAL_ONLY))).toEqual([]);
      const normalPanel = await panelIn(firefox(), api, normalWindowId, await tabIdOf(api, NORMAL_URL));
      await normalPanel.waitFor(eventRow(NORMAL_ONLY));
      expect(await normalPanel.texts(eventRow('cookies_preferences'))).toEqual([]);

      // The popup the toolbar button opens on the private window's tab, read from an extension
      // page in that window: extension.getViews lists only the views whose principal the caller's
      // subsumes (ext-extension.js), and a private window's pages have private origin attributes.
      const addon = geckoId(extensionDir('firefox'));
      const privateReader = await tabIn(firefox(), api, privateWindow.windowId, firefox().popupUrl('?host=example.org'));
      await privateReader.waitFor('main[data-state="ready"]');
      // The reader's tab is the one shown now: show the portal's again, and click there.
      const onPrivate = await openFirefoxToolbarPopup(firefox(), addon, privateReader, PRIVATE_URL);
      await onPrivate.waitFor(seenRow('cookies_preferences'));
      await onPrivate.waitFor(seenRow(MATOMO[0]!));
      expect(await onPrivate.texts(seenRow(NORMAL_ONLY))).toEqual([]);
      await onPrivate.close();
      const onNormal = await openFirefoxToolbarPopup(firefox(), addon, api, NORMAL_URL);
      await onNormal.waitFor(seenRow(NORMAL_ONLY));
      expect(await onNormal.texts(seenRow('cookies_preferences'))).toEqual([]);
      await onNormal.close();
      await Promise.all([
        panel.close(),
        normalPanel.close(),
        privateReader.close(),
        privateWindow.page.close(),
        normal.close(),
        api.close(),
      ]);
    });

    it('forgets what it recorded of the private store once the last private window closes: the normal tab’s record stays', async () => {
      const { api, normal, privateWindow, accepted } = await normalAndPrivateTabs(firefox());
      expect(presentNames(accepted)).toEqual(expect.arrayContaining(MATOMO));
      expect(await keysOfStore(api, PRIVATE_STORE)).toContain(`site:${PRIVATE_STORE}|${HOST}`);
      await closePrivateAndCheckForgotten(api, privateWindow, await storeReport(api, DEFAULT_STORE));
      await Promise.all([normal.close(), api.close()]);
    });

    it('forgets the private store’s records when the background was stopped as the last private window closed', async () => {
      const { api, normal, privateWindow } = await normalAndPrivateTabs(firefox());
      expect(await keysOfStore(api, PRIVATE_STORE)).toContain(`site:${PRIVATE_STORE}|${HOST}`);
      const normalBefore = await storeReport(api, DEFAULT_STORE);
      await firefox().stopBackground();
      await closePrivateAndCheckForgotten(api, privateWindow, normalBefore);
      await Promise.all([normal.close(), api.close()]);
    });

    it('"Record consent flow" in the panel on the private window’s tab clears the private store: the normal tab keeps its cookies and its page', async () => {
      const { api, normal, privateWindow, accepted } = await normalAndPrivateTabs(firefox());
      const normalBefore = await storeReport(api, DEFAULT_STORE);
      // A reload would drop this; the page kept in place keeps it.
      await normal.evaluate(() => void ((globalThis as { keptInPlace?: boolean }).keptInPlace = true), null);

      const panel = await panelIn(firefox(), api, privateWindow.windowId, privateWindow.tabId);
      await panel.click('[data-action="record-flow"]');
      await panel.click('[data-action="record-flow-confirm"]');
      await panel.waitFor('[data-record-status="started"]');
      // Every cookie the private window's site had, and not one more: the normal tab's are another store's.
      expect(await panel.texts('[data-record-status]')).toEqual([
        countText(englishText, 'en', 'recordFlowStarted', presentNames(accepted).length),
      ]);
      // The private window's tab was taken away and back: its choice gone, its banner asks again, its record afresh.
      await privateWindow.page.waitFor('#consent-banner:not([hidden])');
      const cleared = await waitForStoreReport(api, PRIVATE_STORE, (r) => presentNames(r).includes('sessionid'));
      expect(cleared.timeline.events[0]?.type).toBe('cleared');
      expect(namesInTimeline(cleared)).not.toContain('cookies_preferences');
      expect(namesInTimeline(accepted)).toContain('cookies_preferences');
      expect(presentNames(cleared)).not.toContain('cookies_preferences');

      // The normal tab: the same page, its cookies there, its record not started afresh.
      expect(await normal.evaluate(() => (globalThis as { keptInPlace?: boolean }).keptInPlace ?? false, null)).toBe(true);
      expect(await normal.evaluate(() => document.cookie, null)).toContain(`${NORMAL_ONLY}=`);
      const normalAfter = await storeReport(api, DEFAULT_STORE);
      expect(presentNames(normalAfter)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, NORMAL_ONLY]));
      expect(presentNames(normalAfter)).toEqual(presentNames(normalBefore));
      expect(normalAfter.timeline.events).toEqual(normalBefore.timeline.events);
      await Promise.all([panel.close(), privateWindow.page.close(), normal.close(), api.close()]);
    });
  });
}
