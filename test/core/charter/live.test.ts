import { describe, expect, it } from 'vitest';
import { fetchLiveCharter, isStale, LIVE_CHARTER_MAX_AGE_MS, LIVE_CHARTER_RETRY_MS, type FetchLike } from '../../../src/core/charter/live.ts';
import { charterPage, DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';

/** A fetch that answers from a table of URLs; missing URLs fail like an unreachable host. */
function fakeFetch(pages: Record<string, { status: number; body?: string; type?: string } | 'network-error'>): FetchLike & { calls: Array<[string, RequestInit]> } {
  const calls: Array<[string, RequestInit]> = [];
  const impl = async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    const page = pages[url];
    if (!page || page === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(page.body ?? '', { status: page.status, headers: { 'content-type': page.type ?? 'text/html' } });
  };
  return Object.assign(impl, { calls });
}

const HOST = 'demo.opendatasoft.com';
const html = charterPage(HOST, DEMO_CHARTER);

describe('fetchLiveCharter', () => {
  it('reads /terms/cookies-policy/ over https, anonymously', async () => {
    const fetch = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: html } });
    const record = await fetchLiveCharter(HOST, fetch, () => 42);
    expect(record).toMatchObject({ host: HOST, fetchedAt: 42, url: `https://${HOST}/terms/cookies-policy/`, problem: null });
    expect(record.charter?.entries).toHaveLength(7);
    expect(fetch.calls[0]![1]).toMatchObject({ credentials: 'omit', cache: 'no-store' });
  });

  it('reads /terms/cookies-information after a 404, and never over plain http', async () => {
    const fetch = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: { status: 404 },
      [`http://${HOST}/terms/cookies-information`]: { status: 200, body: html },
      [`https://${HOST}/terms/cookies-information`]: { status: 200, body: html },
    });
    const record = await fetchLiveCharter(HOST, fetch);
    expect(fetch.calls.map(([url]) => url)).toEqual([`https://${HOST}/terms/cookies-policy/`, `https://${HOST}/terms/cookies-information`]);
    expect(record.url).toBe(`https://${HOST}/terms/cookies-information`);
    const httpOnly = fakeFetch({ [`http://${HOST}/terms/cookies-policy/`]: { status: 200, body: html } });
    expect(await fetchLiveCharter(HOST, httpOnly)).toMatchObject({ charter: null, problem: 'network error (offline, or the site cannot be reached)' });
  });

  it('survives a body that breaks while it is read, and cuts a huge page', async () => {
    const broken: FetchLike = async () =>
      new Response(new ReadableStream({ start: (controller) => controller.error(new Error('reset')) }), { status: 200 });
    expect((await fetchLiveCharter(HOST, broken)).problem).toBe('network error (offline, or the site cannot be reached)');
    const huge: FetchLike = async () => new Response(`${'<p>x</p>'.repeat(400_000)}`, { status: 200, headers: { 'content-type': 'text/html' } });
    expect((await fetchLiveCharter(HOST, huge)).problem).toBe('no cookie table at /terms/cookies-information');
  });

  it('says why nothing could be read, never throws', async () => {
    expect((await fetchLiveCharter(HOST, fakeFetch({}))).problem).toBe('network error (offline, or the site cannot be reached)');
    const notFound = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 404 }, [`https://${HOST}/terms/cookies-information`]: { status: 500 } });
    expect(await fetchLiveCharter(HOST, notFound)).toMatchObject({ charter: null, url: null, problem: 'HTTP 500 at /terms/cookies-information' });
    const noTable = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: '<p>Nothing here</p>' }, [`https://${HOST}/terms/cookies-information`]: { status: 404 } });
    expect((await fetchLiveCharter(HOST, noTable)).problem).toBe('no cookie table at /terms/cookies-policy/');
    const twice404 = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 404 }, [`https://${HOST}/terms/cookies-information`]: { status: 404 } });
    expect((await fetchLiveCharter(HOST, twice404)).problem).toBe('HTTP 404 at /terms/cookies-information');
    const onlyProse = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: '<p>Nothing here</p>' } });
    expect((await fetchLiveCharter(HOST, onlyProse)).problem).toBe('no cookie table at /terms/cookies-policy/');
  });

  it('reads a charter served as plain text too', async () => {
    const text = 'Nom du prestataire\tNom du cookie\tDurée\tFinalité\nHuwise\tsessionid\t2 semaines\tSession';
    const fetch = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: text, type: 'text/plain' } });
    expect((await fetchLiveCharter(HOST, fetch)).charter?.entries[0]?.cookie).toBe('sessionid');
  });
});

describe('isStale', () => {
  const record = (charter: boolean) => ({ host: HOST, fetchedAt: 0, url: null, charter: charter ? { portal: null, language: null, entries: [] } : null, problem: null });
  it('keeps a charter a day and retries a failure after ten minutes', () => {
    expect(isStale(undefined, 0)).toBe(true);
    expect(isStale(record(true), LIVE_CHARTER_MAX_AGE_MS)).toBe(false);
    expect(isStale(record(true), LIVE_CHARTER_MAX_AGE_MS + 1)).toBe(true);
    expect(isStale(record(false), LIVE_CHARTER_RETRY_MS + 1)).toBe(true);
  });
});
