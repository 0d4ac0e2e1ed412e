import { describe, expect, it, vi } from 'vitest';

// webextension-polyfill refuses to load outside an extension; every call here gets a fake API.
vi.mock('../../src/platform/browser.ts', () => ({ browser: {} }));
const { broadcast, isOwnPage, onDevtoolsSessionEnded, serveRequests } = await import('../../src/platform/worker-messaging.ts');
const { fakeEvent } = await import('../support/fake-events.ts');
const { LIVE_MESSAGE_TYPE } = await import('../../src/core/message-contract.ts');

type Listener = (message: unknown, sender: object, sendResponse: (response: unknown) => void) => boolean;

function fakeRuntime() {
  let listener: Listener | undefined;
  const runtime = {
    id: 'our-id',
    getURL: (path: string) => `chrome-extension://our-id/${path}`,
    onMessage: { addListener: (l: Listener) => (listener = l) },
    /** Delivers `message` as if sent by `sender`, resolving with the answer. */
    deliver: (message: unknown, sender: object) =>
      new Promise((resolve) => {
        listener!(message, sender, resolve);
      }),
  };
  return { runtime } as never as Parameters<typeof serveRequests>[2] & { runtime: typeof runtime };
}

const ownPopup = { id: 'our-id', url: 'chrome-extension://our-id/src/popup/index.html?host=data.tco.re' };
const view = { kind: 'no-access' as const, host: 'example.org', portal: false };
/** The browser's French, as its i18n says it: "KEY(substitutions)". */
const translate = (key: string, ...substitutions: string[]) => `${key}(${substitutions.join(', ')})`;
const unused = {
  clearSite: async () => ({ removed: 0 }),
  exportReport: async () => ({ filename: '', mimeType: '', text: '' }),
  refreshCharter: async () => ({ ok: false }),
  getDiagnostics: async () => ({ codeStartedMs: 1, evaluatedMs: 1, readyMs: 1, steps: {}, sites: 0, cookies: 0 }),
  siteOfTab: async () => ({ kind: 'no-tab' as const }),
  noteNetwork: async () => ({ kind: 'noted' as const, kept: 0 }),
  getNetworkLog: async () => null,
  getBrowserVersion: async () => null,
};

describe('message contract', () => {
  it('answers our own pages', async () => {
    const api = fakeRuntime();
    serveRequests({ ...unused, getReport: async ({ host }) => ({ ...view, host }) }, translate, api);
    expect(await api.runtime.deliver({ method: 'getReport', params: { host: 'example.org' } }, ownPopup)).toEqual({
      ok: true,
      result: view,
    });
  });

  it('refuses content scripts, web pages and other extensions', async () => {
    const api = fakeRuntime();
    const getReport = vi.fn(async () => view);
    serveRequests({ ...unused, getReport }, translate, api);
    for (const sender of [
      { id: 'our-id', url: 'https://data.tco.re/', tab: { id: 1 } as never },
      { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' },
      { url: 'https://evil.example/' },
    ]) {
      expect(isOwnPage(sender, api)).toBe(false);
      expect(await api.runtime.deliver({ method: 'getReport', params: { host: 'x' } }, sender)).toMatchObject({ ok: false });
    }
    expect(getReport).not.toHaveBeenCalled();
  });

  it('refuses unknown methods and malformed params, and carries handler errors back as errors', async () => {
    const api = fakeRuntime();
    serveRequests({ ...unused, getReport: async () => Promise.reject(new Error('state unreadable')) }, translate, api);
    expect(await api.runtime.deliver({ method: 'dropTables', params: {} }, ownPopup)).toEqual({ ok: false, error: 'Unknown request' });
    expect(await api.runtime.deliver({ method: 'getReport', params: { host: 7 } }, ownPopup)).toEqual({
      ok: false,
      error: 'Invalid getReport request: host must be a host name',
    });
    expect(await api.runtime.deliver({ method: 'exportReport', params: { host: 'a', format: 'pdf' } }, ownPopup)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid exportReport request: format must be one of json, markdown, csv, /),
    });
    expect(await api.runtime.deliver({ method: 'getReport', params: { host: 'a' } }, ownPopup)).toEqual({
      ok: false,
      error: 'state unreadable',
    });
  });

  it('answers nothing when the browser refused the worker’s own API calls as it stops it (Chrome’s "No SW"), so a page sends a read again', async () => {
    const api = fakeRuntime();
    serveRequests({ ...unused, getReport: async () => Promise.reject(new Error('No SW')) }, translate, api);
    // An answer of nothing is what a stopped worker gives: the page's callBackground sends getReport again.
    expect(await api.runtime.deliver({ method: 'getReport', params: { host: 'a' } }, ownPopup)).toBeUndefined();
    // Any other failure, even one that starts so, is said.
    serveRequests({ ...unused, getReport: async () => Promise.reject(new Error('No SW here')) }, translate, api);
    expect(await api.runtime.deliver({ method: 'getReport', params: { host: 'a' } }, ownPopup)).toEqual({ ok: false, error: 'No SW here' });
  });

  it('says what is wrong with a request it refuses, a host that names no site in the browser’s language, and runs no handler', async () => {
    const api = fakeRuntime();
    const clearSite = vi.fn(unused.clearSite);
    const getReport = vi.fn(async () => view);
    serveRequests({ ...unused, clearSite, getReport }, translate, api);
    expect(await api.runtime.deliver({ method: 'clearSite', params: { host: 'data.tco.re', reloadTabs: 'false' } }, ownPopup)).toEqual({
      ok: false,
      error: 'Invalid clearSite request: reloadTabs must be true or false',
    });
    expect(await api.runtime.deliver({ method: 'getReport', params: { host: '<img src=x>' } }, ownPopup)).toEqual({
      ok: false,
      error: 'notHostName(<img src=x>)',
    });
    expect(clearSite).not.toHaveBeenCalled();
    expect(getReport).not.toHaveBeenCalled();
  });
});

describe('live messages, as the worker pushes them', () => {
  const push = { type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 3 } as const;

  it('are broadcast with runtime.sendMessage', async () => {
    const sent: unknown[] = [];
    await broadcast(push, { runtime: { sendMessage: async (message: unknown) => void sent.push(message) } } as never);
    expect(sent).toEqual([push]);
  });
});

describe('DevTools sessions, as the DevTools page holds them open on a port', () => {
  const devtoolsPage = { id: 'our-id', url: 'chrome-extension://our-id/src/devtools/index.html' };

  function portsOf() {
    const onConnect = fakeEvent<(port: never) => void>();
    const api = { runtime: { id: 'our-id', getURL: (path: string) => `chrome-extension://our-id/${path}`, onConnect } } as never;
    /** A port as the browser hands it to the worker; `end` is the page going away. */
    const connect = (name: string, sender: object) => {
      const onMessage = fakeEvent<(message: unknown) => void>();
      const onDisconnect = fakeEvent<() => void>();
      onConnect.fire({ name, sender, onMessage, onDisconnect } as never);
      return { post: (message: unknown) => onMessage.fire(message), end: () => onDisconnect.fire() };
    };
    return { api, connect };
  }

  it('says when our DevTools page’s port ends, with the session it announced', () => {
    const { api, connect } = portsOf();
    const ended: unknown[] = [];
    onDevtoolsSessionEnded((session, at) => ended.push([session, typeof at]), api);
    const port = connect('devtools-session', devtoolsPage);
    port.post({ tabId: 7, openedAt: 1000, extra: '<b>x</b>' });
    port.post({ tabId: 8, openedAt: 2000 });
    expect(ended).toEqual([]);
    port.end();
    expect(ended).toEqual([[{ tabId: 7, openedAt: 1000 }, 'number']]);
  });

  it('leaves alone the ports of other names or senders, and sessions it cannot read', () => {
    const { api, connect } = portsOf();
    const ended: unknown[] = [];
    onDevtoolsSessionEnded((session) => ended.push(session), api);
    for (const [name, sender, message] of [
      ['other', devtoolsPage, { tabId: 7, openedAt: 1 }],
      ['devtools-session', { id: 'other-id', url: 'chrome-extension://other-id/x.html' }, { tabId: 7, openedAt: 1 }],
      ['devtools-session', { id: 'our-id', url: 'https://portal.example/' }, { tabId: 7, openedAt: 1 }],
      ['devtools-session', devtoolsPage, { tabId: -1, openedAt: 1 }],
      ['devtools-session', devtoolsPage, { tabId: 7, openedAt: 'soon' }],
      ['devtools-session', devtoolsPage, null],
    ] as const) {
      const port = connect(name, sender);
      port.post(message);
      port.end();
    }
    expect(ended).toEqual([]);
  });
});
