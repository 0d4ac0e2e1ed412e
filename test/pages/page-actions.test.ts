// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import {
  firstThenAgain,
  downloadFile,
  keptFirstPages,
  preloadFirstView,
  siteNamedByPage,
  siteOfPage,
  type StoredFirstPage,
} from '../../src/pages/page-actions.ts';
import { FIRST_PAGE, type SiteView } from '../../src/core/message-contract.ts';
import { keyConcernsHost, pageKey } from '../../src/core/storage/session-items.ts';
import { fakeSession } from '../support/fake-session.ts';
import type { SiteQuery } from '../../src/core/message-contract.ts';
import { portalView } from '../support/reports.ts';

describe('siteOfPage', () => {
  it('shows the site the page names, lower-case, in the store it names', async () => {
    const activeTab = vi.fn(async () => undefined);
    expect(await siteOfPage(new URLSearchParams('?host=%20Data.TCO.re%20'), activeTab)).toEqual({ host: 'data.tco.re' });
    expect(await siteOfPage(new URLSearchParams('?host=data.tco.re&store=firefox-private'), activeTab)).toEqual({
      host: 'data.tco.re',
      storeId: 'firefox-private',
    });
    expect(activeTab).not.toHaveBeenCalled();
  });

  it('else shows the active tab’s site, in the tab’s store', async () => {
    expect(
      await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: 'https://Data.tco.re/explore/', storeId: undefined })),
    ).toEqual({ host: 'data.tco.re' });
    expect(await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: 'https://data.tco.re/', storeId: '1' }))).toEqual({
      host: 'data.tco.re',
      storeId: '1',
    });
  });

  it('shows the site a tab is still loading (Chrome’s pendingUrl), not the page it leaves', async () => {
    // Opened while the portal's server is slow to answer: the tab still shows the blank page it left.
    const loading = { tabId: 1, url: 'about:blank', storeId: undefined, pendingUrl: 'https://data.tco.re/explore/' };
    expect(await siteOfPage(new URLSearchParams(), async () => loading)).toEqual({ host: 'data.tco.re' });
    expect(await siteOfPage(new URLSearchParams(), async () => ({ ...loading, url: 'https://itie.opendatasoft.com/' }))).toEqual({
      host: 'data.tco.re',
    });
  });

  it('shows nothing for a tab that is no web site, or one whose address it may not see', async () => {
    expect(await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: 'about:addons', storeId: undefined }))).toBeNull();
    expect(await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: undefined, storeId: undefined }))).toBeNull();
    expect(await siteOfPage(new URLSearchParams(), async () => undefined)).toBeNull();
  });
});

describe('firstThenAgain', () => {
  it('hands the early answer to the first call, and asks again at each later one', async () => {
    const again = vi.fn(async () => 'asked again');
    const find = firstThenAgain(Promise.reject(new Error('no tab')), again);
    await expect(find()).rejects.toThrow('no tab');
    expect(again).not.toHaveBeenCalled();
    await expect(find()).resolves.toBe('asked again');
    await expect(find()).resolves.toBe('asked again');
    expect(again).toHaveBeenCalledTimes(2);
  });
});

describe('siteNamedByPage', () => {
  it('reads the site the page names at once, and nothing when it names none', () => {
    expect(siteNamedByPage(new URLSearchParams('?host=%20Data.TCO.re%20&store=1'))).toEqual({ host: 'data.tco.re', storeId: '1' });
    expect(siteNamedByPage(new URLSearchParams('?host=%20'))).toBeUndefined();
    expect(siteNamedByPage(new URLSearchParams())).toBeUndefined();
  });
});

describe('preloadFirstView', () => {
  it('asks in the same task when the site is known, before anything else the page does', () => {
    const asked: string[] = [];
    preloadFirstView({ host: 'data.tco.re' }, async (query: SiteQuery) => (asked.push(query.host), portalView([query.host])));
    expect(asked).toEqual(['data.tco.re']);
  });

  it('asks for the first site at once, hands that answer to the first load, and asks again after', async () => {
    const asked: string[] = [];
    const load = preloadFirstView(
      Promise.resolve({ host: 'data.tco.re' }),
      async (query: SiteQuery) => (asked.push(query.host), portalView([query.host])),
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toEqual(['data.tco.re']);
    expect(await load({ host: 'data.tco.re' })).toEqual(portalView(['data.tco.re']));
    expect(asked).toEqual(['data.tco.re']);
    await load({ host: 'data.tco.re' });
    expect(asked).toEqual(['data.tco.re', 'data.tco.re']);
  });

  it('hands the first answer only to a load of the first site: a page that moved to another site meanwhile asks afresh', async () => {
    for (const firstSite of [{ host: 'data.tco.re' }, Promise.resolve({ host: 'data.tco.re' })]) {
      const asked: string[] = [];
      const load = preloadFirstView(firstSite, async (query: SiteQuery) => (asked.push(query.host), portalView([query.host])));
      await settle();
      expect(await load({ host: 'itie.opendatasoft.com' })).toEqual(portalView(['itie.opendatasoft.com']));
      // The first site's answer is dropped with it: the next load of the first site asks again.
      expect(await load({ host: 'data.tco.re' })).toEqual(portalView(['data.tco.re']));
      expect(asked).toEqual(['data.tco.re', 'itie.opendatasoft.com', 'data.tco.re']);
    }
    // The same host in another store is another site.
    const load = preloadFirstView({ host: 'data.tco.re' }, async (query: SiteQuery) => portalView([query.storeId ?? 'default']));
    expect(await load({ host: 'data.tco.re', storeId: 'private' })).toEqual(portalView(['private']));
  });

  it('hands the first answer to a load that came before the first site was found only once it is known to be that site', async () => {
    for (const [found, loaded, expected] of [
      ['data.tco.re', 'data.tco.re', ['data.tco.re']],
      ['data.tco.re', 'itie.opendatasoft.com', ['data.tco.re', 'itie.opendatasoft.com']],
    ] as const) {
      const site = deferred<SiteQuery | null>();
      const asked: string[] = [];
      const load = preloadFirstView(site.promise, async (query: SiteQuery) => (asked.push(query.host), portalView([query.host])));
      const view = load({ host: loaded });
      site.resolve({ host: found });
      expect(await view).toEqual(portalView([loaded]));
      expect(asked).toEqual(expected);
    }
  });

  it('lets a first answer that no load takes fail unheard', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const load = preloadFirstView(Promise.reject(new Error('no tab')), async (query: SiteQuery) => portalView([query.host]));
      await settle();
      expect(await load({ host: 'data.tco.re' })).toEqual(portalView(['data.tco.re']));
      await settle();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('asks for the site the first load names when the page had none', async () => {
    const asked: string[] = [];
    const load = preloadFirstView(Promise.resolve(null), async (query: SiteQuery) => (asked.push(query.host), portalView([])));
    await load({ host: 'itie.opendatasoft.com' });
    expect(asked).toEqual(['itie.opendatasoft.com']);
  });
});

/** A promise and its resolve and reject, settled by the test. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('preloadFirstView with the page the worker kept', () => {
  /** The worker's answer, the kept page and the view's load, each settled by the test. */
  function setUp(keptRead: (query: SiteQuery) => Promise<SiteView | null>) {
    const answer = deferred<SiteView>();
    const shown = deferred<void>();
    const newer: SiteQuery[] = [];
    const asked: SiteQuery[] = [];
    const stored: StoredFirstPage = { read: keptRead, shown: shown.promise, onNewer: (query) => newer.push(query) };
    const load = preloadFirstView(
      { host: 'data.tco.re' },
      (query) => (asked.push(query), asked.length === 1 ? answer.promise : Promise.resolve(portalView(['asked-again']))),
      FIRST_PAGE,
      stored,
    );
    return { answer, shown, newer, asked, load };
  }

  it('shows the kept page when it is there before the worker answers, and hands the answer to the next load', async () => {
    const { answer, shown, newer, asked, load } = setUp(async () => portalView(['kept']));
    const first = load({ host: 'data.tco.re' }, FIRST_PAGE);
    shown.resolve();
    expect(await first).toEqual(portalView(['kept']));
    expect(newer).toEqual([]);
    answer.resolve(portalView(['answered']));
    await settle();
    // The answer came: the page is told, and its next load gets it without asking again.
    expect(newer).toEqual([{ host: 'data.tco.re' }]);
    expect(await load({ host: 'data.tco.re' }, FIRST_PAGE)).toEqual(portalView(['answered']));
    expect(asked).toHaveLength(1);
  });

  it('shows the worker’s answer when it is there by the time the page could be shown', async () => {
    const { answer, shown, newer, load } = setUp(async () => portalView(['kept']));
    const first = load({ host: 'data.tco.re' }, FIRST_PAGE);
    answer.resolve(portalView(['answered']));
    await settle();
    shown.resolve();
    expect(await first).toEqual(portalView(['answered']));
    await settle();
    expect(newer).toEqual([]);
  });

  it('waits for the worker when no page is kept, or the kept page cannot be read', async () => {
    for (const read of [async () => null, () => Promise.reject(new Error('storage gone'))]) {
      const { answer, shown, newer, load } = setUp(read);
      const first = load({ host: 'data.tco.re' }, FIRST_PAGE);
      shown.resolve();
      await settle();
      answer.resolve(portalView(['answered']));
      expect(await first).toEqual(portalView(['answered']));
      expect(newer).toEqual([]);
    }
  });

  it('never hands the first answer to a load after one that asked afresh while the kept page was on its way', async () => {
    const { answer, shown, newer, asked, load } = setUp(async () => portalView(['kept']));
    const first = load({ host: 'data.tco.re' }, FIRST_PAGE);
    // A change heard meanwhile: the page asks again, and gets the worker's newer answer.
    expect(await load({ host: 'data.tco.re' }, FIRST_PAGE)).toEqual(portalView(['asked-again']));
    shown.resolve();
    expect(await first).toEqual(portalView(['kept']));
    answer.resolve(portalView(['answered']));
    await settle();
    expect(newer).toEqual([]);
    expect(await load({ host: 'data.tco.re' }, FIRST_PAGE)).toEqual(portalView(['asked-again']));
    expect(asked).toHaveLength(3);
  });

  it('hands the answer to one load only: a load that took it leaves nothing to tell', async () => {
    const { answer, shown, newer, load } = setUp(async () => portalView(['kept']));
    const first = load({ host: 'data.tco.re' }, FIRST_PAGE);
    shown.resolve();
    expect(await first).toEqual(portalView(['kept']));
    const second = load({ host: 'data.tco.re' }, FIRST_PAGE);
    answer.resolve(portalView(['answered']));
    expect(await second).toEqual(portalView(['answered']));
    await settle();
    expect(newer).toEqual([]);
  });

  it('hands a failed answer to the next load after the kept page was shown: the failure is shown then', async () => {
    const { answer, shown, newer, load } = setUp(async () => portalView(['kept']));
    const first = load({ host: 'data.tco.re' }, FIRST_PAGE);
    shown.resolve();
    expect(await first).toEqual(portalView(['kept']));
    answer.reject(new Error('worker failed'));
    await settle();
    expect(newer).toHaveLength(1);
    await expect(load({ host: 'data.tco.re' }, FIRST_PAGE)).rejects.toThrow('worker failed');
  });
});

describe('keptFirstPages', () => {
  it('reads the page kept under the store the query names, and tells the page’s listeners as a change of that site', async () => {
    const view = portalView(['kept']);
    const session = fakeSession({ [pageKey(undefined, 'data.tco.re')]: JSON.stringify(view), [pageKey('1', 'data.tco.re')]: '' });
    const heard: string[][] = [];
    const stopped: string[] = [];
    const kept = keptFirstPages(session, Promise.resolve(), () => () => stopped.push('platform'));
    expect(await kept.stored.read({ host: 'data.tco.re' })).toEqual(view);
    // A retired page ('') is no page.
    expect(await kept.stored.read({ host: 'data.tco.re', storeId: '1' })).toBeNull();
    expect(await kept.stored.read({ host: 'itie.opendatasoft.com' })).toBeNull();
    const stop = kept.onStateChanged((keys) => heard.push(keys));
    kept.stored.onNewer({ host: 'data.tco.re' });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.some((key) => keyConcernsHost(key, 'data.tco.re'))).toBe(true);
    stop();
    kept.stored.onNewer({ host: 'data.tco.re' });
    expect(heard).toHaveLength(1);
    expect(stopped).toEqual(['platform']);
  });
});

describe('downloadFile', () => {
  it('clicks a link to the file under its name, then lets the blob go later', async () => {
    const clicked: Array<{ download: string; href: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    let later: (() => void) | undefined;
    downloadFile({ filename: 'report.json', mimeType: 'application/json', text: '{}' }, document, (run) => (later = run));
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('report.json');
    expect(clicked[0]!.href).toMatch(/^blob:/);
    expect(document.querySelector('a')).toBeNull();
    expect(revoke).not.toHaveBeenCalled();
    later!();
    expect(revoke).toHaveBeenCalledWith(clicked[0]!.href);
    click.mockRestore();
    revoke.mockRestore();
  });
});
