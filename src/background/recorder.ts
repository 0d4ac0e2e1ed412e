import { cookieAppliesToHost, cookieKey, describeCookie, type BrowserCookie } from '../core/cookies/cookie-record.ts';
import { presentCookies, recordCookieChange } from '../core/cookies/site-record.ts';
import { isPortalHost } from '../core/portals.ts';
import type { SiteSnapshot } from '../core/messages.ts';
import type { SiteStore } from './site-store.ts';

/** Records cookie changes into the site records they concern. */
export type Recorder = {
  /** A cookie was set, changed or removed. */
  cookieChanged(cookie: BrowserCookie, removed: boolean, now?: number): void;
  /** Records the cookies that already exist (worker start, tab load) for the portals they concern. */
  cookiesPresent(cookies: BrowserCookie[], now?: number): void;
  /** What the popup shows for `host`. */
  snapshot(host: string): SiteSnapshot;
};

export function createRecorder(store: SiteStore, bundledHosts: ReadonlySet<string>): Recorder {
  /**
   * The portal sites a cookie belongs to: every known portal it would be sent to (a
   * `.toulouse-metropole.fr` analytics cookie belongs to data.toulouse-metropole.fr), plus the
   * host that set a host-only cookie when that host is a portal we had not met yet.
   */
  function sitesFor(cookie: BrowserCookie): string[] {
    const known = new Set([...bundledHosts, ...store.hosts()]);
    const ownHost = cookie.domain.replace(/^\./, '').toLowerCase();
    if (isPortalHost(ownHost, bundledHosts)) known.add(ownHost);
    return [...known].filter((host) => cookieAppliesToHost(cookie, host));
  }

  function cookieChanged(cookie: BrowserCookie, removed: boolean, now = Date.now()): void {
    for (const host of sitesFor(cookie)) store.put(recordCookieChange(store.get(host), cookie, removed, now));
  }

  function cookiesPresent(cookies: BrowserCookie[], now = Date.now()): void {
    for (const cookie of cookies) {
      for (const host of sitesFor(cookie)) {
        const site = store.get(host);
        // Already recorded and still there: keep its times, nothing changed.
        if (site.cookies[cookieKey(describeCookie(cookie, now))]?.removed !== null) {
          store.put(recordCookieChange(site, cookie, false, now));
        }
      }
    }
  }

  function snapshot(host: string): SiteSnapshot {
    const lower = host.toLowerCase();
    return { host: lower, isPortal: isPortalHost(lower, bundledHosts), cookies: presentCookies(store.get(lower)) };
  }

  return { cookieChanged, cookiesPresent, snapshot };
}
