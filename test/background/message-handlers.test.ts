import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerDeps } from '../../src/background/message-handlers.ts';
import type { SiteQuery, SiteView } from '../../src/core/message-contract.ts';
import { portalView, report, reportCookie } from '../support/reports.ts';
import type { Report } from '../../src/core/report/report.ts';
import type { TabSite } from '../../src/platform/tabs.ts';

const TABS: TabSite[] = [
  { tabId: 1, url: 'https://Data.TCO.re/explore/', storeId: undefined },
  { tabId: 2, url: 'https://itie.opendatasoft.com/', storeId: 'firefox-container-1' },
  { tabId: 3, url: 'about:blank', storeId: undefined },
  { tabId: 4, url: undefined, storeId: undefined },
];

const diagnostics = { codeStartedMs: 1, evaluatedMs: 2, readyMs: 3, steps: {}, sites: 4, cookies: 5 };

/** The cookie stores the browser has. */
const STORES = new Set(['0', 'private', 'firefox-container-1']);

function setup(view: SiteView = portalView(['sessionid']), overrides: Partial<HandlerDeps> = {}) {
  const log: string[] = [];
  let open!: () => void;
  const ready = new Promise<void>((resolve) => (open = resolve));
  const handlers = createHandlers({
    ready,
    translate: (key, ...substitutions) => `${key}(${substitutions.join(', ')})`,
    reports: {
      resolve: async (query: SiteQuery) => ({ host: query.host.toLowerCase(), storeId: query.storeId ?? '0' }),
      view: async (query) => (log.push(`view ${query.host}`), view),
      prepare: () => void log.push('prepare'),
      // The extension may see the site the view shows, or none (`view` says which).
      noAccess: async () => (view.kind === 'no-access' ? view : null),
    },
    hasCookieStore: async (storeId) => (log.push(`store ${storeId}?`), STORES.has(storeId)),
    clearSite: async (host, storeId, reloadTabs, before) => {
      await before?.();
      log.push(`clear ${storeId}|${host} reload=${reloadTabs}`);
      return 4;
    },
    refreshCharter: async (host) => (
      log.push(`charter ${host}`),
      { host, fetchedAt: 1, url: null, charter: null, problem: { kind: 'http', status: 404, path: '/terms/cookies-information' } }
    ),
    scheduleBadgeRefresh: () => void log.push('badges'),
    diagnostics: async () => diagnostics,
    consentRuns: {
      save: async (host, storeId) => void log.push(`save run ${storeId}|${host}`),
      drop: async (host, storeId) => void log.push(`drop run ${storeId}|${host}`),
      savedReport: async () => null,
    },
    tab: async (tabId) => TABS.find((tab) => tab.tabId === tabId),
    networkLogs: {
      note: async (tabId, openedAt, responses) => (log.push(`note ${tabId} ${openedAt} ${responses.length}`), responses.length - 1),
      get: async (tabId) => (tabId === 3 ? { tabId, openedAt: 1, responses: [] } : null),
    },
    browserVersion: async () => '140.6.0',
    exports: () => import('../../src/background/later-parts.ts'),
    ...overrides,
  });
  return { handlers, log, open };
}

describe('message handlers', () => {
  it('answer nothing before the worker is ready, but start loading what a report needs at once', async () => {
    const { handlers, log, open } = setup();
    const answer = handlers.getReport({ host: 'data.tco.re' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['prepare']);
    open();
    expect(await answer).toEqual(portalView(['sessionid']));
    expect(log).toEqual(['prepare', 'view data.tco.re']);
  });

  it('clear a site in the store it names, reloading its tabs only when asked, then refresh the badges', async () => {
    const { handlers, log, open } = setup();
    open();
    expect(await handlers.clearSite({ host: 'Data.tco.re', storeId: 'private', reloadTabs: true })).toEqual({ removed: 4 });
    expect(await handlers.clearSite({ host: 'data.tco.re' })).toEqual({ removed: 4 });
    expect(log).toEqual([
      'store private?',
      'drop run private|data.tco.re',
      'clear private|data.tco.re reload=true',
      'badges',
      'drop run 0|data.tco.re',
      'clear 0|data.tco.re reload=false',
      'badges',
    ]);
  });

  it('keep the run recorded so far before clearing, when asked to ("Record the other choice")', async () => {
    const { handlers, log, open } = setup();
    open();
    await handlers.clearSite({ host: 'data.tco.re', reloadTabs: true, saveRun: true });
    expect(log).toEqual(['save run 0|data.tco.re', 'clear 0|data.tco.re reload=true', 'badges']);
  });

  it('keep or drop the run only by the ask that starts a clear: asks that share it leave the first one’s choice be', async () => {
    let finish!: (removed: number) => void;
    let running: Promise<number> | undefined;
    const { handlers, log, open } = setup(undefined, {
      // Shares a clear under way, as clear-site.ts does: `before` is the first ask's alone.
      clearSite: (host, storeId, reloadTabs, before) =>
        (running ??= (async () => {
          await before?.();
          log.push(`clear ${storeId}|${host} reload=${reloadTabs}`);
          return new Promise<number>((resolve) => (finish = resolve));
        })()),
    });
    open();
    const asks = [
      handlers.clearSite({ host: 'data.tco.re', reloadTabs: true, saveRun: true }),
      // "Record the other choice" again from another page, then "Record consent flow", while it runs.
      handlers.clearSite({ host: 'data.tco.re', reloadTabs: true, saveRun: true }),
      handlers.clearSite({ host: 'data.tco.re', reloadTabs: true }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 0));
    finish(4);
    expect(await Promise.all(asks)).toEqual([{ removed: 4 }, { removed: 4 }, { removed: 4 }]);
    expect(log.filter((line) => !line.startsWith('badges'))).toEqual(['save run 0|data.tco.re', 'clear 0|data.tco.re reload=true']);
  });

  it('tell which site a tab shows, in which store; that it shows none; or that there is no such tab', async () => {
    const { handlers, open } = setup();
    open();
    expect(await handlers.siteOfTab({ tabId: 1 })).toEqual({ kind: 'site', host: 'data.tco.re' });
    expect(await handlers.siteOfTab({ tabId: 2 })).toEqual({ kind: 'site', host: 'itie.opendatasoft.com', storeId: 'firefox-container-1' });
    expect(await handlers.siteOfTab({ tabId: 3 })).toEqual({ kind: 'no-site' });
    expect(await handlers.siteOfTab({ tabId: 4 })).toEqual({ kind: 'no-site' });
    expect(await handlers.siteOfTab({ tabId: 99 })).toEqual({ kind: 'no-tab' });
  });

  it('keep what DevTools heard in a tab, and give it back', async () => {
    const { handlers, log, open } = setup();
    open();
    expect(await handlers.noteNetwork({ tabId: 3, openedAt: 7, responses: [{} as never, {} as never] })).toEqual({
      kind: 'noted',
      kept: 1,
    });
    expect(log).toEqual(['note 3 7 2']);
    expect(await handlers.getNetworkLog({ tabId: 3 })).toEqual({ tabId: 3, openedAt: 1, responses: [] });
    expect(await handlers.getNetworkLog({ tabId: 4 })).toBeNull();
  });

  it('give the browser’s version at once, before the worker is ready (the DevTools page holds what it hears until then)', async () => {
    const { handlers } = setup();
    expect(await handlers.getBrowserVersion({})).toBe('140.6.0');
    const chromium = setup(undefined, { browserVersion: async () => null });
    expect(await chromium.handlers.getBrowserVersion({})).toBeNull();
  });

  it('export the report in the format asked for', async () => {
    const { handlers, open } = setup();
    open();
    const file = await handlers.exportReport({ host: 'data.tco.re', format: 'csv' });
    expect(file.mimeType).toMatch(/^text\/csv/);
    expect(file.text).toContain('sessionid');
  });

  it('export the whole report whatever else the request carries: a stray `first` never pages it', async () => {
    const asked: unknown[] = [];
    const cookies = ['a', 'b', 'c'].map((name) => reportCookie({ name }));
    const { handlers, open } = setup(undefined, {
      reports: {
        resolve: async (query: SiteQuery) => ({ host: query.host, storeId: query.storeId ?? '0' }),
        // As site-reports.ts's view does: with `first`, only its first page of cookies.
        view: async (query) => {
          asked.push(query);
          const first = (query as { first?: { cookies?: unknown } }).first;
          const shown = first === undefined ? cookies : cookies.slice(0, typeof first.cookies === 'number' ? first.cookies : 0);
          return { kind: 'report', report: report(shown) } as SiteView;
        },
        prepare: () => undefined,
        noAccess: async () => null,
      },
    });
    open();
    const exported = async (stray: Record<string, unknown>) => {
      const file = await handlers.exportReport({ host: 'data.tco.re', storeId: 'private', format: 'json', ...stray } as never);
      return (JSON.parse(file.text) as { cookies: unknown[] }).cookies.length;
    };
    expect(await exported({})).toBe(3);
    expect(await exported({ first: { cookies: 1, findings: 0, events: 0 } })).toBe(3);
    expect(await exported({ first: 'x' })).toBe(3);
    // Only the params the method documents reach the report.
    expect(asked).toEqual(Array(3).fill({ host: 'data.tco.re', storeId: 'private' }));
  });

  it('draft a corrected charter from the report, in the format and language asked for', async () => {
    const { handlers, open } = setup();
    open();
    const markdown = await handlers.exportReport({ host: 'data.tco.re', format: 'charter-markdown', language: 'en' });
    expect(markdown).toMatchObject({ mimeType: 'text/markdown', filename: expect.stringMatching(/^charter-draft-data\.tco\.re-en-/) });
    expect(markdown.text).toContain('## Cookie policy');
    expect(markdown.text).toContain('sessionid');
    const html = await handlers.exportReport({ host: 'data.tco.re', format: 'charter-html' });
    expect(html.text).toMatch(/^<!doctype html>/);
  });

  it('draft from the kept run too when it made the other choice, as the audit does from both runs', async () => {
    const made = (state: 'accepted' | 'refused', names: string[]) =>
      report(
        names.map((name) => reportCookie({ name, category: 'statistics', status: 'undeclared' })),
        { consent: { state, changedAt: 1, trackers: {} } },
      );
    const draftWith = async (saved: Report | null, current: Report) => {
      const asked: string[] = [];
      const { handlers, open } = setup(
        { kind: 'report', report: current, charterPending: false },
        {
          consentRuns: {
            save: async () => undefined,
            drop: async () => undefined,
            savedReport: async (host, storeId) => (asked.push(`${storeId}|${host}`), saved),
          },
        },
      );
      open();
      const draft = await handlers.exportReport({ host: 'data.tco.re', format: 'charter-markdown', language: 'en' });
      return { text: draft.text, asked };
    };
    // Run 1 accepted and was kept; run 2 refused: `matomoid`, seen only after accepting, is in the draft.
    const both = await draftWith(made('accepted', ['sessionid', 'matomoid']), made('refused', ['sessionid']));
    expect(both.asked).toEqual(['0|data.tco.re']);
    expect(both.text).toContain('matomoid');
    // In either order.
    expect((await draftWith(made('refused', ['sessionid']), made('accepted', ['sessionid', 'matomoid']))).text).toContain('matomoid');
    // A kept run of the same choice, or none: the draft is of the report alone.
    expect((await draftWith(made('accepted', ['matomoid']), made('accepted', ['sessionid']))).text).not.toContain('matomoid');
    expect((await draftWith(null, made('refused', ['sessionid']))).text).toContain('sessionid');
  });

  it('refuse to export a site the extension cannot see, saying so in the browser’s language as the access prompt does', async () => {
    const { handlers, open } = setup({ kind: 'no-access', host: 'example.org', portal: false });
    open();
    await expect(handlers.exportReport({ host: 'example.org', format: 'json' })).rejects.toThrow('noAccessSite(example.org)');
    const portal = setup({ kind: 'no-access', host: 'data.tco.re', portal: true });
    portal.open();
    await expect(portal.handlers.exportReport({ host: 'data.tco.re', format: 'json' })).rejects.toThrow('noAccessPortal(data.tco.re)');
  });

  it('read a live charter again, say whether it could be read, and refresh the badges', async () => {
    const { handlers, log, open } = setup();
    open();
    expect(await handlers.refreshCharter({ host: 'DATA.tco.re' })).toEqual({ ok: false });
    expect(log).toEqual(['charter data.tco.re', 'badges']);
  });

  it('say a read that failed is not ok, even when the charter read before it is kept', async () => {
    const charter = { portal: 'data.tco.re', language: 'fr' as const, entries: [] };
    const kept = { host: 'data.tco.re', fetchedAt: 1, url: 'https://data.tco.re/terms/cookies-policy/', charter, problem: null };
    const { handlers, open } = setup(undefined, {
      refreshCharter: async () => ({ ...kept, problem: { kind: 'network' }, failedAt: 2 }),
    });
    open();
    expect(await handlers.refreshCharter({ host: 'data.tco.re' })).toEqual({ ok: false });
    const again = setup(undefined, { refreshCharter: async () => kept });
    again.open();
    expect(await again.handlers.refreshCharter({ host: 'data.tco.re' })).toEqual({ ok: true });
  });

  it('say there is no such tab when DevTools’ batch names a tab that is not open', async () => {
    const { handlers, open } = setup(undefined, {
      networkLogs: { note: async () => null, get: async () => null },
    });
    open();
    expect(await handlers.noteNetwork({ tabId: 999999, openedAt: 7, responses: [] })).toEqual({ kind: 'no-tab' });
  });

  it('refuse a cookie store the browser does not have, in its language, before anything is read, recorded or cleared', async () => {
    const { handlers, log, open } = setup();
    open();
    const bogus = { host: 'data.tco.re', storeId: 'bogus' };
    await expect(handlers.getReport(bogus)).rejects.toThrow('unknownCookieStore(bogus)');
    await expect(handlers.clearSite({ ...bogus, reloadTabs: true })).rejects.toThrow('unknownCookieStore(bogus)');
    await expect(handlers.exportReport({ ...bogus, format: 'json' })).rejects.toThrow('unknownCookieStore(bogus)');
    await expect(handlers.refreshCharter(bogus)).rejects.toThrow('unknownCookieStore(bogus)');
    expect(log.filter((line) => !line.startsWith('store') && line !== 'prepare')).toEqual([]);
    // A container's store is one; a request that names none, or names it empty (the normal windows'), asks nothing.
    log.length = 0;
    expect(await handlers.getReport({ host: 'itie.opendatasoft.com', storeId: 'firefox-container-1' })).toEqual(portalView(['sessionid']));
    await handlers.getReport({ host: 'data.tco.re' });
    await handlers.getReport({ host: 'data.tco.re', storeId: '' });
    expect(log.filter((line) => line.startsWith('store'))).toEqual(['store firefox-container-1?']);
  });

  it('refuse to clear a site, or read its charter, when the extension cannot see it, as the access prompt says it', async () => {
    const { handlers, log, open } = setup({ kind: 'no-access', host: 'example.org', portal: false });
    open();
    await expect(handlers.clearSite({ host: 'example.org', reloadTabs: true })).rejects.toThrow('noAccessSite(example.org)');
    await expect(handlers.refreshCharter({ host: 'example.org' })).rejects.toThrow('noAccessSite(example.org)');
    const portal = setup({ kind: 'no-access', host: 'data.tco.re', portal: true });
    portal.open();
    await expect(portal.handlers.refreshCharter({ host: 'data.tco.re' })).rejects.toThrow('noAccessPortal(data.tco.re)');
    expect([...log, ...portal.log]).toEqual([]);
  });

  it('tell how the worker is doing', async () => {
    const { handlers, open } = setup();
    open();
    expect(await handlers.getDiagnostics({})).toEqual(diagnostics);
  });
});
