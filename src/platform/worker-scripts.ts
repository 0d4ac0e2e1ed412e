/**
 * Scripts the worker imports when it first needs them rather than at each wake. Chrome's service
 * worker may import (importScripts) after its first run only the scripts it imported during that
 * run, when it was installed; those are installed with it and imported again without a fetch:
 * `importWhileInstalling`, at the top of the worker, imports them in that run, and
 * `importedScript` imports one when first needed. Firefox's event page has no importScripts: its
 * manifest lists the script before the worker's (scripts/classic-worker.ts), so it is there.
 */

/** A classic script that defines one global. */
export type WorkerScript = { file: string; global: string };

/** The worker's global scope, as far as these functions read it. */
export type WorkerScope = {
  importScripts?: (...urls: string[]) => void;
  /** The service worker itself (ServiceWorkerGlobalScope.serviceWorker): its state tells the run that installs it. */
  serviceWorker?: { state?: string };
  [global: string]: unknown;
};

/**
 * Imports `script` now when this run of the worker may be the one that installs it: an activated
 * worker was installed with the script already. Where the state is unknown it imports too (always
 * allowed at the top of the worker, and only costs time). Nothing where importScripts is missing.
 */
export function importWhileInstalling(script: WorkerScript, scope: WorkerScope = globalThis): void {
  if (typeof scope.importScripts !== 'function') return;
  if (scope.serviceWorker?.state !== 'activated') scope.importScripts(script.file);
}

/** What `script` defines, imported first if this run has not yet; throws, saying which, when it cannot be. */
export function importedScript<T>(script: WorkerScript, scope: WorkerScope = globalThis): T {
  if (scope[script.global] === undefined && typeof scope.importScripts === 'function') scope.importScripts(script.file);
  const value = scope[script.global];
  if (value === undefined) throw new Error(`The worker's script ${script.file} is not loaded (it should define ${script.global})`);
  return value as T;
}
