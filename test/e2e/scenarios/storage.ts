import { describe, expect, it } from 'vitest';
import { extensionPage, presentNames, request, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import { openPopup, type E2eContext } from './context.ts';
import { SCREENSHOT_DIR } from './popup.ts';
import { siteItem } from '../../../src/core/storage/session-items.ts';
import { isolated } from '../../../src/platform/i18n.ts';

/** The session storage calls an extension page makes here (Chrome: `chrome`, Firefox: `browser`). */
type SessionStorage = {
  set(items: Record<string, unknown>): Promise<void>;
  get(keys: null): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
};

/**
 * Fills storage.session from an extension page, behind the worker's back, with records of old
 * sites nobody has open, until the browser refuses: first 1 MB records, then smaller ones, so
 * what is left is under 1 KB, then short strings until nearly nothing is. Returns the hosts
 * written, oldest first, and the browser's first refusal.
 */
async function fillStorage(
  page: Awaited<ReturnType<typeof extensionPage>>,
  storeId: string,
): Promise<{ hosts: string[]; refusal: string }> {
  // The keys, made here: the page runs only the function's text. Far more than fit.
  const keys = Array.from({ length: 1000 }, (_, i) => siteItem(storeId, `filler-${i}.opendatasoft.com`).key);
  return page.evaluate(
    async ({ store, keys }) => {
      const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
        storage: { session: SessionStorage };
      };
      const hosts: string[] = [];
      let refusal = '';
      for (const bytes of [1_000_000, 100_000, 10_000, 1_000]) {
        for (;;) {
          const host = `filler-${hosts.length}.opendatasoft.com`;
          const name = 'n'.repeat(500);
          const events = Array.from({ length: Math.ceil(bytes / 580) }, (_, i) => ({
            type: 'changed',
            at: 1000 + hosts.length * 1000 + i,
            name,
            domain: host,
            phase: 'before-choice',
          }));
          const record = {
            host,
            storeId: store,
            cookies: {},
            consent: { state: 'none', changedAt: null },
            timeline: events,
            droppedEvents: 0,
            droppedCookies: 0,
          };
          try {
            await api.storage.session.set({ [keys[hosts.length]!]: JSON.stringify(record) });
            hosts.push(host);
          } catch (error) {
            refusal = String(error);
            break;
          }
        }
      }
      // Then plain strings of 100, 10 and 1 characters under keys of no site, so that little room
      // is left for a change of a record (its write replaces its text: only its growth must fit).
      // Firefox refuses them within a few; Chromium took 3,000 of 10 characters after refusing a
      // record of 1 KB (measured): a hundred of each at most.
      let pads = 0;
      for (const length of [100, 10, 1]) {
        for (let written = 0; written < 100; written++) {
          try {
            await api.storage.session.set({ [`test-pad-${pads}`]: 'x'.repeat(length) });
            pads++;
          } catch {
            break;
          }
        }
      }
      return { hosts, refusal };
    },
    { store: storeId, keys },
  );
}

export function storageScenarios(ctx: E2eContext): void {
  // Last of the scenarios: it leaves storage full and the ledger counting.
  describe('storage.session full for real', () => {
    it('drops the oldest sites with a marker, keeps recording the visited portal, and says so in the popup', async () => {
      const browser = ctx.browser();
      const host = 'anglet-opendatapaysbasque.opendatasoft.com';
      const api = await extensionPage(browser);
      // Records of the normal windows' cookie store, as the worker keeps them.
      const storeId = browser.name === 'firefox' ? 'firefox-default' : '0';
      const { hosts, refusal } = await fillStorage(api, storeId);
      expect(refusal).toMatch(/quota/i);
      expect(hosts.length).toBeGreaterThan(9);

      // The worker does not know; its next write is refused, so it learns what storage holds, makes room and writes again.
      const site = await browser.newPage();
      await site.goto(`http://${host}/`);
      // A cookie the portal's record has not seen, whatever earlier scenarios left in it: a change to write.
      await site.evaluate(() => {
        document.cookie = 'storage_full_probe=1; path=/';
      }, null);
      await waitForReport(
        api,
        host,
        (report) =>
          ['sessionid', 'storage_full_probe'].every((name) => presentNames(report).includes(name)) && report.storage.sitesDropped > 0,
      );
      // Written for real: the portal's record is in storage.session (the report above came from the worker's memory).
      const storedRecord = () =>
        api.evaluate(async (key) => {
          const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
            storage: { session: SessionStorage };
          };
          const all = await api.storage.session.get(null);
          const value = all[key];
          return typeof value === 'string' ? value : '';
        }, siteItem(storeId, host).key);
      await expect.poll(storedRecord, { timeout: 15_000 }).toContain('"storage_full_probe"');

      const popup = await openPopup(browser, host);
      await popup.waitFor('[data-notice-part="sites-dropped"]');
      expect((await popup.texts('[data-notice-part="sites-dropped"]'))[0]).toMatch(/^Older records dropped: \u2068\d+\u2069 sites?/);
      await popup.setViewport(460, 700);
      await popup.screenshot(`${SCREENSHOT_DIR}/${browser.name}-storage-full.png`);

      // The oldest filler was dropped, with a marker on its timeline.
      const dropped = await openPopup(browser, hosts[0]!);
      await dropped.click('#tab-timeline');
      await dropped.waitFor('[data-marker="evicted"]');
      expect((await dropped.texts('[data-marker="evicted"]'))[0]).toContain(`${isolated('0')} cookies`);
      expect(await dropped.texts('[data-notice-part="site-evicted"]')).toHaveLength(1);

      const diagnostics = await request(api, 'getDiagnostics', {});
      expect(diagnostics.sites).toBeGreaterThan(hosts.length);
      await Promise.all([site.close(), popup.close(), dropped.close(), api.close()]);
    });
  });
}
