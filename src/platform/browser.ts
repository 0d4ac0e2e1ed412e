/**
 * The extension API every src/platform function defaults to. Chrome (since it added the
 * `browser` namespace) and Firefox expose a promise-based `browser` natively, which is what
 * webextension-polyfill hands back there anyway; Chrome 148 to 151 leave `browser` out in an
 * extension with a DevTools page, as ours, though their `chrome` is that very API (nativeBrowser);
 * older Chromes need the polyfill's wrapper.
 * The worker imports the polyfill's script synchronously, only where nativeBrowser finds no API (it
 * must register listeners at once: worker-browser.ts); the popup loads it only then too, which keeps
 * ~10 kB off its first paint.
 * Functions here take the API as a defaulted parameter, so tests pass a small fake.
 */
import type { Browser } from 'webextension-polyfill';

export type { Browser, Cookies, Runtime, Storage, Tabs } from 'webextension-polyfill';

/** The API in use (a live binding: `installBrowser` replaces it for every importer). */
export let browser: Browser = (globalThis as { browser?: Browser }).browser as Browser;

/** Installs the API to use: the polyfill's export. */
export function installBrowser(api: Browser): void {
  browser = api;
}

/** True when `scope` (the page's or worker's global by default) has the promise-based namespace. */
export function hasNativeBrowserNamespace(scope: object = globalThis): boolean {
  return typeof (scope as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id === 'string';
}

/**
 * The first Chrome whose `chrome` is the API its `browser` namespace points to, promise-returning
 * `runtime.onMessage` listeners included (Chrome's "browser namespace" guide: from Chrome 148,
 * `chrome.tabs === browser.tabs`; an extension with a DevTools page gets `browser` from 152 only).
 */
export const FIRST_CHROME_WITH_BROWSER_API = 148;

type ApiScope = { browser?: unknown; chrome?: { runtime?: { id?: string } }; navigator?: { userAgent?: string } };

/**
 * The browser's own promise-based API, or null where only webextension-polyfill's wrapper gives
 * one (Chrome before 148). Where Chrome leaves `browser` out but its `chrome` is that API, names
 * `chrome` `browser` in `scope`, as Chrome's guide advises: every script of the extension then
 * finds it there, those loaded later (the worker's second script) included.
 */
export function nativeBrowser(scope: object = globalThis): Browser | null {
  const global = scope as ApiScope;
  if (hasNativeBrowserNamespace(scope)) return global.browser as Browser;
  const chromeVersion = Number(/Chrome\/(\d+)/.exec(global.navigator?.userAgent ?? '')?.[1] ?? 0);
  if (typeof global.chrome?.runtime?.id !== 'string' || chromeVersion < FIRST_CHROME_WITH_BROWSER_API) return null;
  global.browser = global.chrome;
  return global.browser as Browser;
}

/** What of `runtime` browserVersion uses: Firefox's getBrowserInfo, which Chromium lacks. */
type BrowserInfoApi = { runtime: { getBrowserInfo?: () => Promise<{ version?: unknown }> } };

/**
 * The browser's version as `runtime.getBrowserInfo` gives it ("153.0"), or null where the browser
 * has none (Chromium). Firefox gives it to its extension pages and worker, not to its DevTools
 * page (runtime.json lists getBrowserInfo for no "devtools" context): that page asks the worker.
 */
export async function browserVersion(api: BrowserInfoApi = browser): Promise<string | null> {
  if (typeof api.runtime.getBrowserInfo !== 'function') return null;
  const { version } = await api.runtime.getBrowserInfo();
  return typeof version === 'string' ? version : null;
}
