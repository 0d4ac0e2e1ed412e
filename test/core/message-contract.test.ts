import { describe, expect, it } from 'vitest';
import { isCharterDraftFormat, isRequestMessage } from '../../src/core/message-contract.ts';

describe('isRequestMessage', () => {
  it('accepts each method with its params', () => {
    expect(isRequestMessage({ method: 'getReport', params: { host: 'data.tco.re' } })).toBe(true);
    expect(isRequestMessage({ method: 'getReport', params: { host: 'data.tco.re', storeId: 'firefox-private' } })).toBe(true);
    expect(isRequestMessage({ method: 'clearSite', params: { host: 'data.tco.re', reloadTabs: true } })).toBe(true);
    expect(isRequestMessage({ method: 'exportReport', params: { host: 'data.tco.re', format: 'markdown' } })).toBe(true);
    expect(isRequestMessage({ method: 'exportReport', params: { host: 'data.tco.re', format: 'charter-html', language: 'en' } })).toBe(
      true,
    );
    expect(isRequestMessage({ method: 'exportReport', params: { host: 'data.tco.re', format: 'charter-markdown' } })).toBe(true);
    expect(isRequestMessage({ method: 'refreshCharter', params: { host: 'data.tco.re' } })).toBe(true);
    expect(isRequestMessage({ method: 'getDiagnostics', params: {} })).toBe(true);
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
      { method: 'exportReport', params: { host: 'a', format: 'charter-markdown', language: 'de' } },
      { method: 'exportReport', params: { host: 'a', format: 'charter-markdown', language: null } },
    ]) {
      expect(isRequestMessage(message), JSON.stringify(message)).toBe(false);
    }
  });
});

describe('isCharterDraftFormat', () => {
  it('tells a charter draft from the report’s own formats', () => {
    expect(isCharterDraftFormat('charter-markdown')).toBe(true);
    expect(isCharterDraftFormat('charter-html')).toBe(true);
    expect(isCharterDraftFormat('markdown')).toBe(false);
  });
});
