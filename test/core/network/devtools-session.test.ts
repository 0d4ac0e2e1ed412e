import { describe, expect, it } from 'vitest';
import { isDevtoolsSession } from '../../../src/core/network/devtools-session.ts';

describe('isDevtoolsSession', () => {
  it('reads a tab number and an opening time, and nothing else a page could send', () => {
    expect(isDevtoolsSession({ tabId: 0, openedAt: 1_700_000_000_000 })).toBe(true);
    for (const value of [
      null,
      'x',
      {},
      { tabId: 1.5, openedAt: 1 },
      { tabId: -1, openedAt: 1 },
      { tabId: 1, openedAt: Number.NaN },
      { tabId: '1', openedAt: 1 },
    ])
      expect(isDevtoolsSession(value), JSON.stringify(value)).toBe(false);
  });
});
