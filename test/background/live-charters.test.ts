import { describe, expect, it, vi } from 'vitest';
import { createLiveCharters, type ReadCharter } from '../../src/background/live-charters.ts';
import {
  fetchLiveCharter,
  LIVE_CHARTER_MAX_AGE_MS,
  LIVE_CHARTER_RETRY_MS,
  type FetchLike,
  type LiveCharterRecord,
} from '../../src/core/charter/live.ts';
import { charterPage, DEMO_CHARTER } from '../../scripts/demo-portal/charters.ts';
import { fakeSession } from '../support/fake-session.ts';
import { liveCharterItem } from '../../src/core/storage/session-items.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { createCachedArea } from '../../src/background/cached-area.ts';
import { appendTimeline, emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { LIVE_CHARTER_LIMIT_BYTES } from '../../src/core/storage/record-limit.ts';
import { browserCookie } from '../support/cookies.ts';

const HOST = 'demo.opendatasoft.com';

/** The reader the worker loads from its second script, over a fake fetch. */
const reading =
  (fetchImpl: FetchLike): ReadCharter =>
  (host, now, readBefore) =>
    fetchLiveCharter(host, fetchImpl, now, readBefore);

describe('live charters in the worker', () => {
  it('reads again a failed read once the retry time has passed, the clock set back an hour in between', async () => {
    let online = false;
    let fetches = 0;
    const fetchImpl: FetchLike = async () => {
      fetches++;
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    };
    let now = 1_780_000_000_000;
    const charters = createLiveCharters(fakeSession(), reading(fetchImpl), () => now);
    expect((await charters.refresh(HOST)).charter).toBeNull();
    const failedFetches = fetches;
    // A machine resumed: NTP sets the clock back an hour, the network is back, 11 minutes pass.
    now += -3_600_000 + LIVE_CHARTER_RETRY_MS + 60_000;
    online = true;
    expect((await charters.refresh(HOST)).charter?.entries).toHaveLength(7);
    expect(fetches).toBeGreaterThan(failedFetches);
  });

  it('fetches once for concurrent requests, keeps the result in storage.session, and refetches when stale or forced', async () => {
    let fetches = 0;
    let now = 1000;
    const session = fakeSession();
    const fetchImpl = async () => {
      fetches++;
      return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    };
    const charters = createLiveCharters(session, reading(fetchImpl), () => now);
    const [a, b] = await Promise.all([charters.refresh(HOST), charters.refresh(HOST)]);
    expect(a).toBe(b);
    expect(fetches).toBe(1);
    // Fresh: not read nor stored again, so the reports built against it stand.
    const writes = session.writes;
    await charters.refresh(HOST);
    expect(session.writes).toBe(writes);
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
    now += 1000; // a real read is always later than the one before (the same millisecond: see the next test)
    const back = await charters.refresh(HOST, true);
    expect(back).toMatchObject({ fetchedAt: now, problem: null });
    expect(back.failedAt).toBeUndefined();
  });

  it('stores a read it could not make (its reader not loaded) as a failure, the charter read before kept beside it', async () => {
    let loaded = true;
    let now = 1000;
    const fetchImpl = async () => new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    const readCharter: ReadCharter = async (...args) => {
      if (!loaded) throw new Error("The worker's script later-parts.js is not loaded");
      return reading(fetchImpl)(...args);
    };
    const session = fakeSession();
    const charters = createLiveCharters(session, readCharter, () => now);
    const first = await charters.refresh(HOST);
    loaded = false;
    now += LIVE_CHARTER_MAX_AGE_MS + 1;
    // Stored: the pages follow a read's end by its storage change.
    const writes = session.writes;
    expect(await charters.refresh(HOST)).toMatchObject({ fetchedAt: 1000, url: first.url, problem: { kind: 'unknown' }, failedAt: now });
    expect(session.writes).toBe(writes + 1);
    expect((await charters.get(HOST))?.charter?.entries).toHaveLength(7);
    expect(charters.pending(HOST)).toBe(false);
    // First read of a site: the failure alone.
    expect(await charters.refresh('other.opendatasoft.com')).toMatchObject({ charter: null, problem: { kind: 'unknown' } });
  });

  it('stores the failure to keep a read storage refused (over its quota), or lets the error stand when even that is refused', async () => {
    const session = fakeSession();
    const write = session.write.bind(session);
    let refuseAll = false;
    session.write = async (items) => {
      const refused = Object.values(items).some((value) => refuseAll || String(value).includes('"charter":{'));
      if (refused) throw new Error('QuotaExceededError: storage.session API call exceeded its quota limitations.');
      await write(items);
    };
    const fetchImpl = async () => new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    const charters = createLiveCharters(session, reading(fetchImpl), () => 1000);
    expect(await charters.refresh(HOST)).toMatchObject({ charter: null, problem: { kind: 'unknown' } });
    expect(await charters.get(HOST)).toMatchObject({ charter: null, problem: { kind: 'unknown' } });
    refuseAll = true;
    await expect(charters.refresh(HOST, true)).rejects.toThrow('QuotaExceededError');
  });

  it('is pending only while it reads the charter, not while an ordinary refresh finds the one stored still fresh', async () => {
    const session = fakeSession();
    let fetches = 0;
    let answer: Promise<void> = Promise.resolve();
    const fetchImpl = async () => {
      fetches++;
      await answer;
      return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    };
    const charters = createLiveCharters(session, reading(fetchImpl), () => 1000);
    await charters.refresh(HOST);
    // Fresh: this refresh only reads storage, and stores nothing a page would hear as the read's end.
    const checking = charters.refresh(HOST);
    expect(charters.pending(HOST)).toBe(false);
    await checking;
    expect(fetches).toBe(1);
    // A read: pending until stored.
    let answered: () => void = () => undefined;
    answer = new Promise((resolve) => (answered = resolve));
    const forced = charters.refresh(HOST, true);
    await vi.waitFor(() => expect(fetches).toBe(2));
    expect(charters.pending(HOST)).toBe(true);
    answered();
    await forced;
    expect(charters.pending(HOST)).toBe(false);
    // A forced read ("Check again") queued behind an ordinary refresh: pending from when it is asked.
    const ordinary = charters.refresh(HOST);
    const queued = charters.refresh(HOST, true);
    expect(charters.pending(HOST)).toBe(true);
    await Promise.all([ordinary, queued]);
    expect(charters.pending(HOST)).toBe(false);
  });

  it('drops the charter it read once its page answers 404, even while the other path cannot be reached', async () => {
    let gone = false;
    let now = 1000;
    const fetchImpl = async (url: string) => {
      if (!gone) return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
      if (url.endsWith('/terms/cookies-policy/')) return new Response('', { status: 404 });
      throw new TypeError('Failed to fetch');
    };
    const charters = createLiveCharters(fakeSession(), reading(fetchImpl), () => now);
    expect((await charters.refresh(HOST)).url).toBe(`https://${HOST}/terms/cookies-policy/`);
    gone = true;
    now += LIVE_CHARTER_MAX_AGE_MS + 1;
    const after = await charters.refresh(HOST, true);
    expect(after).toMatchObject({ charter: null, problem: { kind: 'http', status: 404, path: '/terms/cookies-policy/' } });
    expect((await charters.get(HOST))?.charter).toBeNull();
  });

  it('keeps a charter its path redirected to through a server error there, a page with no table at the other path; an older record by its page', async () => {
    const policy = `https://${HOST}/terms/cookies-policy/`;
    let down = false;
    let now = 1000;
    const fetchImpl: FetchLike = async (url) => {
      if (down) {
        if (url === policy) return new Response('', { status: 503 });
        return new Response('<html><body><main><p>See our policy.</p></main></body></html>', { headers: { 'content-type': 'text/html' } });
      }
      if (url !== policy) return new Response('', { status: 404 });
      const response = new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
      Object.defineProperty(response, 'url', { value: `https://${HOST}/pages/cookies/` });
      return response;
    };
    const session = fakeSession();
    const charters = createLiveCharters(session, reading(fetchImpl), () => now);
    expect(await charters.refresh(HOST)).toMatchObject({ url: `https://${HOST}/pages/cookies/`, path: '/terms/cookies-policy/' });
    down = true;
    now += LIVE_CHARTER_MAX_AGE_MS + 1;
    const kept = await charters.refresh(HOST, true);
    expect(kept).toMatchObject({ problem: { kind: 'http', status: 503, path: '/terms/cookies-policy/' }, failedAt: now });
    expect(kept.charter?.entries).toHaveLength(7);
    // A record an older version stored (no path) still reads, and is judged by the page it was read from.
    const { path: _path, ...older } = JSON.parse(session.data[`charter:${HOST}`] as string) as LiveCharterRecord;
    const restarted = createLiveCharters(
      fakeSession({ [`charter:${HOST}`]: JSON.stringify({ ...older, failedAt: undefined }) }),
      reading(fetchImpl),
      () => now,
    );
    expect((await restarted.get(HOST))?.charter?.entries).toHaveLength(7);
    expect((await restarted.refresh(HOST, true)).charter).toBeNull();
  });

  it('names each attempt anew and keeps its own time, even when the clock gives the same millisecond again or an earlier one', async () => {
    // Reports built from a record are known by its name (report-memo.ts): no two of a host's records share one.
    let online = true;
    let now = 1_700_000_000_000;
    const fetchImpl = async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
    };
    const charters = createLiveCharters(fakeSession(), reading(fetchImpl), () => now);
    const records = [await charters.refresh(HOST), await charters.refresh(HOST, true)];
    online = false;
    records.push(await charters.refresh(HOST, true), await charters.refresh(HOST, true));
    online = true;
    now -= 3_600_000; // the clock set back an hour
    records.push(await charters.refresh(HOST, true));
    expect(records.map((record) => [record.problem?.kind ?? null, record.fetchedAt - 1_700_000_000_000, record.failedAt])).toEqual([
      [null, 0, undefined],
      [null, 0, undefined],
      // A failure beside a kept charter keeps the time that charter was read.
      ['network', 0, 1_700_000_000_000],
      ['network', 0, 1_700_000_000_000],
      // Read after the clock went back: the time it was read, not one after the record before.
      [null, -3_600_000, undefined],
    ]);
    const names = records.map((record) => record.attempt);
    expect(names.every((name) => typeof name === 'string' && name.length > 0)).toBe(true);
    expect(new Set(names).size).toBe(records.length);
    expect((await charters.get(HOST))?.attempt).toBe(names.at(-1));
  });

  it('reads again a stored record of another shape, as an unreadable one, and writes over it', async () => {
    const garbage = [
      '{}',
      '5',
      '"x"',
      '[]',
      'null',
      '{"fetchedAt":"yesterday","charter":null}',
      '{"host":"x","fetchedAt":1000,"url":null,"charter":{"entries":5},"problem":null}',
    ];
    for (const stored of garbage) {
      let fetches = 0;
      const fetchImpl = async () => {
        fetches++;
        return new Response(charterPage(HOST, DEMO_CHARTER), { headers: { 'content-type': 'text/html' } });
      };
      const session = fakeSession({ [liveCharterItem(HOST).key]: stored });
      const charters = createLiveCharters(session, reading(fetchImpl), () => 1000);
      expect(await charters.get(HOST), stored).toBeNull();
      expect((await charters.refresh(HOST)).charter?.entries, stored).toHaveLength(7);
      expect(fetches, stored).toBe(1);
      expect(liveCharterItem(HOST).decode(session.data[liveCharterItem(HOST).key])?.charter?.entries, stored).toHaveLength(7);
    }
  });

  it("reads as they are the records it writes: a charter with its path and rows not read, a failure beside it, an older version's", async () => {
    let now = 1000;
    let online = true;
    const page = charterPage(HOST, DEMO_CHARTER).replace('</table>', '<tr><td>Huwise</td><td>a row not read</td></tr></table>');
    const fetchImpl = async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(page, { headers: { 'content-type': 'text/html' } });
    };
    const session = fakeSession();
    const charters = createLiveCharters(session, reading(fetchImpl), () => now);
    const read = await charters.refresh(HOST);
    expect(read).toMatchObject({ path: expect.any(String), unreadRows: [expect.anything()], attempt: expect.any(String) });
    expect(await charters.get(HOST)).toEqual(read);
    online = false;
    now += LIVE_CHARTER_MAX_AGE_MS + 1;
    const failed = await charters.refresh(HOST, true);
    expect(failed).toMatchObject({ problem: { kind: 'network' }, failedAt: now });
    expect(await charters.get(HOST)).toEqual(failed);
    // An older version's: its problem as English text, no path nor attempt.
    const older = { host: HOST, fetchedAt: now, url: null, charter: null, problem: 'HTTP 404' };
    await session.write({ [liveCharterItem(HOST).key]: JSON.stringify(older) });
    expect(await charters.get(HOST)).toEqual(older);
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

  describe('a charter read larger than storage should hold', () => {
    const GRANTED = 'granted.example';
    const OTHERS = ['data.tco.re', 'data.toulouse-metropole.fr', 'a.opendatasoft.com', 'b.opendatasoft.com'];
    /** A page of `rows` rows, each naming `names` cookies with one purpose of `purposeLength` characters. */
    const pageOf = (rows: number, names: number, purposeLength: number) => {
      const nameCell = (row: number) => Array.from({ length: names }, (_, i) => `r${row}c${i}`).join(', ');
      const cells = Array.from(
        { length: rows },
        (_, row) => `<tr><td>P${row}</td><td>${nameCell(row)}</td><td>${'x'.repeat(purposeLength)}</td></tr>`,
      );
      return `<main><table><tr><th>Provider</th><th>Cookie name</th><th>Purpose</th></tr>${cells.join('')}</table></main>`;
    };

    /** A store holding four sites' records of 20 cookies each, live charters written through it, and a portal serving `page`. */
    async function portalServing(page: string, budgetBytes?: number) {
      const session = fakeSession({}, 'chrome');
      const store = createSiteStore(session, 0, { budgetBytes });
      await store.load();
      for (const host of OTHERS) {
        let site = emptySite(host, '0');
        for (let i = 0; i < 20; i++) site = recordCookieChange(site, browserCookie({ name: `c${i}`, domain: host }), false, 1000 + i, {})!;
        store.put(appendTimeline(site, { type: 'cleared', at: 999 }));
      }
      await store.flush();
      let fetches = 0;
      const fetchImpl: FetchLike = async (url) => {
        fetches++;
        return url === `https://${GRANTED}/terms/cookies-policy/`
          ? new Response(page, { headers: { 'content-type': 'text/html' } })
          : new Response('', { status: 404 });
      };
      let now = 1_780_000_000_000;
      const charters = createLiveCharters(createCachedArea(store.area), reading(fetchImpl), () => now);
      const cookieCounts = () => store.all().map((site) => `${site.host}:${Object.keys(site.cookies).length}`);
      return { session, store, charters, cookieCounts, fetches: () => fetches, later: (ms: number) => (now += ms) };
    }

    it('refuses it as too large to keep, drops no other site, and reads it again only when a failed read would be', async () => {
      // 25 rows, each naming 200 cookies with one 9,000-character purpose: a 266 kB page, within
      // every limit of the page, that would take 45 MB stored (the purpose copied into each entry).
      const portal = await portalServing(pageOf(25, 200, 9000));
      const before = portal.cookieCounts();
      expect(before).toEqual(OTHERS.map((host) => `${host}:20`));

      const record = await portal.charters.refresh(GRANTED);
      expect(record).toMatchObject({
        charter: null,
        url: null,
        problem: { kind: 'too-large-to-keep', limit: LIVE_CHARTER_LIMIT_BYTES, path: '/terms/cookies-policy/' },
      });
      await portal.store.flush();
      expect(portal.cookieCounts()).toEqual(before);
      expect(portal.store.status()).toEqual({ sitesDropped: 0, lastDropAt: null, unsavedSince: null });
      // The refusal is kept, as any failed read: each tab shown meanwhile reads it, no fetch.
      expect(JSON.parse(portal.session.data[`charter:${GRANTED}`] as string)).toMatchObject({ problem: { kind: 'too-large-to-keep' } });
      const fetched = portal.fetches();
      portal.later(LIVE_CHARTER_RETRY_MS - 1000);
      expect((await portal.charters.refresh(GRANTED)).attempt).toBe(record.attempt);
      expect(portal.fetches()).toBe(fetched);
      portal.later(2000);
      await portal.charters.refresh(GRANTED);
      expect(portal.fetches()).toBeGreaterThan(fetched);
      expect(portal.cookieCounts()).toEqual(before);
    });

    it('refuses one within its own limit that storage cannot hold beside the rest, before dropping anything', async () => {
      // 5 rows of 100 cookies with a 1,000-character purpose: about 0.6 MB stored, over a 300 kB budget.
      const portal = await portalServing(pageOf(5, 100, 1000), 300_000);
      const before = portal.cookieCounts();
      const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const record = await portal.charters.refresh(GRANTED);
        expect(record).toMatchObject({
          charter: null,
          problem: { kind: 'too-large-to-keep', limit: 300_000, path: '/terms/cookies-policy/' },
        });
      } finally {
        quiet.mockRestore();
      }
      await portal.store.flush();
      expect(portal.cookieCounts()).toEqual(before);
      expect(portal.store.status()).toEqual({ sitesDropped: 0, lastDropAt: null, unsavedSince: null });
      expect(JSON.parse(portal.session.data[`charter:${GRANTED}`] as string)).toMatchObject({ problem: { kind: 'too-large-to-keep' } });
    });

    it('keeps each of several read at once that fits the budget alone, though together they pass it', async () => {
      const HOSTS = ['a.opendatasoft.com', 'b.opendatasoft.com', 'c.opendatasoft.com', 'd.opendatasoft.com', 'e.opendatasoft.com'];
      // 16 entries with a 10,000-character purpose: about 160 kB stored each, over half a 300 kB budget.
      const charterOf = (host: string, now: number): LiveCharterRecord => ({
        host,
        fetchedAt: now,
        url: `https://${host}/terms/cookies-policy/`,
        path: '/terms/cookies-policy/',
        problem: null,
        charter: {
          portal: host,
          language: 'en',
          entries: Array.from({ length: 16 }, (_, i) => ({
            provider: 'P',
            service: null,
            cookie: `c${i}`,
            match: 'exact',
            purpose: 'x'.repeat(10_000),
            duration: null,
            category: 'statistics',
          })),
        },
      });
      const session = fakeSession({}, 'chrome');
      const store = createSiteStore(session, 20, { budgetBytes: 300_000 });
      await store.load();
      const charters = createLiveCharters(
        createCachedArea(store.area),
        async (host, now) => charterOf(host, now()),
        () => 1_780_000_000_000,
      );
      const records = await Promise.all(HOSTS.map((host) => charters.refresh(host)));
      expect(records.map((record) => record.problem)).toEqual(HOSTS.map(() => null));
      for (const host of HOSTS) expect(JSON.parse(session.data[`charter:${host}`] as string)).toMatchObject({ host, problem: null });
    });
  });
});
