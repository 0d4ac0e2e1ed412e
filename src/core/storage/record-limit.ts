import { measureText } from '../text-bytes.ts';
import { storedBytes } from './session-quota.ts';
import type { SiteRecord } from '../cookies/site-record.ts';
import { CONSENT_COOKIE } from '../consent/consent-choice.ts';

/**
 * The most one site record may take in storage.session (as `storedBytes` counts it). A busy
 * portal's record is far smaller (2,000 cookies and a full timeline: about 0.9 MB); the limit
 * keeps one record from crowding out every other site, whatever names a site makes up.
 */
export const SITE_RECORD_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * The record as the JSON to store, trimmed in place first if it would pass `limitBytes`: the
 * oldest timeline events go first (counted in `droppedEvents`), then cookies already removed,
 * oldest removal first, then present cookies, least recently changed first, consent cookies last (counted in
 * `droppedCookies`; one still in the browser is found again by the next scan). Linear in the
 * record's size, but for sorting its cookies.
 */
export function fitRecord(site: SiteRecord, key: string, limitBytes = SITE_RECORD_LIMIT_BYTES): string {
  let text = JSON.stringify(site);
  for (let round = 0; round < 3; round++) {
    let excess = storedBytes(key, text) - limitBytes;
    if (excess <= 0) return text;
    // A piece's share of the whole, as the larger of the browsers' counts (Firefox doubles every
    // character of a string holding one past Latin-1), and its comma.
    const perCharacter = measureText(text).wide ? 2 : 1;
    const cost = (piece: unknown) => {
      const json = JSON.stringify(piece);
      return Math.max(measureText(json).utf8, perCharacter * json.length) + 1;
    };

    let events = 0;
    while (excess > 0 && events < site.timeline.length) excess -= cost(site.timeline[events++]);
    if (events > 0) {
      site.timeline.splice(0, events);
      site.droppedEvents += events;
    }

    const entries = Object.entries(site.cookies);
    const removed = entries.filter(([, cookie]) => cookie.removed !== null).sort(([, a], [, b]) => a.removed! - b.removed!);
    // A consent cookie present goes last (a few hundred bytes): it tells which cookie holds the
    // site's choice once the record is dropped to make room (evictedRecord, choiceHeldBy). Only
    // a site setting megabytes of them loses one, and the record then says it (consentCookieTrimmed).
    const byChange = (list: typeof entries) => list.sort(([, a], [, b]) => a.lastChanged - b.lastChanged);
    const present = byChange(entries.filter(([, cookie]) => cookie.removed === null && cookie.name !== CONSENT_COOKIE));
    const consent = byChange(entries.filter(([, cookie]) => cookie.removed === null && cookie.name === CONSENT_COOKIE));
    let cookies = 0;
    for (const [cookieKey, cookie] of [...removed, ...present, ...consent]) {
      if (excess <= 0) break;
      excess -= cost(cookieKey) + cost(cookie);
      delete site.cookies[cookieKey];
      cookies++;
      if (cookie.removed === null && cookie.name === CONSENT_COOKIE) site.consentCookieTrimmed = true;
    }
    site.droppedCookies = (site.droppedCookies ?? 0) + cookies;
    text = JSON.stringify(site);
  }
  return text;
}
