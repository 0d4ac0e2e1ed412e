import { describe, expect, it } from 'vitest';
import {
  fetchCharterPage,
  fetchLiveCharter,
  finalUrlProblem,
  readCharterPage,
  readCharterPageReading,
  readLiveCharterPage,
  type FetchLike,
} from '../../../src/core/charter/live.ts';
import { MAX_UNREAD_ROWS_LISTED } from '../../../src/core/charter/limits.ts';
import { MAX_LIVE_UNREAD_ROWS, unreadLineCount } from '../../../src/core/charter/unread-lines.ts';
import { charterPage, DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';
import { afterAttempt } from '../../../src/core/charter/live-record.ts';
import { liveProblemText } from '../../../src/core/charter/live-problem.ts';
import { unreadReasonText } from '../../../src/core/charter/unread-reason.ts';
import type { UnreadRow } from '../../../src/core/charter/parse.ts';

/** Unread rows with their reasons in English, as the charter CLI prints them and the JSON export keeps them. */
function inEnglish(rows: readonly UnreadRow[]): UnreadRow[];
function inEnglish(rows: readonly UnreadRow[] | undefined): UnreadRow[] | undefined;
function inEnglish(rows: readonly UnreadRow[] | undefined): UnreadRow[] | undefined {
  return rows?.map((row) => ({ ...row, reason: unreadReasonText(row.reason) }));
}

/** A fetch that answers from a table of URLs; missing URLs fail like an unreachable host. */
function fakeFetch(
  pages: Record<string, { status: number; body?: string; type?: string } | 'network-error' | 'timeout'>,
): FetchLike & { calls: Array<[string, RequestInit]> } {
  const calls: Array<[string, RequestInit]> = [];
  const impl = async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    const page = pages[url];
    if (!page || page === 'network-error') throw new TypeError('Failed to fetch');
    // As fetch rejects once its AbortSignal.timeout fires.
    if (page === 'timeout') throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
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

  it('never takes a login page a charter path redirects to for the charter, whatever its footer holds', async () => {
    // Made up, not the platform's: no portal seen redirects its charter page so. A review's case (a
    // site-wide cookie banner in the footer of any page), kept so chrome never passes for a charter.
    const login =
      '<!doctype html><html><head><title>Sign in</title></head><body><header><nav><a href="/">Home</a></nav></header>' +
      '<main><h1>Sign in</h1><form><label>Email</label><input name=e><button>Sign in</button></form></main>' +
      '<footer><div class="cookie-banner"><h2>Cookies strictement nécessaires</h2><table>' +
      '<tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th></tr>' +
      '<tr><td>Huwise</td><td>sessionid</td><td>2 semaines</td><td>Session</td></tr>' +
      '<tr><td>Huwise</td><td>csrftoken</td><td>12 mois</td><td>Sécurité</td></tr></table></div></footer></body></html>';
    const redirecting: FetchLike = async (url) => {
      if (!url.endsWith('/terms/cookies-policy/')) return new Response('', { status: 404 });
      const response = new Response(login, { status: 200, headers: { 'content-type': 'text/html' } });
      Object.defineProperty(response, 'url', { value: `https://${HOST}/login/?next=/terms/cookies-policy/` });
      return response;
    };
    const record = await fetchLiveCharter(HOST, redirecting);
    expect(record.charter).toBeNull();
    expect(record.problem).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
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
    expect(await fetchLiveCharter(HOST, httpOnly)).toMatchObject({
      charter: null,
      problem: { kind: 'network' },
    });
  });

  it('says a charter page slower than the read limit took too long to answer, not that the site cannot be reached', async () => {
    const slow = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: 'timeout',
      [`https://${HOST}/terms/cookies-information`]: { status: 404 },
    });
    expect((await fetchLiveCharter(HOST, slow)).problem).toEqual({ kind: 'timeout', path: '/terms/cookies-policy/' });
    expect((await fetchLiveCharter(HOST, fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: 'timeout' }))).problem).toEqual({
      kind: 'timeout',
    });
    // Slow while its body is read: the same.
    const slowBody: FetchLike = async () =>
      new Response(new ReadableStream({ start: (controller) => controller.error(new DOMException('timed out', 'TimeoutError')) }), {
        status: 200,
      });
    expect((await fetchLiveCharter(HOST, slowBody)).problem).toEqual({ kind: 'timeout' });
  });

  it('survives a body that breaks while it is read, and refuses a page over 2 MB rather than cutting it silently', async () => {
    const broken: FetchLike = async () =>
      new Response(new ReadableStream({ start: (controller) => controller.error(new Error('reset')) }), { status: 200 });
    expect((await fetchLiveCharter(HOST, broken)).problem).toEqual({ kind: 'network' });
    const huge: FetchLike = async () =>
      new Response(`${'<p>x</p>'.repeat(400_000)}`, { status: 200, headers: { 'content-type': 'text/html' } });
    expect((await fetchLiveCharter(HOST, huge)).problem).toEqual({
      kind: 'too-large',
      limit: 2_000_000,
      path: '/terms/cookies-information',
    });
    const announced: FetchLike = async () => new Response('<p>x</p>', { status: 200, headers: { 'content-length': '2000001' } });
    expect(await fetchCharterPage(`https://${HOST}/terms/cookies-policy/`, announced)).toEqual({
      problem: { kind: 'too-large', limit: 2_000_000 },
      weight: 2,
    });
    const justUnder: FetchLike = async () =>
      new Response('é'.repeat(1_000_000), { status: 200, headers: { 'content-type': 'text/plain' } });
    expect(await fetchCharterPage(`https://${HOST}/terms/cookies-policy/`, justUnder)).toMatchObject({ body: 'é'.repeat(1_000_000) });
  });

  it('accepts a charter only where redirects end on https on the same host or on the platform', async () => {
    const redirectedTo =
      (finalUrl: string): FetchLike =>
      async () => {
        const response = new Response(html, { status: 200, headers: { 'content-type': 'text/html' } });
        Object.defineProperty(response, 'url', { value: finalUrl });
        return response;
      };
    expect((await fetchLiveCharter(HOST, redirectedTo('http://elsewhere.example/terms/'))).problem).toEqual({
      kind: 'redirected',
      to: 'http://elsewhere.example',
      path: '/terms/cookies-information',
    });
    expect((await fetchLiveCharter(HOST, redirectedTo(`http://${HOST}/terms/cookies-policy/`))).charter).toBeNull();
    expect((await fetchLiveCharter(HOST, redirectedTo('https://evil.example/charter'))).problem).toEqual({
      kind: 'redirected',
      to: 'https://evil.example',
      path: '/terms/cookies-information',
    });
    expect((await fetchLiveCharter(HOST, redirectedTo(`https://${HOST}/fr/terms/cookies-policy/`))).url).toBe(
      `https://${HOST}/fr/terms/cookies-policy/`,
    );
    expect((await fetchLiveCharter(HOST, redirectedTo('https://other.huwise.com/terms/cookies-policy/'))).charter).not.toBeNull();
  });

  it('keeps where a redirect ended without its path parameters or query values: a session id is a cookie’s value', async () => {
    const redirected: FetchLike = async () => {
      const response = new Response(html, { status: 200, headers: { 'content-type': 'text/html' } });
      Object.defineProperty(response, 'url', {
        value: `https://${HOST}/fr;v=1/terms/cookies-policy/;jsessionid=9F1C2A7B3D4E5F60?lang=fr&PHPSESSID=abc123#top`,
      });
      return response;
    };
    const record = await fetchLiveCharter(HOST, redirected);
    expect(record.url).toBe(`https://${HOST}/fr/terms/cookies-policy/?lang=&PHPSESSID=`);
    expect(record.charter).not.toBeNull();
  });

  it('says why nothing could be read, never throws', async () => {
    expect((await fetchLiveCharter(HOST, fakeFetch({}))).problem).toEqual({ kind: 'network' });
    const notFound = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: { status: 404 },
      [`https://${HOST}/terms/cookies-information`]: { status: 500 },
    });
    expect(await fetchLiveCharter(HOST, notFound)).toMatchObject({
      charter: null,
      url: null,
      problem: { kind: 'http', status: 500, path: '/terms/cookies-information' },
    });
    const noTable = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: '<p>Nothing here</p>' },
      [`https://${HOST}/terms/cookies-information`]: { status: 404 },
    });
    expect((await fetchLiveCharter(HOST, noTable)).problem).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
    const twice404 = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: { status: 404 },
      [`https://${HOST}/terms/cookies-information`]: { status: 404 },
    });
    expect((await fetchLiveCharter(HOST, twice404)).problem).toEqual({ kind: 'http', status: 404, path: '/terms/cookies-information' });
    // A 404 at one path and no connection at the other: the charter may be where the connection
    // failed, so that is the failure said, a passing one, and the charter read before is kept.
    const slowCharterPage = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: 'network-error',
      [`https://${HOST}/terms/cookies-information`]: { status: 404 },
    });
    const attempt = await fetchLiveCharter(HOST, slowCharterPage, () => 2);
    expect(attempt.problem).toEqual({ kind: 'network', path: '/terms/cookies-policy/' });
    const before = await fetchLiveCharter(
      HOST,
      fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: html } }),
      () => 1,
    );
    expect(afterAttempt(before, attempt)).toEqual({ ...before, problem: attempt.problem, failedAt: 2 });
    const otherWayRound = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: { status: 404 },
      [`https://${HOST}/terms/cookies-information`]: 'network-error',
    });
    expect((await fetchLiveCharter(HOST, otherWayRound)).problem).toEqual({ kind: 'network', path: '/terms/cookies-information' });
    // Unless the 404 is at the page the kept charter was read from: it is gone from there, and
    // that is said; the charter is not kept on the word of a page that could not be reached.
    const gone = await fetchLiveCharter(HOST, slowCharterPage, () => 3, {
      url: `https://${HOST}/terms/cookies-information`,
      path: '/terms/cookies-information',
    });
    expect(gone.problem).toEqual({ kind: 'http', status: 404, path: '/terms/cookies-information' });
    expect(afterAttempt({ ...before, url: `https://${HOST}/terms/cookies-information` }, gone)).toEqual(gone);
    expect((await fetchLiveCharter(HOST, otherWayRound, () => 3, before)).problem).toEqual({
      kind: 'http',
      status: 404,
      path: '/terms/cookies-policy/',
    });
    // A kept charter read where the connection failed keeps the earlier rule.
    expect((await fetchLiveCharter(HOST, slowCharterPage, () => 3, before)).problem).toEqual({
      kind: 'network',
      path: '/terms/cookies-policy/',
    });
    // Gone from where it was read, whatever the other path answers: a server error there says
    // nothing of the page that is no more.
    for (const status of [500, 503, 429]) {
      const serverErrorBeside = fakeFetch({
        [`https://${HOST}/terms/cookies-policy/`]: { status: 404 },
        [`https://${HOST}/terms/cookies-information`]: { status },
      });
      const attempt = await fetchLiveCharter(HOST, serverErrorBeside, () => 3, before);
      expect(attempt.problem, `${status}`).toEqual({ kind: 'http', status: 404, path: '/terms/cookies-policy/' });
      expect(afterAttempt(before, attempt).charter, `${status}`).toBeNull();
    }
    const onlyProse = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: '<p>Nothing here</p>' } });
    expect((await fetchLiveCharter(HOST, onlyProse)).problem).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
    const binary = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: 'x\u0000y\u0000', type: 'text/plain' } });
    expect((await fetchLiveCharter(HOST, binary)).problem).toEqual({ kind: 'not-text', path: '/terms/cookies-policy/' });
  });

  it('says an empty page is empty, not that it has no cookie table (review F1b)', async () => {
    for (const [body, type] of [
      ['', 'text/html'],
      ['', 'text/plain'],
      [' \n\t ', 'text/html'],
      ['\uFEFF', 'text/plain'],
    ] as const) {
      const record = await fetchLiveCharter(HOST, fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body, type } }));
      expect(record.problem, JSON.stringify(body)).toEqual({ kind: 'empty', path: '/terms/cookies-policy/' });
      expect(record.charter).toBeNull();
    }
    // A page of markup whose text holds no table is not empty: it has no cookie table.
    const markup = fakeFetch({
      [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: '<html><body><div id="app"></div></body></html>' },
    });
    expect((await fetchLiveCharter(HOST, markup)).problem).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
  });

  it('knows a kept charter read through a redirect gone when that redirect ends on a 404', async () => {
    // A portal on its own domain whose charter page redirects to its platform sub-domain.
    const ended = 'https://city.opendatasoft.com/terms/cookies-policy/';
    const answering =
      (status: number): FetchLike =>
      async (url) => {
        if (!url.endsWith('/terms/cookies-policy/')) throw new TypeError('Failed to fetch');
        const response = new Response(status === 200 ? html : '', { status, headers: { 'content-type': 'text/html' } });
        Object.defineProperty(response, 'url', { value: ended });
        return response;
      };
    const before = await fetchLiveCharter('data.city.fr', answering(200), () => 1);
    expect(before.url).toBe(ended);
    const attempt = await fetchLiveCharter('data.city.fr', answering(404), () => 2, before);
    expect(attempt.problem).toEqual({ kind: 'http', status: 404, path: '/terms/cookies-policy/' });
    expect(afterAttempt(before, attempt).charter).toBeNull();
  });

  it('keeps or drops a kept charter by what the page it was read from answers now, whatever the other path answers (review of 2026-12-06)', async () => {
    const policy = `https://${HOST}/terms/cookies-policy/`;
    const information = `https://${HOST}/terms/cookies-information`;
    const before = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: html } }), () => 1);
    const noTable = { status: 200, body: '<html><body><main><h1>Terms</h1><p>See our policy.</p></main></body></html>' };
    const offSite: FetchLike = async (url) => {
      if (url === policy) return new Response('x', { status: 503 });
      const response = new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } });
      Object.defineProperty(response, 'url', { value: 'https://www.city.example/legal' });
      return response;
    };
    // A passing failure where the charter was read keeps it, the other path giving no charter at all.
    for (const [label, fetch, problem] of [
      ['503, no table beside', fakeFetch({ [policy]: { status: 503 }, [information]: noTable }), { kind: 'http', status: 503 }],
      ['no connection, no table beside', fakeFetch({ [policy]: 'network-error', [information]: noTable }), { kind: 'network' }],
      ['503, redirected off-site beside', offSite, { kind: 'http', status: 503 }],
      ['503, 404 beside', fakeFetch({ [policy]: { status: 503 }, [information]: { status: 404 } }), { kind: 'http', status: 503 }],
    ] as const) {
      const attempt = await fetchLiveCharter(HOST, fetch, () => 2, before);
      expect(attempt.problem, label).toEqual({ ...problem, path: '/terms/cookies-policy/' });
      expect(afterAttempt(before, attempt), label).toEqual({ ...before, problem: attempt.problem, failedAt: 2 });
    }
    // That page now answering no charter drops it, whatever the other path answers.
    const prose = { status: 200, body: '<html><body><main><h1>Cookies</h1><p>No cookies any more.</p></main></body></html>' };
    for (const beside of [{ status: 503 }, { status: 404 }, 'network-error'] as const) {
      const attempt = await fetchLiveCharter(HOST, fakeFetch({ [policy]: prose, [information]: beside }), () => 2, before);
      expect(attempt.problem, JSON.stringify(beside)).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
      expect(afterAttempt(before, attempt).charter, JSON.stringify(beside)).toBeNull();
    }
    for (const status of [404, 410]) {
      const attempt = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status }, [information]: { status: 503 } }), () => 2, before);
      expect(attempt.problem, `${status}`).toEqual({ kind: 'http', status, path: '/terms/cookies-policy/' });
      expect(afterAttempt(before, attempt).charter, `${status}`).toBeNull();
    }
    const redirectedAway: FetchLike = async (url) => {
      if (url !== policy) return new Response('x', { status: 503 });
      const response = new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } });
      Object.defineProperty(response, 'url', { value: 'https://www.city.example/legal' });
      return response;
    };
    const away = await fetchLiveCharter(HOST, redirectedAway, () => 2, before);
    expect(away.problem).toEqual({ kind: 'redirected', to: 'https://www.city.example', path: '/terms/cookies-policy/' });
    expect(afterAttempt(before, away).charter).toBeNull();
    // A portal on its own domain, its charter read where the platform's sub-domain redirected it:
    // no connection at that path keeps it, whatever the other path answers.
    const custom = 'data.city.fr';
    const readThere = { ...before, host: custom, url: 'https://city.opendatasoft.com/terms/cookies-policy/' };
    const offline = await fetchLiveCharter(
      custom,
      fakeFetch({ [`https://${custom}/terms/cookies-policy/`]: 'network-error', [`https://${custom}/terms/cookies-information`]: noTable }),
      () => 2,
      readThere,
    );
    expect(offline.problem).toEqual({ kind: 'network', path: '/terms/cookies-policy/' });
    expect(afterAttempt(readThere, offline).charter).toEqual(before.charter);
    // With no charter kept, the failure that explains most is said, as before.
    expect((await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 503 }, [information]: noTable }))).problem).toEqual({
      kind: 'no-table',
      path: '/terms/cookies-information',
    });
  });

  it('judges a kept charter by the charter path that led to it, wherever that request ended (re-review of 2026-12-06)', async () => {
    const policy = `https://${HOST}/terms/cookies-policy/`;
    const information = `https://${HOST}/terms/cookies-information`;
    const noTable = '<html><body><main><h1>Terms</h1><p>See our policy.</p></main></body></html>';
    const htmlResponse = (body: string, endedAt?: string) => {
      const response = new Response(body, { headers: { 'content-type': 'text/html' } });
      if (endedAt !== undefined) Object.defineProperty(response, 'url', { value: endedAt });
      return response;
    };
    // Made up, not the platform's (a review's case): no portal seen redirects its charter page. Same host:
    // the first path redirects to /pages/cookies/, where the charter is read.
    const before = await fetchLiveCharter(
      HOST,
      async (url) => (url === policy ? htmlResponse(html, `https://${HOST}/pages/cookies/`) : new Response('', { status: 404 })),
      () => 1,
    );
    expect(before).toMatchObject({ url: `https://${HOST}/pages/cookies/`, path: '/terms/cookies-policy/' });
    for (const failure of ['network', 503, 403] as const) {
      const attempt = await fetchLiveCharter(
        HOST,
        async (url) => {
          if (url === information) return htmlResponse(noTable);
          if (failure === 'network') throw new TypeError('Failed to fetch');
          return new Response('x', { status: failure });
        },
        () => 2,
        before,
      );
      expect(attempt.problem, `${failure}`).toEqual(
        failure === 'network'
          ? { kind: 'network', path: '/terms/cookies-policy/' }
          : { kind: 'http', status: failure, path: '/terms/cookies-policy/' },
      );
      expect(afterAttempt(before, attempt), `${failure}`).toEqual({ ...before, problem: attempt.problem, failedAt: 2 });
    }
    // A custom domain (charter-formats.md: portals answer under customer domains and NAME.opendatasoft.com)
    // whose charter path redirected to the platform's sub-domain, a model: answering itself now.
    const custom = 'data.city.fr';
    const atCustom = (path: string) => `https://${custom}${path}`;
    const readThere = await fetchLiveCharter(
      custom,
      async (url) =>
        url === atCustom('/terms/cookies-policy/')
          ? htmlResponse(html, 'https://city.opendatasoft.com/terms/cookies-policy/')
          : new Response('', { status: 404 }),
      () => 1,
    );
    expect(readThere).toMatchObject({ url: 'https://city.opendatasoft.com/terms/cookies-policy/', path: '/terms/cookies-policy/' });
    for (const status of [503, 403, 429]) {
      const attempt = await fetchLiveCharter(
        custom,
        fakeFetch({
          [atCustom('/terms/cookies-policy/')]: { status },
          [atCustom('/terms/cookies-information')]: { status: 200, body: noTable },
        }),
        () => 2,
        readThere,
      );
      expect(attempt.problem, `${status}`).toEqual({ kind: 'http', status, path: '/terms/cookies-policy/' });
      expect(afterAttempt(readThere, attempt).charter, `${status}`).toEqual(readThere.charter);
    }
    // That path answering no table now drops it, though the other path's server error would pass.
    const gone = await fetchLiveCharter(
      custom,
      fakeFetch({
        [atCustom('/terms/cookies-policy/')]: { status: 200, body: noTable },
        [atCustom('/terms/cookies-information')]: { status: 503 },
      }),
      () => 2,
      readThere,
    );
    expect(gone.problem).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
    expect(afterAttempt(readThere, gone).charter).toBeNull();
    // A charter read at the second path is judged by that path, whatever the first answers.
    const atSecond = await fetchLiveCharter(
      HOST,
      fakeFetch({ [policy]: { status: 404 }, [information]: { status: 200, body: html } }),
      () => 1,
    );
    expect(atSecond.path).toBe('/terms/cookies-information');
    const secondDown = await fetchLiveCharter(
      HOST,
      fakeFetch({ [policy]: { status: 200, body: noTable }, [information]: { status: 503 } }),
      () => 2,
      atSecond,
    );
    expect(secondDown.problem).toEqual({ kind: 'http', status: 503, path: '/terms/cookies-information' });
    expect(afterAttempt(atSecond, secondDown).charter).toEqual(atSecond.charter);
  });

  it('keeps a charter whose own path errs, whatever another page the other path reaches answers, even one its address reads as the same (re-reviews of 2026-12-06)', async () => {
    const policy = `https://${HOST}/terms/cookies-policy/`;
    const page = `https://${HOST}/pages/cookies/`;
    const noTable = '<html><body><main><p>We no longer use cookies.</p></main></body></html>';
    const answer = (body: string, status: number, endedAt?: string) => {
      const response = new Response(status === 200 ? body : '', { status, headers: { 'content-type': 'text/html' } });
      if (endedAt !== undefined) Object.defineProperty(response, 'url', { value: endedAt });
      return response;
    };
    // Made up, not the platform's (a review's case). Read: the first path redirects to /pages/cookies/, which holds the charter.
    const before = await fetchLiveCharter(
      HOST,
      async (url) => (url === policy ? answer(html, 200, page) : answer('', 404)),
      () => 1,
    );
    expect(before).toMatchObject({ url: page, path: '/terms/cookies-policy/' });
    // Now the first path's server errs, and the second redirects to that very page, which holds no table:
    // kept until its own path answers (README, Limits): the address alone cannot tell that page from another.
    const attempt = await fetchLiveCharter(
      HOST,
      async (url) => (url === policy ? answer('', 503) : answer(noTable, 200, page)),
      () => 2,
      before,
    );
    expect(attempt.problem).toEqual({ kind: 'http', status: 503, path: '/terms/cookies-policy/' });
    expect(afterAttempt(before, attempt).charter).toEqual(before.charter);
    // Two pages kept as one address (query values and path parameters are never kept: a session id is a cookie's value).
    for (const [read, other] of [
      ['/pages/legal/?tab=cookies', '/pages/legal/?tab=information'],
      ['/legal;section=cookies', '/legal;section=information'],
    ]) {
      const readThere = await fetchLiveCharter(
        HOST,
        async (url) => (url === policy ? answer(html, 200, `https://${HOST}${read}`) : answer('', 404)),
        () => 1,
      );
      const again = await fetchLiveCharter(
        HOST,
        async (url) => (url === policy ? answer('', 503) : answer(noTable, 200, `https://${HOST}${other}`)),
        () => 2,
        readThere,
      );
      expect(afterAttempt(readThere, again).charter, read).toEqual(readThere.charter);
    }
  });

  it('never throws on a kept record altered in storage (an address that is no text)', async () => {
    for (const altered of [{ url: 42 }, { url: { x: 1 }, path: 'x'.repeat(100_000) }]) {
      const serverError = async (url: string) => {
        const response = new Response('', { status: 503 });
        Object.defineProperty(response, 'url', { value: url });
        return response;
      };
      const attempt = await fetchLiveCharter(HOST, serverError, () => 2, altered as never);
      expect(attempt.problem).toEqual({ kind: 'http', status: 503, path: '/terms/cookies-information' });
    }
  });

  it('judges a record an older version stored (no path) by the page it was read from, as before', async () => {
    const policy = `https://${HOST}/terms/cookies-policy/`;
    const information = `https://${HOST}/terms/cookies-information`;
    const noTable = { status: 200, body: '<html><body><main><h1>Terms</h1><p>See our policy.</p></main></body></html>' };
    const { path: _path, ...older } = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: html } }), () => 1);
    const kept = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 503 }, [information]: noTable }), () => 2, older);
    expect(kept.problem).toEqual({ kind: 'http', status: 503, path: '/terms/cookies-policy/' });
    // A path that is none of the charter paths (a record altered in storage) counts as none.
    const altered = { ...older, path: '/elsewhere/' };
    const gone = await fetchLiveCharter(HOST, fakeFetch({ [policy]: noTable, [information]: { status: 503 } }), () => 2, altered);
    expect(gone.problem).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
  });

  it('reads a charter served as plain text too', async () => {
    const text = 'Nom du prestataire\tNom du cookie\tDurée\tFinalité\nHuwise\tsessionid\t2 semaines\tSession';
    const fetch = fakeFetch({ [`https://${HOST}/terms/cookies-policy/`]: { status: 200, body: text, type: 'text/plain' } });
    expect((await fetchLiveCharter(HOST, fetch)).charter?.entries[0]?.cookie).toBe('sessionid');
  });
});

describe('a live charter page in another encoding than UTF-8', () => {
  // The demo charter's page, its accented headings and purposes ("Durée", "Finalité") in one byte
  // each; its dashes and curly apostrophes, which ISO-8859-1 has not, written as ASCII.
  const page = html.replace(/[—…’]/g, '-');
  const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
  const served = (body: Uint8Array<ArrayBuffer> | string, type: string) => async (url: string) =>
    new Response(url === `https://${HOST}/terms/cookies-policy/` ? body : '', {
      status: url.endsWith('/terms/cookies-policy/') ? 200 : 404,
      headers: { 'content-type': type },
    });
  const entriesOf = async (body: Uint8Array<ArrayBuffer> | string, type: string) => {
    const record = await fetchLiveCharter(HOST, served(body, type));
    expect(record.problem).toBeNull();
    return record.charter?.entries;
  };

  it('reads a page sent as ISO-8859-1, as its content type says, as the same page in UTF-8', async () => {
    expect(latin1(page).some((byte) => byte > 0x7f)).toBe(true);
    const inUtf8 = await entriesOf(page, 'text/html; charset=utf-8');
    expect(inUtf8).toHaveLength(7);
    expect(await entriesOf(latin1(page), 'text/html; charset=ISO-8859-1')).toEqual(inUtf8);
    expect(await entriesOf(latin1(page), 'text/html;charset="latin1"')).toEqual(inUtf8);
  });

  it('reads a page whose <meta charset> says its encoding, when its content type does not', async () => {
    const inUtf8 = await entriesOf(page, 'text/html');
    const declared = page.replace(/<head>/i, '<head><meta charset="windows-1252">');
    expect(declared).not.toBe(page);
    expect(await entriesOf(latin1(declared), 'text/html')).toEqual(inUtf8);
  });

  it('decodes windows-1252’s curly quotes, dashes and euro sign (0x80–0x9F) as a browser does, under Node too (the charter CLI)', async () => {
    // Reviewer's model of a page sent as windows-1252: "mesure d’audience" with its apostrophe in one byte, 0x92.
    const bytes = Uint8Array.from([...latin1('<p>mesure d'), 0x92, ...latin1('audience '), 0x96, 0x80, 0x81]);
    for (const type of ['text/html; charset=windows-1252', 'text/html; charset=iso-8859-1']) {
      const read = await fetchCharterPage(`https://${HOST}/terms/cookies-policy/`, served(bytes, type));
      expect(read, type).toMatchObject({ body: '<p>mesure d’audience –€\u0081' });
    }
  });
});

describe('a live charter page holding NUL bytes (review F3)', () => {
  const policy = `https://${HOST}/terms/cookies-policy/`;
  const table =
    '<main><h2>Cookies strictement nécessaires</h2><table>' +
    '<tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th></tr>' +
    '<tr><td>Huwise</td><td>sessionid</td><td>2 semaines</td><td>Session</td></tr></table></main>';
  /** Serves `bytes` as they are, with `type`. */
  const serving =
    (bytes: Uint8Array<ArrayBuffer>, type: string): FetchLike =>
    async (url) =>
      url === policy ? new Response(bytes, { headers: { 'content-type': type } }) : new Response('', { status: 404 });
  /** Bytes no text holds, the same at each run (a linear congruential generator). */
  const noise = (length: number) => {
    const bytes = new Uint8Array(length);
    let state = 7;
    for (let index = 0; index < length; index++) bytes[index] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
    return bytes;
  };
  const joined = (...parts: Array<string | Uint8Array>) => {
    const chunks = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : part));
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) bytes.set(chunk, (at += chunk.length) - chunk.length);
    return bytes;
  };

  it('reads a UTF-8 page with one NUL in an inline script, as a browser shows it', async () => {
    const page = `<html><head><script>var s = "\u0000";</script></head><body>${table}</body></html>`;
    const record = await fetchLiveCharter(HOST, serving(joined(page), 'text/html; charset=utf-8'));
    expect(record.problem).toBeNull();
    expect(record.charter?.entries.map((entry) => entry.cookie)).toEqual(['sessionid']);
  });

  it('drops a NUL in the text laid out, as a browser does (it ignores one in a page’s body)', async () => {
    const page = `<html><body>${table.replace('sessionid', 'session\u0000id')}</body></html>`;
    const record = await fetchLiveCharter(HOST, serving(joined(page), 'text/html'));
    expect(record.charter?.entries.map((entry) => entry.cookie)).toEqual(['sessionid']);
  });

  it('still says a PDF or a PNG is not a text page, whatever content type it is served with', async () => {
    const pdf = joined(
      '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Length 4000 /Filter /FlateDecode >>\nstream\n',
      noise(4000),
      '\nendstream\nendobj\n%%EOF\n',
    );
    const png = joined(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'IHDR', noise(4000));
    for (const [name, bytes] of [
      ['pdf', pdf],
      ['png', png],
    ] as const) {
      for (const type of ['text/html', `application/${name}`, 'text/plain']) {
        const record = await fetchLiveCharter(HOST, serving(bytes, type));
        expect(record.problem, `${name} as ${type}`).toEqual({ kind: 'not-text', path: '/terms/cookies-policy/' });
      }
    }
    // A PDF's bytes inside an HTML page's markup, with a table after them: binary data too.
    const wrapped = joined('<html><body><script>', noise(4000), `</script>${table}</body></html>`);
    expect((await fetchLiveCharter(HOST, serving(wrapped, 'text/html'))).problem).toEqual({
      kind: 'not-text',
      path: '/terms/cookies-policy/',
    });
  });
});

describe('finalUrlProblem', () => {
  const requested = 'https://data.example.org/terms/cookies-policy/';
  it.each([
    ['', null],
    [requested, null],
    ['https://DATA.example.org/fr/terms/', null],
    ['https://portal.opendatasoft.com/terms/cookies-policy/', null],
    ['https://x.huwise.com/', null],
    ['http://data.example.org/terms/cookies-policy/', { kind: 'redirected', to: 'http://data.example.org' }],
    ['https://data.example.org.evil.net/', { kind: 'redirected', to: 'https://data.example.org.evil.net' }],
    ['https://opendatasoft.com.evil.net/', { kind: 'redirected', to: 'https://opendatasoft.com.evil.net' }],
    ['https://evilopendatasoft.com/', { kind: 'redirected', to: 'https://evilopendatasoft.com' }],
    ['https://user:secret@evil.example:8443/x;jsessionid=1?a=b', { kind: 'redirected', to: 'https://evil.example:8443' }],
    ['not a url', { kind: 'redirected', to: null }],
  ])('%j: %j', (finalUrl, problem) => {
    expect(finalUrlProblem(requested, finalUrl)).toEqual(problem);
  });
});

describe('readCharterPage', () => {
  it('reads the main content first, and the whole page when the main content holds no charter', () => {
    const table =
      '<table><tr><th>Provider</th><th>Cookie name</th><th>Purpose</th></tr><tr><td>Google</td><td>_ga</td><td>Stats</td></tr></table>';
    expect(readCharterPage(`<main>${table}</main><footer><p>x</p></footer>`, 'text/html').entries).toHaveLength(1);
    expect(readCharterPage(`<main><p>Bienvenue</p></main><div>${table}</div>`, 'text/html').entries).toHaveLength(1);
  });

  it('never reads the page chrome as a charter, even when nothing else holds one', () => {
    const table =
      '<table><tr><th>Provider</th><th>Cookie name</th><th>Purpose</th></tr><tr><td>Google</td><td>_ga</td><td>Stats</td></tr></table>';
    for (const chrome of [
      `<nav>${table}</nav>`,
      `<footer>${table}</footer>`,
      `<header>${table}</header>`,
      `<div role="contentinfo">${table}</div>`,
    ]) {
      expect(() => readCharterPage(`${chrome}<main><p>Bienvenue</p></main>`, 'text/html'), chrome).toThrow(/^no cookie table/);
    }
  });

  it("reads past a page table's empty header column without moving the cells after an empty one", () => {
    const page =
      '<h2>Cookies strictement nécessaires</h2><table><tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th><th></th></tr>' +
      '<tr><td>Huwise</td><td>sessionid</td><td></td><td>Session</td><td><a href="#">En savoir plus</a></td></tr></table>';
    expect(readCharterPage(page, 'text/html').entries).toMatchObject([{ cookie: 'sessionid', duration: null, purpose: 'Session' }]);
  });

  it('keeps what it could not read for charter authors, and says why a page gives nothing', () => {
    const page =
      '<table><tr><th>Provider</th><th>Cookie name</th><th>Purpose</th></tr><tr><td>Google</td><td></td><td>Stats</td></tr></table>';
    expect(inEnglish(readCharterPageReading(page, 'text/html').unreadRows).map((row) => row.reason)).toEqual(['empty cookie name cell']);
    expect(() => readCharterPage(page, 'text/html')).toThrow(
      'no readable cookie row in the table at line 1 (line 3: empty cookie name cell)',
    );
    expect(() => readCharterPage('<script>x</script>', 'text/html')).toThrow('the page has no text');
    expect(() => readCharterPage('<p>\u0000\u0000</p>', 'text/html')).toThrow(/^binary data/);
  });
});

describe('a live charter page with invisible format characters in a name cell', () => {
  it.each([
    ['cookies_&shy;preferences', 'cookies_preferences'],
    ['&lrm;csrftoken', 'csrftoken'],
    ['session&rlm;id', 'sessionid'],
    ['&#x2066;django_language&#x2069;', 'django_language'],
  ])('reads “%s” as %s', (cell, name) => {
    const page =
      '<h2>Charte cookies</h2><h3>Cookies nécessaires au bon fonctionnement</h3><table>' +
      '<tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th></tr>' +
      `<tr><td>Huwise</td><td>${cell}</td><td>12 mois</td><td>x</td></tr></table>`;
    const live = readLiveCharterPage(page, 'text/html');
    expect(inEnglish(live.unreadRows)).toEqual([]);
    expect(live.charter.entries).toMatchObject([{ cookie: name, match: 'exact', category: 'necessary' }]);
  });
});

describe('the rows of a live charter not read', () => {
  /** A charter page with one row read and one of six cells under a four-column header, which names `sessionid` and holds markup as text. */
  const page = (extraRows = '') =>
    '<main><h2>Strictly necessary cookies</h2><table>' +
    '<tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>' +
    '<tr><td>Huwise</td><td>csrftoken</td><td>1 year</td><td>Security</td></tr>' +
    '<tr><td>Huwise</td><td>sessionid</td><td>2 weeks</td><td>Session</td><td>&lt;img src=x onerror=alert(1)&gt;</td><td>x</td></tr>' +
    `${extraRows}</table></main>`;
  const policy = `https://${HOST}/terms/cookies-policy/`;

  it('keeps them in the record beside the charter: line, text and reason, so a cookie declared in one is not silently undeclared', async () => {
    const record = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: page() } }), () => 42);
    expect(record.charter?.entries.map((entry) => entry.cookie)).toEqual(['csrftoken']);
    expect(inEnglish(record.unreadRows)).toHaveLength(1);
    const [row] = inEnglish(record.unreadRows)!;
    expect(Object.keys(row!).sort()).toEqual(['line', 'reason', 'text']);
    expect(row!.text).toContain('sessionid');
    expect(row!.text).toContain('<img src=x onerror=alert(1)>');
    expect(row!.reason).toMatch(/expected 4 cells/);
    expect(readLiveCharterPage(page(), 'text/html').unreadRows).toEqual(record.unreadRows);
  });

  it('keeps none when every row was read, nor when no charter was', async () => {
    const read = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: html } }));
    expect(read.charter).not.toBeNull();
    expect(read).not.toHaveProperty('unreadRows');
    const failed = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 404 } }));
    expect(failed).not.toHaveProperty('unreadRows');
  });

  /** A page whose one table gives no row: its `sessionid` row has six cells under a four-column header. */
  const noRowRead =
    '<main><h2>Cookies strictement nécessaires</h2><table>' +
    '<tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th></tr>' +
    '<tr><td>Huwise</td><td>sessionid</td><td>2 semaines</td><td>Session</td><td>x</td><td>y</td></tr></table></main>';

  it('keeps them on the failed record of a table none of whose rows was read, with the parser’s reason, never "no cookie table"', async () => {
    const record = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: noRowRead } }));
    expect(record.charter).toBeNull();
    // Kept as data: which table, and its first row not read with its reason.
    const cells = { kind: 'cells-count', separator: 'tabs', expected: 4, found: 6, columns: ['provider', 'cookie', 'duration', 'purpose'] };
    expect(record.problem).toEqual({
      kind: 'no-rows',
      reason: { tables: [3], moreTables: 0, first: { line: 5, reason: cells } },
      path: '/terms/cookies-policy/',
    });
    const english = liveProblemText(record.problem!);
    expect(english).toMatch(/^no readable cookie row in the table at line \d+ \(line \d+: expected 4 cells/);
    // The parser's own words, as `charter check` says them.
    expect(() => readCharterPage(noRowRead, 'text/html')).toThrow(english.replace(/ at \/terms\/cookies-policy\/$/, ''));
    expect(inEnglish(record.unreadRows)).toEqual([
      { line: expect.any(Number), text: expect.stringContaining('sessionid'), reason: expect.stringMatching(/expected 4 cells/) },
    ]);
    // Kept as a charter's are: the first MAX_LIVE_UNREAD_ROWS and a note counting the rest.
    const many = noRowRead.replace(
      '</table>',
      '<tr><td>A</td><td>b</td><td>1 jour</td><td>c</td><td>d</td></tr>'.repeat(MAX_LIVE_UNREAD_ROWS) + '</table>',
    );
    const cut = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: many } }));
    expect(cut.problem?.kind).toBe('no-rows');
    expect(inEnglish(cut.unreadRows)).toHaveLength(MAX_LIVE_UNREAD_ROWS + 1);
    expect(unreadLineCount(inEnglish(cut.unreadRows)!)).toBe(MAX_LIVE_UNREAD_ROWS + 1);
  });

  it('says a table of rows not read over a page with no table at the other path, whichever path has it', async () => {
    const information = `https://${HOST}/terms/cookies-information`;
    const prose = { status: 200, body: '<main><p>Nothing here</p></main>' };
    for (const [table, other] of [
      [policy, information],
      [information, policy],
    ] as const) {
      const record = await fetchLiveCharter(HOST, fakeFetch({ [table]: { status: 200, body: noRowRead }, [other]: prose }));
      expect(record.problem, table).toMatchObject({ kind: 'no-rows', path: new URL(table).pathname });
      expect(record.unreadRows, table).toHaveLength(1);
    }
    // A page with no table anywhere keeps none.
    const nothing = await fetchLiveCharter(HOST, fakeFetch({ [policy]: prose, [information]: prose }));
    expect(nothing.problem).toEqual({ kind: 'no-table', path: '/terms/cookies-information' });
    expect(nothing).not.toHaveProperty('unreadRows');
  });

  it('keeps the first MAX_LIVE_UNREAD_ROWS, and one note counting the rest', async () => {
    const broken = '<tr><td>A</td><td>b</td><td>1 day</td><td>c</td><td>d</td></tr>'.repeat(MAX_LIVE_UNREAD_ROWS + 50);
    const record = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: page(broken) } }));
    expect(inEnglish(record.unreadRows)).toHaveLength(MAX_LIVE_UNREAD_ROWS + 1);
    // The 50 past the kept ones, and the page's own unread row.
    expect(inEnglish(record.unreadRows)!.at(-1)!.reason).toBe(
      `and 51 more lines not read (only the first ${MAX_LIVE_UNREAD_ROWS} rows are kept)`,
    );
  });

  it('counts lines, not rows: a line with two problems gives two rows and one line', () => {
    // An empty provider and an empty purpose: two reasons for each of 150 lines (review of ef37895).
    const rows = ['Nom du prestataire\tNom du cookie\tDurée\tFinalité', 'Huwise\tsessionid\t2 semaines\tSession'];
    for (let index = 0; index < 150; index++) rows.push(`\tck_${index}\t1 an\t`);
    const { unreadRows } = readLiveCharterPage(rows.join('\n'), 'text/plain');
    expect(unreadRows.length).toBe(MAX_LIVE_UNREAD_ROWS + 1);
    expect(unreadLineCount(unreadRows)).toBe(150);
  });

  it('past the parser’s own list, counts the lines its note stands for too', async () => {
    const broken = '<tr><td>A</td><td>b</td><td>1 day</td><td>c</td><td>d</td></tr>'.repeat(MAX_UNREAD_ROWS_LISTED + 50);
    const record = await fetchLiveCharter(HOST, fakeFetch({ [policy]: { status: 200, body: page(broken) } }));
    expect(inEnglish(record.unreadRows)).toHaveLength(MAX_LIVE_UNREAD_ROWS + 1);
    // Every broken row and the page's own unread row, though the parser listed 1,000 of them.
    expect(unreadLineCount(inEnglish(record.unreadRows)!)).toBe(MAX_UNREAD_ROWS_LISTED + 50 + 1);
    expect(inEnglish(record.unreadRows)!.at(-1)!.reason).toBe(
      `and ${(MAX_UNREAD_ROWS_LISTED + 50 + 1 - MAX_LIVE_UNREAD_ROWS).toLocaleString('en')} more lines not read (only the first ${MAX_LIVE_UNREAD_ROWS} rows are kept)`,
    );
  });
});

// Models, not seen on a real portal (charter-formats.md lists no such shape; the five real charters hold none):
// footnote markers in <sup> a rich-text editor may put after a name, as review parse8 of 2026-12-06 wrote them.
describe('a live charter page: footnote markers', () => {
  it('reads a name cell with a footnote in <sup> as the name alone', () => {
    const page =
      '<!doctype html><html lang="fr"><body><main><h1>Charte cookies</h1><h3>Cookies de mesure d\'audience</h3><table>' +
      '<tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th></tr>' +
      '<tr><td>Google</td><td>_ga<sup>1</sup></td><td>13 mois</td><td>Mesure<sup>2</sup></td></tr></table>' +
      '<p><sup>1</sup> Google Analytics 4.</p></main></body></html>';
    const reading = readCharterPageReading(page, 'text/html');
    expect(reading.entries.map((entry) => [entry.cookie, entry.match, entry.purpose])).toEqual([['_ga', 'exact', 'Mesure']]);
    expect(reading.unreadRows).toEqual([]);
  });
});

describe('a live page shows asterisks as written (a re-review of 0e0456b)', () => {
  it('`*_hj*` and `*_ga*` in a page’s cells are no exact names: the rows stay unread, shown to the user', () => {
    const reading = readCharterPageReading(
      '<html><body><h1>Charte cookies</h1><h2>Cookies statistiques</h2><table><tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th></tr>' +
        '<tr><td>Hotjar</td><td>*_hj*</td><td>1 an</td><td>Mesure</td></tr><tr><td>Google</td><td>*_ga*</td><td>13 mois</td><td>Mesure</td></tr></table></body></html>',
      'text/html',
    );
    expect(reading.entries).toEqual([]);
    expect(reading.unreadRows).toHaveLength(2);
  });
});
