import { describe, expect, it } from 'vitest';
import { classify, createCrawl, MAX_LINKS, PAGE_KINDS } from '../../../scripts/audit/crawl.ts';

const PORTAL = 'https://data.example.org';
const links = (...paths: string[]) => paths.map((path) => (path.startsWith('http') ? path : `${PORTAL}${path}`));

/** Walks a portal whose pages link as `site` says, and returns the paths visited. */
function walk(start: string, site: Record<string, string[]>, pages = 8): string[] {
  const crawl = createCrawl(new URL(start));
  let here = new URL(start);
  crawl.visited(here);
  const visited = [here.pathname];
  while (visited.length < pages) {
    crawl.links(here, links(...(site[here.pathname] ?? [])));
    const next = crawl.next();
    if (!next) break;
    visited.push(next.url.pathname);
    here = next.url;
    crawl.visited(here);
  }
  return visited;
}

describe('the crawl of a portal', () => {
  it('tells the page kinds apart, and what it never visits', () => {
    expect(classify('/explore/')).toEqual({ kind: 'catalogue', dataset: null });
    expect(classify('/explore/dataset/arbres/map/')).toEqual({ kind: 'map', dataset: 'arbres' });
    expect(classify('/explore/dataset/arbres/api/')).toEqual({ kind: 'api-console', dataset: 'arbres' });
    expect(classify('/explore/dataset/arbres/')).toEqual({ kind: 'dataset', dataset: 'arbres' });
    expect(classify('/api/explore/v2.1/console')).toEqual({ kind: 'api-console', dataset: null });
    expect(classify('/api/v1/console')).toEqual({ kind: 'api-console', dataset: null });
    expect(classify('/pages/home/')).toEqual({ kind: 'content', dataset: null });
    for (const never of [
      '/explore/embed/dataset/arbres/map/',
      '/explore/dataset/arbres/download/',
      '/explore/dataset/arbres/export/',
      '/api/explore/v2.1/catalog/datasets',
      '/login/',
      '/backoffice/',
      '/',
    ]) {
      expect(classify(never), never).toBeNull();
    }
  });

  it('visits one page of each kind, in order: catalogue, map, table, console, content page, analysis, information', () => {
    const site = {
      '/': ['/explore/dataset/featured/', '/pages/a-propos/#top', '/login/'],
      '/explore/': ['/explore/dataset/featured/', '/explore/dataset/arbres/', '/explore/dataset/velos/', '/api/explore/v2.1/console'],
      '/explore/dataset/featured/map/': ['/explore/dataset/featured/table/?sort=x', '/explore/embed/dataset/featured/table/'],
    };
    expect(walk(`${PORTAL}/?utm=1`, site)).toEqual([
      '/',
      '/explore/',
      '/explore/dataset/featured/map/',
      '/explore/dataset/featured/table/',
      '/api/explore/v2.1/console',
      '/pages/a-propos/',
      '/explore/dataset/featured/analyze/',
      '/explore/dataset/featured/information/',
    ]);
    expect(PAGE_KINDS).toHaveLength(7);
  });

  it('takes the dataset from the catalogue, builds its tabs from its id, and falls back to its API tab for the console', () => {
    expect(walk(`${PORTAL}/`, { '/explore/': ['/explore/dataset/arbres/'] }, 5)).toEqual([
      '/',
      '/explore/',
      '/explore/dataset/arbres/map/',
      '/explore/dataset/arbres/table/',
      '/explore/dataset/arbres/api/',
    ]);
  });

  it('stays on the portal’s host, skips kinds it has no page for, and stops when none is left', () => {
    const site = {
      '/explore/': ['https://other.example.org/explore/dataset/x/', 'ftp://data.example.org/explore/dataset/y/', 'not a url'],
    };
    expect(walk(`${PORTAL}/`, site)).toEqual(['/', '/explore/']);
  });

  it('does not go back to the page it started on, or its kind', () => {
    expect(walk(`${PORTAL}/explore/dataset/velos/table/`, { '/explore/dataset/velos/table/': ['/explore/'] }, 4)).toEqual([
      '/explore/dataset/velos/table/',
      '/explore/',
      '/explore/dataset/velos/map/',
      '/explore/dataset/velos/api/',
    ]);
  });

  it('drops path parameters from links and pages: a servlet session id is a cookie’s value, never logged or kept', () => {
    const site = {
      '/': ['/explore/;jsessionid=9F1C2A7B3D4E5F60'],
      '/explore/': ['/explore/dataset/arbres;jsessionid=9F1C2A7B3D4E5F60/', '/pages/home;v=2/'],
    };
    const visited = walk(`${PORTAL}/`, site, 6);
    expect(visited).toEqual([
      '/',
      '/explore/',
      '/explore/dataset/arbres/map/',
      '/explore/dataset/arbres/table/',
      '/explore/dataset/arbres/api/',
      '/pages/home/',
    ]);
    // A page that ended on a path with a session id counts as that page.
    const crawl = createCrawl(new URL(`${PORTAL}/`));
    crawl.visited(new URL(`${PORTAL}/explore/;jsessionid=9F1C2A7B3D4E5F60`));
    expect(crawl.next()).toBeNull();
  });

  it('reads at most MAX_LINKS links of a page', () => {
    const crawl = createCrawl(new URL(`${PORTAL}/`));
    const many = [...Array.from({ length: MAX_LINKS }, () => `${PORTAL}/nothing/`), `${PORTAL}/pages/late/`];
    crawl.visited(new URL(`${PORTAL}/`));
    crawl.links(new URL(`${PORTAL}/`), many);
    expect(crawl.next()?.kind).toBe('catalogue');
    expect(crawl.next()).toBeNull();
  });
});
