/**
 * The extension API for the worker, which must have it synchronously (its listeners are registered
 * at the top of its script): the browser's own API where there is one (Firefox's `browser`,
 * Chrome's since 148: see nativeBrowser), webextension-polyfill's wrapper where it is missing.
 *
 * The polyfill is a classic script of its own in the package (scripts/classic-worker.ts copies
 * it), imported with importScripts only where the namespace is missing: there at every run,
 * the one that installs the worker included, so the browser keeps it with the worker. Where the
 * browser has the namespace, the worker's script does not carry it (10 kB less to load at each
 * wake). Imported as a module, it once cost far more: the bundler's interop copied the export's
 * properties onto a module namespace (__toESM) at every wake; where that export is the browser's
 * `browser`, reading each property's descriptor built every API's bindings, those the worker
 * never uses among them (measured in Chromium 156, a stopped worker woken: 1.6 ms of a 14 ms wake).
 */
import { hasNativeBrowserNamespace, nativeBrowser, type Browser } from './browser.ts';
import type { WorkerScope } from './worker-scripts.ts';
import { BROWSER_POLYFILL_FILE } from '../core/browser-polyfill-file.ts';

export function workerBrowser(scope: WorkerScope = globalThis): Browser {
  const native = nativeBrowser(scope);
  if (native) return native;
  scope.importScripts?.(BROWSER_POLYFILL_FILE);
  if (!hasNativeBrowserNamespace(scope))
    throw new Error(`The worker has no extension API: ${BROWSER_POLYFILL_FILE} did not define \`browser\``);
  return scope.browser as Browser;
}
