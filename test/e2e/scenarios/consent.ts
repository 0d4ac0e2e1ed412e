import { describe, expect, it } from 'vitest';
import { badgeText, extensionPage, findingKeys, presentNames, request, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import { FORGOTTEN, MATOMO, PLATFORM_COOKIES, visitPortal, type E2eContext } from './context.ts';

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
      expect(report.cookies.find((c) => c.name === '_pk_id.1.a1b2')).toMatchObject({ status: 'declared', source: 'charter', rule: 'prefix' });
      expect(findings.filter((f) => f.startsWith('before-consent'))).toEqual([`before-consent ${FORGOTTEN}`]);
      expect(findings.filter((f) => f.startsWith('after-refusal'))).toEqual([]);
      expect(findings.filter((f) => f.startsWith('not-seen'))).toEqual([]);
      const events = report.timeline.events.flatMap((e) => ('name' in e ? [`${e.name} ${e.phase}`] : []));
      expect(events).toContain('_pk_ses.1.a1b2 after-accept');
      expect(JSON.stringify(report)).not.toMatch(/fixture-session-|GA1\.2\./);

      // The badge counts the findings of the portal's tab.
      await expect.poll(() => badgeText(api, `http://${host}/*`)).toBe(String(report.findings.length));
      await site.close();
      await api.close();
    });

    it('after "refuse": no tracker, and the widget cookie is flagged as kept after the refusal', async () => {
      const host = 'data.nantesmetropole.fr';
      const api = await extensionPage(ctx.browser());
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/explore/dataset/demo/`);
      await waitForReport(api, host, (r) => presentNames(r).includes(FORGOTTEN));
      await site.click('#consent-refuse');
      const report = await waitForReport(api, host, (r) => r.consent.state === 'refused');
      // The page writes nothing more after a refusal: the report is already complete.
      expect(presentNames(report)).toEqual([...PLATFORM_COOKIES, FORGOTTEN, 'cookies_preferences'].sort());
      const findings = findingKeys(report);
      expect(findings).toContain(`after-refusal ${FORGOTTEN}`);
      expect(findings).toContain(`before-consent ${FORGOTTEN}`);
      expect(findings.some((f) => f.includes('_pk_'))).toBe(false);
      expect(report.findings.find((f) => f.kind === 'after-refusal')?.evidence).toContain('kept after a refusal');
      await site.close();
      await api.close();
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
  });
}
