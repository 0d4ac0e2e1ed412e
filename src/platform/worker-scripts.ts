/**
 * Scripts the worker imports when it first needs them rather than at each wake. Chrome's service
 * worker may import (importScripts) after its first run only the scripts it imported during that
 * run, when it was installed; those are installed with it and imported again without a fetch:
 * `importWhileInstalling`, at the top of the worker, imports them in that run, and
 * `importedScript` imports one when first needed. Firefox's event page has no importScripts but is
 * a document: `loadedScript` adds the script to it when first needed, so that a wake does not read
 * it either (its manifest lists the worker's script alone: scripts/classic-worker.ts).
 */

/** A classic script that defines one global. */
export type WorkerScript = { file: string; global: string };

/** The worker's global scope, as far as these functions read it. */
export type WorkerScope = {
  importScripts?: (...urls: string[]) => void;
  /** The service worker itself (ServiceWorkerGlobalScope.serviceWorker): its state tells the run that installs it. */
  serviceWorker?: { state?: string };
  /** The event page's document (Firefox), where a script is added as an element. */
  document?: Pick<Document, 'createElement' | 'head'>;
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

/** Scripts being added to each event page, by file: asked for twice at once, a script is added once. */
const adding = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * What `script` defines, loaded first if this run has not yet: with importScripts in a service
 * worker (`importedScript`), else as a script element of the event page, waited for. Rejects,
 * saying which, when it cannot be loaded or defines nothing.
 */
export async function loadedScript<T>(script: WorkerScript, scope: WorkerScope = globalThis): Promise<T> {
  const { document } = scope;
  if (scope[script.global] === undefined && typeof scope.importScripts !== 'function' && document) {
    const inPage = adding.get(document) ?? new Map<string, Promise<void>>();
    adding.set(document, inPage);
    let added = inPage.get(script.file);
    if (!added) {
      added = new Promise<void>((resolve, reject) => {
        const element = document.createElement('script');
        element.onload = () => resolve();
        element.onerror = () => {
          // Gone, so that the next call adds it afresh.
          element.remove();
          reject(new Error(`The worker's script ${script.file} could not be loaded`));
        };
        // From the package's root, wherever the browser puts the event page.
        element.src = `/${script.file}`;
        document.head.append(element);
      }).finally(() => inPage.delete(script.file));
      inPage.set(script.file, added);
    }
    await added;
  }
  return importedScript<T>(script, scope);
}
