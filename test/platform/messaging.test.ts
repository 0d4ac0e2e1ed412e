import { describe, expect, it, vi } from 'vitest';

// webextension-polyfill refuses to load outside an extension; every call here gets a fake API.
vi.mock('../../src/platform/browser.ts', () => ({ browser: {} }));
const { callBackground, onLiveMessage, sendAgainAfterMs } = await import('../../src/platform/messaging.ts');

/** Every wait before a new attempt, in order. */
const SEND_AGAIN_AFTER_MS: number[] = [];
for (let attempt = 0, pause; (pause = sendAgainAfterMs(attempt)) !== undefined; attempt++) SEND_AGAIN_AFTER_MS.push(pause);
const { LIVE_MESSAGE_TYPE, NoAnswer, WORKER_WAIT_LIMIT_MS } = await import('../../src/core/message-contract.ts');

/** Chrome's words for a message no listener received (measured in Chromium 150, sent while the worker stopped). */
const notReceived = () => Error('Could not establish connection. Receiving end does not exist.');
/** Chrome's words for a request whose worker stopped before it answered. */
const closed = () =>
  Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');

/** A runtime whose sendMessage gives `outcomes` in turn (a function: thrown as a rejection), and the requests it was sent. */
function runtimeGiving(...outcomes: Array<unknown>) {
  const sent: unknown[] = [];
  const api = {
    runtime: {
      sendMessage: async (message: unknown) => {
        sent.push(message);
        const outcome = outcomes.shift();
        if (typeof outcome === 'function') throw (outcome as () => Error)();
        return outcome;
      },
    },
  } as never;
  return { api, sent };
}

/** Notes each wait instead of waiting. */
function noWaits() {
  const waits: number[] = [];
  return { waits, wait: async (ms: number) => void waits.push(ms) };
}

describe('a page’s requests', () => {
  it('waits soon at first, then each second, ten times at the most', () => {
    expect(SEND_AGAIN_AFTER_MS).toEqual([20, 40, 80, 160, 320, 640, 1000, 1000, 1000, 1000]);
  });

  it('turns an error answer into a rejected call, sent once: the worker answered', async () => {
    const { api, sent } = runtimeGiving({ ok: false, error: 'boom' });
    await expect(callBackground('getReport', { host: 'a' }, api, noWaits().wait)).rejects.toThrow('boom');
    expect(sent).toHaveLength(1);
  });

  it('sends a request no listener received again, whatever it asks: nothing was done', async () => {
    const { api, sent } = runtimeGiving(notReceived, notReceived, { ok: true, result: { removed: 2 } });
    const { waits, wait } = noWaits();
    await expect(callBackground('clearSite', { host: 'a', reloadTabs: true }, api, wait)).resolves.toEqual({ removed: 2 });
    expect(sent).toEqual(Array(3).fill({ method: 'clearSite', params: { host: 'a', reloadTabs: true } }));
    expect(waits).toEqual(SEND_AGAIN_AFTER_MS.slice(0, 2));
  });

  it('sends a read again when its worker stopped before answering (Chrome: the channel closed; Firefox: nothing)', async () => {
    const { api, sent } = runtimeGiving(closed, undefined, { ok: true, result: null });
    await expect(callBackground('getNetworkLog', { tabId: 3 }, api, noWaits().wait)).resolves.toBeNull();
    expect(sent).toHaveLength(3);
  });

  it('never sends the person’s action again once a worker had it: the page says so, the person presses again or not', async () => {
    const actions = [
      () => ['clearSite', { host: 'a', reloadTabs: true }] as const,
      () => ['exportReport', { host: 'a', format: 'csv' }] as const,
      () => ['refreshCharter', { host: 'a' }] as const,
    ];
    for (const action of actions) {
      for (const lost of [closed, undefined]) {
        const { api, sent } = runtimeGiving(lost, { ok: true, result: { removed: 2 } });
        const [method, params] = action();
        await expect(callBackground(method, params as never, api, noWaits().wait)).rejects.toBeInstanceOf(NoAnswer);
        expect(sent).toHaveLength(1);
      }
    }
  });

  it('goes on sending for seconds while the worker stays stopping (a loaded machine)', async () => {
    // Refused for 3 s of waits: a machine busy enough that the worker's stop took that long.
    let refusals = 0;
    for (let waited = 0; waited < 3000; refusals++) waited += SEND_AGAIN_AFTER_MS[refusals] ?? Infinity;
    const { waits, wait } = noWaits();
    const { api } = runtimeGiving(...Array(refusals).fill(notReceived), { ok: true, result: null });
    await expect(callBackground('getReport', { host: 'a' }, api, wait)).resolves.toBeNull();
    expect(waits.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(3000);
    // Never past the pages' own limit, and never a minute of attempts for a worker that cannot start.
    expect(SEND_AGAIN_AFTER_MS.reduce((a, b) => a + b)).toBeLessThan(WORKER_WAIT_LIMIT_MS / 2);
  });

  it('says no answer came once every attempt went unanswered (the page words it in its language)', async () => {
    const attempts = SEND_AGAIN_AFTER_MS.length + 1;
    const { api, sent } = runtimeGiving(...Array(attempts).fill(notReceived), { ok: true, result: null });
    await expect(callBackground('getReport', { host: 'a' }, api, noWaits().wait)).rejects.toBeInstanceOf(NoAnswer);
    expect(sent).toHaveLength(attempts);
  });

  it('waits between attempts by default', async () => {
    vi.useFakeTimers();
    try {
      const { api, sent } = runtimeGiving(notReceived, { ok: true, result: null });
      const answer = callBackground('getNetworkLog', { tabId: 3 }, api);
      await vi.advanceTimersByTimeAsync(SEND_AGAIN_AFTER_MS[0]! - 1);
      expect(sent).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(answer).resolves.toBeNull();
      expect(sent).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('live messages, as a page hears them', () => {
  const push = { type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 3 } as const;

  it('reach a page’s listener; other messages are left for the worker to answer, never answered here', () => {
    let registered: ((message: unknown) => unknown) | undefined;
    const onMessage = {
      addListener: (listener: (message: unknown) => unknown) => (registered = listener),
      removeListener: (listener: unknown) => void (registered === listener && (registered = undefined)),
    };
    const heard: unknown[] = [];
    const stop = onLiveMessage((message) => heard.push(message), { runtime: { onMessage } } as never);
    // A listener that returns anything but undefined could answer another page's request to the worker.
    expect(registered!(push)).toBeUndefined();
    expect(registered!({ method: 'getReport', params: { host: 'a' } })).toBeUndefined();
    expect(heard).toEqual([push]);
    stop();
    expect(registered).toBeUndefined();
  });
});
