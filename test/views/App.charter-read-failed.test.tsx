// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, waitFor } from '@testing-library/preact';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { createCachedArea } from '../../src/background/cached-area.ts';
import { createLiveCharters, type ReadCharter } from '../../src/background/live-charters.ts';
import { createSiteReports } from '../../src/background/site-reports.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import { isLiveCharterKey } from '../../src/core/storage/session-items.ts';
import { wiredReportsDeps } from '../support/wired-reports.ts';
import { fakeSession } from '../support/fake-session.ts';
import { renderApp } from '../support/render-app.tsx';
import { METROPOLE_CHARTER } from '../core/registry/charter-fixtures.ts';

// Stores left refusing writes try again on their own timer after their test, and warn then
// (expected here): a warning sent as the runner closes the file is an unhandled error of a full run
// (as in site-store.test.ts). Warnings are dropped in this file.
console.warn = () => undefined;

const HOST = 'data.example-metropole.fr';
const registry = buildRegistry({ [HOST]: METROPOLE_CHARTER }, { openCookieDatabase: [] });
afterEach(cleanup);

/**
 * The worker as index.ts wires it, and what a page hears of it: storage.session.onChanged after
 * each write stored. Its charter read waits for `finish`.
 */
async function worker(readCharter: ReadCharter, refuseCharter: boolean) {
  const session = fakeSession();
  const changed = new Set<(keys: string[]) => void>();
  const write = session.write.bind(session);
  session.write = async (items) => {
    // storage.session over its quota: the charter's record refused, its small failure kept.
    if (refuseCharter && Object.entries(items).some(([key, value]) => isLiveCharterKey(key) && String(value).includes('"charter":{')))
      throw new Error('QuotaExceededError: storage.session API call exceeded its quota limitations.');
    await write(items);
    // Heard by the pages in a task of their own, after the worker's write has returned (as in a browser).
    setTimeout(() => {
      for (const listener of changed) listener(Object.keys(items));
    }, 0);
  };
  const store = createSiteStore(session, 5);
  await store.load();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let reads = 0;
  const liveCharters = createLiveCharters(
    createCachedArea(store.area),
    async (...args) => {
      reads++;
      await finished;
      return readCharter(...args);
    },
    () => 1234,
  );
  const reports = createSiteReports(
    wiredReportsDeps(store, liveCharters, registry, HOST, { isPortal: (host) => host === HOST, now: () => 1234 }),
  );
  return {
    finish,
    reads: () => reads,
    loadSite: (query: { host: string }) => reports.view(query),
    onStateChanged: (listener: (keys: string[]) => void) => (changed.add(listener), () => void changed.delete(listener)),
  };
}

describe('App, when the charter read its report said was under way cannot be made or kept', () => {
  beforeAll(preloadViews);

  const read: ReadCharter = async (host, now) => ({
    host,
    fetchedAt: now(),
    url: `https://${host}/terms/cookies-policy/`,
    charter: METROPOLE_CHARTER,
    problem: null,
  });
  const cases: Array<[string, ReadCharter, boolean]> = [
    [
      'the worker cannot load its second script (the reader)',
      async () => {
        throw new Error("The worker's script later-parts.js is not loaded");
      },
      false,
    ],
    ['storage refuses the charter record (quota)', read, true],
  ];
  for (const [name, readCharter, refuse] of cases) {
    it(`says the read failed, "Check again" enabled, when ${name} (review of 2026-12-06)`, async () => {
      const w = await worker(readCharter, refuse);
      const { container } = renderApp({
        findSite: async () => ({ host: HOST }),
        loadSite: w.loadSite,
        onStateChanged: w.onStateChanged,
      });
      const status = () => container.querySelector('[data-charter-status]');
      const checkAgain = () => container.querySelector('[data-action="refresh-charter"]');
      await waitFor(() => expect(status()?.getAttribute('data-charter-status')).toBe('reading'));
      expect(checkAgain()?.getAttribute('aria-disabled')).toBe('true');
      w.finish();
      // Its end stored as a failure: the page hears it as any read's end, and says it failed.
      await waitFor(() => expect(status()?.getAttribute('data-charter-status')).toBe('read'));
      expect(status()?.textContent).toContain('liveProblemUnknown');
      expect(checkAgain()?.getAttribute('aria-disabled')).toBeNull();
      // The report read again starts no read of its own (the failure waits ten minutes, as any).
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(w.reads()).toBe(1);
    });
  }
});
