/**
 * The extension API every src/platform function defaults to. Chrome (since it added the
 * `browser` namespace) and Firefox expose a promise-based `browser` natively, which is what
 * webextension-polyfill hands back there anyway; older Chromes need the polyfill's wrapper.
 * The worker imports the polyfill's script synchronously, only where the namespace is missing (it
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
