/**
 * Cookies of embedded content, in each real browser with the audit build (every site and
 * webRequest granted, the audit's cookie policy), written once: Disqus comments on a portal's
 * dataset page are filed under the portal, judged, and never blamed on it when another site's tab
 * loads the same comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalServer, type PortalServer } from '../../../scripts/demo-portal/server.ts';
import { EMBEDDING_SITE } from '../../../scripts/demo-portal/census-portals.ts';
import { auditExtension } from '../../../scripts/audit/audit-extension.ts';
import type { BrowserUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { clickConsent } from '../../../scripts/audit/consent-banner.ts';
import { browserCookies, extensionPage, request, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import type { Report } from '../../../src/core/report/index.ts';
import { openPopup, seenRow } from './context.ts';

const PORTAL = 'data.commentaires.opendatasoft.com';
const MAP = '/explore/dataset/arbres-remarquables/map/';

const disqusCookie = (report: Report, name = 'disqus_unique') =>
  report.cookies.find((c) => c.name === name && c.domain.endsWith('disqus.com'));

export function describeEmbeddedContent(
  target: 'chrome' | 'firefox',
  launch: (extensionDir: string, portalPort: number) => Promise<BrowserUnderTest>,
): void {
  describe('cookies of embedded content (audit build)', () => {
    let portal: PortalServer;
    let browser: BrowserUnderTest;
    // Every site granted, the site embedding Disqus is recorded too: what its tab sets is seen there.
    const extension = auditExtension(target);

    beforeAll(async () => {
      portal = await startPortalServer();
      browser = await launch(extension.dir, portal.port);
    });

    afterAll(async () => {
      await browser?.close();
      await portal?.close();
      extension.remove();
    });

    it('files Disqus’s cookies under the portal whose dataset page embeds them, judges them, and says where they came from', async () => {
      const api = await extensionPage(browser);
      const site = await browser.newPage();
      await site.goto(`http://${PORTAL}/`);
      expect(await clickConsent(site, 'refuse')).toBe('tout refuser');
      await site.goto(`http://${PORTAL}${MAP}`);
      const report = await waitForReport(api, PORTAL, (r) => disqusCookie(r) !== undefined && disqusCookie(r, 'testCookie') !== undefined);
      expect(disqusCookie(report)).toMatchObject({
        thirdParty: { via: 'response' },
        firstPage: MAP,
        status: 'declared',
        category: 'third-party',
      });
      expect(disqusCookie(report, 'testCookie')).toMatchObject({ thirdParty: { via: 'frame' }, firstPage: MAP, source: 'known-tracker' });
      const findings = report.findings.map((f) => `${f.kind} ${f.cookie} ${f.severity}`);
      expect(findings).toContain('undeclared testCookie medium');
      // Set after the refusal, but no switch of the banner covers Disqus: not refused.
      expect(findings.filter((f) => f.startsWith('after-refusal'))).toEqual([]);
      // The portal's own cookies stay its own, with the page they came from.
      expect(report.cookies.find((c) => c.name === 'sessionid')).toMatchObject({ thirdParty: null, firstPage: '/' });

      const popup = await openPopup(browser, PORTAL);
      await popup.waitFor(`${seenRow('disqus_unique')} [data-third-party="response"]`);
      // Firefox keeps an embedded frame's cookies in a partition of the site it is embedded in
      // (Total Cookie Protection), and its row names that site; Chromium, with the audit's
      // third-party cookies allowed, partitions none.
      const partition = target === 'firefox' ? 'http://opendatasoft.com' : null;
      expect(disqusCookie(report)!.partitionKey).toBe(partition);
      // Firefox (ESR 153) gives the partition's cross-site bit too, true for a frame of another
      // site: the row says so, as DevTools' "Cross Site" column does.
      expect(disqusCookie(report)!.hasCrossSiteAncestor).toBe(partition === null ? undefined : true);
      const partitionChips = (await popup.texts(`${seenRow('disqus_unique')} .flag`)).filter((chip) => chip.startsWith('Partitioned'));
      expect(partitionChips).toEqual(partition === null ? [] : [`Partitioned (${partition}, cross-site)`]);
      expect(await popup.attributes('[data-embedded-access]', 'data-embedded-access')).toEqual([]);
      await Promise.all([popup.close(), site.close(), api.close()]);
    });

    it('never blames the portal for what the same comments set in another site’s tab', async () => {
      const api = await extensionPage(browser);
      const before = await waitForReport(api, PORTAL, (r) => disqusCookie(r) !== undefined);
      const blog = await browser.newPage();
      await blog.goto(`http://${EMBEDDING_SITE}/`);
      // Recorded for the site whose tab loaded it: the attribution has run.
      const other = await waitForReport(api, EMBEDDING_SITE, (r) => disqusCookie(r)?.thirdParty?.via === 'response');
      expect(disqusCookie(other)!.firstPage).toBe('/');
      const after = await waitForReport(api, PORTAL, () => true);
      const events = (report: Report) => report.timeline.events.filter((e) => 'name' in e && e.name === 'disqus_unique');
      expect(events(after)).toEqual(events(before));
      expect(disqusCookie(after)!.lastChanged).toBe(disqusCookie(before)!.lastChanged);
      await Promise.all([blog.close(), api.close()]);
    });

    it('clears the portal: Disqus’s cookies kept for the portal go (Firefox, partitioned), those of the other site’s tab stay', async () => {
      const api = await extensionPage(browser);
      const disqus = async () =>
        (await browserCookies(api))
          .filter((c) => c.name === 'disqus_unique' && c.domain.endsWith('disqus.com'))
          .map((c) => c.partition)
          .sort();
      // Firefox partitions each tab's copy under its own site; Chromium (third-party cookies
      // allowed) keeps one copy, shared by every site that embeds Disqus.
      const shared = target === 'firefox' ? ['http://example.net', 'http://opendatasoft.com'] : [null];
      expect(await disqus()).toEqual(shared);
      const { removed } = await request(api, 'clearSite', { host: PORTAL });
      expect(removed).toBeGreaterThan(0);
      // Removed in Firefox with the partition and cross-site bit it gave (clear-site.ts); Chromium's
      // unpartitioned copy is the person's Disqus session everywhere: kept.
      expect(await disqus()).toEqual(target === 'firefox' ? ['http://example.net'] : [null]);
      expect((await browserCookies(api)).filter((c) => c.domain.endsWith(PORTAL))).toEqual([]);
      await api.close();
    });
  });
}
