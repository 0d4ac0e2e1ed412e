import { cookieKey, describeCookie, type BrowserCookie, type CookieRecord } from './cookie-record.ts';

/** Everything recorded for one portal site (a host name), across cookie stores. */
export type SiteRecord = {
  /** The portal's host name, lower-case. */
  host: string;
  /** Cookies seen for this site, keyed by `cookieKey`. */
  cookies: Record<string, CookieRecord>;
};

/** An empty record for a site. */
export function emptySite(host: string): SiteRecord {
  return { host, cookies: {} };
}

/** Returns the site record with one cookie set (or changed) or removed; the input is not modified. */
export function recordCookieChange(site: SiteRecord, cookie: BrowserCookie, removed: boolean, now: number): SiteRecord {
  const current = describeCookie(cookie, now);
  const key = cookieKey(current);
  const previous = site.cookies[key];
  const next: CookieRecord = removed
    ? { ...(previous ?? current), removed: now, lastChanged: now }
    : describeCookie(cookie, now, previous);
  return { ...site, cookies: { ...site.cookies, [key]: next } };
}

/** Cookies of a site that currently exist, sorted by name then domain for a stable display. */
export function presentCookies(site: SiteRecord): CookieRecord[] {
  return Object.values(site.cookies)
    .filter((cookie) => cookie.removed === null)
    .sort((a, b) => a.name.localeCompare(b.name) || a.domain.localeCompare(b.domain));
}
