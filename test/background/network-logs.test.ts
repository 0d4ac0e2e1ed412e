import { describe, expect, it } from 'vitest';
import { createNetworkLogs } from '../../src/background/network-logs.ts';
import { NETWORK_LOG_LIMIT, type NetworkResponse } from '../../src/core/network/network-log.ts';
import { networkLogItem } from '../../src/core/storage/session-items.ts';
import { fakeSession } from '../support/fake-session.ts';

const response = (startedAt: number): NetworkResponse => ({
  method: 'GET',
  url: 'https://data.tco.re/',
  status: 200,
  startedAt,
  finishedAt: startedAt + 10,
  cookies: [
    {
      name: 'sessionid',
      domain: null,
      path: '/',
      maxAge: null,
      expires: null,
      secure: true,
      httpOnly: true,
      partitioned: false,
      sameSite: 'lax',
    },
  ],
});

function setup() {
  const session = fakeSession();
  const changed: number[] = [];
  return { session, changed, logs: createNetworkLogs(session, (tabId) => changed.push(tabId)) };
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

  it('forget a closed tab’s log', async () => {
    const { session, logs } = setup();
    await logs.note(3, 100, [response(1)]);
    await logs.forget(3);
    expect(session.data[networkLogItem(3).key]).toBeUndefined();
    expect(await logs.get(3)).toBeNull();
  });
});
