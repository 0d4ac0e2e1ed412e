/**
 * Whether a cookie had expired by a time: the browser deletes an expired cookie lazily (its
 * `cookies.onChanged` removal, cause "expired", comes only when it notices), so a record may hold
 * one as present long after nothing can read it. Gone for every judgement of presence then.
 */
import type { SiteCookie } from '../cookies/site-record.ts';

/**
 * True when the cookie's expiry (seconds) is at or before `now` (milliseconds); never for a
 * session cookie (no expiry: it lasts as long as the browser's session), nor when `now` is
 * not known (null).
 */
export function expiredBy(cookie: Pick<SiteCookie, 'expires'>, now: number | null): boolean {
  return now !== null && cookie.expires !== null && cookie.expires * 1000 <= now;
}
