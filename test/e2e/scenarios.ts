/**
 * End-to-end scenarios, written once and run in each real browser (chromium.test.ts, firefox.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalServer, type PortalServer } from '../../scripts/demo-portal/server.ts';
import type { BrowserUnderTest, PageUnderTest } from './support/browser-under-test.ts';

const PLATFORM_COOKIES = ['sessionid', 'csrftoken', 'django_language'];

/** Opens the popup page for `host` and waits until the background worker has answered it. */
async function openPopup(browser: BrowserUnderTest, host: string): Promise<PageUnderTest> {
  const popup = await browser.newPage();
  await popup.goto(browser.popupUrl(`?host=${encodeURIComponent(host)}`));
  // Handshake: `ready` means the worker answered a message, so its listeners are registered.
  await popup.waitFor('main[data-state="ready"]');
  return popup;
}

export function describeExtension(launch: (portalPort: number) => Promise<BrowserUnderTest>): void {
  let portal: PortalServer;
  let browser: BrowserUnderTest;

  beforeAll(async () => {
    portal = await startPortalServer();
    browser = await launch(portal.port);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  describe('records a portal’s cookies', () => {
    it('shows the platform cookies, then the consent cookie after a choice, and never a value', async () => {
      const host = 'data.toulouse-metropole.fr';
      const popup = await openPopup(browser, host);
      expect(await popup.texts('[data-cookie]')).toEqual([]);

      const site = await browser.newPage();
      await site.goto(`http://${host}/`);
      for (const name of PLATFORM_COOKIES) await popup.waitFor(`[data-cookie="${name}"]`);

      await site.click('#consent-accept');
      await popup.waitFor('[data-cookie="cookies_preferences"]');
      // Google Analytics writes on the parent domain: seen only thanks to its host permission.
      await popup.waitFor('[data-cookie="_ga"]');
      await popup.waitFor('[data-cookie="_pk_ses.1.a1b2"]');

      const rows = await popup.attributes('[data-cookie]', 'data-cookie');
      expect(rows.sort()).toEqual(
        [...PLATFORM_COOKIES, 'cookies_preferences', '_ga', '_pk_id.1.a1b2', '_pk_ses.1.a1b2'].sort(),
      );
      expect((await popup.texts('[data-cookie="_ga"]'))[0]).toContain('.toulouse-metropole.fr');
      const sessionRow = (await popup.texts('[data-cookie="sessionid"]'))[0];
      expect(sessionRow).toContain('HttpOnly');
      expect(sessionRow).toContain(host);
      const html = await popup.innerHtml('main');
      expect(html).not.toContain('fixture-session-');
      expect(html).not.toContain('fixture-csrf-');
      expect(html).not.toContain('GA1.2.');
      await site.close();
      await popup.close();

      // A popup opened afterwards reads the same record back from the worker.
      const again = await openPopup(browser, host);
      expect((await again.attributes('[data-cookie]', 'data-cookie')).sort()).toEqual(rows.sort());
      await again.close();
    });

    it('records a portal of the platform that is not bundled', async () => {
      const host = 'demo.opendatasoft.com';
      const site = await browser.newPage();
      await site.goto(`http://${host}/explore/dataset/demo/`);
      const popup = await openPopup(browser, host);
      await popup.waitFor('[data-cookie="sessionid"]');
      await site.close();
      await popup.close();
    });

    it('says plainly when a site is not a portal', async () => {
      const popup = await browser.newPage();
      await popup.goto(browser.popupUrl('?host=example.org'));
      await popup.waitFor('main[data-state="ready"]');
      expect((await popup.texts('main'))[0]).toContain('example.org');
      expect(await popup.texts('[data-cookie]')).toEqual([]);
      await popup.close();
    });
  });
}
