import { describe, expect, it } from 'vitest';
import {
  closeTab,
  discardTab,
  extensionPage,
  findingKeys,
  presentNames,
  reportOf,
  request,
  tabIdOf,
  waitForReport,
} from '../../../scripts/browsers/extension-api.ts';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { isolatingTranslate } from '../../../src/platform/i18n.ts';
import { localeTranslate } from '../../support/locale-translate.ts';
import {
  FORGOTTEN,
  MATOMO,
  openPopup,
  PLATFORM_COOKIES,
  SEEN_ROWS as SEEN,
  seenRow as seen,
  showFindings,
  visitPortal,
  type E2eContext,
} from './context.ts';

/** The UI's English text (the e2e browsers run in English), each substitution isolated as the pages' `t` does. */
const englishText = isolatingTranslate(localeTranslate('en'));

/** The portal whose city's main site (not a portal) shares its parent domain in the fixture, and that site. */
const NANTES_PORTAL = 'data.nantesmetropole.fr';
const NANTES_CITY = 'nantesmetropole.fr';

/** The report's status line, where what changes while it is open is said (views/report-news.ts). */
const REPORT_NEWS = '[data-report-news]';

/** Removes the Nantes sites' cookies (a choice, the shared _ga) and their records: nothing reaches the next visit. */
async function forgetNantes(api: PageUnderTest): Promise<void> {
  await request(api, 'clearSite', { host: NANTES_CITY });
  await request(api, 'clearSite', { host: NANTES_PORTAL });
}

/**
 * Runs `scenario` with the Nantes sites forgotten before and after, and every page it opens
 * (passed through `keep`) closed before that, then `api`, whether it passed or not: a city tab
 * left open makes the next scenarios' `_ga` of unknown origin, and their records start with this one's.
 */
async function withNantesPages(
  api: PageUnderTest,
  scenario: (keep: (page: PageUnderTest) => PageUnderTest) => Promise<void>,
): Promise<void> {
  const pages: PageUnderTest[] = [];
  try {
    await forgetNantes(api);
    await scenario((page) => (pages.push(page), page));
  } finally {
    // A page the scenario closed already is no failure.
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
    await forgetNantes(api);
    await api.close();
  }
}

export function recordingScenarios(ctx: E2eContext): void {
  describe('records a portal’s cookies', () => {
    it('shows the platform cookies, then the consent cookie after a choice, and never a value', async () => {
      const host = 'data.toulouse-metropole.fr';
      const popup = await openPopup(ctx.browser(), host);
      expect(await popup.texts(SEEN)).toEqual([]);
      // Before any visit, every cookie the charter declares is listed as not seen.
      expect((await popup.attributes('[data-status="not-seen"]', 'data-cookie')).sort()).toEqual(
        [...PLATFORM_COOKIES, 'cookies_preferences'].sort(),
      );

      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      for (const name of PLATFORM_COOKIES) await popup.waitFor(seen(name));

      await site.click('#consent-accept');
      await popup.waitFor(seen('cookies_preferences'));
      // Google Analytics writes on the parent domain: seen only thanks to its host permission.
      await popup.waitFor(seen('_ga'));
      await popup.waitFor(seen('_pk_ses.1.a1b2'));

      const rows = await popup.attributes(SEEN, 'data-cookie');
      expect(rows.sort()).toEqual([...PLATFORM_COOKIES, 'cookies_preferences', '_ga', ...MATOMO, FORGOTTEN].sort());
      expect((await popup.texts(seen('_ga')))[0]).toContain('.toulouse-metropole.fr');
      const sessionRow = (await popup.texts(seen('sessionid')))[0];
      expect(sessionRow).toContain('HttpOnly');
      expect(sessionRow).toContain(host);
      const html = await popup.innerHtml('main');
      expect(html).not.toContain('fixture-session-');
      expect(html).not.toContain('fixture-csrf-');
      expect(html).not.toContain('GA1.2.');
      await site.close();
      await popup.close();

      // A popup opened afterwards reads the same record back from the worker.
      const again = await openPopup(ctx.browser(), host);
      expect((await again.attributes(SEEN, 'data-cookie')).sort()).toEqual(rows.sort());
      await again.close();
    });

    it('keeps no session id a cookie’s default path holds (/app;jsessionid=…/cart), in storage, the popup or an export', async () => {
      // A servlet container's URL rewriting (Tomcat, Jetty) puts the session id in the path; a
      // cookie set there without Path gets the default path, that URL's up to its last slash.
      const host = 'itie.opendatasoft.com';
      const secret = 'PATHSECRET42';
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/app;jsessionid=${secret}/cart/view`);
      await site.evaluate(() => void (document.cookie = 'path_probe=1; max-age=3600'), null);
      const api = await extensionPage(ctx.browser());
      const report = await waitForReport(api, host, (r) => presentNames(r).includes('path_probe'));
      expect(report.cookies.find((c) => c.name === 'path_probe')?.path).toBe('/app;…/cart');
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor(seen('path_probe'));
      expect(await popup.texts(seen('path_probe'))).toEqual([expect.stringContaining('/app;…/cart')]);
      const everywhere = [
        await popup.innerHtml('main'),
        JSON.stringify(report),
        ...(await Promise.all(
          (['json', 'markdown', 'csv'] as const).map(async (format) =>
            JSON.stringify(await request(api, 'exportReport', { host, format })),
          ),
        )),
      ];
      for (const text of everywhere) expect(text).not.toContain(secret);
      const stored = await api.evaluate(async (needle) => {
        type SessionGet = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
        const ext = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as SessionGet;
        return JSON.stringify(await ext.storage.session.get(null)).includes(needle);
      }, secret);
      expect(stored).toBe(false);
      await site.evaluate(() => void (document.cookie = 'path_probe=; max-age=0'), null);
      await Promise.all([site.close(), popup.close(), api.close()]);
    });

    it('shows a name’s character that shows nothing as its code: a cookie `_g\\u200Ba` never reads as `_ga`', async () => {
      const host = 'itie.opendatasoft.com';
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      // Chromium keeps the name as written; Firefox gives its UTF-8 bytes one character each (U+0080 and U+008B among them).
      await site.evaluate(() => void (document.cookie = '_g\u200Ba=1; path=/; max-age=3600'), null);
      const api = await extensionPage(ctx.browser());
      const report = await waitForReport(api, host, (r) =>
        r.cookies.some((c) => c.name.startsWith('_g') && c.name !== '_ga' && c.removed === null),
      );
      const name = report.cookies.find((c) => c.name.startsWith('_g') && c.name !== '_ga')!.name;
      const popup = await openPopup(ctx.browser(), host);
      const row = `[data-cookie="${name}"]`;
      await popup.waitFor(row);
      const [shown] = await popup.texts(`${row} .name`);
      expect(shown).toMatch(/^_g(?:<U\+[0-9A-F]{4}>|â)+a$/);
      expect(shown).toContain('<U+');
      expect((await popup.attributes(row, 'aria-label'))[0]).toBe(shown);
      // Its timeline's event too (the tab's view is given the report view's visibleCookieName).
      await popup.click('#tab-timeline');
      await popup.waitFor(`[data-cookie-event="${name}"]`);
      expect(await popup.texts(`[data-cookie-event="${name}"] code`)).toEqual([shown]);
      await site.evaluate(() => void (document.cookie = '_g\u200Ba=; path=/; max-age=0'), null);
      await Promise.all([site.close(), popup.close(), api.close()]);
    });

    it('records a portal of the platform that is not bundled', async () => {
      const host = 'demo.opendatasoft.com';
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/explore/dataset/demo/`);
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor(seen('sessionid'));
      await site.close();
      await popup.close();
    });

    it('files a cookie on a parent domain under a portal only while a tab of that portal is open', async () => {
      const portal = 'data.nantesmetropole.fr';
      const api = await extensionPage(ctx.browser());
      const site = await visitPortal(ctx.browser(), portal);
      await site.close();
      // The city's main site, visited after the portal's tab was closed, writes _ga on .nantesmetropole.fr.
      const city = await ctx.browser().newPage();
      await city.goto('http://nantesmetropole.fr/actualites/');
      await waitForReport(api, 'nantesmetropole.fr', (report) => presentNames(report).includes('_ga'));
      expect(presentNames(await reportOf(api, portal))).not.toContain('_ga');
      // Back on the portal: the scan its page load starts finds the shared cookie, sent to the portal now.
      const again = await ctx.browser().newPage();
      await again.goto(`http://${portal}/`);
      const report = await waitForReport(api, portal, (r) => presentNames(r).includes('_ga'));
      expect(report.cookies.find((c) => c.name === '_ga')?.domain).toBe('.nantesmetropole.fr');
      await Promise.all([city.close(), again.close()]);
      // The shared _ga would reach the other scenarios' visits to this portal: leave none behind.
      await request(api, 'clearSite', { host: 'nantesmetropole.fr' });
      await request(api, 'clearSite', { host: portal });
      await api.close();
    });

    it('marks a cookie two open sites under its domain may have set as of unknown origin, and makes no finding of it', async () => {
      // A _ga already the portal's would stay so: the city's write must be the cookie's first
      // (forgotten before); the shared _ga would reach the other scenarios' visits to this portal (forgotten after).
      const api = await extensionPage(ctx.browser());
      await withNantesPages(api, async (keep) => {
        keep(await visitPortal(ctx.browser(), NANTES_PORTAL));
        // With the portal's tab still open, the city's main site writes _ga on .nantesmetropole.fr
        // (gtag.js's cookie_domain "auto": scripts/demo-portal/server.ts): either site may have set it.
        const city = keep(await ctx.browser().newPage());
        await city.goto(`http://${NANTES_CITY}/actualites/`);
        const report = await waitForReport(api, NANTES_PORTAL, (r) => r.cookies.some((c) => c.name === '_ga' && c.originUnknown));
        expect(report.cookies.find((c) => c.name === '_ga')?.domain).toBe(`.${NANTES_CITY}`);
        // Judged by nothing: the portal's other findings (its forgotten widget's) stand, none names _ga.
        expect(findingKeys(report)).toContain(`undeclared ${FORGOTTEN}`);
        expect(report.findings.filter((f) => f.cookie === '_ga')).toEqual([]);

        const popup = keep(await openPopup(ctx.browser(), NANTES_PORTAL));
        const mark = `${seen('_ga')} [data-origin-unknown]`;
        await popup.waitFor(mark);
        expect(await popup.attributes(mark, 'data-origin-unknown')).toEqual([NANTES_CITY]);
        expect(await popup.texts(mark)).toEqual([englishText('originUnknownCookie', NANTES_CITY)]);
        // Only _ga is shared: the portal's own cookies carry no such mark.
        expect(await popup.texts('[data-origin-unknown]')).toHaveLength(1);
        await showFindings(popup);
        const named = await popup.attributes('[data-finding-cookie]', 'data-finding-cookie');
        expect(named).toContain(FORGOTTEN);
        expect(named).not.toContain('_ga');
      });
    });

    it('counts no site in a tab the browser unloaded: the portal’s _ga after a refusal, the city’s tab unloaded, is a finding (a reviewer’s case)', async () => {
      const api = await extensionPage(ctx.browser());
      await withNantesPages(api, async (keep) => {
        // Firefox restores a session's tabs unloaded, and either browser unloads tabs under memory pressure.
        const city = keep(await ctx.browser().newPage());
        await city.goto(`http://${NANTES_CITY}/`);
        // A page whose Google Analytics tag ignores the refusal (?ignore=ga, server.ts): _ga on .nantesmetropole.fr.
        const portal = keep(await visitPortal(ctx.browser(), NANTES_PORTAL, '/?ignore=ga'));
        const unloaded = await discardTab(api, await tabIdOf(api, `http://${NANTES_CITY}/`));
        try {
          await portal.click('#consent-refuse');
          // No page runs in the city's tab: the portal, open alone under the domain, wrote it.
          const report = await waitForReport(api, NANTES_PORTAL, (r) => presentNames(r).includes('_ga'));
          expect(report.cookies.find((c) => c.name === '_ga')?.originUnknown).toBe(false);
          expect(findingKeys(report)).toContain('after-refusal _ga');
        } finally {
          // Closed by its id: the driver may not reach it unloaded, and clearing the city's site would load it again.
          await closeTab(api, unloaded);
        }
      });
    });

    it('takes a parent-domain cookie away from a portal whose tab is closed when it is removed (c7b790c, a reviewer’s case)', async () => {
      const api = await extensionPage(ctx.browser());
      await withNantesPages(api, async (keep) => {
        // _ga on .nantesmetropole.fr, set by the city's main site while the portal's tab is open
        // (gtag.js's cookie_domain "auto": scripts/demo-portal/server.ts), is filed under the portal.
        const portal = keep(await visitPortal(ctx.browser(), NANTES_PORTAL));
        const city = keep(await ctx.browser().newPage());
        await city.goto(`http://${NANTES_CITY}/actualites/`);
        await waitForReport(api, NANTES_PORTAL, (r) => presentNames(r).includes('_ga'));
        await portal.close();
        // The portal's tab closed, the city's page removes it (as an expiry does): the portal's
        // record, which nothing scans while no tab shows it, must not keep it present.
        await city.evaluateScript(`document.cookie = '_ga=; domain=${NANTES_CITY}; path=/; max-age=0'`);
        await waitForReport(api, NANTES_CITY, (r) => !presentNames(r).includes('_ga'));
        await waitForReport(api, NANTES_PORTAL, (r) => !presentNames(r).includes('_ga'));
        const popup = keep(await openPopup(ctx.browser(), NANTES_PORTAL));
        await popup.waitFor(seen('sessionid'));
        // Shown as removed, not as present.
        const [row] = await popup.texts(seen('_ga'));
        expect(row).toContain(englishText('removed'));
      });
    });

    it('announces new findings that arrive while the popup is open, in its polite status', async () => {
      const api = await extensionPage(ctx.browser());
      // No choice and no _ga left by an earlier visit: the refusal below is the portal's first.
      await forgetNantes(api);
      const site = await visitPortal(ctx.browser(), NANTES_PORTAL);
      await waitForReport(api, NANTES_PORTAL, (r) => presentNames(r).includes(FORGOTTEN));
      await site.click('#consent-refuse');
      // Settled before the popup opens (the choice, and the live charter's answer, a 404 here):
      // what the popup shows at open is not news.
      const before = await waitForReport(api, NANTES_PORTAL, (r) => r.consent.state === 'refused' && r.charter.live !== null);
      expect(presentNames(before)).not.toContain('_ga');

      const popup = await openPopup(ctx.browser(), NANTES_PORTAL);
      await popup.waitFor('.findings');
      // role="status": a live region, polite (aria-live's implicit value for that role).
      expect(await popup.attributes(REPORT_NEWS, 'role')).toEqual(['status']);
      expect(await popup.texts(REPORT_NEWS)).toEqual(['']);

      // A page whose Google Analytics tag ignores the refusal (?ignore=ga, server.ts), the portal's tab
      // alone under .nantesmetropole.fr: its _ga is the portal's, set against the refusal.
      await site.goto(`http://${NANTES_PORTAL}/?ignore=ga`);
      const after = await waitForReport(api, NANTES_PORTAL, (r) => findingKeys(r).includes('after-refusal _ga'));
      const added = findingKeys(after).filter((key) => !findingKeys(before).includes(key));
      expect(added.sort()).toEqual(['after-refusal _ga', 'undeclared _ga']);
      expect(findingKeys(before).every((key) => findingKeys(after).includes(key))).toBe(true);
      // One of the two, the consent breach, is high.
      await expect
        .poll(() => popup.texts(REPORT_NEWS), { timeout: 15_000 })
        .toEqual([englishText('newFindingsHigh', '2', englishText('severityHighCountOne', '1'))]);
      await Promise.all([site.close(), popup.close()]);
      // Leave no choice nor _ga behind for the other scenarios' visits to this portal.
      await forgetNantes(api);
      await api.close();
    });

    it('says plainly when it has no access to a site, and offers to ask for it', async () => {
      const popup = await openPopup(ctx.browser(), 'example.org');
      await popup.waitFor('[data-access="site"] button');
      expect((await popup.texts('[data-access="site"]'))[0]).toContain('example.org');
      expect(await popup.texts('[data-cookie]')).toEqual([]);
      await popup.close();
    });
  });
}
