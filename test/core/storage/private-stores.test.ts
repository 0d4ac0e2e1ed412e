import { describe, expect, it } from 'vitest';
import { isPrivateStore, mayHoldPrivateTraces, privateTraces, type ListedStore } from '../../../src/core/storage/private-stores.ts';
import {
  consentRunItem,
  ledgerItem,
  liveCharterItem,
  networkLogItem,
  pageKey,
  siteKey,
  tabsAwayItem,
  attributionItem,
} from '../../../src/core/storage/session-items.ts';

const HOST = 'data.tco.re';
const OTHER = 'itie.opendatasoft.com';

/** What a Chrome session holds: a normal record, an incognito record with its page and kept run, a live charter, a tab's network log. */
const chromeKeys = [
  siteKey('0', HOST),
  pageKey(undefined, HOST),
  siteKey('1', HOST),
  pageKey('1', HOST),
  consentRunItem('1', HOST).key,
  siteKey('1', OTHER),
  pageKey('1', OTHER),
  liveCharterItem(HOST).key,
  liveCharterItem(OTHER).key,
  networkLogItem(7).key,
  networkLogItem(8).key,
  ledgerItem.key,
  tabsAwayItem.key,
  attributionItem.key,
];

describe('isPrivateStore', () => {
  it('is the browser’s flag where it lists the store with one (Firefox), else Chrome’s "1" and Firefox’s "firefox-private"', () => {
    expect(isPrivateStore('1')).toBe(true);
    expect(isPrivateStore('firefox-private')).toBe(true);
    expect(isPrivateStore('firefox-private', [{ id: 'firefox-private', incognito: true }])).toBe(true);
    expect(isPrivateStore('0')).toBe(false);
    expect(isPrivateStore('firefox-default', [{ id: 'firefox-default', incognito: false }])).toBe(false);
    // A container is never private, listed or not (Firefox stops listing it when none of its tabs is open).
    expect(isPrivateStore('firefox-container-1')).toBe(false);
    expect(isPrivateStore('firefox-container-1', [{ id: 'firefox-container-1', incognito: false }])).toBe(false);
  });
});

describe('mayHoldPrivateTraces', () => {
  it('is true only when a key names a store that may be private', () => {
    expect(mayHoldPrivateTraces(chromeKeys)).toBe(true);
    expect(mayHoldPrivateTraces([siteKey('0', HOST), siteKey('firefox-container-2', HOST), liveCharterItem(HOST).key])).toBe(false);
    expect(mayHoldPrivateTraces([pageKey('firefox-private', HOST)])).toBe(true);
  });
});

describe('privateTraces', () => {
  it('forgets, once Chrome lists no incognito store, every key of it, the closed tabs’ network logs, and the live charter only it had', () => {
    const listed: ListedStore[] = [{ id: '0', tabIds: [7] }];
    const traces = privateTraces(chromeKeys, listed);
    expect(traces.stores).toEqual(['1']);
    expect(traces.keys.sort()).toEqual(
      [
        siteKey('1', HOST),
        pageKey('1', HOST),
        consentRunItem('1', HOST).key,
        siteKey('1', OTHER),
        pageKey('1', OTHER),
        // Tab 8 is in no listed store: closed.
        networkLogItem(8).key,
        // OTHER was the incognito session's alone; HOST has a normal record too.
        liveCharterItem(OTHER).key,
      ].sort(),
    );
  });

  it('keeps a live charter of a host a tab shows now', () => {
    const traces = privateTraces(chromeKeys, [{ id: '0', tabIds: [7] }], new Set([OTHER]));
    expect(traces.keys).not.toContain(liveCharterItem(OTHER).key);
    expect(traces.keys).toContain(siteKey('1', OTHER));
  });

  it('forgets nothing while the private store is listed', () => {
    expect(
      privateTraces(chromeKeys, [
        { id: '0', tabIds: [7] },
        { id: '1', tabIds: [9] },
      ]),
    ).toEqual({ stores: [], keys: [] });
    const firefox = [siteKey('firefox-private', HOST), networkLogItem(3).key];
    const listed = [
      { id: 'firefox-default', incognito: false, tabIds: [1] },
      { id: 'firefox-private', incognito: true, tabIds: [2] },
    ];
    expect(privateTraces(firefox, listed)).toEqual({ stores: [], keys: [] });
  });

  it('takes a store whose listed tabs were all heard closed for ended (the browser may list the last tab while telling its removal)', () => {
    const listed = [
      { id: '0', tabIds: [7] },
      { id: '1', tabIds: [9] },
    ];
    expect(privateTraces(chromeKeys, listed, new Set(), new Set([9])).stores).toEqual(['1']);
    expect(privateTraces(chromeKeys, listed, new Set(), new Set([7])).stores).toEqual([]);
  });

  it('never forgets a Firefox container’s records, unlisted when none of its tabs is open', () => {
    const keys = [
      siteKey('firefox-default', HOST),
      siteKey('firefox-container-1', HOST),
      pageKey('firefox-container-1', HOST),
      consentRunItem('firefox-container-1', HOST).key,
      siteKey('firefox-private', HOST),
      pageKey('firefox-private', HOST),
    ];
    const listed = [{ id: 'firefox-default', incognito: false, tabIds: [1] }];
    const traces = privateTraces(keys, listed);
    expect(traces.stores).toEqual(['firefox-private']);
    expect(traces.keys.sort()).toEqual([pageKey('firefox-private', HOST), siteKey('firefox-private', HOST)].sort());
    // No private store at all: the unlisted container's keys stay.
    expect(privateTraces(keys.slice(0, 4), listed)).toEqual({ stores: [], keys: [] });
  });

  it('leaves the network logs alone when a listed store does not say which tabs it has', () => {
    const traces = privateTraces(chromeKeys, [{ id: '0' }]);
    expect(traces.stores).toEqual(['1']);
    expect(traces.keys.filter((key) => key.startsWith('network:'))).toEqual([]);
  });

  it('forgets nothing of a store named by no key, and never the ledger, the tabs away or attribution', () => {
    expect(privateTraces([siteKey('0', HOST), ledgerItem.key], [])).toEqual({ stores: [], keys: [] });
    const keys = privateTraces(chromeKeys, []).keys;
    for (const key of [ledgerItem.key, tabsAwayItem.key, attributionItem.key, siteKey('0', HOST), pageKey(undefined, HOST)]) {
      expect(keys).not.toContain(key);
    }
  });
});
