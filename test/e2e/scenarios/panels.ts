/**
 * The DevTools panel and the side panel, opened as tabs (the same pages a real panel shows: see
 * README, "What the end-to-end tests cannot do"): bound to a portal's tab with `?tabId=N` or to a
 * site with `?host=`, live while the person uses the page.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserUnderTest, PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import {
  extensionPage,
  findingKeys,
  presentNames,
  reportOf,
  request,
  tabIdOf,
  waitForReport,
} from '../../../scripts/browsers/extension-api.ts';
import { FORGOTTEN, MATOMO, PLATFORM_COOKIES, visitPortal, type E2eContext } from './context.ts';
import { axeViolations, SCREENSHOT_DIR } from './popup.ts';
import { EMBEDDING_SITE } from '../../../scripts/demo-portal/census-portals.ts';
import { parseCharter } from '../../../src/core/charter/index.ts';
import { isolated, isolatingTranslate } from '../../../src/platform/i18n.ts';
import { countText } from '../../../src/views/count-text.ts';
import { SET_BY_WINDOW_MS } from '../../../src/core/network/set-by.ts';
import { localeTranslate } from '../../support/locale-translate.ts';

export const PANEL_PAGE = 'src/panel/index.html';
export const SIDE_PANEL_PAGE = 'src/sidepanel/index.html';

/**
 * A panel page opened in a tab, once the worker answered it, as wide as the panel usually is: a
 * DevTools panel docked below the page (two columns), a side panel (one column, its timeline tab
 * shown).
 */
export async function openPanelPage(
  browser: BrowserUnderTest,
  page: string,
  query: string,
  width = page === PANEL_PAGE ? 1100 : 400,
): Promise<PageUnderTest> {
  const panel = await browser.newPage();
  await panel.setViewport(width, 800);
  await panel.goto(browser.extensionUrl(`${page}?${query}`));
  await panel.waitFor('main[data-state="ready"], main[data-state="not-found"]');
  if ((await panel.attributes('#tab-timeline', 'id')).length > 0) await panel.click('#tab-timeline');
  return panel;
}

/**
 * Visits a portal from a clean slate: its cookies deleted and its record started afresh (other
 * scenarios made choices there), so its banner asks and its events start before any choice.
 */
async function freshVisit(browser: BrowserUnderTest, host: string, path = '/'): Promise<PageUnderTest> {
  const api = await extensionPage(browser);
  await request(api, 'clearSite', { host });
  await api.close();
  return visitPortal(browser, host, path);
}

/** The row of a cookie event in a panel's timeline. */
export const eventRow = (name: string) => `[data-cookie-event="${name}"]`;

/**
 * Waits until DevTools has been open on tab `tabId` for SET_BY_WINDOW_MS: a cookie set before
 * then may come from a request already under way when it opened, which DevTools never hears, so
 * it reads "no response known" (set-by.ts, covers), never "by a script".
 */
export async function pastDevtoolsOpening(api: PageUnderTest, tabId: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const log = await request(api, 'getNetworkLog', { tabId });
        return log !== null && Date.now() >= log.openedAt + SET_BY_WINDOW_MS;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** The UI's English text (the e2e browsers run in English), each substitution isolated as the pages' `t` does. */
const englishText = isolatingTranslate(localeTranslate('en'));

/** The status line of "Record consent flow" once the worker has cleared the site: how many cookies it deleted. */
const recordStartedText = (deleted: number) => countText(englishText, 'en', 'recordFlowStarted', deleted);

/**
 * From now on, keeps in `page` each text its buttons hand to the clipboard, without the clipboard
 * itself: a panel opened as a tab behind the portal's may not have the focus writing to it needs.
 */
async function keepCopies(page: PageUnderTest): Promise<void> {
  await page.evaluate(() => {
    const copies: string[] = [];
    (globalThis as { copies?: string[] }).copies = copies;
    navigator.clipboard.writeText = (text: string) => (copies.push(text), Promise.resolve());
  }, null);
}

/** The DevTools panel's page bound to the tab showing `host`, as DevTools binds it to the inspected tab. */
async function panelOnTab(browser: BrowserUnderTest, api: PageUnderTest, host: string): Promise<PageUnderTest> {
  return openPanelPage(browser, PANEL_PAGE, `tabId=${await tabIdOf(api, `http://${host}/*`)}`);
}

/**
 * Visits a portal afresh, opens the panel on it and records its consent flow from there: resolves
 * once the site is cleared and the page loaded again asks for a choice.
 */
async function recordFlowFromPanel(browser: BrowserUnderTest, host: string): Promise<{ site: PageUnderTest; panel: PageUnderTest }> {
  const site = await freshVisit(browser, host);
  const panel = await openPanelPage(browser, PANEL_PAGE, `host=${host}`);
  await panel.click('[data-action="record-flow"]');
  await panel.click('[data-action="record-flow-confirm"]');
  await panel.waitFor('[data-marker="cleared"]');
  await site.waitFor('#consent-banner:not([hidden])');
  return { site, panel };
}

/** The texts `page` handed to the clipboard since `keepCopies`. */
const copiesOf = (page: PageUnderTest) => page.evaluate(() => (globalThis as { copies?: string[] }).copies ?? [], null);

export function panelScenarios(ctx: E2eContext): void {
  describe('DevTools panel and side panel pages', () => {
    it('shows a cookie set after the page loaded without a reload of the panel; older ones are not new', async () => {
      const host = 'itie.opendatasoft.com';
      const site = await freshVisit(ctx.browser(), host);
      const api = await extensionPage(ctx.browser());
      const panel = await panelOnTab(ctx.browser(), api, host);
      await panel.waitFor(`${eventRow('sessionid')}`);
      expect(await panel.attributes('main', 'data-layout')).toEqual(['wide']);
      // A mark on the panel's window: gone if the page were loaded again.
      await panel.evaluate(() => void ((globalThis as { stayed?: boolean }).stayed = true), null);

      await site.evaluate(() => void (document.cookie = 'late_widget=set-after-load; path=/; max-age=600'), null);
      await panel.waitFor(`${eventRow('late_widget')}[data-new="true"][data-event="set"][data-phase="before-choice"]`);
      expect(await panel.evaluate(() => (globalThis as { stayed?: boolean }).stayed === true, null)).toBe(true);
      // The cookies from before the panel opened are shown, but not as new.
      expect(await panel.attributes(`${eventRow('sessionid')}[data-new]`, 'data-new')).toEqual([]);
      // Order as the worker recorded it: the panel's events are the report's.
      const report = await waitForReport(api, host, (r) => presentNames(r).includes('late_widget'));
      const recorded = report.timeline.events.flatMap((event) => ('name' in event ? [event.name] : []));
      await expect.poll(() => panel.attributes('[data-cookie-event]', 'data-cookie-event')).toEqual(recorded);
      // Never a value.
      expect(await panel.innerHtml('main')).not.toMatch(/set-after-load|fixture-session-|fixture-csrf-/);
      await Promise.all([site.close(), panel.close(), api.close()]);
    });

    it('follows its tab from a portal to a site it has no access to (the browser hides that address)', async () => {
      const host = 'itie.opendatasoft.com';
      const site = await visitPortal(ctx.browser(), host);
      const api = await extensionPage(ctx.browser());
      const panel = await panelOnTab(ctx.browser(), api, host);
      await panel.waitFor(eventRow('sessionid'));
      // Not a portal, and no host permission: tabs.onUpdated tells the panel no new address.
      await site.goto(`http://${EMBEDDING_SITE}/`);
      await panel.waitFor('main[data-state="no-site"]');
      expect(await panel.attributes(eventRow('sessionid'), 'data-cookie-event')).toEqual([]);
      await Promise.all([site.close(), panel.close(), api.close()]);
    });

    it('draws a consent choice made in the page as a divider with its per-tracker choice', async () => {
      const host = 'data.mixte.opendatasoft.com';
      const site = await freshVisit(ctx.browser(), host);
      const panel = await openPanelPage(ctx.browser(), SIDE_PANEL_PAGE, `host=${host}`);
      await panel.waitFor(eventRow('sessionid'));
      await site.click('#consent-matomo');
      await site.click('#consent-save');
      await panel.waitFor('[data-divider="choice"][data-new="true"]');
      const divider = (await panel.texts('[data-divider="choice"] strong'))[0]!;
      expect(divider).toContain('Per tracker');
      expect(divider).toContain(`${isolated('Matomo')}: accepted`);
      expect(divider).toContain(`${isolated('Google Analytics')}: refused`);
      // Events after the choice carry their own tracker's phase.
      await panel.waitFor(`${eventRow('_pk_id.1.a1b2')}[data-phase="after-accept"]`);
      await Promise.all([site.close(), panel.close()]);
    });

    it('records the consent flow, then the other choice, and compares the two runs as the audit does', async () => {
      const host = 'data.tco.re';
      const { site, panel } = await recordFlowFromPanel(ctx.browser(), host);
      await site.click('#consent-accept');
      await panel.waitFor('[data-divider="accepted"]');
      for (const name of [...MATOMO, '_ga']) await panel.waitFor(eventRow(name));

      await panel.click('[data-action="record-other"]');
      await panel.click('[data-action="record-other-confirm"]');
      await panel.waitFor('[data-run="saved"]');
      // Run 1 kept, run 2 not decided yet: no comparison, but what it waits for.
      await panel.waitFor('[data-comparison-state="waiting"]');
      expect(await panel.texts('[data-comparison-state]')).toEqual([englishText('comparisonWaiting')]);
      expect(await panel.attributes('[data-comparison]', 'data-comparison')).toEqual([]);
      await site.waitFor('#consent-banner:not([hidden])');
      await site.click('#consent-refuse');
      await panel.waitFor('[data-comparison="only-after-accept"] li');

      const list = (id: string) => panel.texts(`[data-comparison="${id}"] li`);
      expect(await list('only-after-accept')).toEqual(['_ga', ...MATOMO]);
      expect(await list('only-after-refuse')).toEqual([]);
      expect(await list('trackers-after-refuse')).toEqual([FORGOTTEN]);
      expect(await panel.attributes('[data-run="saved"] [data-consent]', 'data-consent')).toEqual(['accepted']);
      expect(await panel.attributes('[data-run="current"] [data-consent]', 'data-consent')).toEqual(['refused']);

      // The Export tab drafts the charter from both runs, as the audit's `--consent both` does
      // (core/draft/gather-runs.ts): `_ga`, which neither charter of this portal declares and only
      // run 1 saw (the live report, run 2, has it no more), is in the draft.
      await keepCopies(panel);
      await panel.click('#tab-export');
      await panel.click('[data-action="draft-copy"]');
      await panel.waitFor('[data-draft-status="done"]');
      const [draft] = await copiesOf(panel);
      expect(parseCharter(draft!).entries.map((entry) => entry.cookie)).toContain('_ga');
      await Promise.all([site.close(), panel.close()]);
    });

    it('says the two runs did not load the same pages, and which cookies only one saw first appeared on those, by path alone', async () => {
      const host = 'data.tco.re';
      const { site, panel } = await recordFlowFromPanel(ctx.browser(), host);
      // Run 1 goes on to a dataset page (the portal's banner asks there too, as on every page of
      // the platform until a choice is made: server.ts, portalPage) and accepts there; its query is
      // a search the panel must not show. It comes back home before run 2, which loads only home.
      await site.goto(`http://${host}/explore/dataset/demo/?q=private-search`);
      await site.waitFor('#consent-banner:not([hidden])');
      await site.click('#consent-accept');
      await panel.waitFor('[data-divider="accepted"]');
      for (const name of [...MATOMO, '_ga']) await panel.waitFor(eventRow(name));
      await site.goto(`http://${host}/`);

      await panel.click('[data-action="record-other"]');
      await panel.click('[data-action="record-other-confirm"]');
      await panel.waitFor('[data-run="saved"]');
      await site.waitFor('#consent-banner:not([hidden])');
      await site.click('#consent-refuse');
      await panel.waitFor('[data-comparison="only-after-accept"] li');

      expect(await panel.texts('[data-comparison="only-after-accept"] li')).toEqual(['_ga', ...MATOMO]);
      const list = (id: string) => panel.texts(`[data-pages-not-shared] [data-comparison="${id}"] dd`);
      await panel.waitFor('[data-pages-not-shared]');
      // Paths alone: the query of the page run 1 loaded is no part of it.
      expect(await panel.innerHtml('main')).not.toContain('private-search');
      expect(await panel.texts('[data-pages-not-shared] .notice')).toEqual([englishText('comparisonPagesNotShared')]);
      expect(await list('pages-only-accept')).toEqual(['/explore/dataset/demo/']);
      expect(await list('pages-only-refuse')).toEqual([englishText('comparisonNoPage')]);
      // Matomo and Google Analytics started as run 1 accepted, on the dataset page run 2 never loaded.
      expect(await panel.texts('[data-comparison="cookies-on-pages-not-shared"] li')).toEqual(['_ga', ...MATOMO]);
      await Promise.all([site.close(), panel.close()]);
    });

    it('records the other choice from pages that have gone: a cookie the accepting page sets as it is left is in neither run', async () => {
      const host = 'data.tco.re';
      const site = await freshVisit(ctx.browser(), host);
      const api = await extensionPage(ctx.browser());
      // Bound to the tab, as DevTools' panel is: the tab goes to a blank page and back during the
      // recording, and the panel keeps its view and its status through it.
      const panel = await panelOnTab(ctx.browser(), api, host);
      await site.waitFor('#consent-banner:not([hidden])');
      await site.click('#consent-accept');
      await panel.waitFor('[data-divider="accepted"]');
      // Any page script may write a cookie as its page is left (GA4 reports engagement as a page
      // is hidden): installed by the page itself, its fixture unchanged. Its mark in the origin's
      // storage, which no clear touches, shows the next page that it ran. The storage is opened
      // now, while the page is shown: Firefox dropped a first write made as the page went.
      await site.evaluate(() => {
        localStorage.removeItem('left_behind');
        addEventListener('pagehide', () => {
          document.cookie = 'left_behind=1; path=/; max-age=600';
          localStorage.setItem('left_behind', 'written');
        });
      }, null);

      await panel.click('[data-action="record-other"]');
      await panel.click('[data-action="record-other-confirm"]');
      await panel.waitFor('[data-record-status="started"]');
      // The page loaded again after the clear: its banner asks afresh.
      await site.waitFor('#consent-banner:not([hidden])');
      expect(await site.evaluate(() => localStorage.getItem('left_behind'), null)).toBe('written');
      // The panel followed the tab back to the site without losing its view: the status is still said.
      expect(await panel.attributes('main', 'data-state')).toEqual(['ready']);
      expect(await panel.attributes('[data-record-status]', 'data-record-status')).toEqual(['started']);
      await site.click('#consent-refuse');
      const refused = await waitForReport(api, host, (r) => r.consent.state === 'refused' && presentNames(r).includes(FORGOTTEN));

      // Set by the page run 1 accepted in, as it went: never the refusing run's, before its choice or after.
      expect(findingKeys(refused).filter((key) => key.endsWith(' left_behind'))).toEqual([]);
      expect(refused.cookies.map((c) => c.name)).not.toContain('left_behind');
      await Promise.all([site.close(), panel.close(), api.close()]);
    });

    it('records the same choice twice: cancelled first (nothing deleted), then the status, and two runs it cannot compare', async () => {
      const host = 'data.mixte.opendatasoft.com';
      const site = await freshVisit(ctx.browser(), host);
      const api = await extensionPage(ctx.browser());
      const before = await waitForReport(api, host, (r) =>
        [...PLATFORM_COOKIES, FORGOTTEN].every((name) => presentNames(r).includes(name)),
      );
      const panel = await openPanelPage(ctx.browser(), PANEL_PAGE, `host=${host}`);

      // Cancel: the confirmation goes, focus back on its button, and nothing is deleted or recorded afresh.
      await panel.click('[data-action="record-flow"]');
      await panel.waitFor('[role="alertdialog"]');
      await panel.click('[role="alertdialog"] button:not([data-action])');
      await panel.waitFor('[data-action="record-flow"]');
      expect(await panel.attributes('[role="alertdialog"]', 'role')).toEqual([]);
      expect(await panel.attributes('[data-record-status]', 'data-record-status')).toEqual(['idle']);
      expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-action') ?? null, null)).toBe('record-flow');
      expect(await site.evaluate(() => document.cookie, null)).toContain(`${FORGOTTEN}=`);
      // The same record, not one started afresh (that would hold the same events, at other times).
      expect((await reportOf(api, host)).timeline.events).toEqual(before.timeline.events);

      // Recorded: the status says how many cookies the worker deleted, every one the site had.
      await panel.click('[data-action="record-flow"]');
      await panel.click('[data-action="record-flow-confirm"]');
      await panel.waitFor('[data-record-status="started"]');
      expect(await panel.texts('[data-record-status]')).toEqual([recordStartedText(presentNames(before).length)]);
      // The reloaded page's widget cookie in the new record: its banner is the one to click.
      await waitForReport(api, host, (r) => presentNames(r).includes(FORGOTTEN));
      await site.waitFor('#consent-banner:not([hidden])');
      await site.click('#consent-accept');
      const accepted = await waitForReport(api, host, (r) =>
        [...MATOMO, '_ga', 'cookies_preferences'].every((name) => presentNames(r).includes(name)),
      );
      // The panel hears of the choice a moment after the worker reports it (a slow Firefox run
      // clicked before it had): its button to record the other choice shows once it has.
      await panel.waitFor('[data-action="record-other"]');
      await panel.click('[data-action="record-other"]');
      await panel.click('[data-action="record-other-confirm"]');
      await panel.waitFor('[data-comparison-state="waiting"]');
      // Run 1's cookies deleted, its choice among them: the status says so once the worker answers.
      await expect.poll(() => panel.texts('[data-record-status]')).toEqual([recordStartedText(presentNames(accepted).length)]);
      await waitForReport(api, host, (r) => presentNames(r).includes(FORGOTTEN));
      await site.waitFor('#consent-banner:not([hidden])');
      await site.click('#consent-accept');
      await panel.waitFor('[data-run="current"] [data-consent="accepted"]');
      await panel.waitFor('[data-comparison-state="not-comparable"]');
      const state = englishText('consent_accepted');
      expect(await panel.texts('[data-comparison-state]')).toEqual([englishText('comparisonNotComparable', state, state)]);
      expect(await panel.attributes('[data-comparison]', 'data-comparison')).toEqual([]);
      expect(await panel.attributes('[data-run="saved"] [data-consent]', 'data-consent')).toEqual(['accepted']);
      await Promise.all([site.close(), panel.close(), api.close()]);
    });

    it('says plainly when the tab it is asked for does not exist, or the address names none', async () => {
      const gone = await openPanelPage(ctx.browser(), PANEL_PAGE, 'tabId=987654');
      expect((await gone.texts('[data-problem="site"]'))[0]).toBe(`There is no tab ${isolated('987654')}: it may have been closed.`);
      const wrong = await openPanelPage(ctx.browser(), PANEL_PAGE, 'tabId=%3Cb%3Ex%3C/b%3E');
      expect((await wrong.texts('[data-problem="site"]'))[0]).toBe(
        `“${isolated('<b>x</b>')}” is not a tab number: use ?tabId=N or ?host=HOST.`,
      );
      expect(await wrong.texts('main b')).toEqual([]);
      await Promise.all([gone.close(), wrong.close()]);
    });

    it('works with the keyboard: tabs with the arrow keys, the timeline focusable', async () => {
      const host = 'itie.opendatasoft.com';
      await (await visitPortal(ctx.browser(), host)).close();
      const panel = await openPanelPage(ctx.browser(), PANEL_PAGE, `host=${host}`);
      await panel.waitFor('#tab-cookies[aria-selected="true"]');
      await panel.press('#tab-cookies', 'ArrowRight');
      await panel.waitFor('#tab-export[aria-selected="true"]');
      expect(await panel.evaluate(() => document.activeElement?.id ?? null, null)).toBe('tab-export');
      await panel.press('.events', 'End');
      expect(await panel.evaluate(() => document.activeElement?.classList.contains('events') ?? false, null)).toBe(true);
      await panel.close();
    });

    it('has no accessibility violations (axe-core) in either layout, and is saved as screenshots in both themes', async () => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const host = 'data.refus.opendatasoft.com';
      const site = await freshVisit(ctx.browser(), host, '/?ignore=matomo');
      await site.click('#consent-refuse');
      const api = await extensionPage(ctx.browser());
      await waitForReport(api, host, (r) => MATOMO.every((name) => presentNames(r).includes(name)));
      const tabId = await tabIdOf(api, `http://${host}/*`);
      for (const theme of ['light', 'dark']) {
        for (const [page, query, width, name] of [
          [PANEL_PAGE, `tabId=${tabId}`, 1100, 'devtools-panel'],
          [SIDE_PANEL_PAGE, `host=${host}`, 400, 'side-panel'],
        ] as const) {
          const panel = await openPanelPage(ctx.browser(), page, `${query}&theme=${theme}`, width);
          await panel.waitFor(`main[data-layout="${width > 880 ? 'wide' : 'narrow'}"]`);
          await panel.waitFor('[data-divider="refused"]');
          expect(await axeViolations(panel), `${name} ${theme}`).toEqual([]);
          await panel.screenshot(`${SCREENSHOT_DIR}/${ctx.browser().name}-${name}-${theme}.png`);
          await panel.close();
        }
      }
      await Promise.all([site.close(), api.close()]);
    });
  });
}
