/**
 * The background stopped while a portal is in use (Chromium: its service worker, Firefox: its
 * event page; BrowserUnderTest.stopBackground): nothing recorded is lost, the restart is marked
 * on the timeline, and what happens next is recorded in the right phase and reaches open pages.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserUnderTest, PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { extensionPage, presentNames, reportOf, request, tabIdOf, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import type { SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { siteItem } from '../../../src/core/storage/session-items.ts';
import { isolatingTranslate } from '../../../src/platform/i18n.ts';
import { localeTranslate } from '../../support/locale-translate.ts';
import { FORGOTTEN, SEEN_ROWS, seenRow, type E2eContext } from './context.ts';
import { storedText } from './kept-page.ts';
import { eventRow, openPanelPage, PANEL_PAGE } from './panels.ts';

const HOST = 'anglet-opendatapaysbasque.opendatasoft.com';

/** The cookie store of normal windows, as the worker names its records (Firefox names its default container). */
const defaultStoreId = (browser: BrowserUnderTest) => (browser.name === 'firefox' ? 'firefox-default' : '0');

/**
 * Waits until storage.session holds the site's timeline as the worker reports it: all a
 * restarted background has (the worker writes its records a little after each change).
 */
export async function untilStored(browser: BrowserUnderTest, api: PageUnderTest, host: string): Promise<void> {
  const key = siteItem(defaultStoreId(browser), host).key;
  const storedMatchesReport = async () => {
    const [text, report] = await Promise.all([storedText(api, key), reportOf(api, host)]);
    if (text === '') return false;
    const stored = JSON.parse(text) as SiteRecord;
    return JSON.stringify(stored.timeline) === JSON.stringify(report.timeline.events);
  };
  await expect.poll(storedMatchesReport, { timeout: 15_000 }).toBe(true);
}

/**
 * Opens the portal from a clean slate: its cookies deleted and its record started afresh (other
 * scenarios may have been there), so its banner asks and its timeline holds no restart yet.
 */
async function freshSite(browser: BrowserUnderTest, api: PageUnderTest, host: string): Promise<PageUnderTest> {
  await request(api, 'clearSite', { host });
  const site = await browser.newPage();
  await site.goto(`http://${host}/`);
  return site;
}

export function restartScenarios(ctx: E2eContext): void {
  // It stops the background: the sites read afterwards get a restart marker. Run near the end.
  describe('the background is stopped in the middle of a consent flow', () => {
    it('loses nothing recorded, marks the restart, and keeps recording', async () => {
      const browser = ctx.browser();
      const api = await extensionPage(browser);
      const site = await freshSite(browser, api, HOST);
      const before = await waitForReport(api, HOST, (r) => presentNames(r).includes(FORGOTTEN) && presentNames(r).includes('sessionid'));
      expect(before.consent.state).toBe('none');
      await untilStored(browser, api, HOST);

      await browser.stopBackground();

      // The page goes on: the cookie events of the choice wake the background up again.
      await site.click('#consent-accept');
      const after = await waitForReport(api, HOST, (r) => presentNames(r).includes('_pk_ses.1.a1b2'));

      for (const cookie of before.cookies) {
        const kept = after.cookies.find((c) => c.name === cookie.name && c.domain === cookie.domain);
        expect(kept, cookie.name).toMatchObject({ firstSeen: cookie.firstSeen, firstPhase: cookie.firstPhase });
      }
      expect(after.timeline.events.slice(0, before.timeline.events.length)).toEqual(before.timeline.events);
      // The marker comes after what was recorded before the stop.
      expect(after.timeline.events.slice(before.timeline.events.length).map((e) => e.type)).toContain('worker-restart');
      expect(after.consent.state).toBe('accepted');
      expect(after.cookies.find((c) => c.name === '_pk_id.1.a1b2')?.firstPhase).toBe('after-accept');

      // A popup opened afterwards shows the same report.
      const popup = await browser.newPage();
      await popup.goto(browser.popupUrl(`?host=${HOST}`));
      await popup.waitFor(seenRow('_pk_ses.1.a1b2'));
      expect((await popup.attributes(SEEN_ROWS, 'data-cookie')).sort()).toEqual(presentNames(await reportOf(api, HOST)));
      await Promise.all([popup.close(), site.close(), api.close()]);
    });

    it('keeps a cookie the portal writes on its parent domain at a wake its own, its page changing its address just after (review of 2026-12-06)', async () => {
      // A model of the platform, timings made up: a page script writes _ga on the parent domain (Google
      // Analytics' cookie_domain "auto", README "Which site a cookie belongs to"), then the page changes
      // its address without loading (the platform's front end is AngularJS, https://github.com/opendatasoft/ods-widgets,
      // whose routes use the History API). At a wake, a page change heard before the tabs are read makes
      // the cookie of unknown origin (browser-events.ts); one heard after must not: the portal's own write.
      const browser = ctx.browser();
      const outcomes: string[] = [];
      for (const delayMs of [0, 0, 10, 30, 100]) {
        const api = await extensionPage(browser);
        const site = await freshSite(browser, api, HOST);
        await waitForReport(api, HOST, (r) => presentNames(r).includes(FORGOTTEN) && presentNames(r).includes('sessionid'));
        await untilStored(browser, api, HOST);
        await browser.stopBackground();
        await site.evaluate(
          (delay) =>
            new Promise<void>((resolve) => {
              document.cookie = '_ga=GA1.1.11.22; domain=.opendatasoft.com; path=/; max-age=3600';
              setTimeout(() => {
                history.pushState({}, '', '/explore/?sort=modified');
                resolve();
              }, delay);
            }),
          delayMs,
        );
        const report = await waitForReport(api, HOST, (r) => presentNames(r).includes('_ga'));
        const ga = report.cookies.find((c) => c.name === '_ga');
        outcomes.push(`${delayMs} ms: ${ga?.originUnknown ? 'of unknown origin' : ga?.firstPhase}`);
        await site.evaluate(() => void (document.cookie = '_ga=; domain=.opendatasoft.com; path=/; max-age=0'), null);
        await Promise.all([site.close(), api.close()]);
      }
      expect(outcomes).toEqual(['0 ms', '0 ms', '10 ms', '30 ms', '100 ms'].map((delay) => `${delay}: before-choice`));
    });

    it('a panel open meanwhile catches up: the restart marker, then the events that woke the background', async () => {
      const browser = ctx.browser();
      const api = await extensionPage(browser);
      const site = await freshSite(browser, api, HOST);
      await waitForReport(api, HOST, (r) => presentNames(r).includes(FORGOTTEN) && presentNames(r).includes('sessionid'));
      const panel = await browser.newPage();
      await panel.setViewport(1100, 800);
      await panel.goto(browser.extensionUrl(`${PANEL_PAGE}?host=${HOST}`));
      await panel.waitFor(eventRow('sessionid'));
      expect(await panel.texts('[data-marker="worker-restart"]')).toEqual([]);
      await untilStored(browser, api, HOST);

      await browser.stopBackground();
      await site.evaluate(() => void (document.cookie = 'after_restart=1; path=/'), null);
      await panel.waitFor(`[data-marker="worker-restart"] ~ ${eventRow('after_restart')}[data-new="true"]`);
      await Promise.all([site.close(), panel.close(), api.close()]);
    });

    it('a popup opened as the background stops shows its report, never that the background did not answer', async () => {
      // A message that reaches the background while it stops is refused ("Receiving end does not
      // exist") or left unanswered: before pages sent it again (src/platform/messaging.ts), this
      // test saw 8 of its 26 popups say the worker did not answer in Chromium 150, 6 in Firefox
      // ESR 153. The stop is sent at a sweep of moments around the popup's own request, which
      // leaves some 70 ms after its navigation: some of those stops come while it is on its way.
      const browser = ctx.browser();
      const api = await extensionPage(browser);
      await waitForReport(api, HOST, () => true);
      const states: string[] = [];
      for (let offsetMs = 0; offsetMs <= 150; offsetMs += 6) {
        const popup = await browser.newPage();
        const opened = popup.goto(browser.popupUrl(`?host=${HOST}`));
        await new Promise((resolve) => setTimeout(resolve, offsetMs));
        await browser.stopBackground();
        await opened;
        await popup.waitFor('main[data-state="ready"], main[data-state="error"]');
        // An error is named by its words (which request, which refusal), never only as "error".
        const [state] = await popup.attributes('main', 'data-state');
        states.push(`${offsetMs} ms: ${state === 'ready' ? state : (await popup.texts('main [role="alert"] p')).join()}`);
        await popup.close();
      }
      expect(states.filter((state) => !state.endsWith('ready'))).toEqual([]);
      await api.close();
    });

    it('a consent-flow recording stopped with the background: the next wake brings its tab back from the blank page', async () => {
      // The stop must come while the clear waits (2 s at most): on a loaded machine it may come
      // after the clear is over, which tests nothing here; that attempt is made again.
      let status = '';
      for (let attempt = 0; attempt < 3 && status !== 'failed'; attempt++) status = await stopInTheMiddleOfAClear(ctx.browser());
      expect(status, 'the clear was over before the background stopped, 3 times').toBe('failed');
    });

    /**
     * Stops the background while a consent-flow clear waits, the tab blank; checks the next wake
     * brings the tab back and the panel follows it; resolves to the panel's record status then
     * ('failed' once it says the worker did not answer, as the stop makes it).
     */
    async function stopInTheMiddleOfAClear(browser: BrowserUnderTest): Promise<string> {
      const api = await extensionPage(browser);
      const site = await freshSite(browser, api, HOST);
      await waitForReport(api, HOST, (r) => presentNames(r).includes(FORGOTTEN));
      // Bound to the tab, as DevTools' panel is: it follows the tab to the blank page and back.
      const panel = await openPanelPage(browser, PANEL_PAGE, `tabId=${await tabIdOf(api, `http://${HOST}/*`)}`);
      // A cookie of the site written again and again from one of our pages: the clear waits, once
      // the tab is blank, until the site's cookies are quiet (2 s at most), and is stopped there.
      await api.evaluate((host) => {
        type CookiesApi = { cookies: { set(details: { url: string; name: string; value: string }): Promise<unknown> } };
        const { cookies } = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as CookiesApi;
        const keepWriting = () => void cookies.set({ url: `http://${host}/`, name: 'keeps_changing', value: String(Date.now()) });
        (globalThis as { writer?: ReturnType<typeof setInterval> }).writer = setInterval(keepWriting, 40);
      }, HOST);
      const shown = () => site.evaluate(() => location.href, null).catch(() => 'between two pages');
      await panel.click('[data-action="record-flow"]');
      await panel.click('[data-action="record-flow-confirm"]');
      await expect.poll(shown).toBe('about:blank');
      await browser.stopBackground();
      await api.evaluate(() => clearInterval((globalThis as { writer?: ReturnType<typeof setInterval> }).writer), null);

      // The next wake (a page asks the background anything): the tab shows the portal again.
      await reportOf(api, HOST);
      await expect.poll(shown, { timeout: 15_000 }).toBe(`http://${HOST}/`);
      await site.waitFor('#consent-banner');
      // The panel followed it back to the site, and says the recording did not happen: the worker
      // did not answer, in the page's words in both browsers (Chrome's rejection names a message channel).
      const statusSelector = 'main[data-state="ready"] [data-record-status]';
      await expect
        .poll(() => panel.attributes(statusSelector, 'data-record-status'), { timeout: 15_000 })
        .toEqual([expect.stringMatching(/^(failed|started)$/)]);
      const [status] = await panel.attributes(statusSelector, 'data-record-status');
      const englishText = isolatingTranslate(localeTranslate('en'));
      if (status === 'failed')
        expect(await panel.texts(statusSelector)).toEqual([englishText('recordFlowFailed', englishText('noAnswer'))]);
      await Promise.all([site.close(), panel.close(), api.close()]);
      return status!;
    }
  });
}
