import { browser, type Browser } from './browser.ts';

type ActionApi = Pick<Browser, 'action' | 'tabs'>;

/**
 * Sets the toolbar badge of one tab; an empty text clears it. A tab closed before the worker
 * heard it close has no badge to set: the browser's refusal ("No tab with id: N." in Chrome) is
 * dropped, not told as a failure; a refusal while the tab is still open is.
 */
export async function setTabBadge(tabId: number, text: string, color: string, api: ActionApi = browser): Promise<void> {
  try {
    await api.action.setBadgeText({ tabId, text });
    if (text) await api.action.setBadgeBackgroundColor({ tabId, color });
  } catch (error) {
    // Asked of the tabs rather than read from the message, which each browser words its own way.
    const open = await api.tabs.get(tabId).then(
      () => true,
      () => false,
    );
    if (open) throw error;
  }
}
