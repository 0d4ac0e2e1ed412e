/**
 * webextension-polyfill's UMD build in Chrome's package, which defines `browser` in a scope
 * without modules: what the worker imports where the browser has no `browser` namespace
 * (platform/worker-browser.ts), and the file scripts/classic-worker.ts writes.
 */
export const BROWSER_POLYFILL_FILE = 'browser-polyfill.js';
