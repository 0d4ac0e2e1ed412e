import { buildBundledRegistry } from '../core/registry/bundled.ts';
import { OPEN_COOKIE_DATABASE_FILES, rowsFromDocument } from '../core/registry/open-cookie-database-document.ts';
import type { Registry } from '../core/registry/registry.ts';

/**
 * The registry, built the first time a report needs it. The database (~0.5 MB) is fetched from
 * the package then, not parsed when the worker starts: most wakes only record cookie events.
 */
export function createRegistryLoader(fetchText: (path: string) => Promise<string>): () => Promise<Registry> {
  let loading: Promise<Registry> | undefined;
  return () => {
    if (!loading) {
      const attempt = fetchText(OPEN_COOKIE_DATABASE_FILES.packaged).then((text) =>
        buildBundledRegistry(rowsFromDocument(JSON.parse(text))),
      );
      // A failed load is tried again next time rather than remembered.
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
      loading = attempt;
    }
    return loading;
  };
}
