import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  answerWithin,
  isCharterDraftFormat,
  isLiveMessage,
  isRequestMessage,
  LIVE_MESSAGE_TYPE,
  NoAnswer,
  signatureOf,
} from '../../src/core/message-contract.ts';

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
    ]) {
      expect(isRequestMessage(message), JSON.stringify(message)).toBe(false);
    }
  });
});

describe('isLiveMessage', () => {
  const event = { type: 'set' as const, at: 2, name: 'a', domain: 'data.tco.re', phase: 'before-choice' as const };
  const live = { type: LIVE_MESSAGE_TYPE, kind: 'event', host: 'data.tco.re', storeId: '0', seq: 1, previous: null, event, heardAt: 3 };

  it('knows the worker’s pushes', () => {
    expect(isLiveMessage(live)).toBe(true);
    expect(isLiveMessage({ ...live, previous: signatureOf(event) })).toBe(true);
    expect(isLiveMessage({ type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 4 })).toBe(true);
  });

  it('leaves anything else alone: the requests pages send the worker, malformed pushes', () => {
    for (const message of [
      null,
      { method: 'getReport', params: { host: 'a' } },
      { ...live, type: 'other' },
      { ...live, seq: '1' },
      { ...live, event: null },
      { type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: -2 },
      { type: LIVE_MESSAGE_TYPE, kind: 'other' },
    ]) {
      expect(isLiveMessage(message), JSON.stringify(message)).toBe(false);
    }
  });

  it('signs an event by its type, time and name', () => {
    expect(signatureOf(event)).toEqual({ type: 'set', at: 2, name: 'a' });
    expect(signatureOf({ type: 'cleared', at: 4 })).toEqual({ type: 'cleared', at: 4, name: null });
  });
});

describe('isCharterDraftFormat', () => {
  it('tells a charter draft from the report’s own formats', () => {
    expect(isCharterDraftFormat('charter-markdown')).toBe(true);
    expect(isCharterDraftFormat('charter-html')).toBe(true);
    expect(isCharterDraftFormat('markdown')).toBe(false);
  });
});

describe('answerWithin', () => {
  afterEach(() => void vi.useRealTimers());

  it('gives the answer that comes in time, and a NoAnswer naming the method and the limit when none does', async () => {
    vi.useFakeTimers();
    await expect(answerWithin(Promise.resolve('site'), 'siteOfTab', 1000)).resolves.toBe('site');
    expect(vi.getTimerCount()).toBe(0);
    const late = answerWithin(new Promise<never>(() => undefined), 'siteOfTab', 1000);
    const settled = late.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await settled;
    expect(error).toBeInstanceOf(NoAnswer);
    expect((error as NoAnswer).withinSeconds).toBe(1);
    expect((error as NoAnswer).message).toBe('No answer from the background worker to siteOfTab within 1 s');
  });
});
