import { describe, expect, it } from 'vitest';
import { onSessionChanged, readSession, removeSession, sessionArea, writeSession } from '../../src/platform/session-storage.ts';
import { fakeEvent } from '../support/fake-events.ts';

function fakeStorage({ listsKeys = true } = {}) {
  const data: Record<string, unknown> = {};
  const onChanged = fakeEvent<(changes: Record<string, unknown>, area: string) => void>();
  const api = {
    storage: {
      session: {
        get: async (keys: string[] | null) =>
          keys ? Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])) : { ...data },
        set: async (items: Record<string, unknown>) => void Object.assign(data, items),
        remove: async (keys: string[]) => keys.forEach((key) => delete data[key]),
        // As the browsers since Chromium 130 and Firefox 143 have it; older ones have no getKeys.
        ...(listsKeys ? { getKeys: async () => Object.keys(data) } : {}),
      },
      onChanged,
    },
  } as never;
  return { api, data, onChanged };
}

describe('platform session storage', () => {
  it('reads, writes and deletes storage.session keys', async () => {
    const { api, data } = fakeStorage();
    await writeSession({ a: '1', b: '2' }, api);
    expect(await readSession(['a', 'missing'], api)).toEqual({ a: '1' });
    await removeSession(['a'], api);
    expect(data).toEqual({ b: '2' });
  });

  it('hands storage.session over as an area', async () => {
    const { api } = fakeStorage();
    const area = sessionArea(api);
    await area.write({ 'storage:ledger': '{}' });
    expect(await area.read(null)).toEqual({ 'storage:ledger': '{}' });
    await area.remove(['storage:ledger']);
    expect(await area.read(null)).toEqual({});
  });

  it('lists the keys alone where the browser can (getKeys), and offers no keys where it cannot', async () => {
    const listing = fakeStorage();
    await writeSession({ 'site:0|data.tco.re': '{}', 'storage:ledger': '{}' }, listing.api);
    expect(await sessionArea(listing.api).keys?.()).toEqual(['site:0|data.tco.re', 'storage:ledger']);
    expect(sessionArea(fakeStorage({ listsKeys: false }).api).keys).toBeUndefined();
  });

  it('tells the keys that changed in storage.session only, until unsubscribed', () => {
    const { api, onChanged } = fakeStorage();
    const heard: string[][] = [];
    const stop = onSessionChanged((keys) => heard.push(keys), api);
    onChanged.fire({ 'site:0|data.tco.re': {} }, 'session');
    onChanged.fire({ other: {} }, 'local');
    stop();
    onChanged.fire({ 'charter:data.tco.re': {} }, 'session');
    expect(heard).toEqual([['site:0|data.tco.re']]);
  });
});
