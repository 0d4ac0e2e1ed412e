import { describe, expect, it } from 'vitest';
import { isRequestMessage, requestProblem, requestProblemText } from '../../src/core/request-checks.ts';
import { localeTranslate } from '../support/locale-translate.ts';

describe('isRequestMessage', () => {
  it('accepts each method with its params', () => {
    expect(isRequestMessage({ method: 'getReport', params: { host: 'data.tco.re' } })).toBe(true);
    expect(isRequestMessage({ method: 'getReport', params: { host: 'data.tco.re', storeId: 'firefox-private' } })).toBe(true);
    // Its first page only, with whole counts.
    expect(
      isRequestMessage({ method: 'getReport', params: { host: 'data.tco.re', first: { cookies: 50, findings: 20, events: 20 } } }),
    ).toBe(true);
    expect(
      isRequestMessage({ method: 'getReport', params: { host: 'data.tco.re', first: { cookies: -1, findings: 20, events: 20 } } }),
    ).toBe(false);
    expect(isRequestMessage({ method: 'getReport', params: { host: 'data.tco.re', first: 'all' } })).toBe(false);
    expect(isRequestMessage({ method: 'clearSite', params: { host: 'data.tco.re', reloadTabs: true } })).toBe(true);
    expect(isRequestMessage({ method: 'exportReport', params: { host: 'data.tco.re', format: 'markdown' } })).toBe(true);
    expect(isRequestMessage({ method: 'exportReport', params: { host: 'data.tco.re', format: 'charter-html', language: 'en' } })).toBe(
      true,
    );
    expect(isRequestMessage({ method: 'exportReport', params: { host: 'data.tco.re', format: 'charter-markdown' } })).toBe(true);
    expect(isRequestMessage({ method: 'refreshCharter', params: { host: 'data.tco.re' } })).toBe(true);
    expect(isRequestMessage({ method: 'getDiagnostics', params: {} })).toBe(true);
    expect(isRequestMessage({ method: 'getBrowserVersion', params: {} })).toBe(true);
    expect(isRequestMessage({ method: 'clearSite', params: { host: 'data.tco.re', reloadTabs: true, saveRun: true } })).toBe(true);
    expect(isRequestMessage({ method: 'siteOfTab', params: { tabId: 0 } })).toBe(true);
    expect(isRequestMessage({ method: 'getNetworkLog', params: { tabId: 12 } })).toBe(true);
    expect(isRequestMessage({ method: 'noteNetwork', params: { tabId: 12, openedAt: 5, responses: [] } })).toBe(true);
  });

  it('refuses what is not a request we answer', () => {
    for (const message of [
      null,
      'getReport',
      { method: 'dropTables', params: {} },
      { method: 'toString', params: { host: 'a' } },
      { method: 'getReport' },
      { method: 'getReport', params: null },
      { method: 'getReport', params: { host: 7 } },
      { method: 'getReport', params: { host: 'a', storeId: 0 } },
      { method: 'exportReport', params: { host: 'a', format: 'pdf' } },
      { method: 'siteOfTab', params: { tabId: '3' } },
      { method: 'siteOfTab', params: { tabId: -1 } },
      { method: 'siteOfTab', params: { tabId: 1.5 } },
      { method: 'getNetworkLog', params: {} },
      { method: 'noteNetwork', params: { tabId: 1, openedAt: 5 } },
      { method: 'noteNetwork', params: { tabId: 1, openedAt: 'now', responses: [] } },
      { method: 'exportReport', params: { host: 'a', format: 'charter-markdown', language: 'de' } },
      { method: 'exportReport', params: { host: 'a', format: 'charter-markdown', language: null } },
      // Flags a truthiness test would take as yes.
      { method: 'clearSite', params: { host: 'data.tco.re', reloadTabs: 'false' } },
      { method: 'clearSite', params: { host: 'data.tco.re', saveRun: 'no' } },
      // Hosts that name no one site.
      { method: 'getReport', params: { host: '*.opendatasoft.com' } },
      { method: 'getReport', params: { host: 'data.tco.re/x' } },
      { method: 'refreshCharter', params: { host: '' } },
      { method: 'refreshCharter', params: { host: '<b>x</b>' } },
      { method: 'clearSite', params: { host: '<img src=x>' } },
    ]) {
      expect(isRequestMessage(message), JSON.stringify(message)).toBe(false);
    }
  });
});

describe('requestProblem', () => {
  const SITE_METHODS = [
    ['getReport', {}],
    ['clearSite', {}],
    ['exportReport', { format: 'json' }],
    ['refreshCharter', {}],
  ] as const;

  it('refuses a yes-or-no option that is not true or false: a "false" would read as yes', () => {
    for (const [param, value] of [
      ['reloadTabs', 'false'],
      ['saveRun', 'no'],
      ['reloadTabs', 0],
      ['saveRun', 1],
      ['reloadTabs', null],
    ] as const) {
      const message = { method: 'clearSite', params: { host: 'data.tco.re', [param]: value } };
      expect(requestProblem(message), JSON.stringify(message)).toEqual({
        kind: 'param',
        method: 'clearSite',
        param,
        expected: 'true or false',
      });
    }
    expect(requestProblem({ method: 'clearSite', params: { host: 'data.tco.re', reloadTabs: false, saveRun: true } })).toBeNull();
  });

  it('refuses, for every method that names a site, a host that names none: a pattern, an address, markup, nothing', () => {
    for (const [method, extra] of SITE_METHODS) {
      for (const host of ['*.opendatasoft.com', 'data.tco.re/x', 'data.tco.re:8080', '<img src=x>', '<b>x</b>', '']) {
        expect(requestProblem({ method, params: { host, ...extra } }), `${method} ${host}`).toEqual({ kind: 'host', host });
      }
      expect(requestProblem({ method, params: { host: 'Data.TCO.re', ...extra } }), method).toBeNull();
      // An address may end its host with the root's dot: the same portal (core/portals.ts).
      expect(requestProblem({ method, params: { host: 'data.tco.re.', ...extra } }), method).toBeNull();
    }
  });

  it('takes an empty store as the normal windows’ one, as a store named by no one', () => {
    for (const [method, extra] of SITE_METHODS) {
      expect(requestProblem({ method, params: { host: 'data.tco.re', storeId: '', ...extra } }), method).toBeNull();
    }
  });

  it('names the param that is missing or wrong, and says nothing more of what is not a request', () => {
    expect(requestProblem({ method: 'getReport', params: {} })).toEqual({
      kind: 'param',
      method: 'getReport',
      param: 'host',
      expected: 'a host name',
    });
    expect(requestProblem({ method: 'getReport', params: { host: 'data.tco.re', storeId: 0 } })).toMatchObject({ param: 'storeId' });
    expect(requestProblem({ method: 'siteOfTab', params: { tabId: '3' } })).toMatchObject({ param: 'tabId' });
    expect(requestProblem({ method: 'noteNetwork', params: { tabId: 1, openedAt: 5 } })).toMatchObject({ param: 'responses' });
    for (const message of [null, { method: 'dropTables', params: {} }, { method: 'toString', params: {} }, { method: 'getReport' }]) {
      expect(requestProblem(message)).toEqual({ kind: 'unknown' });
    }
  });

  it('is said in English for whoever wrote the page’s code, a wrong host in the browser’s language', () => {
    const fr = localeTranslate('fr');
    expect(requestProblemText({ kind: 'unknown' }, fr)).toBe('Unknown request');
    expect(requestProblemText({ kind: 'param', method: 'clearSite', param: 'saveRun', expected: 'true or false' }, fr)).toBe(
      'Invalid clearSite request: saveRun must be true or false',
    );
    expect(requestProblemText({ kind: 'host', host: '<img src=x>' }, fr)).toBe(fr('notHostName', '<img src=x>'));
    expect(fr('notHostName', '<img src=x>')).toBe('«\u202f<img src=x>\u202f» n’est pas le nom d’hôte d’un site (comme data.tco.re).');
  });
});
