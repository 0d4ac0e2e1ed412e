import { describe, expect, it } from 'vitest';
import { extensionPage, presentNames, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import { DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';
import { openPopup, seenRow, visitPortal, type E2eContext } from './context.ts';
import { isolated } from '../../../src/platform/i18n.ts';

export function liveCharterScenarios(ctx: E2eContext): void {
  describe('live charters', () => {
    it('reads the charter page of a portal that is not bundled, and checks its cookies against it', async () => {
      const host = 'demo.opendatasoft.com';
      const api = await extensionPage(ctx.browser());
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      const report = await waitForReport(api, host, (r) => r.charter.kind === 'live' && presentNames(r).includes('sessionid'));
      expect(report.charter).toMatchObject({ kind: 'live', portal: host, language: 'fr', entries: 7, changes: null });
      expect(report.charter.live?.url).toMatch(/^https?:\/\/demo\.opendatasoft\.com\/terms\/cookies-policy\/$/);
      expect(report.cookies.find((c) => c.name === 'sessionid')).toMatchObject({
        status: 'declared',
        provider: 'Huwise',
        duration: '2 semaines par défaut',
        category: 'necessary',
      });
      expect(report.notSeen.map((e) => e.cookie)).toEqual(['cookies_preferences', '_pk_id.', '_pk_ses.', '_ga']);

      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-charter="live"]');
      expect((await popup.texts('[data-charter]'))[0]).toContain(`${host}/terms/cookies-policy/`);
      await popup.waitFor('[data-cookie="_pk_id.*"][data-status="not-seen"]');
      await site.close();
      await popup.close();
      await api.close();
    });

    it('shows only the charter’s words from a page whose attributes hold “>” and inline handlers', async () => {
      // The fixture's charter page (scripts/demo-portal/charters.ts) has ng-class="… > 80", title="… > …" and
      // onerror="if (… > 0 …) …" inside its table cells, a script and a template, and the site's header and footer.
      const host = 'demo.opendatasoft.com';
      await (await visitPortal(ctx.browser(), host)).close();
      const api = await extensionPage(ctx.browser());
      const report = await waitForReport(api, host, (r) => r.charter.kind === 'live');
      const rows = DEMO_CHARTER.flatMap((section) => section.rows);
      const providers = new Set(rows.map((row) => row[0]));
      const purposes = new Set(rows.map((row) => row[3]));
      const declared = [...report.cookies.filter((c) => c.source === 'charter'), ...report.notSeen];
      expect(declared.length).toBeGreaterThanOrEqual(7);
      for (const entry of declared) {
        expect(providers, entry.provider).toContain(entry.provider);
        expect(purposes, entry.purpose).toContain(entry.purpose);
      }
      expect(report.charter.entries).toBe(7);

      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-cookie="_pk_id.*"][data-status="not-seen"]');
      await popup.waitFor(seenRow('sessionid'));
      const shown = [...(await popup.texts('[data-cookie] .who')), ...(await popup.texts('[data-cookie] .purpose[data-source="charter"]'))];
      expect(shown.length).toBeGreaterThanOrEqual(14);
      for (const text of shown)
        expect(text).not.toMatch(/>|innerWidth|naturalWidth|ng-class|is-long|onerror|this\.hidden|Propulsé|ne sont jamais affichés/);
      expect(await popup.texts('[data-cookie="sessionid"] .purpose')).toEqual(["Se souvenir de l'utilisateur d'une page à une autre"]);
      await popup.close();
      await api.close();
    });

    it('shows what changed between a bundled portal’s charter and its live one', async () => {
      const host = 'data.tco.re';
      const api = await extensionPage(ctx.browser());
      const report = await waitForReport(api, host, (r) => r.charter.kind === 'live');
      expect(report.charter.changes?.added.map((e) => e.cookie)).toEqual(['_pk_id.', '_pk_ses.']);
      expect(report.charter.changes?.removed).toEqual([]);
      expect(report.charter.changes?.changed).toEqual([
        {
          cookie: 'csrftoken',
          fields: [
            {
              field: 'purpose',
              before: 'Récupérer des données via des appels API',
              after: 'Protéger les appels API contre la falsification de requêtes',
            },
          ],
        },
      ]);
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-charter-changes]');
      expect(await popup.attributes('[data-change]', 'data-change')).toEqual(['added', 'added', 'changed']);
      expect(await popup.attributes('[data-change]', 'data-change-cookie')).toEqual(['_pk_id.', '_pk_ses.', 'csrftoken']);
      await popup.close();
      await api.close();
    });

    it('falls back to the bundled charter when the live one cannot be read, and says so', async () => {
      const host = 'data.nantesmetropole.fr';
      const api = await extensionPage(ctx.browser());
      const report = await waitForReport(api, host, (r) => r.charter.live !== null);
      expect(report.charter.kind).toBe('bundled');
      expect(report.charter.live?.problem).toEqual({ kind: 'http', status: 404, path: '/terms/cookies-information' });
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-live-problem]');
      expect((await popup.texts('[data-live-problem]'))[0]).toContain(`HTTP ${isolated('404')}`);
      await popup.close();
      await api.close();
    });

    it('recognises a portal on its own domain by its charter page, and a plain site as having no charter', async () => {
      const api = await extensionPage(ctx.browser());
      const portal = await ctx.browser().newPage();
      await portal.goto('http://tco.re/');
      const own = await waitForReport(api, 'tco.re', (r) => r.charter.kind === 'live' && presentNames(r).includes('sessionid'));
      expect(own.cookies.find((c) => c.name === 'sessionid')?.status).toBe('declared');

      const plain = await ctx.browser().newPage();
      await plain.goto('http://nantesmetropole.fr/');
      const site = await waitForReport(
        api,
        'nantesmetropole.fr',
        (r) => r.charter.live !== null && presentNames(r).includes('visitor_theme'),
      );
      expect(site.charter.kind).toBe('none');
      expect(site.cookies.find((c) => c.name === 'visitor_theme')).toMatchObject({ status: 'undeclared', source: 'unknown' });
      const popup = await openPopup(ctx.browser(), 'nantesmetropole.fr');
      await popup.waitFor('[data-charter="none"]');
      await popup.waitFor(seenRow('visitor_theme'));
      await Promise.all([portal.close(), plain.close(), popup.close(), api.close()]);
    });
  });
}
