/**
 * The extension API for the worker, which must have it synchronously (its listeners are registered
 * at the top of its script): the browser's own `browser` namespace where there is one (Chrome
 * since it added it, Firefox), webextension-polyfill's wrapper where it is missing.
 *
 * The polyfill is taken with require(), which the bundler turns into a call of the polyfill's
 * CommonJS wrapper, run only when called. An `import` of it made the bundler's interop copy the
 * export's properties onto a module namespace (__toESM) at every wake; where the browser has the
 * namespace, that export is the browser's `browser`, and reading each property's descriptor built
 * every API's bindings, those the worker never uses among them (measured in Chromium 156, a
 * stopped worker woken: 1.6 ms of a 14 ms wake).
 */
import { hasNativeBrowserNamespace, type Browser } from './browser.ts';

// The bundler's in the worker's build (scripts/classic-worker.ts); Node's under the unit tests.
declare const require: (id: 'webextension-polyfill') => Browser;

export function workerBrowser(): Browser {
  return hasNativeBrowserNamespace() ? (globalThis as unknown as { browser: Browser }).browser : require('webextension-polyfill');
}
