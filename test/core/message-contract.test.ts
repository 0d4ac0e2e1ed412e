import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  answerWithin,
  isCharterDraftFormat,
  isLiveMessage,
  LIVE_MESSAGE_TYPE,
  NoAnswer,
  signatureOf,
} from '../../src/core/message-contract.ts';

describe('isLiveMessage', () => {
  const event = { type: 'set' as const, at: 2, name: 'a', domain: 'data.tco.re', phase: 'before-choice' as const };
  const live = { type: LIVE_MESSAGE_TYPE, kind: 'event', host: 'data.tco.re', storeId: '0', seq: 1, previous: null, event, heardAt: 3 };

  it('knows the worker’s pushes', () => {
    expect(isLiveMessage(live)).toBe(true);
    expect(isLiveMessage({ ...live, previous: signatureOf(event) })).toBe(true);
    expect(isLiveMessage({ type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 4 })).toBe(true);
    expect(isLiveMessage({ type: LIVE_MESSAGE_TYPE, kind: 'resync', host: 'data.tco.re', storeId: '0' })).toBe(true);
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
      { type: LIVE_MESSAGE_TYPE, kind: 'resync', host: 'data.tco.re' },
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
