import { browser, type Browser } from './browser.ts';

type ActionApi = Pick<Browser, 'action'>;

/** Sets the toolbar badge of one tab; an empty text clears it. */
export async function setTabBadge(tabId: number, text: string, color: string, api: ActionApi = browser): Promise<void> {
  await api.action.setBadgeText({ tabId, text });
  if (text) await api.action.setBadgeBackgroundColor({ tabId, color });
}
