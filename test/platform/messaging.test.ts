import { describe, expect, it, vi } from 'vitest';

// webextension-polyfill refuses to load outside an extension; every call here gets a fake API.
vi.mock('../../src/platform/browser.ts', () => ({ browser: {} }));
const { callBackground, onLiveMessage } = await import('../../src/platform/messaging.ts');
const { LIVE_MESSAGE_TYPE, NoAnswer } = await import('../../src/core/message-contract.ts');

describe('a page’s requests', () => {
  it('turns an error answer into a rejected call', async () => {
    const api = { runtime: { sendMessage: async () => ({ ok: false, error: 'boom' }) } } as never;
    await expect(callBackground('getReport', { host: 'a' }, api)).rejects.toThrow('boom');
    const silent = { runtime: { sendMessage: async () => undefined } } as never;
    // The page's own error, which a page words in its language.
    await expect(callBackground('getReport', { host: 'a' }, silent)).rejects.toBeInstanceOf(NoAnswer);
  });

  it('says no answer came when Chrome drops the request with the worker that had it', async () => {
    const closed = Error(
      'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
    );
    const stopped = { runtime: { sendMessage: () => Promise.reject(closed) } } as never;
    await expect(callBackground('clearSite', { host: 'a', reloadTabs: true }, stopped)).rejects.toBeInstanceOf(NoAnswer);
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
