import { describe, expect, it } from 'vitest';
import { extensionPage, request, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import { visitPortal, type E2eContext } from './context.ts';

export function laterPartsScenarios(ctx: E2eContext): void {
  // It stops the background: the sites read afterwards get a restart marker. Run near the end.
  describe('the worker’s second script (src/background/later-parts.ts), imported when first needed after a wake', () => {
    it('reads a live charter, then exports a report and a charter draft, each from a worker just woken', async () => {
      const browser = ctx.browser();
      // Not bundled: its charter is read from its page (the fixture's: scripts/demo-portal/charters.ts).
      const host = 'demo.opendatasoft.com';
      await (await visitPortal(browser, host)).close();

      // A forced read: the woken worker fetches the charter page and parses it with the reader it imports now.
      await browser.stopBackground();
      const api = await extensionPage(browser);
      expect(await request(api, 'refreshCharter', { host })).toEqual({ ok: true });
      const report = await waitForReport(api, host, (r) => r.charter.kind === 'live');
      expect(report.charter.entries).toBe(7);
      await api.close();

      await browser.stopBackground();
      const woken = await extensionPage(browser);
      const csv = await request(woken, 'exportReport', { host, format: 'csv' });
      expect(csv.mimeType).toBe('text/csv');
      expect(csv.text).toMatch(/^name,domain,/);
      expect(csv.text).toContain('sessionid');
      expect(csv.text).not.toMatch(/fixture-session-|fixture-csrf-/);
      await browser.stopBackground();
      const draft = await request(woken, 'exportReport', { host, format: 'charter-markdown', language: 'en' });
      expect(draft.filename).toMatch(/^charter-draft-demo\.opendatasoft\.com-en-\d{4}-\d{2}-\d{2}\.md$/);
      expect(draft.text).toContain('sessionid');
      await woken.close();
    });
  });
}
