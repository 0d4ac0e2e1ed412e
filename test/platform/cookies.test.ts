import { describe, expect, it } from 'vitest';
import { allVisibleCookies, defaultCookieStoreId, onCookieChanged, removeCookie } from '../../src/platform/cookies.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeEvent } from '../support/fake-events.ts';

function fakeCookies(stores: Array<{ id: string; incognito?: boolean }>, options: { partitionFilter?: boolean } = {}) {
  const removed: unknown[] = [];
  const onChanged = fakeEvent<(info: { cookie: unknown; removed: boolean; cause: string }) => void>();
  const api = {
    cookies: {
      onChanged,
      getAllCookieStores: async () => stores,
      getAll: async (details: { storeId: string; partitionKey?: object }) => {
        if (details.partitionKey && options.partitionFilter === false) throw new Error('Unexpected property "partitionKey"');
        return [browserCookie({ name: `in-${details.storeId}`, storeId: details.storeId })];
      },
      remove: async (details: { name: string }) => (removed.push(details), details.name === 'gone' ? null : details),
    },
  } as never;
  return { api, removed, onChanged };
}

describe('platform cookies', () => {
  it('list the cookies of every store, partitioned ones asked for', async () => {
    const { api } = fakeCookies([{ id: '0' }, { id: '1', incognito: true }]);
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-0', 'in-1']);
  });

  it('fall back to the plain query where the browser does not know the partition filter', async () => {
    const { api } = fakeCookies([{ id: 'firefox-default' }], { partitionFilter: false });
    expect((await allVisibleCookies(api)).map((c) => c.name)).toEqual(['in-firefox-default']);
  });

  it('remove one cookie by its address, partitioned or not, and say whether it was there', async () => {
    const { api, removed } = fakeCookies([]);
    const address = { name: 'sessionid', domain: '.data.tco.re', path: '/explore', secure: true, storeId: '0', partitionKey: null };
    expect(await removeCookie(address, api)).toBe(true);
    expect(await removeCookie({ ...address, name: 'gone', secure: false, partitionKey: 'https://tco.re' }, api)).toBe(false);
    expect(removed).toEqual([
      { url: 'https://data.tco.re/explore', name: 'sessionid', storeId: '0' },
      { url: 'http://data.tco.re/explore', name: 'gone', storeId: '0', partitionKey: { topLevelSite: 'https://tco.re' } },
    ]);
  });

  it('find the normal windows’ store: not private, not a container', async () => {
    expect(await defaultCookieStoreId(fakeCookies([{ id: '1', incognito: true }, { id: '0' }]).api)).toBe('0');
    expect(await defaultCookieStoreId(fakeCookies([{ id: 'firefox-container-1' }, { id: 'firefox-default' }]).api)).toBe('firefox-default');
    expect(await defaultCookieStoreId(fakeCookies([]).api)).toBe('0');
  });

  it('hand each change on as cookie, removal and cause', () => {
    const { api, onChanged } = fakeCookies([]);
    const changes: unknown[] = [];
    onCookieChanged((change) => changes.push(change), api);
    const cookie = browserCookie();
    onChanged.fire({ cookie, removed: true, cause: 'overwrite' });
    expect(changes).toEqual([{ cookie, removed: true, cause: 'overwrite' }]);
  });
});
