import { describe, expect, it, vi } from 'vitest';
import { createSiteStore, WriteTooLargeError } from '../../src/background/site-store.ts';
import { consentRunItem, ledgerItem, liveCharterItem, pageKey, sequenceItem, siteKey } from '../../src/core/storage/session-items.ts';
import { appendTimeline, emptySite, evictedRecord, recordCookieChange, type SiteRecord } from '../../src/core/cookies/site-record.ts';
import { SESSION_BUDGET_BYTES } from '../../src/core/storage/session-quota.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession, QUOTA_RULES, type FakeSession } from '../support/fake-session.ts';

// Stores left refusing writes try again on their own timer after their test (retryDelayMs), and
// warn then (expected here): a warning sent to the runner as it closes this file was an unhandled
// error of a full run (EnvironmentTeardownError, 2026-12-06). Warnings are dropped in this file;
// tests that look at them spy on this.
console.warn = () => undefined;

function recordWithEvents(host: string) {
  const site = emptySite(host, '0');
  recordCookieChange(site, browserCookie({ domain: host }), false, 1);
  return site;
}

/** Both ways a store starts: listing keys alone (getKeys, records read on demand), or reading every value (older browsers). */
const MODES = [
  { mode: 'keys listed, records read on demand', listsKeys: true },
  { mode: 'every value read at wake', listsKeys: false },
];

describe.each(MODES)('site store ($mode)', ({ listsKeys }) => {
  const newSession = (data: Record<string, unknown> = {}, rule?: keyof typeof QUOTA_RULES) => fakeSession(data, rule, { listsKeys });
  it('gives each record a revision that changes whenever it is put, and only then', async () => {
    const store = createSiteStore(
      newSession({ [siteKey('0', 'itie.opendatasoft.com')]: JSON.stringify(emptySite('itie.opendatasoft.com', '0')) }),
      5,
    );
    await store.load();
    const restored = store.revision('0', 'itie.opendatasoft.com');
    expect(restored).toBeGreaterThan(0);
    expect(store.revision('0', 'data.tco.re')).toBe(0);
    const site = recordWithEvents('data.tco.re');
    store.put(site);
    const first = store.revision('0', 'data.tco.re');
    expect(first).toBeGreaterThan(restored);
    store.get('0', 'data.tco.re');
    expect(store.revision('0', 'data.tco.re')).toBe(first);
    // Records change in place: the put says so.
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 2);
    store.put(site);
    expect(store.revision('0', 'data.tco.re')).toBeGreaterThan(first);
    expect(store.revision('0', 'itie.opendatasoft.com')).toBe(restored);
  });

  it('stores each record as one JSON string and reads it back', async () => {
    const session = newSession();
    const store = createSiteStore(session, 5);
    await store.load();
    store.put(recordWithEvents('data.tco.re'));
    await store.flush();
    expect(typeof session.data[siteKey('0', 'data.tco.re')]).toBe('string');

    const again = createSiteStore(session, 5);
    await again.load();
    await again.openAll();
    expect(again.get('0', 'data.tco.re').cookies).toEqual(store.get('0', 'data.tco.re').cookies);
  });

  it('knows its hosts without reading the records, and marks a restart when a record is first used', async () => {
    const session = newSession({
      [siteKey('0', 'data.tco.re')]: JSON.stringify(recordWithEvents('data.tco.re')),
      [siteKey('firefox-private', 'itie.opendatasoft.com')]: JSON.stringify(emptySite('itie.opendatasoft.com', 'firefox-private')),
    });
    const store = createSiteStore(session, 5);
    await store.load();
    store.markRestart(42);
    expect([...store.hosts()].sort()).toEqual(['data.tco.re', 'itie.opendatasoft.com']);
    await store.openAll();
    expect(store.get('0', 'data.tco.re').timeline.at(-1)).toEqual({ type: 'worker-restart', at: 42 });
    // A record without events gets no marker.
    expect(store.get('firefox-private', 'itie.opendatasoft.com').timeline).toEqual([]);
    // Written with the record's next change, not by itself (a busy portal's record is 0.9 MB to write).
    const stored = () => JSON.parse(session.data[siteKey('0', 'data.tco.re')] as string) as SiteRecord;
    await store.flush();
    expect(stored().timeline.some((event) => event.type === 'worker-restart')).toBe(false);
    const site = store.get('0', 'data.tco.re');
    site.droppedCookies = 1;
    store.put(site);
    await store.flush();
    expect(stored().timeline.at(-1)).toEqual({ type: 'worker-restart', at: 42 });
  });

  it('marks a restart in the records already read, and says they changed', async () => {
    const store = createSiteStore(newSession({ [siteKey('0', 'data.tco.re')]: JSON.stringify(recordWithEvents('data.tco.re')) }), 5);
    await store.load();
    await store.open([siteKey('0', 'data.tco.re')]);
    const before = store.get('0', 'data.tco.re').timeline.length;
    const revision = store.revision('0', 'data.tco.re');
    store.markRestart(7);
    expect(store.get('0', 'data.tco.re').timeline.at(-1)).toEqual({ type: 'worker-restart', at: 7 });
    expect(store.get('0', 'data.tco.re').timeline.length).toBe(before + 1);
    expect(store.revision('0', 'data.tco.re')).toBeGreaterThan(revision);
  });

  it('drops a record it cannot read instead of failing', async () => {
    const store = createSiteStore(newSession({ [siteKey('0', 'data.tco.re')]: '{not json' }), 5);
    await store.load();
    await store.openAll();
    expect(store.get('0', 'data.tco.re')).toEqual(emptySite('data.tco.re', '0'));
    expect(store.all()).toEqual([]);
  });

  it.each(['{}', '5', '[]', '"x"', true, '{"host":"data.tco.re","storeId":"0"}'])(
    'drops a record of the wrong shape (%s) as one it cannot read, and reads the others',
    async (stored) => {
      const store = createSiteStore(
        newSession({
          [siteKey('0', 'data.tco.re')]: stored,
          [siteKey('0', 'itie.opendatasoft.com')]: JSON.stringify(recordWithEvents('itie.opendatasoft.com')),
        }),
        5,
      );
      await store.load();
      store.markRestart(42);
      await store.openAll();
      // Read as it was, every later call threw (TypeError: Cannot read properties of undefined).
      expect(store.all().map((site) => site.host)).toEqual(['itie.opendatasoft.com']);
      expect(store.get('0', 'data.tco.re')).toEqual(emptySite('data.tco.re', '0'));
      expect(store.get('0', 'data.tco.re')).toEqual(emptySite('data.tco.re', '0'));
    },
  );

  it('reads records written as objects by an earlier version', async () => {
    const store = createSiteStore(newSession({ [siteKey('0', 'data.tco.re')]: recordWithEvents('data.tco.re') }), 5);
    await store.load();
    await store.open([siteKey('0', 'data.tco.re')]);
    expect(Object.keys(store.get('0', 'data.tco.re').cookies)).toHaveLength(1);
  });
});

/** A record of `host` whose last cookie event is at `at`, about `bytes` long (many events with long names). */
function bigRecord(host: string, at: number, bytes: number): SiteRecord {
  const site = emptySite(host, '0');
  const name = 'n'.repeat(1000);
  const count = Math.ceil(bytes / 1080);
  site.timeline = Array.from({ length: count }, (_, i) => ({
    type: 'changed' as const,
    at: at - count + i,
    name,
    domain: host,
    phase: 'before-choice' as const,
  }));
  recordCookieChange(site, browserCookie({ domain: host }), false, at);
  return site;
}

const storedRecord = (session: FakeSession, host: string) => JSON.parse(session.data[siteKey('0', host)] as string) as SiteRecord;
const evictedHosts = (session: FakeSession) =>
  Object.entries(session.data)
    .filter(
      ([key, value]) => key.startsWith('site:') && (JSON.parse(value as string) as SiteRecord).timeline.some((e) => e.type === 'evicted'),
    )
    .map(([key]) => key.slice(key.indexOf('|') + 1));

describe.each(MODES)('site store within storage.session’s quota ($mode)', ({ listsKeys }) => {
  const newSession = (data: Record<string, unknown> = {}, rule?: keyof typeof QUOTA_RULES) => fakeSession(data, rule, { listsKeys });
  it.each(['chrome', 'firefox'] as const)(
    'fills a session that counts as %s does: the oldest sites go first, with a marker, the open site stays',
    async (rule) => {
      const session = newSession({}, rule);
      const open = new Set(['site-0.opendatasoft.com']);
      const store = createSiteStore(session, 5, { hostsInUse: () => open, now: () => 999_999 });
      await store.load();
      // 30 sites of half a megabyte each: 15 MB asked of a 10 MiB store.
      for (let i = 0; i < 30; i++) {
        store.put(bigRecord(`site-${i}.opendatasoft.com`, 1000 + i, 500_000));
        await store.flush();
      }
      expect(session.refused).toBe(0);
      expect(session.bytesInUse()).toBeLessThanOrEqual(SESSION_BUDGET_BYTES);
      const { sitesDropped, lastDropAt, unsavedSince } = store.status();
      expect(sitesDropped).toBeGreaterThanOrEqual(12);
      expect(lastDropAt).toBe(999_999);
      expect(unsavedSince).toBeNull();
      // Oldest first, but not the site open in a tab.
      expect(evictedHosts(session).sort()).toEqual(Array.from({ length: sitesDropped }, (_, i) => `site-${i + 1}.opendatasoft.com`).sort());
      expect(Object.keys(storedRecord(session, 'site-0.opendatasoft.com').cookies)).toHaveLength(1);
      expect(Object.keys(storedRecord(session, 'site-29.opendatasoft.com').cookies)).toHaveLength(1);
      expect(storedRecord(session, 'site-1.opendatasoft.com').timeline).toEqual([
        { type: 'evicted', at: 999_999, cookies: 1, events: 464, choiceKept: { state: 'none', trackers: {} } },
      ]);
      expect(store.get('0', 'site-1.opendatasoft.com').cookies).toEqual({});

      // A restarted worker still tells what was lost.
      const again = createSiteStore(session, 5);
      await again.load();
      expect(again.status()).toEqual({ sitesDropped, lastDropAt: 999_999, unsavedSince: null });
    },
  );

  it('keeps the consent of a dropped site, so later events get the right phase', async () => {
    const session = newSession({}, 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 600_000 });
    await store.load();
    const old = bigRecord('old.opendatasoft.com', 10, 400_000);
    recordCookieChange(
      old,
      browserCookie({ domain: 'old.opendatasoft.com', name: 'cookies_preferences', value: '%7B%22matomo%22%3Afalse%7D' }),
      false,
      11,
    );
    store.put(old);
    store.put(bigRecord('new.opendatasoft.com', 20, 400_000));
    await store.flush();
    const stub = store.get('0', 'old.opendatasoft.com');
    expect(stub.consent.state).toBe('refused');
    const later = recordCookieChange(stub, browserCookie({ domain: 'old.opendatasoft.com', name: '_pk_ses.1.ab' }), false, 30)!;
    expect(Object.values(later.cookies)[0]?.firstPhase).toBe('after-refuse');
  });

  it.each(['chrome', 'firefox'] as const)(
    'retries a write the browser (%s) refuses, after reading what another writer put in storage',
    async (rule) => {
      const session = newSession({}, rule);
      const store = createSiteStore(session, 5, { now: () => 5000 });
      await store.load();
      // As the worker does at each wake: records used from now on get a restart marker.
      store.markRestart(4000);
      // Written behind the store's back, up to just under the quota: big records first, then smaller ones.
      let i = 0;
      for (const bytes of [500_000, 50_000, 5_000, 1_000]) {
        for (; ; i++) {
          const key = siteKey('0', `old-${i}.opendatasoft.com`);
          const text = JSON.stringify(bigRecord(`old-${i}.opendatasoft.com`, 100 + i, bytes));
          if (session.bytesInUse() + QUOTA_RULES[rule].itemBytes(key, text) >= QUOTA_RULES[rule].quota - 1500) break;
          session.data[key] = text;
        }
      }
      const filler = Object.keys(session.data).length;
      store.put(bigRecord('data.tco.re', 9000, 5000));
      await store.flush();
      expect(session.refused).toBe(1);
      expect(Object.keys(storedRecord(session, 'data.tco.re').cookies)).toHaveLength(1);
      expect(store.status().sitesDropped).toBeGreaterThanOrEqual(2);
      expect(store.status().unsavedSince).toBeNull();
      expect(evictedHosts(session)).toContain('old-0.opendatasoft.com');
      expect(evictedHosts(session)).not.toContain(`old-${filler - 1}.opendatasoft.com`);
      expect(session.bytesInUse()).toBeLessThanOrEqual(SESSION_BUDGET_BYTES);
    },
  );

  it('reports changes it cannot write, keeps them, and writes them when storage takes them again', async () => {
    const session = newSession();
    const write = session.write.bind(session);
    let broken = true;
    session.write = async (items) => (broken ? Promise.reject(new Error('storage unavailable')) : write(items));
    const store = createSiteStore(session, 5, { now: () => 7, retryDelayMs: 10 });
    await store.load();
    store.put(recordWithEvents('data.tco.re'));
    await store.flush();
    expect(store.status().unsavedSince).toBe(7);
    expect(Object.keys(store.get('0', 'data.tco.re').cookies)).toHaveLength(1);
    broken = false;
    await vi.waitFor(() => expect(session.data[siteKey('0', 'data.tco.re')]).toBeDefined());
    await store.flush();
    expect(store.status().unsavedSince).toBeNull();
  });

  it('keeps one record within its limit: oldest events first, then removed cookies, counted', async () => {
    const session = newSession({}, 'chrome');
    const store = createSiteStore(session, 5, { recordLimitBytes: 20_000 });
    await store.load();
    store.put(bigRecord('data.tco.re', 100, 100_000));
    const put = store.revision('0', 'data.tco.re');
    await store.flush();
    // Trimmed in place: a report built from it before is out of date.
    expect(store.revision('0', 'data.tco.re')).toBeGreaterThan(put);
    const text = session.data[siteKey('0', 'data.tco.re')] as string;
    expect(QUOTA_RULES.chrome.itemBytes(siteKey('0', 'data.tco.re'), text)).toBeLessThanOrEqual(20_000);
    const kept = JSON.parse(text) as SiteRecord;
    expect(kept.droppedEvents).toBeGreaterThan(70);
    expect(kept.droppedEvents + kept.timeline.length).toBe(Math.ceil(100_000 / 1080) + 1);
    expect(kept.timeline.at(-1)).toMatchObject({ type: 'set', name: 'sessionid' });
    expect(Object.keys(kept.cookies)).toHaveLength(1);
  });

  it('drops sites open in tabs only when nothing else is left, oldest first, never the newest', async () => {
    const session = newSession({}, 'chrome');
    const hosts = ['a', 'b', 'c', 'd'].map((name) => `${name}.opendatasoft.com`);
    const store = createSiteStore(session, 5, { budgetBytes: 250_000, hostsInUse: () => new Set(hosts) });
    await store.load();
    hosts.forEach((host, i) => store.put(bigRecord(host, 100 + i, 100_000)));
    await store.flush();
    expect(evictedHosts(session).sort()).toEqual(['a.opendatasoft.com', 'b.opendatasoft.com']);
    expect(Object.keys(storedRecord(session, 'd.opendatasoft.com').cookies)).toHaveLength(1);
  });

  it('ranks sites by the order their records were written, not the clock: set back an hour, the site browsed now stays', async () => {
    const T = 1_780_000_000_000;
    const OLD = 'old.opendatasoft.com';
    const NOW = 'now.opendatasoft.com';
    const session = newSession({}, 'chrome');
    let clock = T;
    const store = createSiteStore(session, 5, { budgetBytes: 150_000, hostsInUse: () => new Set([NOW]), now: () => clock });
    await store.load();
    store.put(bigRecord(OLD, T, 100_000));
    await store.flush();
    // NTP, a machine resumed: the clock goes back an hour; the visitor now browses NOW (open in a tab), OLD's tab is closed.
    clock = T - 3_600_000 + 60_000;
    store.put(bigRecord(NOW, clock, 100_000));
    await store.flush();
    expect(evictedHosts(session)).toEqual([OLD]);
    expect(Object.keys(storedRecord(session, NOW).cookies)).toHaveLength(1);
  });

  it('keeps that order across a restart of the worker; a record of an earlier version, with no place in it, ranks oldest', async () => {
    const T = 1_780_000_000_000;
    const EARLIER = 'earlier.opendatasoft.com';
    const FIRST = 'first.opendatasoft.com';
    const SECOND = 'second.opendatasoft.com';
    const NEXT = 'next.opendatasoft.com';
    // A record an earlier version wrote, active last by the clock.
    const session = newSession({ [siteKey('0', EARLIER)]: JSON.stringify(bigRecord(EARLIER, T + 1000, 60_000)) }, 'chrome');
    const before = createSiteStore(session, 5, { budgetBytes: 400_000 });
    await before.load();
    before.put(bigRecord(FIRST, T, 60_000));
    // The clock set back an hour between the two sites' writes.
    before.put(bigRecord(SECOND, T - 3_600_000, 60_000));
    await before.flush();
    expect(evictedHosts(session)).toEqual([]);
    // A new worker, with less room: one more site makes two go.
    const after = createSiteStore(session, 5, { budgetBytes: 150_000 });
    await after.load();
    after.put(bigRecord(NEXT, T - 3_600_000 + 1000, 60_000));
    await after.flush();
    expect(evictedHosts(session).sort()).toEqual([EARLIER, FIRST].sort());
    expect(Object.keys(storedRecord(session, SECOND).cookies)).toHaveLength(1);
  });

  it('weighs how recently each site was active after reading the live charters: a site active meanwhile is not dropped', async () => {
    // A live charter in storage: making room reads it (is it stale?), a round trip to the browser
    // during which cookie events keep coming.
    const session = newSession({ 'charter:data.tco.re': '{"fetchedAt":0}' }, 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 250_000, now: () => 50 });
    await store.load();
    store.put(bigRecord('back.opendatasoft.com', 10, 100_000));
    store.put(bigRecord('other.opendatasoft.com', 20, 100_000));
    await store.flush();
    const read = session.read.bind(session);
    let comesBack = () => {};
    session.read = async (keys) => {
      const values = await read(keys);
      if (keys?.includes('charter:data.tco.re')) comesBack();
      return values;
    };
    // The user goes back to the least recently active site just as the next write makes room.
    comesBack = () => {
      comesBack = () => {};
      const site = store.get('0', 'back.opendatasoft.com');
      recordCookieChange(site, browserCookie({ name: 'back_again', domain: 'back.opendatasoft.com' }), false, 40);
      store.put(site);
    };
    store.put(bigRecord('new.opendatasoft.com', 30, 100_000));
    await store.flush();
    await store.flush();
    // The site now most recently active keeps its record and the cookie just seen; the next oldest goes.
    expect(evictedHosts(session)).toEqual(['other.opendatasoft.com']);
    expect(Object.keys(store.get('0', 'back.opendatasoft.com').cookies)).toHaveLength(2);
    expect(Object.keys(storedRecord(session, 'back.opendatasoft.com').cookies)).toHaveLength(2);
    expect(session.bytesInUse()).toBeLessThanOrEqual(250_000);
  });

  /** What eviction left of 40 old sites, `gone-0` the oldest. */
  const oldStubs = () =>
    Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => {
        const host = `gone-${i}.opendatasoft.com`;
        return [siteKey('0', host), JSON.stringify(evictedRecord(bigRecord(host, i, 2000), i))];
      }),
    );

  it('as a last resort deletes what eviction left of old sites', async () => {
    const session = newSession(oldStubs(), 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 8_000 });
    await store.load();
    store.put(recordWithEvents('data.tco.re'));
    await store.flush();
    expect(session.bytesInUse()).toBeLessThanOrEqual(8_000);
    expect(session.data[siteKey('0', 'gone-0.opendatasoft.com')]).toBeUndefined();
    expect(session.data[siteKey('0', 'gone-39.opendatasoft.com')]).toBeDefined();
    expect(store.hosts().has('gone-0.opendatasoft.com')).toBe(false);
    expect(Object.keys(storedRecord(session, 'data.tco.re').cookies)).toHaveLength(1);
  });

  it('deletes what eviction left oldest dropped first, whatever order storage lists it in', async () => {
    // Listed newest dropped first; a marker's only time is when its record was dropped.
    const session = newSession(Object.fromEntries(Object.entries(oldStubs()).reverse()), 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 8_000 });
    await store.load();
    store.put(recordWithEvents('data.tco.re'));
    await store.flush();
    const left = Object.keys(session.data).filter((key) => key.startsWith('site:0|gone-'));
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(40);
    // Exactly the markers dropped last are kept.
    expect(left.sort()).toEqual(
      Array.from({ length: left.length }, (_, i) => siteKey('0', `gone-${40 - left.length + i}.opendatasoft.com`)).sort(),
    );
  });

  it('keeps what eviction left of a site when the site records a cookie while that is being deleted', async () => {
    const session = newSession(oldStubs(), 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 8_000 });
    await store.load();
    const remove = session.remove.bind(session);
    let comesBack = () => {};
    session.remove = async (keys) => {
      await remove(keys);
      comesBack();
    };
    comesBack = () => {
      comesBack = () => {};
      const site = store.get('0', 'gone-0.opendatasoft.com');
      recordCookieChange(site, browserCookie({ name: 'back_again', domain: 'gone-0.opendatasoft.com' }), false, 100);
      store.put(site);
    };
    store.put(recordWithEvents('data.tco.re'));
    await store.flush();
    await store.flush();
    // Deleted to make room, then recorded again: the record stays, and is written again.
    expect(store.hosts().has('gone-0.opendatasoft.com')).toBe(true);
    expect(Object.keys(store.get('0', 'gone-0.opendatasoft.com').cookies)).toHaveLength(1);
    expect(Object.keys(storedRecord(session, 'gone-0.opendatasoft.com').cookies)).toHaveLength(1);
  });

  it('after a refused write, tries again with each record as it is now: a cookie recorded meanwhile is kept, a record dropped stays dropped', async () => {
    const session = newSession({}, 'chrome');
    const write = session.write.bind(session);
    let refuse: (() => void) | null = null;
    session.write = async (items) => {
      if (!refuse) return write(items);
      refuse();
      refuse = null;
      throw new Error('storage unavailable');
    };
    const store = createSiteStore(session, 5, { budgetBytes: 250_000, retryDelayMs: 10 });
    await store.load();
    store.put(bigRecord('old.opendatasoft.com', 10, 100_000));
    store.put(bigRecord('back.opendatasoft.com', 20, 100_000));
    await store.flush();
    // The old site's record changes, then a new site's comes: both older ones go to make room.
    const old = store.get('0', 'old.opendatasoft.com');
    recordCookieChange(old, browserCookie({ name: 'late', domain: 'old.opendatasoft.com' }), false, 21);
    store.put(old);
    store.put(bigRecord('new.opendatasoft.com', 30, 160_000));
    // While the write is under way, the user goes back to a site just dropped.
    refuse = () => {
      const site = store.get('0', 'back.opendatasoft.com');
      recordCookieChange(site, browserCookie({ name: 'back_again', domain: 'back.opendatasoft.com' }), false, 40);
      store.put(site);
    };
    await store.flush();
    expect(store.status().unsavedSince).not.toBeNull();
    await vi.waitFor(() => expect(store.status().unsavedSince).toBeNull());
    expect(Object.keys(storedRecord(session, 'back.opendatasoft.com').cookies)).toEqual(
      Object.keys(store.get('0', 'back.opendatasoft.com').cookies),
    );
    expect(Object.keys(storedRecord(session, 'back.opendatasoft.com').cookies)).toHaveLength(1);
    expect(evictedHosts(session)).toContain('old.opendatasoft.com');
    expect(storedRecord(session, 'old.opendatasoft.com').cookies).toEqual({});
  });

  it('answers a key storage does not hold without asking it, once it has listed what storage holds', async () => {
    const session = newSession({ 'charter:itie.opendatasoft.com': '{"rows":1}' });
    const store = createSiteStore(session, 5);
    // Before the keys are listed, storage is asked.
    expect(await store.area.read(['network:3'])).toEqual({});
    expect(session.reads.at(-1)).toEqual(['network:3']);
    await store.load();
    const readsAtLoad = session.reads.length;
    expect(await store.area.read(['network:3', 'run:0|data.tco.re'])).toEqual({});
    expect(session.reads).toHaveLength(readsAtLoad);
    // A key storage holds is read, and only the keys it may hold are asked for.
    expect(await store.area.read(['charter:itie.opendatasoft.com', 'network:3'])).toEqual({
      'charter:itie.opendatasoft.com': '{"rows":1}',
    });
    expect(session.reads.at(-1)).toEqual(['charter:itie.opendatasoft.com']);
    // Written through the store: read from storage; removed: not asked for again.
    await store.area.write({ 'network:3': '{}' });
    expect(await store.area.read(['network:3'])).toEqual({ 'network:3': '{}' });
    await store.area.remove(['network:3']);
    const readsAfterRemoval = session.reads.length;
    expect(await store.area.read(['network:3'])).toEqual({});
    expect(session.reads).toHaveLength(readsAfterRemoval);
    // Every key: always storage's answer.
    expect(Object.keys(await store.area.read(null))).toContain('charter:itie.opendatasoft.com');
  });

  it('asks storage for a key while its first write is under way, as the browser may already hold it', async () => {
    const session = newSession();
    const write = session.write.bind(session);
    let called!: () => void;
    const writeCalled = new Promise<void>((resolve) => (called = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    // As the browser does: the write is applied in call order, its answer comes later.
    session.write = async (items) => {
      await write(items);
      called();
      await answered;
    };
    const store = createSiteStore(session, 5);
    await store.load();
    const writing = store.area.write({ 'network:3': '{}' });
    await writeCalled;
    expect(await store.area.read(['network:3'])).toEqual({ 'network:3': '{}' });
    answer();
    await writing;
    expect(await store.area.read(['network:3'])).toEqual({ 'network:3': '{}' });
  });

  it('asks storage for the keys of a write that failed: storage may hold part of it', async () => {
    const session = newSession();
    const write = session.write.bind(session);
    let failures = 1;
    session.write = async (items) => {
      await write(items);
      if (failures-- > 0) throw new Error('storage failed after writing');
    };
    // The store reports the failed write (console.error): expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const store = createSiteStore(session, 5, { retryDelayMs: 10 });
      await store.load();
      await expect(store.area.write({ 'network:3': '{}' })).rejects.toThrow('storage failed after writing');
      expect(await store.area.read(['network:3'])).toEqual({ 'network:3': '{}' });
      expect(session.reads.at(-1)).toEqual(['network:3']);
    } finally {
      quiet.mockRestore();
    }
  });

  it('counts other state (live charters) in the same budget', async () => {
    const session = newSession({}, 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 300_000 });
    await store.load();
    store.put(bigRecord('old.opendatasoft.com', 1, 100_000));
    store.put(bigRecord('new.opendatasoft.com', 2, 100_000));
    await store.flush();
    await store.area.write({ 'charter:data.tco.re': 'c'.repeat(150_000) });
    expect(evictedHosts(session)).toEqual(['old.opendatasoft.com']);
    expect(session.data['charter:data.tco.re']).toHaveLength(150_000);
  });

  it('refuses a write of other state larger than the budget by itself before dropping anything, and writes the records queued with it', async () => {
    const session = newSession({}, 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 300_000, now: () => 50, retryDelayMs: 1 });
    await store.load();
    store.put(bigRecord('old.opendatasoft.com', 1, 100_000));
    store.put(bigRecord('new.opendatasoft.com', 2, 100_000));
    await store.flush();
    const run = consentRunItem('0', 'old.opendatasoft.com').key;
    await store.area.write({ [run]: 'r'.repeat(20_000) });
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      // Queued when the charter is written: they go in the same write.
      store.put(recordWithEvents('queued.opendatasoft.com'));
      const refused = store.area.write({ 'charter:data.tco.re': 'c'.repeat(310_000) });
      await expect(refused).rejects.toThrow(WriteTooLargeError);
      await expect(refused).rejects.toMatchObject({ limitBytes: 300_000 });
      expect(evictedHosts(session)).toEqual([]);
      expect(session.data[run]).toHaveLength(20_000);
      expect(session.data['charter:data.tco.re']).toBeUndefined();
      expect(store.status()).toMatchObject({ sitesDropped: 0, lastDropAt: null });
      // The records queued with it are written at the retry, without it.
      await vi.waitFor(() => expect(session.data[siteKey('0', 'queued.opendatasoft.com')]).toBeDefined());
      expect(store.status().unsavedSince).toBeNull();
      expect(evictedHosts(session)).toEqual([]);
    } finally {
      quiet.mockRestore();
    }
  });

  /** A session whose first write waits for `release`: callers' writes meanwhile go out together in the next one. */
  function slowFirstWrite(session: ReturnType<typeof newSession>) {
    const write = session.write.bind(session);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    session.write = async (items) => {
      if (first) {
        first = false;
        await held;
      }
      return write(items);
    };
    return () => release();
  }

  /** A store of a 300 kB budget whose first write (a site's record) is under way: writes made meanwhile are batched into the next. */
  async function behindASlowWrite() {
    const session = newSession({}, 'chrome');
    const release = slowFirstWrite(session);
    const store = createSiteStore(session, 0, { budgetBytes: 300_000 });
    await store.load();
    store.put(recordWithEvents('a.opendatasoft.com'));
    const under = store.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { session, release, store, under };
  }

  it('writes other state of several callers batched into one write, each within the budget, though together past it', async () => {
    const { session, release, store, under } = await behindASlowWrite();
    const writes = ['a', 'b'].map((name) => store.area.write({ [`charter:${name}.opendatasoft.com`]: name.repeat(160_000) }));
    release();
    await under;
    expect(await Promise.allSettled(writes)).toEqual([
      { status: 'fulfilled', value: undefined },
      { status: 'fulfilled', value: undefined },
    ]);
    expect(session.data['charter:a.opendatasoft.com']).toHaveLength(160_000);
    expect(session.data['charter:b.opendatasoft.com']).toHaveLength(160_000);
  });

  it('refuses only the item larger than the budget by itself: the writes of other callers batched with it are written', async () => {
    const { session, release, store, under } = await behindASlowWrite();
    const run = consentRunItem('0', 'a.opendatasoft.com').key;
    const refused = store.area.write({ 'charter:data.tco.re': 'c'.repeat(310_000) });
    // Within the budget each, past it together: written, room made for them as for any write.
    const charters = ['b', 'c'].map((name) => store.area.write({ [`charter:${name}.opendatasoft.com`]: name.repeat(160_000) }));
    const kept = store.area.write({ [run]: 'a run of a few hundred bytes' });
    release();
    await under;
    await expect(refused).rejects.toThrow(WriteTooLargeError);
    await expect(refused).rejects.toMatchObject({ limitBytes: 300_000 });
    expect(await Promise.allSettled([...charters, kept])).toEqual(Array(3).fill({ status: 'fulfilled', value: undefined }));
    expect(session.data['charter:b.opendatasoft.com']).toHaveLength(160_000);
    expect(session.data['charter:c.opendatasoft.com']).toHaveLength(160_000);
    expect(session.data[run]).toBe('a run of a few hundred bytes');
    expect(session.data['charter:data.tco.re']).toBeUndefined();
    expect(store.status()).toEqual({ sitesDropped: 0, lastDropAt: null, unsavedSince: null });
  });

  it('drops live charters read over a day ago, then kept runs, of sites not open in a tab, before any site’s record', async () => {
    const DAY_MS = 86_400_000;
    const session = newSession({}, 'chrome');
    const removed: string[][] = [];
    const store = createSiteStore(session, 5, {
      budgetBytes: 500_000,
      hostsInUse: () => new Set(['open.opendatasoft.com']),
      now: () => 10 * DAY_MS,
      onRemoved: (keys) => void removed.push([...keys]),
    });
    await store.load();
    const charter = (host: string, fetchedAt: number, bytes: number) =>
      JSON.stringify({
        host,
        fetchedAt,
        url: null,
        charter: { portal: null, language: 'fr', entries: [], pad: 'c'.repeat(bytes) },
        problem: null,
      });
    store.put(bigRecord('old.opendatasoft.com', 1, 100_000));
    store.put(bigRecord('open.opendatasoft.com', 2, 100_000));
    await store.flush();
    await store.area.write({
      [consentRunItem('0', 'old.opendatasoft.com').key]: 'r'.repeat(100_000),
      [consentRunItem('0', 'open.opendatasoft.com').key]: 'r'.repeat(100_000),
      'charter:stale.opendatasoft.com': charter('stale.opendatasoft.com', 0, 30_000),
      'charter:fresh.opendatasoft.com': charter('fresh.opendatasoft.com', 10 * DAY_MS - 1000, 30_000),
    });
    const oldPage = pageKey('0', 'old.opendatasoft.com');
    store.putPage(oldPage, '0', 'old.opendatasoft.com', store.revision('0', 'old.opendatasoft.com'), store.pageTicket(), '{"page":1}');
    await store.flush();
    expect(session.data[oldPage]).toBe('{"page":1}');
    // A third busy site: 100 kB more than storage may hold.
    store.put(bigRecord('new.opendatasoft.com', 3, 100_000));
    await store.flush();
    expect(evictedHosts(session)).toEqual([]);
    expect(removed).toEqual([['charter:stale.opendatasoft.com', consentRunItem('0', 'old.opendatasoft.com').key]]);
    expect(Object.keys(session.data).filter((key) => !key.startsWith('site:'))).toEqual(
      expect.arrayContaining([consentRunItem('0', 'open.opendatasoft.com').key, 'charter:fresh.opendatasoft.com']),
    );
    expect(session.data[consentRunItem('0', 'old.opendatasoft.com').key]).toBeUndefined();
    expect(session.data['charter:stale.opendatasoft.com']).toBeUndefined();
    // The run dropped counts as a site's record dropped; its site's page, which showed it, is deleted with it.
    expect(store.status()).toMatchObject({ sitesDropped: 1, lastDropAt: 10 * DAY_MS, unsavedSince: null });
    expect(session.data).not.toHaveProperty(oldPage);
    expect(session.bytesInUse()).toBeLessThanOrEqual(500_000);
  });

  it('drops a live charter record of another shape, as one it cannot read, when making room (its time no number: never "read over a day ago")', async () => {
    const session = newSession({}, 'chrome');
    const removed: string[][] = [];
    const store = createSiteStore(session, 5, { budgetBytes: 250_000, now: () => 10, onRemoved: (keys) => void removed.push([...keys]) });
    await store.load();
    store.put(bigRecord('old.opendatasoft.com', 1, 100_000));
    await store.flush();
    await store.area.write({ 'charter:odd.opendatasoft.com': JSON.stringify({ fetchedAt: 'yesterday', pad: 'c'.repeat(60_000) }) });
    store.put(bigRecord('new.opendatasoft.com', 2, 100_000));
    await store.flush();
    expect(removed).toEqual([['charter:odd.opendatasoft.com']]);
    expect(evictedHosts(session)).toEqual([]);
  });

  it('drops a live charter record dated after now when making room, as isStale reads it again (a clock set back)', async () => {
    const DAY_MS = 86_400_000;
    const session = newSession({}, 'chrome');
    const removed: string[][] = [];
    const store = createSiteStore(session, 5, {
      budgetBytes: 250_000,
      now: () => DAY_MS,
      onRemoved: (keys) => void removed.push([...keys]),
    });
    await store.load();
    store.put(bigRecord('old.opendatasoft.com', 1, 100_000));
    await store.flush();
    const ahead = {
      host: 'ahead.opendatasoft.com',
      fetchedAt: 4 * DAY_MS,
      url: null,
      charter: null,
      problem: null,
      pad: 'c'.repeat(60_000),
    };
    await store.area.write({ 'charter:ahead.opendatasoft.com': JSON.stringify(ahead) });
    store.put(bigRecord('new.opendatasoft.com', 2, 100_000));
    await store.flush();
    expect(removed).toEqual([['charter:ahead.opendatasoft.com']]);
    expect(evictedHosts(session)).toEqual([]);
  });

  it('counts a site once when the same write drops its kept run and then its record', async () => {
    const session = newSession({}, 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 300_000, now: () => 50 });
    await store.load();
    store.put(bigRecord('old.opendatasoft.com', 1, 100_000));
    await store.flush();
    const run = consentRunItem('0', 'old.opendatasoft.com').key;
    await store.area.write({ [run]: 'r'.repeat(50_000) });
    // A busy site: dropping the old site's run is not room enough, its record goes too.
    store.put(bigRecord('new.opendatasoft.com', 2, 220_000));
    await store.flush();
    expect(session.data[run]).toBeUndefined();
    expect(evictedHosts(session)).toEqual(['old.opendatasoft.com']);
    expect(store.status()).toMatchObject({ sitesDropped: 1, lastDropAt: 50 });
    expect(JSON.parse(session.data['storage:ledger'] as string)).toMatchObject({ sitesDropped: 1 });
  });

  it('reports a write of other state storage refuses, then writes what comes after it: one refused run blocks nothing', async () => {
    const session = newSession({}, 'chrome');
    const store = createSiteStore(session, 5, { now: () => 7, retryDelayMs: 1e9 });
    await store.load();
    store.put(recordWithEvents('a.opendatasoft.com'));
    await store.flush();
    // More than storage holds at all.
    const run = consentRunItem('0', 'a.opendatasoft.com').key;
    await expect(store.area.write({ [run]: 'r'.repeat(11_000_000) })).rejects.toThrow(WriteTooLargeError);
    // Its caller has the error, and it is not kept to be tried again: nothing is left unsaved.
    expect(store.status().unsavedSince).toBeNull();
    store.put(recordWithEvents('small.opendatasoft.com'));
    await store.flush();
    expect(session.data[siteKey('0', 'small.opendatasoft.com')]).toBeDefined();
    expect(session.data[run]).toBeUndefined();
    expect(store.status().unsavedSince).toBeNull();
  });

  it('removes other state after the writes queued before, and stops counting it', async () => {
    const session = newSession({}, 'chrome');
    const store = createSiteStore(session, 5, { budgetBytes: 300_000 });
    await store.load();
    await store.area.write({ 'network:3': 'n'.repeat(150_000) });
    const writing = store.area.write({ 'network:3': 'm'.repeat(150_000) });
    await store.area.remove(['network:3']);
    await writing;
    expect(session.data['network:3']).toBeUndefined();
    // Its bytes no longer count: two records of 100 kB fit again without evicting either.
    store.put(bigRecord('old.opendatasoft.com', 1, 100_000));
    store.put(bigRecord('new.opendatasoft.com', 2, 100_000));
    await store.flush();
    expect(evictedHosts(session)).toEqual([]);
  });
});

describe('site store reading records on demand (storage lists its keys)', () => {
  const tco = siteKey('0', 'data.tco.re');
  const itie = siteKey('0', 'itie.opendatasoft.com');
  const stored = () => ({
    [tco]: JSON.stringify(recordWithEvents('data.tco.re')),
    [itie]: JSON.stringify(recordWithEvents('itie.opendatasoft.com')),
  });

  it('reads no record at wake: keys, the ledger and the write counter only, the hosts known from the keys', async () => {
    const session = fakeSession({ ...stored(), 'storage:ledger': JSON.stringify({ sitesDropped: 3, lastDropAt: 9 }) });
    const store = createSiteStore(session, 5);
    await store.load();
    expect(session.reads).toEqual([['storage:ledger', 'storage:sequence']]);
    expect([...store.hosts()].sort()).toEqual(['data.tco.re', 'itie.opendatasoft.com']);
    expect(store.status()).toEqual({ sitesDropped: 3, lastDropAt: 9, unsavedSince: null });
    // Not read yet: never taken for an empty record (a change would write over it).
    expect(() => store.get('0', 'data.tco.re')).toThrow(/not read yet/);
    expect(() => store.all()).toThrow(/not read yet/);
    // A site without a record needs no read.
    expect(store.open([siteKey('0', 'example.org')])).toBeNull();
    expect(store.get('0', 'example.org')).toEqual(emptySite('example.org', '0'));
  });

  it('reads a record once, when first opened: needs meanwhile share the read', async () => {
    const session = fakeSession(stored());
    const store = createSiteStore(session, 5);
    await store.load();
    store.markRestart(42);
    const first = store.open([tco]);
    const second = store.open([tco, tco]);
    expect(first).not.toBeNull();
    await Promise.all([first, second]);
    expect(session.reads.slice(1)).toEqual([[tco]]);
    expect(store.open([tco])).toBeNull();
    // Read after the restart: it gets the marker as it is read.
    expect(store.get('0', 'data.tco.re').timeline.at(-1)).toEqual({ type: 'worker-restart', at: 42 });
    // The other record is still unread.
    expect(() => store.get('0', 'itie.opendatasoft.com')).toThrow(/not read yet/);
    await store.openAll();
    expect(session.reads.slice(1)).toEqual([[tco], [itie]]);
    expect(
      store
        .all()
        .map((site) => site.host)
        .sort(),
    ).toEqual(['data.tco.re', 'itie.opendatasoft.com']);
  });

  it('keeps a record put while its read is under way, and drops one gone from storage', async () => {
    const session = fakeSession(stored());
    const store = createSiteStore(session, 5);
    await store.load();
    // Removed by another writer since the wake.
    delete session.data[itie];
    const reading = store.open([tco, itie]);
    // Started afresh meanwhile (a cleared site): newer than what the read brings.
    store.put(emptySite('data.tco.re', '0'));
    await reading;
    expect(store.get('0', 'data.tco.re').timeline).toEqual([]);
    expect(store.hosts().has('itie.opendatasoft.com')).toBe(false);
    expect(store.get('0', 'itie.opendatasoft.com')).toEqual(emptySite('itie.opendatasoft.com', '0'));
  });

  it('a read that fails leaves the record unread, and the next need reads it again', async () => {
    const session = fakeSession(stored());
    const read = session.read.bind(session);
    let failing = true;
    session.read = async (keys) => (failing && keys?.includes(tco) ? Promise.reject(new Error('storage unavailable')) : read(keys));
    const store = createSiteStore(session, 5);
    await store.load();
    await expect(store.open([tco])).rejects.toThrow('storage unavailable');
    expect(() => store.get('0', 'data.tco.re')).toThrow(/not read yet/);
    failing = false;
    await store.open([tco]);
    expect(Object.keys(store.get('0', 'data.tco.re').cookies)).toHaveLength(1);
  });

  it('counts what it did not read at the first write after a wake: records it never opened are weighed, and dropped for room', async () => {
    const session = fakeSession({}, 'chrome');
    const first = createSiteStore(session, 5, { budgetBytes: 250_000 });
    await first.load();
    first.put(bigRecord('a.opendatasoft.com', 100, 100_000));
    first.put(bigRecord('b.opendatasoft.com', 101, 100_000));
    await first.flush();
    expect(evictedHosts(session)).toEqual([]);

    // The worker wakes: nothing read but the keys, then one new site's record is written.
    const woken = createSiteStore(session, 5, { budgetBytes: 250_000 });
    await woken.load();
    woken.put(bigRecord('c.opendatasoft.com', 102, 100_000));
    await woken.flush();
    // Counted as 0 bytes, the two records would stay and storage would pass the budget.
    expect(session.bytesInUse()).toBeLessThanOrEqual(250_000);
    expect(evictedHosts(session)).toEqual(['a.opendatasoft.com']);
    expect(woken.status().sitesDropped).toBe(1);
    expect(woken.get('0', 'a.opendatasoft.com').cookies).toEqual({});
  });
});

describe.each(MODES)('site store keeping first pages beside their records ($mode)', ({ listsKeys }) => {
  const tcoPage = pageKey(undefined, 'data.tco.re');
  const itiePage = pageKey(undefined, 'itie.opendatasoft.com');
  /** A store, its session, and the items of each write call. */
  async function setUp(data: Record<string, unknown> = {}, options: Parameters<typeof createSiteStore>[2] = {}) {
    const session = fakeSession(data, undefined, { listsKeys });
    const writes: Record<string, unknown>[] = [];
    const write = session.write.bind(session);
    session.write = async (items) => {
      writes.push(items);
      await write(items);
    };
    const store = createSiteStore(session, 5, options);
    await store.load();
    return { session, writes, store };
  }
  /** Puts a page built from the site's record as it is now. */
  const keepPage = (store: ReturnType<typeof createSiteStore>, key: string, host: string, text: string) =>
    store.putPage(key, '0', host, store.revision('0', host), store.pageTicket(), text);

  it('writes a page with the record it was built from, and replaces it by "" in the write of the record’s next change', async () => {
    const { session, writes, store } = await setUp();
    const site = recordWithEvents('data.tco.re');
    store.put(site);
    keepPage(store, tcoPage, 'data.tco.re', '{"kind":"report"}');
    expect(store.hasPage(tcoPage, '0', 'data.tco.re', store.revision('0', 'data.tco.re'))).toBe(true);
    await store.flush();
    // One write: the record and its page together (and the write counter).
    expect(writes).toHaveLength(1);
    expect(Object.keys(writes[0]!).sort()).toEqual([tcoPage, siteKey('0', 'data.tco.re'), sequenceItem.key].sort());
    expect(session.data[tcoPage]).toBe('{"kind":"report"}');

    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 2);
    store.put(site);
    expect(store.hasPage(tcoPage, '0', 'data.tco.re', store.revision('0', 'data.tco.re'))).toBe(false);
    await store.flush();
    // Never a moment with the new record and the old page: both in one write.
    expect(writes).toHaveLength(2);
    expect(writes[1]![tcoPage]).toBe('');
    expect(typeof writes[1]![siteKey('0', 'data.tco.re')]).toBe('string');
    expect(session.data[tcoPage]).toBe('');
  });

  it('drops a page built from a record that changed since, or across a change of what else it is built from', async () => {
    const { session, store } = await setUp();
    const site = recordWithEvents('data.tco.re');
    store.put(site);
    await store.flush();
    const revision = store.revision('0', 'data.tco.re');
    const ticket = store.pageTicket();
    // The record changes while the page is built.
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 2);
    store.put(site);
    store.putPage(tcoPage, '0', 'data.tco.re', revision, ticket, '{"old":true}');
    await store.flush();
    expect(session.data[tcoPage]).toBeUndefined();

    // The site's live charter is stored while a page is built.
    const before = store.pageTicket();
    const charterWrite = store.area.write({ 'charter:data.tco.re': '{}' });
    // While that write is under way, no page is kept at all.
    expect(store.pageTicket()).toBe(-1);
    keepPage(store, tcoPage, 'data.tco.re', '{"during":true}');
    await charterWrite;
    store.putPage(tcoPage, '0', 'data.tco.re', store.revision('0', 'data.tco.re'), before, '{"across":true}');
    await store.flush();
    expect(session.data[tcoPage]).toBeUndefined();
    // Built after: kept.
    keepPage(store, tcoPage, 'data.tco.re', '{"after":true}');
    await store.flush();
    expect(session.data[tcoPage]).toBe('{"after":true}');
  });

  it('retires a site’s pages in the write of its live charter or kept run, and removes them with its run', async () => {
    const { session, writes, store } = await setUp();
    store.put(recordWithEvents('data.tco.re'));
    store.put(recordWithEvents('itie.opendatasoft.com'));
    keepPage(store, tcoPage, 'data.tco.re', '{"tco":1}');
    keepPage(store, itiePage, 'itie.opendatasoft.com', '{"itie":1}');
    await store.flush();
    await store.area.write({ 'charter:data.tco.re': '{}' });
    expect(writes.at(-1)).toEqual({ 'charter:data.tco.re': '{}', [tcoPage]: '' });
    // Another site's page stays.
    expect(session.data[itiePage]).toBe('{"itie":1}');
    await store.area.write({ [`run:0|itie.opendatasoft.com`]: '{}' });
    expect(writes.at(-1)).toEqual({ 'run:0|itie.opendatasoft.com': '{}', [itiePage]: '' });

    keepPage(store, itiePage, 'itie.opendatasoft.com', '{"itie":2}');
    await store.flush();
    await store.area.remove(['run:0|itie.opendatasoft.com']);
    expect(session.data).not.toHaveProperty(itiePage);
    // Other state names no site: no page is touched.
    keepPage(store, tcoPage, 'data.tco.re', '{"tco":2}');
    await store.flush();
    await store.area.write({ 'network:3': '{}' });
    expect(session.data[tcoPage]).toBe('{"tco":2}');
  });

  it('still retires a site’s page when the write of its kept run is refused: its record’s next change replaces it', async () => {
    const { session, store } = await setUp({}, { retryDelayMs: 1e9 });
    const site = recordWithEvents('data.tco.re');
    store.put(site);
    keepPage(store, tcoPage, 'data.tco.re', '{"tco":1}');
    await store.flush();
    const write = session.write.bind(session);
    session.write = async (items) => {
      if ('run:0|data.tco.re' in items) throw new Error('refused');
      await write(items);
    };
    await expect(store.area.write({ 'run:0|data.tco.re': '{}' })).rejects.toThrow('refused');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 2);
    store.put(site);
    await store.flush();
    // Never the new record beside the page of the old one.
    expect(session.data[tcoPage]).toBe('');
    expect(session.data).not.toHaveProperty('run:0|data.tco.re');
  });

  it('tells which pages it retired, so they can be built again', async () => {
    const retired: string[] = [];
    const { store } = await setUp({}, { onPageRetired: (key) => retired.push(key) });
    const site = recordWithEvents('data.tco.re');
    store.put(site);
    keepPage(store, tcoPage, 'data.tco.re', '{"tco":1}');
    await store.flush();
    expect(retired).toEqual([]);
    store.put(site);
    await store.flush();
    expect(retired).toEqual([tcoPage]);
    // Already retired: not told again.
    store.put(site);
    await store.flush();
    expect(retired).toEqual([tcoPage]);
  });

  it('tells of a page it could not keep, built across a change, so it is built again', async () => {
    const retired: string[] = [];
    const { session, store } = await setUp({}, { onPageRetired: (key) => retired.push(key) });
    const site = recordWithEvents('data.tco.re');
    store.put(site);
    await store.flush();
    // Built from a record that changed since.
    const revision = store.revision('0', 'data.tco.re');
    store.put(site);
    store.putPage(tcoPage, '0', 'data.tco.re', revision, store.pageTicket(), '{"old":true}');
    expect(retired).toEqual([tcoPage]);
    // Built while a write that retires pages was under way.
    const charterWrite = store.area.write({ 'charter:data.tco.re': '{}' });
    keepPage(store, tcoPage, 'data.tco.re', '{"during":true}');
    await charterWrite;
    await store.flush();
    expect(retired).toEqual([tcoPage, tcoPage]);
    expect(session.data[tcoPage]).toBeUndefined();
    // Kept: nothing to tell.
    keepPage(store, tcoPage, 'data.tco.re', '{"after":true}');
    await store.flush();
    expect(retired).toEqual([tcoPage, tcoPage]);
    expect(session.data[tcoPage]).toBe('{"after":true}');
  });

  it('keeps no page while changes could not be saved (it would still say so once they are), and tells of it then, to be built again', async () => {
    const retired: string[] = [];
    const { session, store } = await setUp({}, { now: () => 7, retryDelayMs: 1e9, onPageRetired: (key) => retired.push(key) });
    const write = session.write.bind(session);
    let refuse = true;
    session.write = async (items) => {
      if (refuse) throw new Error('storage unavailable');
      await write(items);
    };
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    store.put(recordWithEvents('data.tco.re'));
    await store.flush();
    expect(store.status().unsavedSince).toBe(7);
    // A popup opens meanwhile: its page says the changes since 7 could not be saved.
    keepPage(store, tcoPage, 'data.tco.re', '{"unsavedSince":7}');
    // Another is built meanwhile, and handed over only once they are.
    const [revision, ticket] = [store.revision('0', 'data.tco.re'), store.pageTicket()];
    refuse = false;
    await store.flush();
    quiet.mockRestore();
    expect(store.status().unsavedSince).toBeNull();
    // The write that saved them did not carry the page (the worker's own answer says null now).
    expect(session.data).not.toHaveProperty(tcoPage);
    expect(store.hasPage(tcoPage, '0', 'data.tco.re', store.revision('0', 'data.tco.re'))).toBe(false);
    expect(retired).toEqual([tcoPage]);
    store.putPage(tcoPage, '0', 'data.tco.re', revision, ticket, '{"unsavedSince":7}');
    await store.flush();
    expect(session.data).not.toHaveProperty(tcoPage);
    expect(retired).toEqual([tcoPage, tcoPage]);
    // Built now: kept.
    keepPage(store, tcoPage, 'data.tco.re', '{"unsavedSince":null}');
    await store.flush();
    expect(session.data[tcoPage]).toBe('{"unsavedSince":null}');
  });

  it('retires every page at once (host access changed)', async () => {
    const { writes, store } = await setUp();
    store.put(recordWithEvents('data.tco.re'));
    store.put(recordWithEvents('itie.opendatasoft.com'));
    keepPage(store, tcoPage, 'data.tco.re', '{"tco":1}');
    keepPage(store, itiePage, 'itie.opendatasoft.com', '{"itie":1}');
    await store.flush();
    await store.retireAllPages();
    expect(writes.at(-1)).toEqual({ [tcoPage]: '', [itiePage]: '', [ledgerItem.key]: expect.any(String) });
    expect(store.hasPage(tcoPage, '0', 'data.tco.re', store.revision('0', 'data.tco.re'))).toBe(false);
  });

  it('counts each host access change in the ledger, which every open page asks for its site again on (a site granted or removed with no page or cookie of its own to write)', async () => {
    const { session, writes, store } = await setUp();
    await store.retireAllPages();
    const first = session.data[ledgerItem.key];
    expect(writes.at(-1)).toEqual({ [ledgerItem.key]: first });
    await store.retireAllPages();
    // A new value each time: storage.onChanged may not fire for a value written again as it was.
    expect(session.data[ledgerItem.key]).not.toEqual(first);
    // Nothing dropped: the notice of dropped sites does not show for it.
    expect(store.status()).toMatchObject({ sitesDropped: 0, lastDropAt: null });
    // A restarted worker counts on from the stored ledger.
    const restarted = createSiteStore(session, 5);
    await restarted.load();
    await restarted.retireAllPages();
    expect(ledgerItem.decode(session.data[ledgerItem.key])).toMatchObject({ accessChanges: 3 });
  });

  describe('when host access changes as the worker wakes (the permission event that woke it, heard before load() ends)', () => {
    const tco = siteKey('0', 'data.tco.re');
    /** What the last worker left: a record, its first page, and a ledger of sites dropped. */
    const leftByLastWorker = () => ({
      [tco]: JSON.stringify(recordWithEvents('data.tco.re')),
      [tcoPage]: '{"kind":"report","before":"access changed"}',
      [ledgerItem.key]: ledgerItem.encode({ sitesDropped: 2, lastDropAt: 1_000, accessChanges: 4 }),
    });
    /** storage.session as the browser runs it: each call handled in the order made, answered a round trip later. */
    function answeringLater(session: FakeSession): FakeSession {
      const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 3));
      const { read, write, remove, keys } = session;
      return {
        ...session,
        read: (wanted) => read(wanted).then(later),
        write: (items) => write(items).then(() => later(undefined)),
        remove: (removed) => remove(removed).then(() => later(undefined)),
        ...(keys ? { keys: () => keys().then(later) } : {}),
      };
    }

    it.each([
      { storage: 'answering in microtasks', slow: false },
      { storage: 'answering a round trip later', slow: true },
    ])('retires the stored pages and counts on from the stored ledger (storage $storage)', async ({ slow }) => {
      const session = fakeSession(leftByLastWorker(), undefined, { listsKeys });
      const store = createSiteStore(slow ? answeringLater(session) : session, 5);
      // index.ts: load() at the top of the worker, then the permissions listener, at once.
      const loading = store.load();
      const retiring = store.retireAllPages();
      await loading;
      await expect(retiring).resolves.toBeUndefined();
      await store.flush();
      // The next popup on a stopped worker would show this page first: for a site perhaps no longer accessible.
      expect(session.data[tcoPage]).toBe('');
      const stored = { sitesDropped: 2, lastDropAt: 1_000, accessChanges: 5 };
      expect(ledgerItem.decode(session.data[ledgerItem.key])).toMatchObject(stored);
      expect(store.status()).toMatchObject({ ...stored, unsavedSince: null });
      // The next wake reads what storage holds: "Older records dropped" still says 2 sites.
      const next = createSiteStore(session, 5);
      await next.load();
      expect(next.status()).toMatchObject(stored);
    });

    it('waits for a load() called again while the first is under way: the stored ledger read late does not undo the change counted', async () => {
      const session = fakeSession(leftByLastWorker(), undefined, { listsKeys });
      // Each read answered only when let go, in the order made.
      const held: Array<() => void> = [];
      const hold = <T>(value: T) => new Promise<T>((resolve) => held.push(() => resolve(value)));
      const { read, keys } = session;
      const store = createSiteStore(
        { ...session, read: (wanted) => read(wanted).then(hold), ...(keys ? { keys: () => keys().then(hold) } : {}) },
        5,
      );
      const settled = (promise: Promise<unknown>) => {
        let done = false;
        void promise.finally(() => (done = true)).catch(() => undefined);
        return () => done;
      };
      const letGoUntil = async (done: () => boolean) => {
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (done() || held.length === 0) return;
          held.shift()!();
        }
      };
      const first = store.load();
      const second = store.load();
      await letGoUntil(settled(first));
      await first;
      // The first load's end let this go on while the second still read storage as the last worker left
      // it: the ledger it read then set the count of access changes back (4), and pages did not ask again.
      const retiring = store.retireAllPages();
      await letGoUntil(settled(Promise.all([second, retiring])));
      await Promise.all([second, retiring]);
      await store.flush();
      const stored = { sitesDropped: 2, lastDropAt: 1_000, accessChanges: 5 };
      expect(store.status()).toMatchObject(stored);
      expect(ledgerItem.decode(session.data[ledgerItem.key])).toMatchObject(stored);
      expect(session.data[tcoPage]).toBe('');
    });
  });

  it('retires the pages a restarted worker finds, at their site’s next write', async () => {
    const tco = siteKey('0', 'data.tco.re');
    const { session, writes, store } = await setUp({ [tco]: JSON.stringify(recordWithEvents('data.tco.re')), [tcoPage]: '{"before":1}' });
    // Left as they are until something changes: they are the last worker's answers, retired with every change.
    await store.openAll();
    const site = store.get('0', 'data.tco.re');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 2);
    store.put(site);
    await store.flush();
    expect(writes.at(-1)![tcoPage]).toBe('');
    expect(session.data[tcoPage]).toBe('');
  });

  /** Six sites dropped before, each leaving an evicted marker (about 4 kB in all). */
  const sixMarkers = () =>
    Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => {
        const host = `gone-${i}.opendatasoft.com`;
        return [siteKey('0', host), JSON.stringify(evictedRecord(recordWithEvents(host), i))];
      }),
    );
  const [oldest, newest] = ['gone-0.opendatasoft.com', 'gone-5.opendatasoft.com'];
  const [oldestPage, newestPage] = [pageKey(undefined, oldest), pageKey(undefined, newest)];

  it('deletes the page of a site whose marker it deletes to make room in the same call: storage never holds the page without it', async () => {
    const retired: string[] = [];
    const { session, writes, store } = await setUp(sixMarkers(), { budgetBytes: 4_000, onPageRetired: (key) => retired.push(key) });
    await store.openAll();
    keepPage(store, oldestPage, oldest, '{"evicted":0}');
    keepPage(store, newestPage, newest, '{"evicted":5}');
    await store.flush();
    // After each storage call: is the oldest site's page there without its marker?
    const pageWithoutMarker: boolean[] = [];
    const look = () => pageWithoutMarker.push(!(siteKey('0', oldest) in session.data) && Boolean(session.data[oldestPage]));
    const [write, remove] = [session.write.bind(session), session.remove.bind(session)];
    session.write = async (items) => {
      await write(items);
      look();
    };
    session.remove = async (keys) => {
      await remove(keys);
      look();
    };
    store.put(bigRecord('data.tco.re', 9999, 2_000));
    await store.flush();
    // The oldest marker went, and its page with it; the newest's stays.
    expect(pageWithoutMarker).toEqual([false, false]);
    expect(session.data).not.toHaveProperty(siteKey('0', oldest));
    expect(session.data).not.toHaveProperty(oldestPage);
    expect(writes.at(-1)).not.toHaveProperty(oldestPage);
    expect(session.data).toHaveProperty(siteKey('0', newest));
    expect(session.data[newestPage]).toBe('{"evicted":5}');
    expect(retired).toEqual([oldestPage]);
    expect(store.hasPage(oldestPage, '0', oldest, store.revision('0', oldest))).toBe(false);
  });

  it('leaves no page of a marker it deleted to make room when the write after the deletion is refused', async () => {
    const { session, store } = await setUp(sixMarkers(), { budgetBytes: 4_000, retryDelayMs: 1e9 });
    await store.openAll();
    keepPage(store, oldestPage, oldest, '{"evicted":0}');
    await store.flush();
    const [write, remove] = [session.write.bind(session), session.remove.bind(session)];
    let refuse = false;
    session.remove = async (keys) => {
      await remove(keys);
      refuse = true;
    };
    session.write = async (items) => {
      if (refuse) throw new Error('storage unavailable');
      await write(items);
    };
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    store.put(bigRecord('data.tco.re', 9999, 2_000));
    await store.flush();
    quiet.mockRestore();
    expect(store.status().unsavedSince).not.toBeNull();
    expect(session.data).not.toHaveProperty(siteKey('0', oldest));
    // Until the retry, a popup on that site would show the site the worker no longer knows.
    expect(session.data).not.toHaveProperty(oldestPage);
  });

  it('deletes the page of a site whose stale live charter it deletes to make room in the same call', async () => {
    const DAY_MS = 86_400_000;
    const { session, store } = await setUp({}, { budgetBytes: 300_000, now: () => 10 * DAY_MS });
    store.put(bigRecord('data.tco.re', 1, 10_000));
    await store.flush();
    const charterKey = liveCharterItem('data.tco.re').key;
    const charter = {
      host: 'data.tco.re',
      fetchedAt: 0,
      url: null,
      charter: { portal: null, language: 'fr', entries: [], pad: 'c'.repeat(100_000) },
      problem: null,
    };
    await store.area.write({ [charterKey]: JSON.stringify(charter) });
    keepPage(store, tcoPage, 'data.tco.re', '{"charter":"read a week ago"}');
    await store.flush();
    const pageWithoutCharter: boolean[] = [];
    const remove = session.remove.bind(session);
    session.remove = async (keys) => {
      await remove(keys);
      pageWithoutCharter.push(!(charterKey in session.data) && Boolean(session.data[tcoPage]));
    };
    // Another busy site: more than storage may hold, unless the charter read over a day ago goes.
    store.put(bigRecord('new.opendatasoft.com', 2, 200_000));
    await store.flush();
    expect(pageWithoutCharter).toEqual([false]);
    expect(session.data).not.toHaveProperty(charterKey);
    expect(session.data).not.toHaveProperty(tcoPage);
    expect(evictedHosts(session)).toEqual([]);
  });

  it('retires every page when it drops records to make room (every report states what was dropped)', async () => {
    const { session, writes, store } = await setUp({}, { budgetBytes: 300_000 });
    store.put(bigRecord('old.opendatasoft.com', 1, 150_000));
    store.put(bigRecord('data.tco.re', 2, 10_000));
    await store.flush();
    keepPage(store, tcoPage, 'data.tco.re', '{"tco":1}');
    await store.flush();
    store.put(bigRecord('new.opendatasoft.com', 3, 150_000));
    await store.flush();
    expect(evictedHosts(session)).toEqual(['old.opendatasoft.com']);
    expect(writes.at(-1)![tcoPage]).toBe('');
  });
});

describe.each(MODES)('site store forgetting keys for good ($mode)', ({ listsKeys }) => {
  const HOST = 'data.tco.re';
  /** What storage holds besides the store's write counter (one number for every store: it names no site and stays). */
  const traces = (session: FakeSession) => Object.fromEntries(Object.entries(session.data).filter(([key]) => key !== sequenceItem.key));
  /** The keys the store holds besides that counter. */
  const keysBeside = (store: ReturnType<typeof createSiteStore>) => store.keys().filter((key) => key !== sequenceItem.key);
  const privateRecord = () => {
    const site = emptySite(HOST, '1');
    recordCookieChange(site, browserCookie({ domain: HOST, storeId: '1' }), false, 1);
    return site;
  };
  /** A private record written, then changed (`_ga` set): the change queued, not written yet. */
  const writtenThenChanged = async (store: ReturnType<typeof createSiteStore>, beforeWrite = () => undefined as void) => {
    const site = privateRecord();
    store.put(site);
    beforeWrite();
    await store.flush();
    recordCookieChange(site, browserCookie({ name: '_ga', domain: HOST, storeId: '1' }), false, 2);
    store.put(site);
    return site;
  };

  it('lists every key it holds or is about to write, and forgets keys from storage, from its records and from what is queued', async () => {
    const session = fakeSession(
      { [siteKey('0', HOST)]: JSON.stringify(emptySite(HOST, '0')), [consentRunItem('1', HOST).key]: '{}' },
      undefined,
      { listsKeys },
    );
    const removed: string[][] = [];
    const store = createSiteStore(session, 5, { onRemoved: (keys) => removed.push([...keys]) });
    await store.load();
    // A change queued, not written yet.
    await writtenThenChanged(store);
    expect(store.keys().sort()).toEqual([consentRunItem('1', HOST).key, siteKey('0', HOST), siteKey('1', HOST), sequenceItem.key].sort());
    const revision = store.revision('1', HOST);

    await store.forgetKeys([siteKey('1', HOST), consentRunItem('1', HOST).key]);
    await store.flush();
    expect(Object.keys(session.data).sort()).toEqual([siteKey('0', HOST), sequenceItem.key].sort());
    expect(store.keys().sort()).toEqual([siteKey('0', HOST), sequenceItem.key].sort());
    expect(store.revision('1', HOST)).not.toBe(revision);
    expect(store.get('1', HOST)).toEqual(emptySite(HOST, '1'));
    // The cache above it (kept runs) forgets them too.
    expect(removed).toEqual([[siteKey('1', HOST), consentRunItem('1', HOST).key]]);
  });

  it('keeps no first page of a forgotten record built after, and asks for none to be built again, until its record is put again', async () => {
    const session = fakeSession({}, undefined, { listsKeys });
    const retired: string[] = [];
    const store = createSiteStore(session, 5, { onPageRetired: (key) => retired.push(key) });
    await store.load();
    store.put(privateRecord());
    const page = pageKey('1', HOST);
    store.putPage(page, '1', HOST, store.revision('1', HOST), store.pageTicket(), '{"page":1}');
    await store.flush();
    expect(session.data[page]).toBe('{"page":1}');

    await store.forgetKeys([siteKey('1', HOST), page]);
    // A rebuild that was waiting, or a panel asking: built from the empty record.
    store.putPage(page, '1', HOST, store.revision('1', HOST), store.pageTicket(), '{"page":2}');
    await store.flush();
    expect(traces(session)).toEqual({});
    expect(retired).toEqual([]);
    expect(keysBeside(store)).toEqual([]);

    // A new private session records the site again: its page is kept again.
    store.put(privateRecord());
    store.putPage(page, '1', HOST, store.revision('1', HOST), store.pageTicket(), '{"page":3}');
    await store.flush();
    expect(session.data[page]).toBe('{"page":3}');
  });

  it('writes back no kept run, nor a live charter only the forgotten session had, from work still under way, until the site is recorded or shown again', async () => {
    const session = fakeSession({}, undefined, { listsKeys });
    const shown = new Set<string>();
    const store = createSiteStore(session, 5, { hostsInUse: () => shown });
    await store.load();
    store.put(privateRecord());
    const charter = liveCharterItem(HOST).key;
    const run = consentRunItem('1', HOST).key;
    await store.area.write({ [charter]: '{"read":1}', [run]: '{}' });
    await store.flush();

    await store.forgetKeys([siteKey('1', HOST), run, charter]);
    // A rebuild of its page that was waiting reads the charter again; a run being saved lands.
    await store.area.write({ [charter]: '{"read":2}' });
    await store.area.write({ [run]: '{}', 'network:3': '{}' });
    await store.flush();
    expect(traces(session)).toEqual({ 'network:3': '{}' });

    // A tab shows the site: its charter is written again.
    shown.add(HOST);
    await store.area.write({ [charter]: '{"read":3}' });
    expect(session.data[charter]).toBe('{"read":3}');
    // A new private session records the site: its run is written again.
    store.put(privateRecord());
    await store.area.write({ [run]: '{"run":2}' });
    expect(session.data[run]).toBe('{"run":2}');
  });

  it('writes a new private session’s fresh start, after the records of one that ended were forgotten (a reviewer’s case)', async () => {
    const session = fakeSession({}, undefined, { listsKeys });
    const store = createSiteStore(session, 5);
    await store.load();
    store.put(privateRecord());
    await store.flush();
    await store.forgetKeys([siteKey('1', HOST)]);
    expect(traces(session)).toEqual({});
    // A later private session, the same store id (Chrome's '1', Firefox's firefox-private): "Record
    // consent flow" on a portal that sets nothing before a choice starts its record with a marker.
    store.put(appendTimeline(emptySite(HOST, '1'), { type: 'cleared', at: 5 }));
    await store.flush();
    expect(Object.keys(traces(session))).toEqual([siteKey('1', HOST)]);
  });

  it('writes back nothing of a record forgotten while a write carrying it is refused, and removes what that write left in storage', async () => {
    const session = fakeSession({}, undefined, { listsKeys });
    const write = session.write.bind(session);
    let refuse: (() => Promise<void>) | null = null;
    session.write = async (items) => {
      const refusal = refuse;
      if (refusal === null) return write(items);
      refuse = null;
      await refusal();
      // As Firefox may: what the write carries lands before it is refused (here all of it).
      await write(items);
      throw new Error('storage failed after writing');
    };
    const store = createSiteStore(session, 5, { retryDelayMs: 10 });
    await store.load();
    const page = pageKey('1', HOST);
    // The record changes: its write retires the page (''), and carries another site's record.
    await writtenThenChanged(store, () => store.putPage(page, '1', HOST, store.revision('1', HOST), store.pageTicket(), '{"page":1}'));
    store.put(recordWithEvents('itie.opendatasoft.com'));
    let release!: () => void;
    let started!: () => void;
    const writeStarted = new Promise<void>((resolve) => (started = resolve));
    refuse = () => {
      started();
      return new Promise<void>((resolve) => (release = resolve));
    };
    const flushing = store.flush();
    await writeStarted;
    // The last private window closes while that write is under way; then it is refused.
    const forgetting = store.forgetKeys([siteKey('1', HOST), page]);
    release();
    await Promise.all([flushing, forgetting]);
    expect(Object.keys(traces(session))).toEqual([siteKey('0', 'itie.opendatasoft.com')]);
    expect(keysBeside(store)).toEqual([siteKey('0', 'itie.opendatasoft.com')]);

    // The writer's retry writes the rest of that write again, nothing forgotten.
    await vi.waitFor(() => expect(store.status().unsavedSince).toBeNull());
    await store.flush();
    expect(Object.keys(traces(session))).toEqual([siteKey('0', 'itie.opendatasoft.com')]);
    expect(keysBeside(store)).toEqual([siteKey('0', 'itie.opendatasoft.com')]);
    expect(store.get('1', HOST)).toEqual(emptySite(HOST, '1'));
  });

  it('does not read a forgotten record back from storage while a write carrying it is refused for quota', async () => {
    const session = fakeSession({}, undefined, { listsKeys });
    const write = session.write.bind(session);
    let refusals = 0;
    let release: (() => void) | null = null;
    let started!: () => void;
    const writeStarted = new Promise<void>((resolve) => (started = resolve));
    session.write = async (items) => {
      if (refusals === 0) return write(items);
      refusals--;
      if (release === null) {
        started();
        await new Promise<void>((resolve) => (release = resolve));
      }
      throw new Error(QUOTA_RULES.firefox.error);
    };
    const store = createSiteStore(session, 5, { retryDelayMs: 1e9 });
    await store.load();
    await writtenThenChanged(store);
    // Refused each time, the retries for quota included: each reads back what storage holds.
    refusals = 4;
    const flushing = store.flush();
    await writeStarted;
    const forgetting = store.forgetKeys([siteKey('1', HOST)]);
    release!();
    await Promise.all([flushing, forgetting]);
    expect(traces(session)).toEqual({});
    expect(keysBeside(store)).toEqual([]);
    expect([...store.hosts()]).toEqual([]);
    // The refused write carried nothing else: nothing waits, nothing is said unsaved.
    expect(store.status().unsavedSince).toBeNull();
    await store.openAll();
    expect(store.get('1', HOST)).toEqual(emptySite(HOST, '1'));
    // Nothing of it is left queued: the next write does not bring it back.
    await store.flush();
    expect(traces(session)).toEqual({});
  });

  /** A session whose writes are refused while `refusing.now` is true. */
  const refusingSession = () => {
    const session = fakeSession({}, undefined, { listsKeys });
    const write = session.write.bind(session);
    const refusing = { now: false };
    session.write = async (items) => {
      if (refusing.now) throw new Error('storage unavailable');
      await write(items);
    };
    return { session, refusing };
  };

  it('says all is saved once the refused records are forgotten and nothing else waits, and keeps first pages again (a reviewer’s case)', async () => {
    const { session, refusing } = refusingSession();
    const retired: string[] = [];
    const store = createSiteStore(session, 5, { now: () => 7, retryDelayMs: 1e9, onPageRetired: (key) => retired.push(key) });
    await store.load();
    store.put(recordWithEvents(HOST));
    await store.flush();
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    refusing.now = true;
    store.put(privateRecord());
    await store.flush();
    expect(store.status().unsavedSince).toBe(7);
    // A popup opens on the site outside the private window: its page says the changes could not be saved, and is held back.
    const page = pageKey(undefined, HOST);
    store.putPage(page, '0', HOST, store.revision('0', HOST), store.pageTicket(), '{"unsavedSince":7}');
    // The last private window closes: the record that could not be written goes, and nothing else waits.
    refusing.now = false;
    await store.forgetKeys([siteKey('1', HOST), pageKey('1', HOST)]);
    quiet.mockRestore();
    // Each report would otherwise say changes could not be saved, and no page would be kept.
    expect(store.status().unsavedSince).toBeNull();
    expect(retired).toEqual([page]);
    store.putPage(page, '0', HOST, store.revision('0', HOST), store.pageTicket(), '{"unsavedSince":null}');
    await store.flush();
    expect(session.data[page]).toBe('{"unsavedSince":null}');
    expect(Object.keys(traces(session)).sort()).toEqual([page, siteKey('0', HOST)].sort());
  });

  it('says all is saved once a removal throws away the refused page that was all that waited', async () => {
    const { session, refusing } = refusingSession();
    const store = createSiteStore(session, 5, { now: () => 7, retryDelayMs: 1e9 });
    await store.load();
    store.put(recordWithEvents(HOST));
    const run = consentRunItem('0', HOST).key;
    await store.area.write({ [run]: '{}' });
    await store.flush();
    // A page kept after the record was written: its write, alone, is refused.
    const page = pageKey(undefined, HOST);
    store.putPage(page, '0', HOST, store.revision('0', HOST), store.pageTicket(), '{"page":1}');
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    refusing.now = true;
    await store.flush();
    quiet.mockRestore();
    expect(store.status().unsavedSince).toBe(7);
    // The site's kept run is removed: the page goes with it, and nothing is left to write.
    refusing.now = false;
    await store.area.remove([run]);
    expect(session.data).not.toHaveProperty(page);
    expect(store.status().unsavedSince).toBeNull();
  });

  it('still says changes could not be saved when something else waits after a forgotten record', async () => {
    const { session, refusing } = refusingSession();
    const store = createSiteStore(session, 5, { now: () => 7, retryDelayMs: 1e9 });
    await store.load();
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    refusing.now = true;
    store.put(privateRecord());
    store.put(recordWithEvents('itie.opendatasoft.com'));
    await store.flush();
    await store.forgetKeys([siteKey('1', HOST)]);
    quiet.mockRestore();
    expect(store.status().unsavedSince).toBe(7);
    refusing.now = false;
    await store.flush();
    expect(store.status().unsavedSince).toBeNull();
    expect(Object.keys(traces(session))).toEqual([siteKey('0', 'itie.opendatasoft.com')]);
  });
});
