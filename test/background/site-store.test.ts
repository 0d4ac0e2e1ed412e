import { describe, expect, it } from 'vitest';
import { createSiteStore, siteKey } from '../../src/background/site-store.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';

function recordWithEvents(host: string) {
  const site = emptySite(host, '0');
  recordCookieChange(site, browserCookie({ domain: host }), false, 1);
  return site;
}

describe('site store', () => {
  it('stores each record as one JSON string and reads it back', async () => {
    const session = fakeSession();
    const store = createSiteStore(session, 5);
    await store.load();
    store.put(recordWithEvents('data.tco.re'));
    await store.flush();
    expect(typeof session.data[siteKey('0', 'data.tco.re')]).toBe('string');

    const again = createSiteStore(session, 5);
    await again.load();
    expect(again.get('0', 'data.tco.re').cookies).toEqual(store.get('0', 'data.tco.re').cookies);
  });

  it('knows its hosts without reading the records, and marks a restart when a record is first used', async () => {
    const session = fakeSession({
      [siteKey('0', 'data.tco.re')]: JSON.stringify(recordWithEvents('data.tco.re')),
      [siteKey('firefox-private', 'itie.opendatasoft.com')]: JSON.stringify(emptySite('itie.opendatasoft.com', 'firefox-private')),
    });
    const store = createSiteStore(session, 5);
    await store.load();
    store.markRestart(42);
    expect([...store.hosts()].sort()).toEqual(['data.tco.re', 'itie.opendatasoft.com']);
    expect(store.get('0', 'data.tco.re').timeline.at(-1)).toEqual({ type: 'worker-restart', at: 42 });
    // A record without events gets no marker.
    expect(store.get('firefox-private', 'itie.opendatasoft.com').timeline).toEqual([]);
    await store.flush();
    expect(JSON.parse(session.data[siteKey('0', 'data.tco.re')] as string).timeline.at(-1).type).toBe('worker-restart');
  });

  it('drops a record it cannot read instead of failing', async () => {
    const store = createSiteStore(fakeSession({ [siteKey('0', 'data.tco.re')]: '{not json' }), 5);
    await store.load();
    expect(store.get('0', 'data.tco.re')).toEqual(emptySite('data.tco.re', '0'));
    expect(store.all()).toEqual([]);
  });

  it('reads records written as objects by an earlier version', async () => {
    const store = createSiteStore(fakeSession({ [siteKey('0', 'data.tco.re')]: recordWithEvents('data.tco.re') }), 5);
    await store.load();
    expect(Object.keys(store.get('0', 'data.tco.re').cookies)).toHaveLength(1);
  });
});
