/**
 * A Vite build plugin: the pages (popup, side panel, DevTools panel and page) get their own copy
 * of every src/core and src/platform module they import, apart from the worker's. Left shared,
 * each module the worker also imports becomes a chunk of its own, and the popup loaded nine files
 * before its first line could run, one round trip each to the extension's files while the
 * browser loads the page. Sharing saves nothing here: an extension's files are read from disk,
 * never downloaded, and the worker and the pages never share a module instance anyway (they run
 * in different realms). With copies, the pages' static code is one chunk (the pages' shell,
 * vite.config.ts) and the worker's is one file.
 *
 * How: a module imported from a page's code (src/popup, src/sidepanel, src/panel, src/devtools,
 * src/pages, src/views) or from a page's copy resolves, when it is in src/core or src/platform,
 * to the same file with the query `?page`: another module for the bundler, the same source.
 */
import type { Plugin } from 'vite';

/** The query that marks a page's copy of a module. */
export const PAGE_COPY = '?page';

const PAGE_CODE = /\/src\/(popup|sidepanel|panel|devtools|pages|views)\//;
const SHARED_CODE = /\/src\/(core|platform)\//;

/** True for an id of a page's code or of a page's copy. */
export function isPageModule(id: string): boolean {
  return id.endsWith(PAGE_COPY) || PAGE_CODE.test(id.replace(/\\/g, '/').split('?')[0]!);
}

/** The id a page's import of `resolvedId` gets: its page copy for shared code, else itself. */
export function pageCopyOf(resolvedId: string): string {
  return !resolvedId.includes('?') && SHARED_CODE.test(resolvedId.replace(/\\/g, '/')) ? `${resolvedId}${PAGE_COPY}` : resolvedId;
}

export function pageCopies(): Plugin {
  return {
    name: 'cci:page-copies',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer, options) {
      if (!importer || !isPageModule(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      return { ...resolved, id: pageCopyOf(resolved.id) };
    },
  };
}
