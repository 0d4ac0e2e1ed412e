import { describe, expect, it } from 'vitest';
import { extensionPage, presentNames, reportOf, request, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import {
  FORGOTTEN,
  MATOMO,
  openPopup,
  PLATFORM_COOKIES,
  SEEN_ROWS as SEEN,
  seenRow as seen,
  visitPortal,
  type E2eContext,
} from './context.ts';

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

    it('says plainly when it has no access to a site, and offers to ask for it', async () => {
      const popup = await openPopup(ctx.browser(), 'example.org');
      await popup.waitFor('[data-access="site"] button');
      expect((await popup.texts('[data-access="site"]'))[0]).toContain('example.org');
      expect(await popup.texts('[data-cookie]')).toEqual([]);
      await popup.close();
    });
  });
}
