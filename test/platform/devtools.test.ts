import { describe, expect, it, vi } from 'vitest';
import {
  barePairReading,
  repeatedLineReading,
  createDevtoolsPanel,
  holdDevtoolsSession,
  RECONNECT_AFTER_MS,
  devtoolsTheme,
  harEntries,
  inspectedTabId,
  onDevtoolsThemeChanged,
  onHarEntry,
  onInspectedPageNavigated,
  onInspectedTabNavigated,
  themeOfName,
  type DevtoolsApi,
} from '../../src/platform/devtools.ts';
import { fakeEvent } from '../support/fake-events.ts';

/** Chrome 156's devtools API as measured: `setThemeChangeHandler`, light theme named "default", `create` answering with a promise. */
function chromeDevtools(themeName = 'default') {
  let themeHandler: ((name: string) => void) | undefined;
  const created: string[][] = [];
  const onRequestFinished = fakeEvent<(entry: object) => void>();
  const onNavigated = fakeEvent<(url: string) => void>();
  const api: DevtoolsApi = {
    devtools: {
      inspectedWindow: { tabId: 42 },
      panels: {
        themeName,
        create: async (...args: string[]) => void created.push(args),
        setThemeChangeHandler: (handler) => (themeHandler = handler),
      },
      network: { onRequestFinished, onNavigated },
    },
  };
  return { api, created, onRequestFinished, onNavigated, changeTheme: (name: string) => themeHandler?.(name) };
}

/** Firefox ESR 153's: the `onThemeChanged` event, light theme named "light". */
function firefoxDevtools(themeName = 'light') {
  const onThemeChanged = fakeEvent<(name: string) => void>();
  const api: DevtoolsApi = {
    devtools: { inspectedWindow: { tabId: 7 }, panels: { themeName, onThemeChanged, create: () => Promise.resolve({}) }, network: {} },
  };
  return { api, onThemeChanged };
}

describe('platform devtools', () => {
  it('give the inspected tab, or null in a page opened outside DevTools', () => {
    expect(inspectedTabId(chromeDevtools().api)).toBe(42);
    expect(inspectedTabId(firefoxDevtools().api)).toBe(7);
    expect(inspectedTabId({})).toBeNull();
  });

  it('read DevTools’ theme by either browser’s names, or null outside DevTools', () => {
    expect(devtoolsTheme(chromeDevtools('default').api)).toBe('light');
    expect(devtoolsTheme(chromeDevtools('dark').api)).toBe('dark');
    expect(devtoolsTheme(firefoxDevtools('light').api)).toBe('light');
    expect(devtoolsTheme(firefoxDevtools('dark').api)).toBe('dark');
    expect(devtoolsTheme({})).toBeNull();
    expect(themeOfName('something-new')).toBe('light');
  });

  it('follow a theme change in whichever way the browser tells it', () => {
    const themes: string[] = [];
    const chrome = chromeDevtools();
    onDevtoolsThemeChanged((theme) => themes.push(theme), chrome.api);
    chrome.changeTheme('dark');
    const firefox = firefoxDevtools();
    onDevtoolsThemeChanged((theme) => themes.push(theme), firefox.api);
    firefox.onThemeChanged.fire('light');
    expect(themes).toEqual(['dark', 'light']);
    expect(() => onDevtoolsThemeChanged(() => undefined, {})).not.toThrow();
  });

  it('create the panel from the extension’s root, and say when there is no DevTools API', async () => {
    const chrome = chromeDevtools();
    await createDevtoolsPanel('Cookie charter', '/icons/icon-32.png', '/src/panel/index.html', chrome.api);
    expect(chrome.created).toEqual([['Cookie charter', '/icons/icon-32.png', '/src/panel/index.html']]);
    await expect(createDevtoolsPanel('x', 'y', 'z', {})).rejects.toThrow('No DevTools panels API here');
  });

  it('hear requests as they complete and the inspected page’s navigations, until unsubscribed', () => {
    const chrome = chromeDevtools();
    const entries: object[] = [];
    onHarEntry((entry) => entries.push(entry), chrome.api);
    chrome.onRequestFinished.fire({ request: { url: 'https://data.tco.re/' } });
    expect(entries).toHaveLength(1);
    let navigations = 0;
    const stop = onInspectedPageNavigated(() => navigations++, chrome.api);
    chrome.onNavigated.fire('https://itie.opendatasoft.com/');
    stop();
    chrome.onNavigated.fire('https://data.tco.re/');
    expect(navigations).toBe(1);
    expect(() => onHarEntry(() => undefined, firefoxDevtools().api)).not.toThrow();
    expect(onInspectedPageNavigated(() => undefined, {})).toBeTypeOf('function');
  });

  it('read the HAR entries DevTools holds, answered by callback (Chrome) or by promise (Firefox); none without the API or a log', async () => {
    const entries = [{ request: { url: 'https://data.tco.re/login' } }];
    const withGetHAR = (getHAR: (callback: (log: unknown) => void) => unknown): DevtoolsApi => ({ devtools: { network: { getHAR } } });
    expect(await harEntries(withGetHAR((callback) => void callback({ entries })))).toEqual(entries);
    expect(await harEntries(withGetHAR(async () => ({ entries })))).toEqual(entries);
    expect(await harEntries(withGetHAR((callback) => void callback(undefined)))).toEqual([]);
    expect(await harEntries({})).toEqual([]);
    await expect(harEntries(withGetHAR(() => Promise.reject(new Error('no toolbox'))))).rejects.toThrow('no toolbox');
  });

  it('hear the inspected tab go to a browser page, which Chrome does not tell DevTools of, through the tab’s updates; until unsubscribed', () => {
    const chrome = chromeDevtools();
    const onUpdated = fakeEvent<(tabId: number, change: { status?: string; url?: string }) => void>();
    let navigations = 0;
    const stop = onInspectedTabNavigated(42, () => navigations++, chrome.api, { tabs: { onUpdated } } as never);
    // To chrome://version: no onNavigated, and the tab's change hides the address (no `tabs` permission).
    onUpdated.fire(42, { status: 'loading' });
    expect(navigations).toBe(1);
    onUpdated.fire(7, { status: 'loading' });
    chrome.onNavigated.fire('https://data.tco.re/');
    expect(navigations).toBe(2);
    stop();
    onUpdated.fire(42, { status: 'complete' });
    chrome.onNavigated.fire('https://itie.opendatasoft.com/');
    expect(navigations).toBe(2);
    expect(onUpdated.hasListeners()).toBe(false);
    // Firefox's panel has no tabs API: DevTools' event alone.
    const firefox = chromeDevtools();
    const stopFirefox = onInspectedTabNavigated(42, () => navigations++, firefox.api, {});
    firefox.onNavigated.fire('https://data.tco.re/');
    stopFirefox();
    expect(navigations).toBe(3);
    expect(firefox.onNavigated.hasListeners()).toBe(false);
  });
});

describe('holdDevtoolsSession', () => {
  it('keeps a port open with the session on it, and connects again a second after the worker ended it', () => {
    vi.useFakeTimers();
    try {
      const ports: Array<{ name: string; sent: unknown[]; end: () => void }> = [];
      const runtime = {
        connect: ({ name }: { name: string }) => {
          const onDisconnect = fakeEvent<() => void>();
          const port = { name, sent: [] as unknown[], end: () => onDisconnect.fire() };
          ports.push(port);
          return { onDisconnect, postMessage: (message: unknown) => port.sent.push(message) };
        },
      };
      holdDevtoolsSession({ tabId: 3, openedAt: 100 }, { runtime } as never);
      expect(ports.map((port) => [port.name, port.sent])).toEqual([['devtools-session', [{ tabId: 3, openedAt: 100 }]]]);
      // The worker stopped (idle): its ports end with it.
      ports[0]!.end();
      vi.advanceTimersByTime(RECONNECT_AFTER_MS - 1);
      expect(ports).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(ports.map((port) => port.sent)).toEqual([[{ tabId: 3, openedAt: 100 }], [{ tabId: 3, openedAt: 100 }]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops trying once it can no longer connect (its extension was reloaded)', () => {
    let tries = 0;
    const runtime = {
      connect: () => {
        tries++;
        throw new Error('Extension context invalidated.');
      },
    };
    expect(() => holdDevtoolsSession({ tabId: 3, openedAt: 100 }, { runtime } as never)).not.toThrow();
    expect(tries).toBe(1);
  });
});

describe('repeatedLineReading', () => {
  it('says Firefox tells no event for a Set-Cookie line repeating its cookie’s previous one, Chromium one', () => {
    expect(repeatedLineReading({ protocol: 'moz-extension:' })).toBe('silent');
    expect(repeatedLineReading({ protocol: 'chrome-extension:' })).toBe('heard');
  });
});

describe('barePairReading', () => {
  /** The worker's answer to getBrowserVersion, as Firefox's runtime.getBrowserInfo gives it. */
  const version = (answer: string | null) => async () => answer;
  const firefox = { protocol: 'moz-extension:' };

  it('reads a Set-Cookie pair without "=" as the cookie’s name only in a Firefox measured to name such a cookie (ESR 153 on)', async () => {
    expect(await barePairReading(firefox, version('153.0'))).toBe('name');
    expect(await barePairReading(firefox, version('153.0.1'))).toBe('name');
    expect(await barePairReading(firefox, version('153.0b4'))).toBe('name');
    expect(await barePairReading(firefox, version('154.0a1'))).toBe('name');
  });

  it('reads it as a nameless cookie’s value in Firefox ESR 140, which keeps such a cookie nameless', async () => {
    expect(await barePairReading(firefox, version('140.0'))).toBe('value');
    expect(await barePairReading(firefox, version('140.6.0'))).toBe('value');
    expect(await barePairReading(firefox, version('152.0.2'))).toBe('value');
    // A Nightly of 153 may predate the change: not known to name it.
    expect(await barePairReading(firefox, version('153.0a1'))).toBe('value');
  });

  it('reads it as a nameless cookie’s value when the version is unknown: no answer, an error, or no version number', async () => {
    expect(await barePairReading(firefox, version(null))).toBe('value');
    expect(
      await barePairReading(firefox, async () => {
        throw new Error('No answer from the background worker');
      }),
    ).toBe('value');
    for (const odd of ['', 'Firefox', 'x153.0', '.153', '153abc', '0153.0', '9'.repeat(400)]) {
      expect(await barePairReading(firefox, version(odd))).toBe('value');
    }
  });

  it('reads it as a nameless cookie’s value in Chromium, without asking the worker', async () => {
    let asked = false;
    const ask = async () => ((asked = true), '153.0');
    expect(await barePairReading({ protocol: 'chrome-extension:' }, ask)).toBe('value');
    expect(asked).toBe(false);
  });
});
