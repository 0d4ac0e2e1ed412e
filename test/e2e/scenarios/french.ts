/**
 * The extension in a browser whose interface is French: its strings, numbers and dates follow
 * (public/_locales/fr), a known tracker's purpose is the table's French one, and a charter's own
 * words stay as the charter wrote them. Run in both browsers: Chromium started with --lang=fr,
 * Firefox with its French language pack (scripts/browsers/firefox.ts, `language`).
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { isolated } from '../../../src/platform/i18n.ts';
import { FORGOTTEN, openPopup } from './context.ts';
import { launchedForBlock } from './launched.ts';
import { PANEL_PAGE, SIDE_PANEL_PAGE } from './panels.ts';
import { SCREENSHOT_DIR } from './popup.ts';

/** The French scenario, in a browser `launch` starts with its interface in French. */
export function describeInFrench(launch: (port: number) => Promise<BrowserUnderTest>): void {
  describe('in French', () => {
    const { browser } = launchedForBlock(launch);

    it('speaks French, charter texts staying in their own words', async () => {
      const host = 'data.toulouse-metropole.fr';
      // Handshake first: the worker answers, so its listeners see the page's cookies as they come.
      const popup = await openPopup(browser(), host);
      // First: a browser that stayed in its own language (no language pack) fails here, plainly.
      expect(await popup.evaluate(() => document.documentElement.lang, null)).toBe('fr');
      const site = await browser().newPage();
      await site.goto(`http://${host}/`);
      await site.click('#consent-refuse');
      await popup.waitFor('[data-consent="refused"]');
      await popup.setViewport(460, 900);
      const text = (await popup.texts('main'))[0]!;
      expect(text).toContain('Consentement\u202f:');
      expect(text).toContain('Refusé');
      expect(text).toContain('Constats');
      expect(text).toContain('Nécessaires');
      expect(text).toContain('déposé avant le choix du visiteur');
      expect(text).toContain("Se souvenir de l'utilisateur d'une page à une autre.");
      // A known tracker's purpose (the forgetful widget's Hotjar user ID) in the table's own French words, not marked as English.
      const purpose = `[data-cookie="${FORGOTTEN}"] .purpose`;
      await popup.waitFor(purpose);
      expect((await popup.texts(purpose))[0]).toContain('Conserve l’identifiant d’utilisateur Hotjar, propre au site');
      expect(await popup.attributes(`${purpose} [lang]`, 'lang')).toEqual([]);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await popup.screenshot(`${SCREENSHOT_DIR}/${browser().name}-fr.png`);

      // The side panel's page speaks French too, its choice divider included.
      const panel = await browser().newPage();
      await panel.setViewport(400, 800);
      await panel.goto(browser().extensionUrl(`${SIDE_PANEL_PAGE}?host=${host}`));
      await panel.waitFor('main[data-state="ready"]');
      await panel.click('#tab-timeline');
      await panel.waitFor('[data-divider="refused"]');
      expect((await panel.texts('[data-divider="refused"] strong'))[0]).toBe(
        `Choix effectué\u202f: ${isolated(`Refusé (${isolated('Matomo')}\u202f: refusé · ${isolated('Google Analytics')}\u202f: refusé)`)}`,
      );
      expect(await panel.texts('[data-action="record-other"]')).toEqual(['Enregistrer l’autre choix']);

      // The DevTools panel's page, opened in a tab, is titled in French too (its HTML's title is English).
      const devtoolsPanel = await browser().newPage();
      await devtoolsPanel.goto(browser().extensionUrl(`${PANEL_PAGE}?host=${host}`));
      await devtoolsPanel.waitFor('main[data-state="ready"]');
      expect(await devtoolsPanel.evaluate(() => document.title, null)).toBe('Charte cookies');
      await Promise.all([site.close(), popup.close(), panel.close(), devtoolsPanel.close()]);
    });
  });
}
