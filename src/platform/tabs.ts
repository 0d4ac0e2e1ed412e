import { browser, type Browser } from './browser.ts';

type TabsApi = Pick<Browser, 'tabs'>;

/**
 * URL of the active tab in the current window. Without a host permission for that site the
 * browser hides it and this returns undefined: the popup then says it has no access.
 */
export async function activeTabUrl(api: TabsApi = browser): Promise<string | undefined> {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

/** Calls `listener` with a tab's URL each time a tab finishes loading a page we may see. */
export function onTabLoaded(listener: (url: string) => void, api: TabsApi = browser): void {
  api.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (change.status === 'complete' && tab.url) listener(tab.url);
  });
}
