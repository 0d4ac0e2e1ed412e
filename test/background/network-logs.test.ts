import { describe, expect, it } from 'vitest';
import { createNetworkLogs } from '../../src/background/network-logs.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { emptySite } from '../../src/core/cookies/site-record.ts';
import { NETWORK_LOG_BYTES, NETWORK_LOG_LIMIT, responseOfHarEntry, type NetworkResponse } from '../../src/core/network/network-log.ts';
import { storedBytes } from '../../src/core/storage/session-quota.ts';
import { networkLogItem, siteKey } from '../../src/core/storage/session-items.ts';
import { fakeSession } from '../support/fake-session.ts';

const response = (startedAt: number): NetworkResponse => ({
  method: 'GET',
  url: 'https://data.tco.re/',
  status: 200,
  startedAt,
  finishedAt: startedAt + 10,
  cookies: [{ name: 'sessionid', domain: null, expires: null }],
});

/** Tabs open in the browser, as tabs.get finds them. */
const OPEN_TABS = new Set([3, 4, 5]);

function setup(openTabs: Set<number> = new Set(OPEN_TABS)) {
  const session = fakeSession();
  const changed: number[] = [];
  const logs = createNetworkLogs(
    session,
    async (tabId) => openTabs.has(tabId),
    (tabId) => changed.push(tabId),
  );
  return { session, changed, logs, openTabs };
}

describe('network logs', () => {
  it('keep a tab’s responses in storage.session, session by session, and tell each change', async () => {
    const { session, changed, logs } = setup();
    expect(await logs.note(3, 100, [])).toBe(0);
    expect(await logs.get(3)).toEqual({ tabId: 3, openedAt: 100, responses: [] });
    await logs.note(3, 100, [response(1)]);
    await logs.note(3, 100, [response(2)]);
    expect((await logs.get(3))!.responses.map((r) => r.startedAt)).toEqual([1, 2]);
    expect(session.data[networkLogItem(3).key]).toBeTypeOf('string');
    // DevTools opened again on the tab: a new log.
    await logs.note(3, 200, [response(3)]);
    expect((await logs.get(3))!.responses.map((r) => r.startedAt)).toEqual([3]);
    expect(changed).toEqual([3, 3, 3, 3]);
    expect(await logs.get(4)).toBeNull();
  });

  it('write nothing for a tab that does not exist: no tab’s removal would ever drop its key', async () => {
    const { session, changed, logs } = setup();
    expect(await logs.note(999999, 100, [response(1)])).toBeNull();
    expect(await logs.note(999999, 100, [])).toBeNull();
    expect(session.data).toEqual({});
    expect(changed).toEqual([]);
  });

  it('write nothing for a batch that comes after its tab’s removal', async () => {
    const { session, logs, openTabs } = setup();
    await logs.note(3, 100, [response(1)]);
    // The tab closes: the worker forgets its log; DevTools' last batch was on its way.
    openTabs.delete(3);
    const late = logs.note(3, 100, [response(2)]);
    await logs.forget(3);
    expect(await late).toBeNull();
    expect(await logs.note(3, 100, [response(3)])).toBeNull();
    expect(session.data).toEqual({});
  });

  it('change nothing for a batch whose responses were all dropped, nor for DevTools saying again that it opened', async () => {
    const { session, changed, logs } = setup();
    expect(await logs.note(4, 100, [{ url: 7 }, null])).toBe(0);
    expect(session.data).toEqual({});
    await logs.note(4, 100, []);
    await logs.note(4, 100, [response(1)]);
    const before = session.data[networkLogItem(4).key];
    // Malformed responses of another session do not start it: only DevTools' empty first batch does.
    expect(await logs.note(4, 200, ['junk'])).toBe(0);
    expect(await logs.note(4, 100, [])).toBe(0);
    expect(session.data[networkLogItem(4).key]).toBe(before);
    expect(changed).toEqual([4, 4]);
  });

  it('keep both of two batches heard together', async () => {
    const { logs } = setup();
    await Promise.all([logs.note(3, 100, [response(1)]), logs.note(3, 100, [response(2)])]);
    expect((await logs.get(3))!.responses).toHaveLength(2);
  });

  it('drop what is malformed, keep nothing a page added, and stay within the limit', async () => {
    const { logs } = setup();
    const smuggled = { ...response(1), cookies: [{ ...response(1).cookies[0], value: 'SECRET-VALUE' }] };
    expect(await logs.note(3, 100, [smuggled, { url: 7 }, null])).toBe(1);
    expect(JSON.stringify(await logs.get(3))).not.toContain('SECRET');
    await logs.note(
      3,
      100,
      Array.from({ length: NETWORK_LOG_LIMIT + 1 }, (_, i) => response(10 + i)),
    );
    expect((await logs.get(3))!.responses).toHaveLength(NETWORK_LOG_LIMIT);
  });

  it('mark a log closed when its DevTools session ends, and tell it; another session’s end changes nothing', async () => {
    const { logs, changed } = setup();
    await logs.note(3, 100, [response(1)]);
    await logs.closed(3, 50, 900);
    expect((await logs.get(3))!.closedAt).toBeUndefined();
    await logs.closed(3, 100, 1000);
    expect((await logs.get(3))!.closedAt).toBe(1000);
    await logs.closed(4, 100, 1000);
    expect(await logs.get(4)).toBeNull();
    expect(changed).toEqual([3, 3]);
  });

  it('forget a closed tab’s log', async () => {
    const { session, logs } = setup();
    await logs.note(3, 100, [response(1)]);
    await logs.forget(3);
    expect(session.data[networkLogItem(3).key]).toBeUndefined();
    expect(await logs.get(3)).toBeNull();
  });

  it('never let a tab’s log crowd out the site records: huge Set-Cookies keep it within its bytes', async () => {
    const session = fakeSession({}, 'chrome');
    const store = createSiteStore(session, 0);
    await store.load();
    const hosts = ['data.tco.re', 'data.toulouse-metropole.fr', 'demo.opendatasoft.com'];
    for (const host of hosts) {
      const site = emptySite(host, '0');
      site.timeline.push({ type: 'set', at: 1, name: 'csrftoken', domain: host, phase: 'before-choice' });
      store.put(site);
    }
    await store.flush();
    const logs = createNetworkLogs(store.area, async () => true);
    // A page whose responses each carry about 240 kB of names and attributes (a name may be 4 kB; values are never kept).
    const line = (i: number) =>
      `${'n'.repeat(3990)}${i}=v; Expires=${'x'.repeat(1000)}; Path=/${'p'.repeat(1000)}; SameSite=${'s'.repeat(1000)}; Domain=${'d'.repeat(1000)}`;
    const hostile = (k: number) =>
      responseOfHarEntry({
        startedDateTime: new Date(1e12 + k).toISOString(),
        time: 5,
        request: { method: 'GET', url: `https://evil.example/r${k}` },
        response: { status: 200, headers: Array.from({ length: 30 }, (_, i) => ({ name: 'set-cookie', value: line(i) })) },
      });
    // And responses of names as long as a browser sets them (name and value within 4,096 bytes), on a domain.
    const long = (k: number) =>
      responseOfHarEntry({
        startedDateTime: new Date(1e12 + k).toISOString(),
        time: 5,
        request: { method: 'GET', url: `https://${'d'.repeat(250)}/${'a'.repeat(3000)}` },
        response: {
          status: 200,
          headers: Array.from({ length: 60 }, (_, i) => ({
            name: 'set-cookie',
            value: `${'é'.repeat(2040)}${i}=v; Domain=${'d'.repeat(250)}`,
          })),
        },
      });
    for (let k = 0; k < 60; k++) await logs.note(5, 1, [hostile(k)!, long(k)!]);
    const key = networkLogItem(5).key;
    expect(storedBytes(key, session.data[key] as string)).toBeLessThanOrEqual(NETWORK_LOG_BYTES + 1024);
    const log = (await logs.get(5))!;
    expect(log.responses.length).toBeGreaterThan(0);
    // The newest kept, the oldest dropped.
    expect(log.responses.at(-1)!.startedAt).toBe(1e12 + 59);
    expect(session.refused).toBe(0);
    for (const host of hosts) expect(String(session.data[siteKey('0', host)])).toContain('csrftoken');
    expect(store.status().sitesDropped).toBe(0);
  });
});
