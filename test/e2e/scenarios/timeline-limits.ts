/**
 * The timeline at its limits, in real browsers: a site that wrote more cookie events than the
 * worker keeps (site-record.ts TIMELINE_LIMIT) shows how many older ones were dropped, and a cookie
 * the worker first met in a scan, not in a change event, is said to be "found already there".
 */
import { describe, expect, it } from 'vitest';
import type { BrowserUnderTest, PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { extensionPage, presentNames, reportOf, request, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import { TIMELINE_LIMIT } from '../../../src/core/cookies/site-record.ts';
import type { Report } from '../../../src/core/report/index.ts';
import { isolated } from '../../../src/platform/i18n.ts';
import { formatCount } from '../../../src/views/time-format.ts';
import { localeTranslate } from '../../support/locale-translate.ts';
import { FORGOTTEN, openPopup, PLATFORM_COOKIES, seenRow, type E2eContext } from './context.ts';

const t = localeTranslate('en');

/** Every event the worker recorded for the site: those it kept and those it dropped. */
const eventsRecorded = (report: Report) => report.timeline.droppedEvents + report.timeline.events.length;

/** The marker's sentence for `count` dropped events, as the popup says it (English plural: "one" for 1 only). */
const droppedSentence = (count: number) => t(count === 1 ? 'markerDroppedOne' : 'markerDropped', isolated(formatCount(count, 'en')));

/** The rows of cookie events in a timeline (not its markers). */
const EVENT_ROWS = '.events [data-cookie-event]';

/**
 * Writes `count` new values of the cookie `name` from the page, each one a change the browser
 * reports (a value written again unchanged may be no change at all), then `last`, once, if given.
 * Every value holds `secret`: no page of the extension may ever show it.
 */
async function writeCookies(site: PageUnderTest, name: string, count: number, secret: string, last?: string): Promise<void> {
  await site.evaluate(
    ({ name, count, secret, last }) => {
      const stamp = Date.now().toString(36);
      for (let i = 0; i < count; i++) document.cookie = `${name}=${secret}-${stamp}-${i}; path=/`;
      if (last) document.cookie = `${last}=${secret}; path=/`;
    },
    { name, count, secret, last: last ?? '' },
  );
}

/** Opens the popup of `host` on its Timeline tab, and waits until its list is there. */
async function openTimeline(browser: BrowserUnderTest, host: string): Promise<PageUnderTest> {
  const popup = await openPopup(browser, host);
  await popup.click('#tab-timeline');
  await popup.waitFor('ol.events');
  return popup;
}

/** The whole document of a page, as markup: what it shows and holds, attributes included. */
const wholeDocument = (page: PageUnderTest) => page.evaluate(() => document.documentElement.outerHTML, null);

/** How many tabs show a page of `host` (read from an extension page). */
function tabsOf(api: PageUnderTest, host: string): Promise<number> {
  return api.evaluate(async (pattern) => {
    type Tabs = { tabs: { query(query: { url: string }): Promise<unknown[]> } };
    const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as Tabs;
    return (await api.tabs.query({ url: pattern })).length;
  }, `*://${host}/*`);
}

export function timelineLimitsScenarios(ctx: E2eContext): void {
  describe('the timeline keeps the last 1,000 events of a site', () => {
    // A portal with a parent domain of its own (server.ts PORTAL_HOSTS): no other portal's _ga lands in its record.
    const host = 'data.refus.opendatasoft.com';
    const secret = 'fl00d-value-never-shown';

    it('says how many older events were dropped, one then many, and still lists the newest', async () => {
      const browser = ctx.browser();
      const api = await extensionPage(browser);
      // A fresh record (cleared marker, then what the page sets), whatever earlier scenarios left.
      await request(api, 'clearSite', { host });
      const site = await browser.newPage();
      await site.goto(`http://${host}/`);
      const loaded = await waitForReport(api, host, (r) =>
        [...PLATFORM_COOKIES, FORGOTTEN].every((name) => presentNames(r).includes(name)),
      );
      const before = eventsRecorded(loaded);
      expect(loaded.timeline.droppedEvents).toBe(0);
      expect(before).toBeLessThan(TIMELINE_LIMIT);

      // Written from the page, as a portal's scripts write theirs (a busy one writes thousands: site-record.ts).
      // Each write is one event (a change is reported as the old cookie's removal, then the new
      // one: recorder.ts records it once); one past the limit drops exactly one.
      const first = TIMELINE_LIMIT + 1 - before;
      await writeCookies(site, 'flood', first, secret);
      await expect.poll(async () => eventsRecorded(await reportOf(api, host)), { timeout: 60_000 }).toBe(TIMELINE_LIMIT + 1);
      const popup = await openTimeline(browser, host);
      await popup.waitFor('[data-marker="dropped"]');
      expect(await popup.texts('[data-marker="dropped"]')).toEqual([droppedSentence(1)]);
      expect(await popup.texts(EVENT_ROWS)).toHaveLength(TIMELINE_LIMIT);
      // The oldest went first: the cleared marker; the page's own cookies are still listed.
      expect(await popup.texts('[data-marker="cleared"]')).toEqual([]);
      expect(await popup.attributes(`${EVENT_ROWS}[data-cookie-event="sessionid"]`, 'data-event')).toEqual(['set']);

      // More, with the popup open: it follows, and ends on the newest event, a cookie of its own.
      const more = 150;
      await writeCookies(site, 'flood', more, secret, 'flood_last');
      const dropped = before + first + more + 1 - TIMELINE_LIMIT;
      await expect.poll(async () => (await reportOf(api, host)).timeline.droppedEvents, { timeout: 60_000 }).toBe(dropped);
      await expect.poll(() => popup.texts('[data-marker="dropped"]'), { timeout: 30_000 }).toEqual([droppedSentence(dropped)]);
      await expect
        .poll(() => popup.attributes(EVENT_ROWS, 'data-cookie-event'), { timeout: 30_000 })
        .toEqual([...Array<string>(TIMELINE_LIMIT - 1).fill('flood'), 'flood_last']);

      // A popup opened now says the same, and no value of any write is anywhere in it.
      const fresh = await openTimeline(browser, host);
      await fresh.waitFor(`${EVENT_ROWS}[data-cookie-event="flood_last"]`);
      expect(await fresh.texts('[data-marker="dropped"]')).toEqual([droppedSentence(dropped)]);
      expect(await fresh.texts(EVENT_ROWS)).toHaveLength(TIMELINE_LIMIT);
      expect(await wholeDocument(fresh)).not.toContain(secret);
      expect(await wholeDocument(popup)).not.toContain(secret);
      await Promise.all([fresh.close(), popup.close(), site.close(), api.close()]);
    });
  });

  describe('a cookie a scan found, not a change event', () => {
    // A portal on its own domain, and a portal under it (server.ts PORTAL_HOSTS).
    const parent = 'tco.re';
    const host = 'data.tco.re';
    const name = 'found_there_probe';
    const secret = 'f0und-value-never-shown';

    it('is "found already there", at an unknown time, in the cookie row and the timeline, with no value', async () => {
      const browser = ctx.browser();
      const api = await extensionPage(browser);
      // While no tab shows data.tco.re, a cookie on .tco.re is not its (recorder.ts sitesFor): the
      // city's main site may set it, and the portal's record does not hear it being set.
      expect(await tabsOf(api, host)).toBe(0);
      const other = await browser.newPage();
      await other.goto(`http://${parent}/`);
      await other.evaluate(
        ({ name, secret, domain }) => void (document.cookie = `${name}=${secret}; domain=${domain}; path=/; max-age=3600`),
        { name, secret, domain: parent },
      );
      // Heard, and filed under the site that set it, before the portal opens.
      await waitForReport(api, parent, (r) => presentNames(r).includes(name));
      expect((await reportOf(api, host)).cookies.map((c) => c.name)).not.toContain(name);
      await other.close();

      // The portal's tab loads: the scan then finds the cookie there, when it was set unknown.
      const site = await browser.newPage();
      await site.goto(`http://${host}/`);
      const report = await waitForReport(api, host, (r) => presentNames(r).includes(name));
      expect(report.cookies.find((c) => c.name === name)?.firstPhase).toBe('unknown');
      const events = report.timeline.events.filter((e) => 'name' in e && e.name === name);
      expect(events).toEqual([expect.objectContaining({ type: 'set', found: true, phase: 'unknown' })]);

      const popup = await openPopup(browser, host);
      await popup.waitFor(`${seenRow(name)} [data-phase="unknown"]`);
      expect((await popup.texts(`${seenRow(name)} [data-phase="unknown"]`))[0]).toContain(t('firstPhase', isolated(t('phase_unknown'))));
      expect(await wholeDocument(popup)).not.toContain(secret);

      await popup.click('#tab-timeline');
      const row = `${EVENT_ROWS}[data-cookie-event="${name}"]`;
      await popup.waitFor(row);
      expect(await popup.attributes(row, 'data-found')).toEqual(['true']);
      const [text] = await popup.texts(row);
      expect(text).toContain(`${t('event_found')} ${name}`);
      expect(text).toContain(t('phase_unknown'));
      expect(await wholeDocument(popup)).not.toContain(secret);
      await Promise.all([popup.close(), site.close(), api.close()]);
    });
  });
}
