import { measureText } from '../text-bytes.ts';
import { storedBytes } from './session-quota.ts';
import { holdsSitesChoice, type SiteRecord } from '../cookies/site-record.ts';
import type { LiveCharterRecord } from '../charter/live-record.ts';
import { liveCharterItem } from './session-items.ts';

/**
 * The most one site record may take in storage.session (as `storedBytes` counts it). A busy
 * portal's record is far smaller (2,000 cookies and a full timeline: about 0.9 MB); the limit
 * keeps one record from crowding out every other site, whatever names a site makes up.
 */
export const SITE_RECORD_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * The record as the JSON to store, trimmed in place first if it would pass `limitBytes`: the
 * oldest timeline events go first (counted in `droppedEvents`, and apart in `droppedEventsToFit`:
 * the timeline says they went to the limit, not to the 1,000-event cap), then cookies already removed,
 * oldest removal first, then present cookies, least recently changed first, the consent cookies
 * holding the site's own choice last (counted in `droppedCookies`; one still in the browser is
 * found again by the next scan). Linear in the record's size, but for sorting its cookies.
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
      site.droppedEventsToFit = (site.droppedEventsToFit ?? 0) + events;
    }

    const entries = Object.entries(site.cookies);
    const removed = entries.filter(([, cookie]) => cookie.removed !== null).sort(([, a], [, b]) => a.removed! - b.removed!);
    // A consent cookie holding the site's own choice goes last (a few hundred bytes): it tells
    // which cookie holds the choice once the record is dropped to make room (evictedRecord,
    // choiceHeldBy). Only a site setting megabytes of them loses one, and the record then says it
    // (consentCookieTrimmed). One that cannot hold the choice (a third party's, or partitioned
    // under another site) is any other cookie: losing it tells nothing of the choice.
    const byChange = (list: typeof entries) => list.sort(([, a], [, b]) => a.lastChanged - b.lastChanged);
    const holdsChoice = new Set(entries.filter(([cookieKey]) => holdsSitesChoice(site, cookieKey)).map(([cookieKey]) => cookieKey));
    const present = byChange(entries.filter(([cookieKey, cookie]) => cookie.removed === null && !holdsChoice.has(cookieKey)));
    const consent = byChange(entries.filter(([cookieKey]) => holdsChoice.has(cookieKey)));
    // A consent cookie trimmed takes the choice it held (heldChoices) with it: no longer known to hold one, it is never put back.
    const heldChoices = new Map(site.heldChoices?.map((choice) => [choice.key, choice]));
    let cookies = 0;
    for (const [cookieKey, cookie] of [...removed, ...present, ...consent]) {
      if (excess <= 0) break;
      excess -= cost(cookieKey) + cost(cookie);
      delete site.cookies[cookieKey];
      cookies++;
      if (!holdsChoice.has(cookieKey)) continue;
      site.consentCookieTrimmed = true;
      const held = heldChoices.get(cookieKey);
      if (held) excess -= cost(held);
      heldChoices.delete(cookieKey);
    }
    if (site.heldChoices && heldChoices.size < site.heldChoices.length) site.heldChoices = [...heldChoices.values()];
    site.droppedCookies = (site.droppedCookies ?? 0) + cookies;
    text = JSON.stringify(site);
  }
  return text;
}

/**
 * The most a live charter's record may take in storage.session (as `storedBytes` counts it). A
 * real charter's is a few kilobytes; a page within every limit of the parser can make far more,
 * each entry repeating its row's purpose (25 rows naming 200 cookies each with a 9,000-character
 * purpose: a 266 kB page, 45 MB stored). The limit keeps one portal's charter from crowding out
 * every site's record.
 */
export const LIVE_CHARTER_LIMIT_BYTES = 2_000_000;

/**
 * The record a read whose charter storage cannot hold leaves instead: no charter, and why
 * (`limit`, at the charter path it was read from). A failed read: read again after
 * LIVE_CHARTER_RETRY_MS, not at every tab shown.
 */
function tooLargeToKeep(record: LiveCharterRecord, limitBytes: number): LiveCharterRecord {
  const path = record.path === undefined ? null : { path: record.path };
  // The attempt's name stays: the read it names was never stored.
  const attempt = record.attempt === undefined ? null : { attempt: record.attempt };
  return {
    host: record.host,
    fetchedAt: record.fetchedAt,
    url: null,
    charter: null,
    problem: { kind: 'too-large-to-keep', limit: limitBytes, ...path },
    ...attempt,
  };
}

/**
 * The record of a live charter read as it may be stored: itself when it takes at most
 * `limitBytes` (as `storedBytes` counts it), else `tooLargeToKeep`. The entries are measured one
 * by one and the count stops past the limit, so one that would make megabytes of JSON is never
 * written out whole: linear in the limit, not in the record.
 */
export function keepableLiveCharter(record: LiveCharterRecord, limitBytes = LIVE_CHARTER_LIMIT_BYTES): LiveCharterRecord {
  if (record.charter === null) return record;
  // A character costs at least a byte in either browser's count, and the record's text holds every entry's.
  let characters = 0;
  for (const entry of record.charter.entries) {
    characters += JSON.stringify(entry).length;
    if (characters > limitBytes) return tooLargeToKeep(record, limitBytes);
  }
  const bytes = storedBytes(liveCharterItem(record.host).key, JSON.stringify(record));
  return bytes > limitBytes ? tooLargeToKeep(record, limitBytes) : record;
}
