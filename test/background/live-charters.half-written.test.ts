import { describe, expect, it, vi } from 'vitest';
import { createCachedArea } from '../../src/background/cached-area.ts';
import { createLiveCharters, type ReadCharter } from '../../src/background/live-charters.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteReports } from '../../src/background/site-reports.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import type { LiveCharterRecord } from '../../src/core/charter/live.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import { isLiveCharterKey, type FullSessionArea } from '../../src/core/storage/session-items.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';
import { ITIE_CHARTER, METROPOLE_CHARTER } from '../core/registry/charter-fixtures.ts';

const HOST = 'data.example-metropole.fr';
// No bundled charter for HOST: a charter gone falls back on none.
const registry = buildRegistry({}, { openCookieDatabase: [] });

async function setup(read: () => LiveCharterRecord['charter'] | 'gone', clock: { now: number }) {
  const session = fakeSession();
  let refusals = 0;
  // As site-reports.test.ts's "half-written refusal" (Firefox sets item by item): the write lands, then the call throws. Once.
  const halfWritten: FullSessionArea = {
    ...session,
    async write(items) {
      await session.write(items);
      if (refusals > 0 && Object.keys(items).some(isLiveCharterKey)) {
        refusals--;
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
  const recorder = createRecorder(store, (host) => host === HOST);
  const reports = createSiteReports({
    recorder,
    recordRevision: (host, storeId) => store.revision(storeId, host),
    liveCharters,
    registry: async () => registry,
    storageStatus: () => store.status(),
    hasHostAccess: async () => true,
    defaultStoreId: async () => '0',
    onCharterRead: () => undefined,
    now: () => clock.now,
  });
  await recorder.cookieChanged(browserCookie({ name: '_ga', domain: `.${HOST}`, storeId: '0' }), false, 'explicit', 1);
  await store.flush();
  return { session, reports, liveCharters, refuse: () => (refusals = 4) /* the store's first try and its 3 quota retries */ };
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
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await w.liveCharters.refresh(HOST, true).catch((e: unknown) => e);
    quiet.mockRestore();
    const stored = await w.liveCharters.get(HOST);
    const report = await w.reports.report(HOST, '0');
    const ga = report.cookies.find((c) => c.name === '_ga');
    console.log(
      'refresh gave',
      (result as LiveCharterRecord)?.problem ?? result,
      'stored portal',
      stored?.charter?.portal,
      stored?.problem,
      '| report charter',
      report.charter.kind,
      report.charter.portal,
      '| _ga',
      ga?.status,
      '| findings',
      report.findings.map((f) => `${f.kind}:${f.cookie}`),
    );
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
    const result = await w.liveCharters.refresh(HOST, true).catch((e: unknown) => e);
    const stored = await w.liveCharters.get(HOST);
    const report = await w.reports.report(HOST, '0');
    const ga = report.cookies.find((c) => c.name === '_ga');
    console.log(
      'refresh gave',
      (result as LiveCharterRecord)?.problem ?? result,
      'stored charter',
      stored?.charter?.portal ?? null,
      stored?.problem,
      '| report charter',
      report.charter.kind,
      report.charter.portal,
      '| _ga',
      ga?.status,
    );
    expect(stored?.charter).toBeNull();
    expect(report.charter.kind).not.toBe('live');
  });
});
