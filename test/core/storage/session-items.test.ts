import { describe, expect, it } from 'vitest';
import type { LiveCharterRecord } from '../../../src/core/charter/live-record.ts';
import { emptySite, evictedRecord, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { browserCookie } from '../../support/cookies.ts';
import {
  decodeSiteRecord,
  hostOfSiteKey,
  isSiteKey,
  consentRunItem,
  keyConcernsHost,
  ledgerItem,
  liveCharterItem,
  networkLogItem,
  pageKey,
  siteItem,
  siteKey,
  siteOfPageKey,
  storeOfKey,
  tabOfNetworkLogKey,
  tabsAwayItem,
} from '../../../src/core/storage/session-items.ts';
import { fakeSession } from '../../support/fake-session.ts';

const charterRecord: LiveCharterRecord = {
  host: 'data.tco.re',
  fetchedAt: 1000,
  url: null,
  charter: null,
  problem: { kind: 'http', status: 404, path: '/terms/cookies-information' },
};

describe('session item keys', () => {
  it('spell each key as storage.session has held it since version 1', () => {
    expect(siteItem('0', 'data.tco.re').key).toBe('site:0|data.tco.re');
    expect(consentRunItem('0', 'data.tco.re').key).toBe('run:0|data.tco.re');
    expect(networkLogItem(42).key).toBe('network:42');
    expect(siteKey('firefox-container-1', 'data.tco.re')).toBe('site:firefox-container-1|data.tco.re');
    expect(liveCharterItem('data.tco.re').key).toBe('charter:data.tco.re');
    expect(ledgerItem.key).toBe('storage:ledger');
  });

  it('tell a site record key, and the host it names', () => {
    expect(isSiteKey(siteKey('0', 'data.tco.re'))).toBe(true);
    expect(isSiteKey(liveCharterItem('data.tco.re').key)).toBe(false);
    expect(isSiteKey(ledgerItem.key)).toBe(false);
    expect(hostOfSiteKey(siteKey('firefox-private', 'itie.opendatasoft.com'))).toBe('itie.opendatasoft.com');
  });
});

describe('small items stored of another shape (review of 2026-12-06)', () => {
  it("keeps of the store's ledger only the fields of their type: a count as text would be added to as text", () => {
    expect(ledgerItem.decode('{"sitesDropped":2,"lastDropAt":9,"accessChanges":1}')).toEqual({
      sitesDropped: 2,
      lastDropAt: 9,
      accessChanges: 1,
    });
    expect(ledgerItem.decode('{"sitesDropped":0,"lastDropAt":null}')).toEqual({ sitesDropped: 0, lastDropAt: null });
    expect(ledgerItem.decode('{"sitesDropped":"1","lastDropAt":"yesterday","accessChanges":null}')).toEqual({});
    expect(ledgerItem.decode('{"sitesDropped":1e999}')).toEqual({});
    for (const stored of ['5', '[]', '"x"', 'null']) expect(ledgerItem.decode(stored)).toBeNull();
  });

  it('keeps of the tabs taken away only the entries of an address and a time', () => {
    expect(
      tabsAwayItem.decode('{"3":{"url":"https://data.tco.re/","at":1},"7":null,"8":{"url":5,"at":1},"9":{"url":"u","at":"soon"}}'),
    ).toEqual({
      3: { url: 'https://data.tco.re/', at: 1 },
    });
    for (const stored of ['5', '[]', '"x"', 'null']) expect(tabsAwayItem.decode(stored)).toBeNull();
  });
});

describe('storeOfKey', () => {
  it('is the cookie store a record, kept run or first page names; null for keys of no store and the default store’s unnamed page', () => {
    expect(storeOfKey(siteKey('firefox-private', 'data.tco.re'))).toBe('firefox-private');
    expect(storeOfKey(consentRunItem('1', 'data.tco.re').key)).toBe('1');
    expect(storeOfKey(pageKey('firefox-container-2', 'data.tco.re'))).toBe('firefox-container-2');
    expect(storeOfKey(pageKey(undefined, 'data.tco.re'))).toBeNull();
    expect(storeOfKey(liveCharterItem('data.tco.re').key)).toBeNull();
    expect(storeOfKey(networkLogItem(3).key)).toBeNull();
    expect(storeOfKey(ledgerItem.key)).toBeNull();
  });
});

describe('tabOfNetworkLogKey', () => {
  it('is the tab a network log’s key names; null for other keys', () => {
    expect(tabOfNetworkLogKey(networkLogItem(42).key)).toBe(42);
    expect(tabOfNetworkLogKey(siteKey('0', 'data.tco.re'))).toBeNull();
    expect(tabOfNetworkLogKey('network:x')).toBeNull();
  });
});

describe('keyConcernsHost', () => {
  it('is true for the site’s record in any cookie store and for its live charter', () => {
    expect(keyConcernsHost(siteKey('0', 'data.tco.re'), 'data.tco.re')).toBe(true);
    expect(keyConcernsHost(siteKey('firefox-private', 'data.tco.re'), 'data.tco.re')).toBe(true);
    expect(keyConcernsHost(liveCharterItem('data.tco.re').key, 'data.tco.re')).toBe(true);
    expect(keyConcernsHost(consentRunItem('0', 'data.tco.re').key, 'data.tco.re')).toBe(true);
  });

  it('is true for the ledger: every report says how many sites were dropped, another site’s drop included', () => {
    expect(keyConcernsHost(ledgerItem.key, 'data.tco.re')).toBe(true);
  });

  it('is false for other sites and sites whose name ends like it', () => {
    expect(keyConcernsHost(siteKey('0', 'data.toulouse-metropole.fr'), 'data.tco.re')).toBe(false);
    expect(keyConcernsHost(siteKey('0', 'evil-data.tco.re'), 'data.tco.re')).toBe(false);
    expect(keyConcernsHost(liveCharterItem('tco.re').key, 'data.tco.re')).toBe(false);
    expect(keyConcernsHost(consentRunItem('0', 'evil-data.tco.re').key, 'data.tco.re')).toBe(false);
    expect(keyConcernsHost(networkLogItem(3).key, 'data.tco.re')).toBe(false);
    // The page the worker keeps of it: written from what it shows, never a change of it.
    expect(keyConcernsHost(pageKey(undefined, 'data.tco.re'), 'data.tco.re')).toBe(false);
  });
});

describe('pageKey', () => {
  it('names the site as the page asked for it, and gives it back', () => {
    expect(siteOfPageKey(pageKey(undefined, 'data.tco.re'))).toEqual({ host: 'data.tco.re' });
    expect(siteOfPageKey(pageKey('firefox-container-2', 'data.tco.re'))).toEqual({ host: 'data.tco.re', storeId: 'firefox-container-2' });
  });
});

describe('session items', () => {
  it('store a record as JSON text and read it back', async () => {
    const session = fakeSession();
    const item = liveCharterItem('data.tco.re');
    await item.set(session, charterRecord);
    expect(session.data['charter:data.tco.re']).toBe(JSON.stringify(charterRecord));
    expect(await item.get(session)).toEqual(charterRecord);
  });

  it('read a record an earlier version stored as an object', async () => {
    const session = fakeSession({ 'charter:data.tco.re': charterRecord });
    expect(await liveCharterItem('data.tco.re').get(session)).toEqual(charterRecord);
  });

  it('read nothing from an absent key or unreadable text, without throwing', async () => {
    expect(await liveCharterItem('data.tco.re').get(fakeSession())).toBeNull();
    expect(await liveCharterItem('data.tco.re').get(fakeSession({ 'charter:data.tco.re': '{not json' }))).toBeNull();
    expect(ledgerItem.decode(undefined)).toBeNull();
  });

  it('decode a site record whatever its key', () => {
    const site = emptySite('data.tco.re', '0');
    expect(decodeSiteRecord(siteItem('0', 'data.tco.re').encode(site))).toEqual(site);
    expect(decodeSiteRecord('{not json')).toBeNull();
  });
});

describe('decodeSiteRecord', () => {
  const site = () => {
    const record = emptySite('data.tco.re', '0');
    recordCookieChange(record, browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 1);
    return record;
  };
  const without = (field: string) => JSON.stringify({ ...site(), [field]: undefined });
  const withField = (field: string, value: unknown) => JSON.stringify({ ...site(), [field]: value });

  it('reads a record as the store writes it, or as an earlier version left it', () => {
    expect(decodeSiteRecord(JSON.stringify(site()))).toEqual(site());
    expect(decodeSiteRecord(site())).toEqual(site());
    const dropped = evictedRecord(site(), 2);
    expect(decodeSiteRecord(JSON.stringify(dropped))).toEqual(dropped);
    // Fields earlier versions did not write.
    const earlier = JSON.stringify({ ...site(), pages: undefined, droppedCookies: undefined });
    expect(decodeSiteRecord(earlier)).toEqual({ ...site(), pages: undefined, droppedCookies: undefined });
  });

  // Read as it is, any of these made every later use of the site's record throw (a TypeError the popup showed).
  it.each([
    ['a JSON string', '"x"'],
    ['a JSON number', '5'],
    ['a JSON array', '[]'],
    ['an empty object', '{}'],
    ['a bare true', true],
    ['a bare number', 7],
    ['no timeline', without('timeline')],
    ['a timeline not a list', withField('timeline', 5)],
    ['an event not an object', withField('timeline', [null])],
    ['no cookies', without('cookies')],
    ['a cookie not an object', withField('cookies', { a: 5 })],
    ['a cookie without its phases', withField('cookies', { a: { ...Object.values(site().cookies)[0], setPhases: undefined } })],
    ['no consent', without('consent')],
    ['a consent without its trackers', withField('consent', { state: 'none', changedAt: null })],
    ['no host', without('host')],
    ['no store', without('storeId')],
    ['no count of dropped events', without('droppedEvents')],
    ['pages not a list', withField('pages', 'x')],
  ])('reads nothing from a record of the wrong shape: %s', (_shape, stored) => {
    expect(decodeSiteRecord(stored)).toBeNull();
    expect(siteItem('0', 'data.tco.re').decode(stored)).toBeNull();
  });
});
