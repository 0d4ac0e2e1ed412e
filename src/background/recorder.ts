import { cookieAppliesToHost, type BrowserCookie } from '../core/cookies/cookie-record.ts';
import { appendTimeline, emptySite, isPresent, recordCookieChange, type SiteRecord } from '../core/cookies/site-record.ts';
import type { SiteStore } from './site-store.ts';
import { CONSENT_COOKIE } from '../core/report/consent.ts';

/** Records cookie changes into the site records they concern. */
export type Recorder = {
  /** A cookie was set, changed or removed (`cause` as cookies.onChanged gives it). */
  cookieChanged(cookie: BrowserCookie, removed: boolean, cause: string, now?: number): void;
  /** Records the cookies that already exist (worker start, tab load) for the portals they concern. */
  cookiesPresent(cookies: BrowserCookie[], now?: number): void;
  /** Marks, in every site's timeline, that the worker was stopped and started again. */
  workerStarted(now?: number): void;
  /** Starts a site's record afresh (after its cookies were cleared), with a marker. */
  restart(host: string, storeId: string, now?: number): void;
  /** The record of a site. */
  site(host: string, storeId: string): SiteRecord;
};

/** @param isTracked whether a host is a site we record (a portal, or a site the person granted) */
export function createRecorder(store: SiteStore, isTracked: (host: string) => boolean): Recorder {
  /**
   * The sites a cookie belongs to: every site being recorded that it is sent to (a
   * `.toulouse-metropole.fr` analytics cookie belongs to data.toulouse-metropole.fr), plus its
   * own host when we record that host but had not met it yet. A parent-domain cookie is not
   * filed under a portal never visited: that portal did not set it, and would be blamed for it.
   */
  function sitesFor(cookie: BrowserCookie): string[] {
    const known = store.hosts();
    const ownHost = cookie.domain.replace(/^\./, '').toLowerCase();
    if (isTracked(ownHost)) known.add(ownHost);
    return [...known].filter((host) => cookieAppliesToHost(cookie, host));
  }

  function cookieChanged(cookie: BrowserCookie, removed: boolean, cause: string, now = Date.now()): void {
    // An overwrite is reported as a removal followed by the new cookie: record it once, as a change.
    if (removed && cause === 'overwrite') return;
    for (const host of sitesFor(cookie)) {
      const next = recordCookieChange(store.get(cookie.storeId, host), cookie, removed, now);
      if (next) store.put(next);
    }
  }

  function cookiesPresent(cookies: BrowserCookie[], now = Date.now()): void {
    // The consent cookie first: the others found with it are tagged with the choice it holds,
    // whatever order the browser lists them in.
    const ordered = [...cookies].sort((a, b) => Number(b.name === CONSENT_COOKIE) - Number(a.name === CONSENT_COOKIE));
    for (const cookie of ordered) {
      for (const host of sitesFor(cookie)) {
        const site = store.get(cookie.storeId, host);
        // Already recorded and still there: nothing new, keep its times and phases.
        if (!isPresent(site, cookie)) store.put(recordCookieChange(site, cookie, false, now, true)!);
      }
    }
  }

  function workerStarted(now = Date.now()): void {
    store.markRestart(now);
  }

  function restart(host: string, storeId: string, now = Date.now()): void {
    store.put(appendTimeline(emptySite(host, storeId), { type: 'cleared', at: now }));
  }

  return { cookieChanged, cookiesPresent, workerStarted, restart, site: (host, storeId) => store.get(storeId, host) };
}
