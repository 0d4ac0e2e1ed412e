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

/**
 * The times (milliseconds) while `expiredBy` judges every present cookie of `cookies` (none
 * removed) as it does at `now`: from the latest expiry already past at `now` (inclusive; -Infinity
 * when none) until the earliest still ahead (exclusive; Infinity when none). A report built at
 * `now` holds for a time within them; outside, a cookie it shows present has expired since, or
 * (the clock set back) one it shows expired has not yet.
 */
export function expiryJudgementSpan(
  cookies: Iterable<Pick<SiteCookie, 'expires' | 'removed'>>,
  now: number,
): { from: number; until: number } {
  let from = -Infinity;
  let until = Infinity;
  for (const cookie of cookies) {
    if (cookie.removed !== null || cookie.expires === null) continue;
    // Seconds, as expiredBy compares them.
    const at = cookie.expires * 1000;
    if (at <= now) from = Math.max(from, at);
    else until = Math.min(until, at);
  }
  return { from, until };
}
