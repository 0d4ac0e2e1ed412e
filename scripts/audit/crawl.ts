/**
 * Which pages of a portal a multi-page audit visits: one of each kind the platform serves, in an
 * order that puts the likeliest sources of other cookies first, picked from the links of the
 * pages seen so far (the portal renders its links with script: they are read from the DOM).
 *
 * Page kinds and their URL shapes (Explore API v2.1 reference, "Getting started"; dataset pages
 * and their tabs as public portals link them: `/explore/dataset/<id>/table/`, `/map/?basemap=…`,
 * `/analyze/`, `/information/`, `/api/`; consoles `/api/explore/v2.1/console` and, on older
 * portals, `/api/v1/console`; content pages `/pages/<slug>/`; README, "Pages visited"):
 *
 * 1. the catalogue `/explore/`; 2. a dataset's map tab (base-map tiles: the likeliest third
 * party); 3. its table; 4. the API console (or the dataset's API tab); 5. a content page;
 * 6. the dataset's analysis tab; 7. its information tab.
 *
 * The dataset is the first one the catalogue links to (or, before that, any page); its tabs are
 * taken from the links seen, or built from its id. Only the same host; fragments, query strings
 * and path parameters (`;jsessionid=…`, a session cookie's value: never logged or kept) dropped
 * (the start URL keeps its own). Never followed: `/explore/embed/…` (copies of
 * the tabs to embed elsewhere), downloads and exports (files), other `/api/…` paths (JSON), and
 * anything else (sign-in, back office).
 */

import { withoutPathParameters } from '../../src/core/path-parameters.ts';

/** A kind of page, in the order they are visited. */
export const PAGE_KINDS = ['catalogue', 'map', 'table', 'api-console', 'content', 'analyze', 'information'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Most links read from one page. */
export const MAX_LINKS = 5000;

const DATASET_TAB = /^\/explore\/dataset\/([^/]+)\/(map|table|analyze|information|api)\/$/;
const DATASET_PAGE = /^\/explore\/dataset\/([^/]+)\/$/;
const CONSOLE = /^\/api\/(?:explore\/v2\.1|v1)\/console\/?$/;
const CONTENT = /^\/pages\/[^/]+\/$/;

/** What a path is: a kind of page, a dataset page (its id only), or nothing to visit. */
export function classify(path: string): { kind: PageKind | 'dataset'; dataset: string | null } | null {
  if (path === '/explore/' || path === '/explore') return { kind: 'catalogue', dataset: null };
  const tab = DATASET_TAB.exec(path);
  if (tab) return { kind: tab[2] === 'api' ? 'api-console' : (tab[2] as PageKind), dataset: tab[1]! };
  const dataset = DATASET_PAGE.exec(path);
  if (dataset) return { kind: 'dataset', dataset: dataset[1]! };
  if (CONSOLE.test(path)) return { kind: 'api-console', dataset: null };
  if (CONTENT.test(path)) return { kind: 'content', dataset: null };
  return null;
}

/** The next page to visit. */
export type NextPage = { kind: PageKind; url: URL };

/** A crawl of one portal: it hears what was visited and the links seen, and says what to visit next. */
export type Crawl = {
  /** A page was visited (the start URL, each page `next` gave, wherever it ended after redirects). */
  visited(url: URL): void;
  /** The links (hrefs as the DOM resolved them) of the page at `page`. */
  links(page: URL, hrefs: readonly string[]): void;
  /** The next page, or null when every kind was visited or has no page to visit. */
  next(): NextPage | null;
};

export function createCrawl(start: URL): Crawl {
  const host = start.hostname.toLowerCase();
  const origin = start.origin;
  const done = new Set<PageKind>();
  const visitedPaths = new Set<string>();
  /** The first page linked of each kind not tied to a dataset (console, content), and the first dataset per source. */
  const linked = new Map<PageKind, string>();
  /** Tabs linked, by dataset and kind. */
  const tabs = new Map<string, string>();
  let catalogueDataset: string | null = null;
  let anyDataset: string | null = null;
  let startDataset: string | null = null;

  /** A link's path without its parameters, when it is on the portal's host and over http(s); null otherwise. */
  function pathOf(href: string): string | null {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname.toLowerCase() !== host) return null;
    return withoutPathParameters(url.pathname);
  }

  const dataset = () => startDataset ?? catalogueDataset ?? anyDataset;

  function urlFor(kind: PageKind): string | null {
    if (kind === 'catalogue') return linked.get('catalogue') ?? '/explore/';
    const id = dataset();
    const tab = kind === 'api-console' ? 'api' : kind;
    const tabPath = (datasetId: string) => tabs.get(`${datasetId}|${kind}`) ?? `/explore/dataset/${datasetId}/${tab}/`;
    if (kind === 'api-console') return linked.get('api-console') ?? (id === null ? null : tabPath(id));
    if (kind === 'content') return linked.get('content') ?? null;
    return id === null ? null : tabPath(id);
  }

  return {
    visited(url) {
      const path = withoutPathParameters(url.pathname);
      visitedPaths.add(path);
      const found = url.hostname.toLowerCase() === host ? classify(path) : null;
      if (!found) return;
      if (found.kind !== 'dataset') done.add(found.kind);
      if (visitedPaths.size === 1 && found.dataset !== null) startDataset = found.dataset;
    },
    links(page, hrefs) {
      const onCatalogue = classify(withoutPathParameters(page.pathname))?.kind === 'catalogue';
      for (const href of hrefs.slice(0, MAX_LINKS)) {
        const path = pathOf(href);
        const found = path === null ? null : classify(path);
        if (!found || path === null) continue;
        if (found.dataset !== null) {
          if (onCatalogue) catalogueDataset ??= found.dataset;
          anyDataset ??= found.dataset;
          if (found.kind !== 'dataset') {
            const key = `${found.dataset}|${found.kind}`;
            if (!tabs.has(key)) tabs.set(key, path);
          }
        } else if (found.kind !== 'dataset' && !linked.has(found.kind)) {
          linked.set(found.kind, path);
        }
      }
    },
    next() {
      for (const kind of PAGE_KINDS) {
        if (done.has(kind)) continue;
        const path = urlFor(kind);
        if (path === null || visitedPaths.has(path)) continue;
        done.add(kind);
        return { kind, url: new URL(path, origin) };
      }
      return null;
    },
  };
}
