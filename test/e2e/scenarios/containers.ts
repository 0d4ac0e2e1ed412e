/**
 * Firefox containers: the same portal in a container tab and in a normal tab is two records, one
 * per cookie store ('firefox-container-1' and 'firefox-default'), shown apart by the popup and the
 * panel bound to each tab, and "Record consent flow" on the container's site clears the container
 * alone. The container tab is opened as an add-on opens one, with tabs.create's cookieStoreId
 * (Firefox wants the `cookies` permission, which the extension holds, and containers turned on:
 * firefox.ts turns them on), in the container a fresh profile has first, "Personal".
 *
 * Firefox only. Chromium's other store is incognito's ('1'), where the extension runs only once
 * allowed in incognito. Headless Chromium 150 can be made to: from chrome://extensions,
 * developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }) then
 * updateExtensionConfiguration({ extensionId, incognitoAccess: true }) (without developer mode
 * first, the reload that switch causes leaves an extension loaded with --load-extension disabled:
 * "unsupportedDeveloperExtension"); an incognito window from windows.create is then store '1',
 * and getReport names its portal's cookies there (measured). But that reload empties the
 * extension's storage.session (as Chrome documents for a reload) and starts its worker afresh, mid-run, in the browser every
 * scenario here shares: Chromium incognito wants a launch of its own (chromium.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { extensionDir, geckoId } from '../../../scripts/browsers/browser-under-test.ts';
import type { launchFirefox } from '../../../scripts/browsers/firefox.ts';
import { openFirefoxToolbarPopup } from '../../../scripts/browsers/firefox-toolbar.ts';
import { poll } from '../../../scripts/browsers/toolbar-action.ts';
import { extensionPage, presentNames, reportOf, request } from '../../../scripts/browsers/extension-api.ts';
import { isolatingTranslate } from '../../../src/platform/i18n.ts';
import { countText } from '../../../src/views/count-text.ts';
import { localeTranslate } from '../../support/locale-translate.ts';
import { MATOMO, PLATFORM_COOKIES, seenRow, visitPortal, type E2eContext } from './context.ts';
import { eventRow, openPanelPage, PANEL_PAGE } from './panels.ts';
import { namesInTimeline, storeReportsOf } from './store-reports.ts';

/** Firefox as firefox.ts launches it: puppeteer's browser, and its debugging server (the toolbar popup). */
type FirefoxUnderTest = Awaited<ReturnType<typeof launchFirefox>>;

/** The first container of a fresh profile ("Personal"), as Firefox names its cookie store. */
const CONTAINER = 'firefox-container-1';
/** The store of Firefox's normal tabs. */
const DEFAULT_STORE = 'firefox-default';

/** A portal no other scenario makes a choice on in the same breath; its _ga goes on its own parent domain. */
const HOST = 'demo.huwise.com';
/** The normal tab's page, and the container tab's: two addresses, so the toolbar popup can be opened on either. */
const NORMAL_URL = `http://${HOST}/`;
const CONTAINER_URL = `http://${HOST}/explore/dataset/demo/`;
/** A cookie the normal tab's page sets, and the container's does not. */
const NORMAL_ONLY = 'only_in_normal_tab';

/** The UI's English text (the e2e browsers run in English), each substitution isolated as the pages' `t` does. */
const englishText = isolatingTranslate(localeTranslate('en'));

const { storeReport, waitForStoreReport } = storeReportsOf(HOST);

/**
 * Opens CONTAINER_URL in CONTAINER from an extension page, as an add-on does, and finds
 * puppeteer's page for that tab (BiDi lists it like any other): the one that was not there before.
 */
async function openContainerTab(firefox: FirefoxUnderTest, api: PageUnderTest): Promise<{ tabId: number; page: Page }> {
  const before = new Set(await firefox.browser.pages());
  const tab = await api.evaluate(
    async ([url, cookieStoreId]) => {
      type Created = { id?: number; cookieStoreId?: string };
      const tabs = (globalThis as unknown as { browser: { tabs: { create(p: { url: string; cookieStoreId: string }): Promise<Created> } } })
        .browser.tabs;
      const created = await tabs.create({ url, cookieStoreId });
      return { id: created.id ?? -1, store: created.cookieStoreId ?? null };
    },
    [CONTAINER_URL, CONTAINER] as const,
  );
  expect(tab.store).toBe(CONTAINER);
  const page = await poll('no page for the container tab', 15_000, async () =>
    (await firefox.browser.pages()).find((candidate) => !before.has(candidate) && candidate.url() === CONTAINER_URL),
  );
  return { tabId: tab.id, page };
}

/**
 * Both tabs from a clean slate: HOST's records in both stores started afresh (other scenarios
 * visit it), the container tab with the person's "accept", then the normal tab with a cookie of
 * its own, set while the container tab is open. `container` is the container's report after both.
 */
async function normalAndContainerTabs(firefox: FirefoxUnderTest) {
  const api = await extensionPage(firefox);
  await request(api, 'clearSite', { host: HOST });
  const normal = await visitPortal(firefox, HOST);
  const containerTab = await openContainerTab(firefox, api);
  // Cleared once its tab is open, and the tab taken away and back: the page it shows then is the
  // container's afresh, before any choice.
  await request(api, 'clearSite', { host: HOST, storeId: CONTAINER, reloadTabs: true });
  // The container's store has no choice yet: its banner asks.
  await containerTab.page.waitForSelector('#consent-banner:not([hidden])');
  await containerTab.page.click('#consent-accept');
  await waitForStoreReport(api, CONTAINER, (r) => ['cookies_preferences', ...MATOMO].every((name) => presentNames(r).includes(name)));
  await normal.evaluate((name) => void (document.cookie = `${name}=1; path=/`), NORMAL_ONLY);
  await waitForStoreReport(api, DEFAULT_STORE, (r) => presentNames(r).includes(NORMAL_ONLY));
  return { api, normal, containerTab, accepted: await storeReport(api, CONTAINER) };
}

export function containerScenarios(ctx: E2eContext): void {
  const firefox = () => ctx.browser() as FirefoxUnderTest;

  describe('Firefox containers: a portal in a container tab, apart from the same portal in a normal tab', () => {
    it('records each tab in its own store: the container’s choice there only, the normal tab’s cookie there only', async ({ skip }) => {
      if (ctx.browser().name !== 'firefox') skip('containers are Firefox’s (see the top of containers.ts)');
      const { api, normal, containerTab: container, accepted } = await normalAndContainerTabs(firefox());
      expect(accepted.storeId).toBe(CONTAINER);
      expect(accepted.consent.state).toBe('accepted');
      expect(presentNames(accepted)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, 'cookies_preferences', ...MATOMO]));
      expect(presentNames(accepted)).not.toContain(NORMAL_ONLY);

      const normalReport = await storeReport(api, DEFAULT_STORE);
      expect(normalReport.storeId).toBe(DEFAULT_STORE);
      expect(normalReport.consent.state).not.toBe('accepted');
      expect(presentNames(normalReport)).toEqual(expect.arrayContaining([...PLATFORM_COOKIES, NORMAL_ONLY]));
      for (const name of ['cookies_preferences', ...MATOMO]) expect(presentNames(normalReport)).not.toContain(name);
      // A request naming no store is the normal tabs' (the popup's ?host= without &store=).
      expect(presentNames(await reportOf(api, HOST))).toEqual(presentNames(normalReport));
      await Promise.all([container.page.close(), normal.close(), api.close()]);
    });

    it('shows the container’s cookies in the popup and the panel opened on the container tab, the normal tab’s on the normal tab', async ({
      skip,
    }) => {
      if (ctx.browser().name !== 'firefox') skip('containers are Firefox’s (see the top of containers.ts)');
      const { api, normal, containerTab: container } = await normalAndContainerTabs(firefox());
      const addon = geckoId(extensionDir('firefox'));

      // The popup the toolbar button opens on each tab: it finds the store from the active tab.
      const onContainer = await openFirefoxToolbarPopup(firefox(), addon, api, CONTAINER_URL);
      await onContainer.waitFor(seenRow('cookies_preferences'));
      await onContainer.waitFor(seenRow(MATOMO[0]!));
      expect(await onContainer.texts(seenRow(NORMAL_ONLY))).toEqual([]);
      await onContainer.close();
      const onNormal = await openFirefoxToolbarPopup(firefox(), addon, api, NORMAL_URL);
      await onNormal.waitFor(seenRow(NORMAL_ONLY));
      expect(await onNormal.texts(seenRow('cookies_preferences'))).toEqual([]);
      expect(await onNormal.texts(seenRow(MATOMO[0]!))).toEqual([]);
      await onNormal.close();

      // The DevTools panel's page bound to each tab (?tabId=N, as DevTools binds it): the worker names the tab's store.
      const panel = await openPanelPage(firefox(), PANEL_PAGE, `tabId=${container.tabId}`);
      await panel.waitFor(eventRow('cookies_preferences'));
      expect(await panel.texts(eventRow(NORMAL_ONLY))).toEqual([]);
      const normalTabId = await api.evaluate(async (url) => {
        const tabs = (globalThis as unknown as { browser: { tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> } } })
          .browser.tabs;
        return (await tabs.query({ url })).map((tab) => tab.id);
      }, NORMAL_URL);
      expect(normalTabId).toHaveLength(1);
      const normalPanel = await openPanelPage(firefox(), PANEL_PAGE, `tabId=${normalTabId[0]}`);
      await normalPanel.waitFor(eventRow(NORMAL_ONLY));
      expect(await normalPanel.texts(eventRow('cookies_preferences'))).toEqual([]);
      await Promise.all([panel.close(), normalPanel.close(), container.page.close(), normal.close(), api.close()]);
    });

    it('"Record consent flow" in the panel on the container tab clears the container: the normal tab keeps its cookies and its page', async ({
      skip,
    }) => {
      if (ctx.browser().name !== 'firefox') skip('containers are Firefox’s (see the top of containers.ts)');
      const { api, normal, containerTab: container, accepted } = await normalAndContainerTabs(firefox());
      const normalBefore = await storeReport(api, DEFAULT_STORE);
      // A reload would drop this; the page kept in place keeps it.
      await normal.evaluate(() => void ((globalThis as { keptInPlace?: boolean }).keptInPlace = true), null);

      const panel = await openPanelPage(firefox(), PANEL_PAGE, `tabId=${container.tabId}`);
      await panel.click('[data-action="record-flow"]');
      await panel.click('[data-action="record-flow-confirm"]');
      await panel.waitFor('[data-record-status="started"]');
      // Every cookie the container's site had, and not one more: the normal tab's are another store's.
      expect(await panel.texts('[data-record-status]')).toEqual([
        countText(englishText, 'en', 'recordFlowStarted', presentNames(accepted).length),
      ]);
      // The container tab was taken away and back: its choice gone, its banner asks again, its record afresh.
      await container.page.waitForSelector('#consent-banner:not([hidden])');
      const cleared = await waitForStoreReport(api, CONTAINER, (r) => presentNames(r).includes('sessionid'));
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
      await Promise.all([panel.close(), container.page.close(), normal.close(), api.close()]);
    });

    it('clears the container’s cookies when none of its tabs is open (Firefox then lists its store nowhere)', async ({ skip }) => {
      if (ctx.browser().name !== 'firefox') skip('containers are Firefox’s (see the top of containers.ts)');
      const { api, normal, containerTab: container, accepted } = await normalAndContainerTabs(firefox());
      await container.page.close();
      const { removed } = await request(api, 'clearSite', { host: HOST, storeId: CONTAINER });
      expect(removed).toBe(presentNames(accepted).length);
      const left = await api.evaluate(
        // Every cookie the portal's pages would be sent in that store, its parent domain's too.
        async ([url, storeId]) => {
          type CookiesApi = { cookies: { getAll(q: { url: string; storeId: string }): Promise<Array<{ name: string }>> } };
          return (await (globalThis as unknown as { browser: CookiesApi }).browser.cookies.getAll({ url, storeId })).map((c) => c.name);
        },
        [CONTAINER_URL, CONTAINER] as const,
      );
      expect(left).toEqual([]);
      // The normal tab's, another store's, are there still.
      expect(await normal.evaluate(() => document.cookie, null)).toContain(`${NORMAL_ONLY}=`);
      await Promise.all([normal.close(), api.close()]);
    });
  });
}
