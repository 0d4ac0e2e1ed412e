import { afterEach, describe, expect, it } from 'vitest';
import * as platform from '../../src/platform/browser.ts';

const original = platform.browser;
const globals = globalThis as { browser?: unknown };

afterEach(() => {
  platform.installBrowser(original);
  delete globals.browser;
});

describe('the extension API in use', () => {
  it('is replaced for every importer by installBrowser', () => {
    const api = { runtime: { id: 'x' } } as never;
    platform.installBrowser(api);
    expect(platform.browser).toBe(api);
  });

  it('tells a native promise-based namespace from none', () => {
    expect(platform.hasNativeBrowserNamespace()).toBe(false);
    globals.browser = { runtime: {} };
    expect(platform.hasNativeBrowserNamespace()).toBe(false);
    globals.browser = { runtime: { id: 'abc' } };
    expect(platform.hasNativeBrowserNamespace()).toBe(true);
  });

  it('is the native API where there is one: Firefox’s `browser`, Chrome 148+’s `chrome` (then also named `browser`), none before', () => {
    const firefox = { runtime: { id: 'a' } };
    expect(
      platform.nativeBrowser({
        browser: firefox,
        navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0' },
      }),
    ).toBe(firefox);
    const chrome = { runtime: { id: 'b' } };
    const chrome150: { chrome: unknown; navigator: unknown; browser?: unknown } = {
      chrome,
      navigator: { userAgent: 'Mozilla/5.0 Chrome/150.0.7871.100 Safari/537.36' },
    };
    expect(platform.nativeBrowser(chrome150)).toBe(chrome);
    expect(chrome150.browser).toBe(chrome);
    const chrome147: { chrome: unknown; navigator: unknown; browser?: unknown } = {
      chrome,
      navigator: { userAgent: 'Mozilla/5.0 Chrome/147.0.1.2 Safari/537.36' },
    };
    expect(platform.nativeBrowser(chrome147)).toBeNull();
    expect(chrome147.browser).toBeUndefined();
    // A page outside an extension has a `chrome` without a runtime id: no API.
    expect(platform.nativeBrowser({ chrome: {}, navigator: { userAgent: 'Chrome/150.0' } })).toBeNull();
    expect(platform.nativeBrowser({})).toBeNull();
  });
});

describe('browserVersion', () => {
  it('gives Firefox’s version as runtime.getBrowserInfo says it', async () => {
    const runtime = { getBrowserInfo: async () => ({ name: 'Firefox', vendor: 'Mozilla', version: '140.6.0', buildID: '20261201' }) };
    expect(await platform.browserVersion({ runtime })).toBe('140.6.0');
  });

  it('gives null in a browser without getBrowserInfo (Chromium), or when it names no version', async () => {
    expect(await platform.browserVersion({ runtime: {} })).toBeNull();
    expect(await platform.browserVersion({ runtime: { getBrowserInfo: async () => ({}) } })).toBeNull();
  });

  it('rejects when getBrowserInfo does (the page then reads no version)', async () => {
    const runtime = { getBrowserInfo: () => Promise.reject(new Error('An unexpected error occurred')) };
    await expect(platform.browserVersion({ runtime })).rejects.toThrow('An unexpected error occurred');
  });
});
