import { buildBundledRegistry } from '../core/registry/bundled.ts';
import { rowsFromDocument } from '../core/registry/open-cookie-database-document.ts';
import type { Registry } from '../core/registry/registry.ts';

/**
 * The registry, built the first time a report needs it, from the Open Cookie Database's JSON
 * text (~0.5 MB, open-cookie-database-text.ts): parsed then, not when the worker starts, since
 * most wakes only record cookie events.
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
