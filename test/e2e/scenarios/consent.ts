import { describe, expect, it } from 'vitest';
import {
  badgeColor,
  badgeText,
  extensionPage,
  findingKeys,
  presentNames,
  request,
  waitForReport,
  type BadgeColor,
} from '../../../scripts/browsers/extension-api.ts';
import { clickConsent } from '../../../scripts/audit/consent-banner.ts';
import { CHARTER_PAGE, heldCharterReadCount, setCharterPageFault } from '../../../scripts/demo-portal/server.ts';
import { BADGE_COLORS } from '../../../src/background/findings-badge.ts';
import type { Severity } from '../../../src/core/report/findings.ts';
import type { Report } from '../../../src/core/report/report.ts';
import { isolated, isolatingTranslate } from '../../../src/platform/i18n.ts';
import { localeTranslate } from '../../support/locale-translate.ts';
import { openPanelPage, PANEL_PAGE } from './panels.ts';
import {
  ALL_PLATFORM_COOKIES,
  FORGOTTEN,
  MATOMO,
  openPopup,
  PLATFORM_COOKIES,
  showFindings,
  visitPortal,
  type E2eContext,
} from './context.ts';

/** The most serious severity among a report's findings (null when it has none). */
const worstSeverity = (report: Report): Severity | null =>
  (['high', 'medium', 'low'] as const).find((severity) => report.findings.some((f) => f.severity === severity)) ?? null;

/** The badge colour a severity calls for, as the browsers give it back: `#b3261e` is [179, 38, 30, 255]. */
const badgeColorOf = (severity: Severity): BadgeColor => {
  const hex = BADGE_COLORS[severity];
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).concat(255) as BadgeColor;
};

/** A badge is redrawn once a burst of changes is over (badge-scheduler.ts): on a busy machine, past expect.poll's default second. */
const BADGE_WAIT = { timeout: 5_000 };

export function consentScenarios(ctx: E2eContext): void {
  describe('consent phases and findings', () => {
    it('after "accept": trackers come after the choice, the forgotten widget before it', async () => {
      const host = 'data.tco.re';
      const api = await extensionPage(ctx.browser());
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      await waitForReport(api, host, (r) => presentNames(r).includes(FORGOTTEN) && presentNames(r).includes('sessionid'));
      await site.click('#consent-accept');
      // data.tco.re's live charter (fixture) declares Matomo, which its bundled charter does not.
      const report = await waitForReport(
        api,
        host,
        (r) => MATOMO.every((name) => presentNames(r).includes(name)) && presentNames(r).includes('_ga') && r.charter.kind === 'live',
      );

      expect(report.consent.state).toBe('accepted');
      const phase = Object.fromEntries(report.cookies.map((c) => [c.name, c.firstPhase]));
      expect(phase).toMatchObject({
        sessionid: 'before-choice',
        [FORGOTTEN]: 'before-choice',
        cookies_preferences: 'after-accept',
        '_pk_id.1.a1b2': 'after-accept',
        _ga: 'after-accept',
      });
      const findings = findingKeys(report);
      expect(findings).toContain(`before-consent ${FORGOTTEN}`);
      expect(findings).toContain(`undeclared ${FORGOTTEN}`);
      expect(findings).toContain('undeclared _ga');
      expect(findings).not.toContain('undeclared _pk_id.1.a1b2');
      expect(report.cookies.find((c) => c.name === '_pk_id.1.a1b2')).toMatchObject({
        status: 'declared',
        source: 'charter',
        rule: 'prefix',
      });
      expect(findings.filter((f) => f.startsWith('before-consent'))).toEqual([`before-consent ${FORGOTTEN}`]);
      expect(findings.filter((f) => f.startsWith('after-refusal'))).toEqual([]);
      expect(findings.filter((f) => f.startsWith('not-seen'))).toEqual([]);
      const events = report.timeline.events.flatMap((e) => ('name' in e ? [`${e.name} ${e.phase}`] : []));
      expect(events).toContain('_pk_ses.1.a1b2 after-accept');
      expect(JSON.stringify(report)).not.toMatch(/fixture-session-|GA1\.2\./);

      // The badge counts the findings of the portal's tab, in the colour of the most serious: a consent breach's.
      expect(worstSeverity(report)).toBe('high');
      await expect.poll(() => badgeText(api, `http://${host}/*`)).toBe(String(report.findings.length));
      await expect.poll(() => badgeColor(api, `http://${host}/*`), BADGE_WAIT).toEqual(badgeColorOf('high'));
      await site.close();
      await api.close();
    });

    it('after "refuse": no tracker, and the widget’s statistics cookie, set before the choice, goes against the refusal', async () => {
      const host = 'data.nantesmetropole.fr';
      const api = await extensionPage(ctx.browser());
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/explore/dataset/demo/`);
      await waitForReport(api, host, (r) => presentNames(r).includes(FORGOTTEN));
      await site.click('#consent-refuse');
      const report = await waitForReport(api, host, (r) => r.consent.state === 'refused');
      // The choice as the platform writes it, read tracker by tracker.
      expect(report.consent.trackers).toEqual({ matomo: false, ga: false });
      // The page writes nothing more after a refusal: the report is already complete.
      expect(presentNames(report)).toEqual([...PLATFORM_COOKIES, FORGOTTEN, 'cookies_preferences'].sort());
      const findings = findingKeys(report);
      expect(findings).toContain(`before-consent ${FORGOTTEN}`);
      // The banner's switches are Matomo's and Google Analytics', and every one is off: a statistics
      // tool with no switch (Hotjar, the known-tracker table) kept its cookie against that refusal.
      expect(findings.filter((f) => f.startsWith('after-refusal'))).toEqual([`after-refusal ${FORGOTTEN}`]);
      expect(report.findings.find((f) => f.kind === 'after-refusal')?.detail).toMatchObject({
        how: 'kept',
        refused: expect.arrayContaining(['matomo', 'ga']),
      });
      expect(findings.some((f) => f.includes('_pk_'))).toBe(false);
      await site.close();
      await api.close();
    });

    it('reads a refusal in the platform’s shape: the platform’s cookies are necessary, a Matomo cookie set anyway is flagged', async () => {
      // An unbundled portal with no charter page: checked against the platform's default charter.
      const host = 'data.refus.opendatasoft.com';
      const api = await extensionPage(ctx.browser());
      const site = await ctx.browser().newPage();
      // ?ignore=matomo: this portal's Matomo tag starts whatever the visitor chose.
      await site.goto(`http://${host}/?ignore=matomo`);
      await waitForReport(api, host, (r) => PLATFORM_COOKIES.every((name) => presentNames(r).includes(name)));
      const before = Date.now();
      await site.click('#consent-refuse');
      const report = await waitForReport(
        api,
        host,
        (r) => r.consent.state === 'refused' && MATOMO.every((name) => presentNames(r).includes(name)) && r.charter.live !== null,
      );
      expect(report.consent).toMatchObject({ state: 'refused', trackers: { matomo: false, ga: false } });
      // The moment of the choice comes from the cookie's own timestamp.
      expect(report.consent.changedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(report.consent.changedAt).toBeLessThanOrEqual(Date.now());
      expect(report.charter.kind).toBe('platform-default');

      // The four platform cookies: declared necessary, named in no finding (lifetimes included).
      for (const name of ALL_PLATFORM_COOKIES) {
        expect(
          report.cookies.find((c) => c.name === name),
          name,
        ).toMatchObject({ status: 'declared', category: 'necessary', provider: 'Huwise' });
        expect(
          report.findings.filter((f) => f.cookie === name),
          name,
        ).toEqual([]);
      }
      // Matomo's cookies, set after the refusal, each an after-refusal finding naming Matomo's flag.
      for (const name of MATOMO) {
        const finding = report.findings.find((f) => f.kind === 'after-refusal' && f.cookie === name);
        expect(finding, name).toMatchObject({ severity: 'high', detail: { how: 'set', refused: ['matomo'] } });
        expect(finding?.evidence).toContain('Matomo refused (matomo=false)');
      }

      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-consent="refused"]');
      expect(await popup.attributes('[data-tracker]', 'data-tracker')).toEqual(['matomo', 'ga']);
      expect(await popup.attributes('[data-tracker]', 'data-accepted')).toEqual(['false', 'false']);
      await showFindings(popup);
      await popup.waitFor('[data-finding="after-refusal"][data-finding-cookie="_pk_id.1.a1b2"]');
      expect((await popup.texts('[data-finding="after-refusal"][data-finding-cookie="_pk_id.1.a1b2"]'))[0]).toContain(
        'Matomo (matomo=false)',
      );
      await Promise.all([site.close(), popup.close(), api.close()]);
    });

    it('judges a mixed choice tracker by tracker: Matomo accepted, Google Analytics refused and set anyway', async () => {
      const host = 'data.mixte.opendatasoft.com';
      const api = await extensionPage(ctx.browser());
      const site = await ctx.browser().newPage();
      // ?ignore=ga: this portal's Google Analytics tag starts whatever the visitor chose.
      await site.goto(`http://${host}/?ignore=ga`);
      await waitForReport(api, host, (r) => presentNames(r).includes('sessionid'));
      // The banner's own switches, then "Sauvegarder mes choix", as a visitor would.
      await site.click('#consent-matomo');
      await site.click('#consent-save');
      const report = await waitForReport(
        api,
        host,
        (r) => r.consent.trackers.matomo === true && ['_ga', ...MATOMO].every((name) => presentNames(r).includes(name)),
      );
      expect(report.consent).toMatchObject({ state: 'choice', trackers: { matomo: true, ga: false } });
      const phase = Object.fromEntries(report.cookies.map((c) => [c.name, c.firstPhase]));
      expect(phase).toMatchObject({
        '_pk_id.1.a1b2': 'after-accept',
        _ga: 'after-refuse',
        cookies_preferences: 'after-choice',
        sessionid: 'before-choice',
      });

      const refusals = report.findings.filter((f) => f.kind === 'after-refusal');
      expect(refusals.map((f) => f.cookie)).toEqual(['_ga']);
      expect(refusals[0]).toMatchObject({ severity: 'high', domain: '.mixte.opendatasoft.com', detail: { refused: ['ga'] } });
      expect(refusals[0]!.evidence).toContain('Google Analytics refused (ga=false)');
      for (const name of ALL_PLATFORM_COOKIES)
        expect(
          report.findings.filter((f) => f.cookie === name),
          name,
        ).toEqual([]);

      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-consent="choice"]');
      expect(await popup.texts('[data-consent]')).toEqual(['Per tracker']);
      expect(await popup.texts('.consent-trackers li')).toEqual([
        `${isolated('Matomo')}: accepted`,
        `${isolated('Google Analytics')}: refused`,
      ]);
      await showFindings(popup);
      await popup.waitFor('[data-finding="after-refusal"][data-finding-cookie="_ga"]');
      expect((await popup.texts('[data-finding="after-refusal"][data-finding-cookie="_ga"]'))[0]).toContain('Google Analytics (ga=false)');
      await Promise.all([site.close(), popup.close(), api.close()]);
    });

    it('the audit makes each choice in the guide’s banner, switches and “Sauvegarder mes choix” alone', async () => {
      // data.propre plays the platform's banner as the guide describes it: no one-click button (census-portals.ts).
      const host = 'data.propre.opendatasoft.com';
      const api = await extensionPage(ctx.browser());
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      await site.waitFor('#consent-save');
      expect(await site.texts('#consent-accept, #consent-refuse')).toEqual([]);
      expect(await clickConsent(site, 'accept')).toBe('sauvegarder mes choix, every switch on');
      const accepted = await waitForReport(
        api,
        host,
        (r) => r.consent.state === 'accepted' && MATOMO.every((name) => presentNames(r).includes(name)),
      );
      expect(accepted.consent.trackers).toMatchObject({ matomo: true });

      // Asked again (the choice forgotten): every switch off, then saved.
      await site.evaluateScript(`document.cookie = 'cookies_preferences=; path=/; max-age=0'`);
      await site.goto(`http://${host}/`);
      await site.waitFor('#consent-save');
      expect(await clickConsent(site, 'refuse')).toBe('sauvegarder mes choix, every switch off');
      const refused = await waitForReport(api, host, (r) => r.consent.state === 'refused');
      expect(refused.consent.trackers).toMatchObject({ matomo: false });
      await site.close();
      await api.close();
    });

    it('colours the badge by the most serious finding: absences alone, then a charter gap; none when all is declared', async () => {
      const api = await extensionPage(ctx.browser());
      /** The tab's badge, as its text and colour. */
      const badge = async (host: string) => ({
        text: await badgeText(api, `http://${host}/*`),
        color: await badgeColor(api, `http://${host}/*`),
      });
      // One colour per severity: a palette of one colour would pass every check below.
      expect(new Set(Object.values(BADGE_COLORS)).size).toBe(3);

      // data.propre, accepted on its charter page, which loads no tag and sets no cookie
      // (scripts/demo-portal/charters.ts, charterPage): a visitor whose blocker kept Matomo's
      // script and the portal's pages away. The choice written as the platform writes it
      // (ods-labs/starterkit-huwise, src/utils/cookieUtils.ts). What the charter declares is
      // not seen after an acceptance: absences alone (low).
      const propre = 'data.propre.opendatasoft.com';
      await request(api, 'clearSite', { host: propre });
      const site = await ctx.browser().newPage();
      await site.goto(`http://${propre}${CHARTER_PAGE}`);
      const choice = encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: true, timestamp: Date.now() }));
      await site.evaluateScript(`document.cookie = 'cookies_preferences=${choice}; path=/; max-age=3600'`);
      const absences = await waitForReport(api, propre, (r) => r.consent.state === 'accepted' && r.charter.kind === 'live');
      expect(absences.findings.map((f) => `${f.kind} ${f.cookie}`)).toEqual(
        expect.arrayContaining(['not-seen _pk_id.*', 'not-seen _pk_ses.*']),
      );
      expect(worstSeverity(absences)).toBe('low');
      await expect.poll(() => badge(propre), BADGE_WAIT).toEqual({ text: String(absences.findings.length), color: badgeColorOf('low') });
      // Its home page, in the same tab: every cookie declared and seen, no finding, and the badge goes (the worker's doing).
      await site.goto(`http://${propre}/`);
      const clean = await waitForReport(api, propre, (r) => ['sessionid', ...MATOMO].every((name) => presentNames(r).includes(name)));
      expect(clean.findings).toEqual([]);
      await expect.poll(() => badgeText(api, `http://${propre}/*`), BADGE_WAIT).toBe('');

      // data.formulaire: before the visitor chooses, its charter's Matomo is not seen, as the
      // missing choice asks: no finding...
      const formulaire = 'data.formulaire.opendatasoft.com';
      await request(api, 'clearSite', { host: formulaire });
      await site.goto(`http://${formulaire}/`);
      const before = await waitForReport(api, formulaire, (r) => r.charter.kind === 'live' && presentNames(r).includes('sessionid'));
      expect(before.findings).toEqual([]);
      // ...then, after "accept", it sets HubSpot's cookies, which it does not declare (medium).
      await site.click('#consent-accept');
      const after = await waitForReport(
        api,
        formulaire,
        (r) => r.consent.state === 'accepted' && ['hubspotutk', '__hstc', ...MATOMO].every((name) => presentNames(r).includes(name)),
      );
      expect(worstSeverity(after)).toBe('medium');
      await expect
        .poll(() => badge(formulaire), BADGE_WAIT)
        .toEqual({ text: String(after.findings.length), color: badgeColorOf('medium') });
      await site.close();
      await api.close();
    });

    it('says a consent-flow recording is under way until the site is back, and offers no second one meanwhile', async () => {
      const host = 'data.tco.re';
      const browser = ctx.browser();
      const api = await extensionPage(browser);
      // The tab shows the portal's charter page, which its server is made slow to answer
      // (scripts/demo-portal/server.ts, setCharterPageFault): the recording waits for the tab to
      // show it again, and stays under way meanwhile.
      const site = await browser.newPage();
      await site.goto(`http://${host}${CHARTER_PAGE}`);
      const panel = await openPanelPage(browser, PANEL_PAGE, `host=${host}`);
      const englishText = isolatingTranslate(localeTranslate('en'));
      setCharterPageFault(host, 'hold');
      try {
        await panel.click('[data-action="record-flow"]');
        await panel.click('[data-action="record-flow-confirm"]');
        // The tab on its way back, held there until the fault is cleared (a read held may also be
        // the worker's own of the charter: either way the tab cannot show its page meanwhile).
        await expect.poll(() => heldCharterReadCount(host), { timeout: 10_000 }).toBeGreaterThan(0);
        expect(await panel.attributes('[data-record-status]', 'data-record-status')).toEqual(['pending']);
        expect(await panel.texts('[data-record-status]')).toEqual([` ${englishText('recordFlowPending', host)}`]);
        expect(await panel.attributes('[data-action="record-flow"]', 'aria-disabled')).toEqual(['true']);
        // Pressed anyway (a DOM click: a driver waits for an aria-disabled button to be enabled), it asks nothing.
        await panel.evaluate(() => (document.querySelector('[data-action="record-flow"]') as HTMLButtonElement).click(), null);
        expect(await panel.attributes('[role="alertdialog"]', 'role')).toEqual([]);
      } finally {
        setCharterPageFault(host, null);
      }
      await panel.waitFor('[data-record-status="started"]');
      await expect.poll(() => site.evaluate(() => location.href, null).catch(() => '')).toBe(`http://${host}${CHARTER_PAGE}`);
      await Promise.all([site.close(), panel.close(), api.close()]);
    });

    it('clears a site: its cookies leave the browser and the record starts again', async () => {
      const host = 'data.tco.re';
      await (await visitPortal(ctx.browser(), host)).close();
      const api = await extensionPage(ctx.browser());
      const before = await waitForReport(api, host, (r) => presentNames(r).length > 0);
      const { removed } = await request(api, 'clearSite', { host });
      expect(removed).toBeGreaterThanOrEqual(presentNames(before).length);
      const after = await waitForReport(api, host, (r) => r.timeline.events[0]?.type === 'cleared');
      expect(presentNames(after)).toEqual([]);
      expect(after.consent.state).toBe('none');

      // The next visit is recorded from scratch, before any choice.
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      const fresh = await waitForReport(api, host, (r) => presentNames(r).includes('sessionid'));
      expect(fresh.cookies.find((c) => c.name === 'sessionid')?.firstPhase).toBe('before-choice');
      await site.close();
      await api.close();
    });

    it('asked to clear a site twice at once (two pages, two clicks), clears it once: its tab leaves and comes back once', async () => {
      const host = 'data.tco.re';
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      const api = await extensionPage(ctx.browser());
      await waitForReport(api, host, (r) => presentNames(r).includes('sessionid'));
      const entries = await site.evaluate(() => history.length, null);
      const [first, second] = await Promise.all([
        request(api, 'clearSite', { host, reloadTabs: true }),
        request(api, 'clearSite', { host, reloadTabs: true }),
      ]);
      expect(second).toEqual(first);
      // Both answer once the tab shows its page again (a second clear started apart answered while it was blank).
      expect(await site.evaluate(() => location.href, null)).toBe(`http://${host}/`);
      // Chrome adds the blank page and the site to the tab's history at each clear; Firefox loads them in place.
      if (ctx.browser().name === 'chromium') expect(await site.evaluate(() => history.length, null)).toBe(entries + 2);
      await Promise.all([site.close(), api.close()]);
    });
  });
}
