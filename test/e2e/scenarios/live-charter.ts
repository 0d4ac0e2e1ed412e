import { describe, expect, it } from 'vitest';
import englishMessages from '../../../public/_locales/en/messages.json';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { extensionPage, presentNames, reportOf, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import { DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';
import { openPopup, seenRow, visitPortal, type E2eContext } from './context.ts';
import { isolated } from '../../../src/platform/i18n.ts';

/** The charter section's "Check again" button (src/views/CharterInfo.tsx). */
const CHECK_AGAIN = '[data-action="refresh-charter"]';

/** What the charter's status line went through while the popup was watched. */
type StatusWatch = {
  /** Each state of `data-charter-status` in turn (idle, reading, read), the one it is in now last. */
  states: (string | null)[];
  /** What the line and the button showed when it first said "reading". */
  whileReading: { text: string; spinner: boolean; busy: string | null } | null;
};

/**
 * Starts recording, in the popup, each state of the charter's status line: a MutationObserver sees
 * every change however fast the fixture answers, where polling for "reading" would race the read.
 * Kept on <html>: the DOM is the one thing each driver's evaluation realm surely shares.
 */
async function watchCharterStatus(popup: PageUnderTest): Promise<void> {
  await popup.evaluate(() => {
    const olderStates: (string | null)[] = [];
    let whileReading: StatusWatch['whileReading'] = null;
    new MutationObserver((records) => {
      for (const record of records) if (record.attributeName === 'data-charter-status') olderStates.push(record.oldValue);
      const status = document.querySelector('[data-charter-status]');
      if (!whileReading && status?.getAttribute('data-charter-status') === 'reading') {
        whileReading = {
          text: status.textContent?.trim() ?? '',
          spinner: status.querySelector('.spinner') !== null,
          busy: document.querySelector('[data-action="refresh-charter"]')?.getAttribute('aria-disabled') ?? null,
        };
      }
      document.documentElement.setAttribute('data-e2e-charter-watch', JSON.stringify({ olderStates, whileReading }));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true });
  }, null);
}

/** What the watch recorded, the line's present state last. */
async function charterStatusWatch(popup: PageUnderTest): Promise<StatusWatch> {
  return popup.evaluate(() => {
    const saved = document.documentElement.getAttribute('data-e2e-charter-watch');
    const { olderStates, whileReading } = saved
      ? (JSON.parse(saved) as { olderStates: (string | null)[]; whileReading: StatusWatch['whileReading'] })
      : { olderStates: [], whileReading: null };
    const now = document.querySelector('[data-charter-status]')?.getAttribute('data-charter-status') ?? null;
    return { states: [...olderStates, now], whileReading };
  }, null);
}

/** The status line said it was reading (spinner, button busy) while the worker read, then that it had read, spinner and busy gone. */
async function expectReadAsAsked(popup: PageUnderTest): Promise<void> {
  await popup.waitFor('[data-charter-status="read"]');
  const watch = await charterStatusWatch(popup);
  expect(watch.states).toEqual(['idle', 'reading', 'read']);
  expect(watch.whileReading).toEqual({ text: englishMessages.charterPending.message, spinner: true, busy: 'true' });
  const [before, after] = englishMessages.charterRead.message.split('$DATE$').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  expect((await popup.texts('[data-charter-status]'))[0]).toMatch(new RegExp(`^${before}.+${after}$`));
  expect(await popup.texts('.charter .spinner')).toEqual([]);
  expect(await popup.attributes(CHECK_AGAIN, 'aria-disabled')).toEqual(['']);
  expect(await popup.texts('[data-problem="charter-refresh"]')).toEqual([]);
}

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

    it('reads the live charter again when “Check again” is clicked, saying so while it reads, then when it read', async () => {
      const host = 'demo.opendatasoft.com';
      const api = await extensionPage(ctx.browser());
      // Read before the popup opens: it shows a charter it did not see read, its status line idle.
      const before = await waitForReport(api, host, (r) => r.charter.kind === 'live');
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-charter="live"] [data-charter-status="idle"]');
      expect(await popup.texts(CHECK_AGAIN)).toEqual([englishMessages.refreshCharter.message]);
      await watchCharterStatus(popup);
      await popup.click(CHECK_AGAIN);
      await expectReadAsAsked(popup);
      // The worker stored a new attempt (each has a name of its own: background/live-charters.ts), the same charter.
      const after = await reportOf(api, host);
      expect(after.charter.live?.attempt).toEqual(expect.any(String));
      expect(after.charter.live?.attempt).not.toBe(before.charter.live?.attempt);
      expect(after.charter).toMatchObject({ kind: 'live', entries: 7, changes: null });
      expect((await popup.texts('[data-charter]'))[0]).toContain(`${host}/terms/cookies-policy/`);
      await popup.close();
      await api.close();
    });

    it('reads the live charter again from the keyboard, the focus staying on the button, and shows the same changes', async () => {
      const host = 'data.tco.re';
      const api = await extensionPage(ctx.browser());
      const before = await waitForReport(api, host, (r) => r.charter.kind === 'live');
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-charter="live"] [data-charter-status="idle"]');
      const changes = await popup.attributes('[data-change]', 'data-change-cookie');
      expect(changes).toEqual(['_pk_id.', '_pk_ses.', 'csrftoken']);
      await watchCharterStatus(popup);
      await popup.press(CHECK_AGAIN, 'Enter');
      await expectReadAsAsked(popup);
      expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-action') ?? null, null)).toBe('refresh-charter');
      expect((await reportOf(api, host)).charter.live?.attempt).not.toBe(before.charter.live?.attempt);
      // The charter served is the same: what changed from the bundled one is said again, alike.
      expect(await popup.attributes('[data-change]', 'data-change-cookie')).toEqual(changes);
      await popup.close();
      await api.close();
    });
  });
}
