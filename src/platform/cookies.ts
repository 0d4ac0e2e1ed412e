import { browser, type Browser, type Cookies } from './browser.ts';
import type { BrowserCookie } from '../core/cookies/cookie-record.ts';

type CookiesApi = Pick<Browser, 'cookies'>;

/** A cookie set or removed; `overwrite` removals are followed by the new cookie's event. */
export type CookieChange = { cookie: BrowserCookie; removed: boolean; cause: string };

/** Subscribes to every cookie change the host permissions let us see. */
export function onCookieChanged(listener: (change: CookieChange) => void, api: CookiesApi = browser): void {
  api.cookies.onChanged.addListener((info: Cookies.OnChangedChangeInfoType) => {
    listener({ cookie: info.cookie as BrowserCookie, removed: info.removed, cause: info.cause });
  });
}

/**
 * Every cookie we may see (host permissions filter them), in every cookie store: normal,
 * private windows, Firefox containers. `partitionKey: {}` asks for partitioned (CHIPS) cookies
 * too; a browser that does not know the filter gets the plain query instead.
 */
export async function allVisibleCookies(api: CookiesApi = browser): Promise<BrowserCookie[]> {
  const stores = await api.cookies.getAllCookieStores();
  const perStore = await Promise.all(
    stores.map((store) =>
      api.cookies
        .getAll({ storeId: store.id, partitionKey: {} })
        .catch(() => api.cookies.getAll({ storeId: store.id })),
    ),
  );
  return perStore.flat() as BrowserCookie[];
}
