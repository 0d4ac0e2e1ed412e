import { describe, expect, it } from 'vitest';
import { setTabBadge } from '../../src/platform/action-badge.ts';

/** The action API over the tabs open (`open`): as both browsers, it refuses a tab that is not. */
function fakeAction(open = new Set([3])) {
  const calls: string[] = [];
  const refuseClosed = (tabId: number) => {
    if (!open.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
  };
  const api = {
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => (
        refuseClosed(tabId),
        void calls.push(`text ${tabId} "${text}"`)
      ),
      setBadgeBackgroundColor: async ({ tabId, color }: { tabId: number; color: string }) => void calls.push(`color ${tabId} ${color}`),
    },
    tabs: {
      get: async (tabId: number) => (refuseClosed(tabId), { id: tabId }),
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

  it('drops the refusal of a tab closed before its close is heard (no badge to set), not another', async () => {
    const { api, calls } = fakeAction(new Set([3]));
    await expect(setTabBadge(1, '2', '#b3261e', api)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
    // Refused for another cause, the tab still open: told.
    const broken = { ...(api as object), action: { setBadgeText: async () => Promise.reject(new Error('quota')) } } as never;
    await expect(setTabBadge(3, '2', '#b3261e', broken)).rejects.toThrow('quota');
  });
});
