import { describe, expect, it, vi } from 'vitest';
import { createCachedArea } from '../../src/background/cached-area.ts';
import { createLiveCharters, type ReadCharter } from '../../src/background/live-charters.ts';
import { createSiteReports } from '../../src/background/site-reports.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import type { LiveCharterRecord } from '../../src/core/charter/live.ts';
import { LIVE_CHARTER_MAX_AGE_MS } from '../../src/core/charter/live-record.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import { isLiveCharterKey, type FullSessionArea } from '../../src/core/storage/session-items.ts';
import { browserCookie } from '../support/cookies.ts';
import { wiredReportsDeps } from '../support/wired-reports.ts';
import { fakeSession } from '../support/fake-session.ts';
import { ITIE_CHARTER, METROPOLE_CHARTER } from '../core/registry/charter-fixtures.ts';

// Stores left refusing writes try again on their own timer after their test, and warn then
// (expected here): a warning sent as the runner closes the file is an unhandled error of a full run
// (as in site-store.test.ts). Warnings are dropped in this file.
console.warn = () => undefined;

const HOST = 'data.example-metropole.fr';
// No bundled charter for HOST: a charter gone falls back on none.
const registry = buildRegistry({}, { openCookieDatabase: [] });

async function setup(read: () => LiveCharterRecord['charter'] | 'gone', clock: { now: number }, readsFailing = 0) {
  const session = fakeSession();
  let refusals = 0;
  let failedReads = 0;
  let charterReadHeard = 0;
  // As site-reports.test.ts's "half-written refusal" (Firefox sets item by item): the write lands, then the call throws. Once.
  const halfWritten: FullSessionArea = {
    ...session,
    async read(keys) {
      if (failedReads > 0 && keys?.some(isLiveCharterKey)) {
        failedReads--;
        throw new Error('storage.session could not be read');
      }
      return session.read(keys);
    },
    async write(items) {
      await session.write(items);
      if (refusals > 0 && Object.keys(items).some(isLiveCharterKey)) {
        // The last refusal: storage then cannot say what it holds, when asked to.
        if (--refusals === 0) failedReads = readsFailing;
        throw new Error('QuotaExceededError: storage.session API call exceeded its quota limitations.');
      }
    },
  };
  const store = createSiteStore(halfWritten, 5, { onRemoved: (keys) => cache.forget(keys) });
  await store.load();
  const cache = createCachedArea(store.area);
  const readCharter: ReadCharter = async (host, now) => {
    const charter = read();
    return charter === 'gone'
      ? { host, fetchedAt: now(), url: null, charter: null, problem: { kind: 'http', status: 404, path: '/terms/cookies-policy/' } }
      : { host, fetchedAt: now(), url: `https://${host}/terms/cookies-policy/`, path: '/terms/cookies-policy/', charter, problem: null };
  };
  const liveCharters = createLiveCharters(cache, readCharter, () => clock.now);
  const deps = wiredReportsDeps(store, liveCharters, registry, HOST, {
    onCharterRead: () => void charterReadHeard++,
    now: () => clock.now,
  });
  const reports = createSiteReports(deps);
  await deps.recorder.cookieChanged(browserCookie({ name: '_ga', domain: `.${HOST}`, storeId: '0' }), false, 'explicit', 1);
  await store.flush();
  return {
    session,
    reports,
    liveCharters,
    refuse: () => (refusals = 4) /* the store's first try and its 3 quota retries */,
    charterReadHeard: () => charterReadHeard,
  };
}

describe('live charters: a read storage took though its write was refused (Firefox writes item by item)', () => {
  it('keeps the charter the portal now publishes (read and stored), not the one read before', async () => {
    const clock = { now: 1_700_000_000_000 };
    let charter: LiveCharterRecord['charter'] | 'gone' = METROPOLE_CHARTER; // declares _ga
    const w = await setup(() => charter, clock);
    await w.liveCharters.refresh(HOST);
    charter = ITIE_CHARTER; // the portal's charter now: no _ga
    clock.now += 1000;
    w.refuse();
    // Storage holds it: the read's outcome, as if the write had said so.
    expect((await w.liveCharters.refresh(HOST, true)).charter?.portal).toBe(ITIE_CHARTER.portal);
    const stored = await w.liveCharters.get(HOST);
    const report = await w.reports.report(HOST, '0');
    const ga = report.cookies.find((c) => c.name === '_ga');
    // Storage took the ITIE record: the report should be judged by it (_ga undeclared).
    expect(stored?.charter?.portal).toBe(ITIE_CHARTER.portal);
    expect(ga?.status).toBe('undeclared');
  });

  it('keeps the answer that the charter is gone (404, stored), not the charter read before', async () => {
    const clock = { now: 1_700_000_000_000 };
    let charter: LiveCharterRecord['charter'] | 'gone' = METROPOLE_CHARTER;
    const w = await setup(() => charter, clock);
    await w.liveCharters.refresh(HOST);
    charter = 'gone';
    clock.now += 1000;
    w.refuse();
    expect((await w.liveCharters.refresh(HOST, true)).charter).toBeNull();
    const stored = await w.liveCharters.get(HOST);
    const report = await w.reports.report(HOST, '0');
    expect(stored?.charter).toBeNull();
    expect(report.charter.kind).not.toBe('live');
  });

  it('tells the badges of a stale charter a report read again, stored though its write threw', async () => {
    const clock = { now: 1_700_000_000_000 };
    let charter: LiveCharterRecord['charter'] | 'gone' = METROPOLE_CHARTER;
    const w = await setup(() => charter, clock);
    await w.liveCharters.refresh(HOST);
    charter = ITIE_CHARTER;
    clock.now += LIVE_CHARTER_MAX_AGE_MS + 1;
    w.refuse();
    await w.reports.view({ host: HOST });
    await vi.waitFor(() => expect(w.liveCharters.pending(HOST)).toBe(false));
    expect(w.charterReadHeard()).toBe(1);
    expect((await w.reports.report(HOST, '0')).findings.map((f) => `${f.kind}:${f.cookie}`)).toContain('undeclared:_ga');
  });

  it('writes nothing over a read storage may hold when it cannot say what it holds: the error stands', async () => {
    const clock = { now: 1_700_000_000_000 };
    let charter: LiveCharterRecord['charter'] | 'gone' = METROPOLE_CHARTER;
    const w = await setup(() => charter, clock, 1);
    await w.liveCharters.refresh(HOST);
    charter = ITIE_CHARTER;
    clock.now += 1000;
    w.refuse();
    await expect(w.liveCharters.refresh(HOST, true)).rejects.toThrow('QuotaExceededError');
    expect((await w.liveCharters.get(HOST))?.charter?.portal).toBe(ITIE_CHARTER.portal);
  });
});
