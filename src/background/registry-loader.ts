import { buildBundledRegistry } from '../core/registry/bundled.ts';
import { rowsFromDocument } from '../core/registry/open-cookie-database-document.ts';
import type { Registry } from '../core/registry/registry.ts';

/**
 * The registry, built the first time a report needs it, from the Open Cookie Database's JSON
 * text (~0.5 MB): read and parsed then, not when the worker starts, since most wakes only record
 * cookie events. Where the text comes from was measured (issue #16, Chromium, a stopped worker):
 * parsed into objects at start-up, it cost every wake; carried as text in the worker's script,
 * every wake 4.4 ms (the browser reads a worker's whole script and compiled form before its first
 * line runs); in a script the worker imports when needed (installed with it), every wake 2.2 ms
 * (a starting worker is handed all its installed scripts); read from the package, nothing at wake,
 * and the popup's first report on a stopped worker waits for the read: gzipped
 * (platform/package-files.ts) that read is 142 kB rather than 506.
 */
export function createRegistryLoader(databaseText: () => string | Promise<string>): () => Promise<Registry> {
  let loading: Promise<Registry> | undefined;
  return () => {
    if (!loading) {
      const attempt = Promise.resolve()
        .then(databaseText)
        .then((text) => buildBundledRegistry(rowsFromDocument(JSON.parse(text))));
      // A failed load is tried again next time rather than remembered.
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
      loading = attempt;
    }
    return loading;
  };
}
