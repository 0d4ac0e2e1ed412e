import { describe, expect, it } from 'vitest';
import { setTabBadge } from '../../src/platform/action-badge.ts';

function fakeAction() {
  const calls: string[] = [];
  const api = {
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void calls.push(`text ${tabId} "${text}"`),
      setBadgeBackgroundColor: async ({ tabId, color }: { tabId: number; color: string }) => void calls.push(`color ${tabId} ${color}`),
    },
  } as never;
  return { api, calls };
}

describe('setTabBadge', () => {
  it('sets one tab’s text and colour', async () => {
    const { api, calls } = fakeAction();
    await setTabBadge(3, '2', '#b3261e', api);
    expect(calls).toEqual(['text 3 "2"', 'color 3 #b3261e']);
  });

  it('clears it with an empty text, leaving the colour alone', async () => {
    const { api, calls } = fakeAction();
    await setTabBadge(3, '', '', api);
    expect(calls).toEqual(['text 3 ""']);
  });
});
