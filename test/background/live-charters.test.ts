import { describe, expect, it } from 'vitest';
import { createLiveCharters } from '../../src/background/live-charters.ts';
import { fetchLiveCharter, LIVE_CHARTER_MAX_AGE_MS, type FetchLike } from '../../src/core/charter/live.ts';
import { charterPage, DEMO_CHARTER } from '../../scripts/demo-portal/charters.ts';
import { fakeSession } from '../support/fake-session.ts';

const HOST = 'demo.opendatasoft.com';

/** The reader the worker loads from its second script, over a fake fetch. */
const reading = (fetchImpl: FetchLike) => (host: string, now: () => number) => fetchLiveCharter(host, fetchImpl, now);

describe('live charters in the worker', () => {
  it('fetches once for concurrent requests, keeps the result in storage.session, and refetches when stale or forced', async () => {
    let fetches = 0;
    let now = 1000;
    const session = fakeSession();
    const fetchImpl = async () => {
      fetches++;
      return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    };
    const charters = createLiveCharters(session, reading(fetchImpl), () => now);
    expect(charters.revision(HOST)).toBe(0);
    const [a, b] = await Promise.all([charters.refresh(HOST), charters.refresh(HOST)]);
    expect(a).toBe(b);
    expect(fetches).toBe(1);
    // One charter stored: one change, for the reports built against the charter before it.
    const stored = charters.revision(HOST);
    expect(stored).toBeGreaterThan(0);
    await charters.refresh(HOST);
    expect(charters.revision(HOST)).toBe(stored);
    // Kept as JSON text, which storage counts by its length (an object costs more in Chrome).
    expect(JSON.parse(session.data[`charter:${HOST}`] as string)).toMatchObject({ fetchedAt: 1000, problem: null });

    // A new worker reads it back without fetching.
    const restarted = createLiveCharters(session, reading(fetchImpl), () => now);
    expect((await restarted.get(HOST))?.charter?.entries).toHaveLength(7);
    await restarted.refresh(HOST);
    expect(fetches).toBe(1);

    now += LIVE_CHARTER_MAX_AGE_MS + 1;
    await restarted.refresh(HOST);
    expect(fetches).toBe(2);
    await restarted.refresh(HOST, true);
    expect(fetches).toBe(3);
    expect(restarted.pending(HOST)).toBe(false);

    // A record an earlier version stored as an object still reads.
    const older = fakeSession({ [`charter:${HOST}`]: JSON.parse(session.data[`charter:${HOST}`] as string) });
    expect((await createLiveCharters(older, reading(fetchImpl), () => now).get(HOST))?.charter?.entries).toHaveLength(7);
  });

  it('keeps the charter it read through a failed refresh, with the problem beside it', async () => {
    let online = true;
    let now = 1000;
    const fetchImpl = async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    };
    const charters = createLiveCharters(fakeSession(), reading(fetchImpl), () => now);
    const first = await charters.refresh(HOST);
    online = false;
    now += LIVE_CHARTER_MAX_AGE_MS + 1;
    const failed = await charters.refresh(HOST, true);
    expect(failed).toMatchObject({ fetchedAt: 1000, url: first.url, problem: { kind: 'network' }, failedAt: now });
    expect((await charters.get(HOST))?.charter?.entries).toHaveLength(7);

    online = true;
    const back = await charters.refresh(HOST, true);
    expect(back).toMatchObject({ fetchedAt: now, problem: null });
    expect(back.failedAt).toBeUndefined();
  });

  it('runs a forced read even while an ordinary one is under way', async () => {
    let fetches = 0;
    const fetchImpl = async () => {
      fetches++;
      return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    };
    const charters = createLiveCharters(fakeSession(), reading(fetchImpl));
    await charters.refresh(HOST);
    const ordinary = charters.refresh(HOST); // fresh: answers from the cache
    const forced = charters.refresh(HOST, true);
    await Promise.all([ordinary, forced]);
    expect(fetches).toBe(2);
  });
});
