import { browser, type Browser } from './browser.ts';

/**
 * Classic scripts of the extension's package, run in the background context when needed rather
 * than at each start. A service worker may import a script after its first run only if it
 * imported that script while being installed (the service worker specification's script
 * resource map; Chrome refuses any other with a NetworkError): `importWhenInstalled` does that
 * from the worker's `install` event, and `runPackageScript` imports it again when needed. An
 * event page (Firefox) has no importScripts: it adds a script element.
 */

type WorkerScope = {
  importScripts?: (...urls: string[]) => void;
  addEventListener(type: 'install', listener: () => void): void;
};

const scope = globalThis as unknown as WorkerScope;

/** A file's URL as both calls resolve it (the package's root): the same key in the worker's map of installed scripts. */
const scriptUrl = (file: string) => `/${file}`;

/** Imports `files` while the worker is installed, so that it may import them again later. Call at the top level. */
export function importWhenInstalled(files: readonly string[], worker: WorkerScope = scope): void {
  if (typeof worker.importScripts !== 'function') return;
  worker.addEventListener('install', () => worker.importScripts!(...files.map(scriptUrl)));
}

/** Runs the package's classic script `file` in this context: imported by a service worker, added as a script element by a page. */
export async function runPackageScript(file: string, worker: WorkerScope = scope, api: Pick<Browser, 'runtime'> = browser): Promise<void> {
  if (typeof worker.importScripts === 'function') {
    worker.importScripts(scriptUrl(file));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = api.runtime.getURL(file);
    script.onload = () => {
      script.remove();
      resolve();
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`${file} could not be run`));
    };
    document.head.append(script);
  });
}

/** The text of the package's file `file`. */
export async function packageFileText(file: string, api: Pick<Browser, 'runtime'> = browser): Promise<string> {
  return (await fetch(api.runtime.getURL(file))).text();
}
