import { CONSENT_COOKIE, decodeConsent, phaseOf, type ConsentState, type Phase } from '../report/consent.ts';
import { cookieKey, describeCookie, type BrowserCookie, type CookieRecord } from './cookie-record.ts';

/** Most timeline events kept per site; older ones are dropped and counted. */
export const TIMELINE_LIMIT = 1000;

/** A cookie as recorded for a site, with the consent phases it was written in. */
export type SiteCookie = CookieRecord & {
  /** Phase of the event that first created it. */
  firstPhase: Phase;
  /** Every phase in which it was set or changed (at most four). */
  setPhases: Phase[];
};

/** One entry of a site's timeline. */
export type TimelineEvent =
  | {
      /** A cookie was set (new), changed (overwritten) or removed. */
      type: 'set' | 'changed' | 'removed';
      /** When (ms since the epoch). */
      at: number;
      /** Cookie name. */
      name: string;
      /** Cookie domain. */
      domain: string;
      /** Consent phase the event happened in. */
      phase: Phase;
    }
  | {
      /** The worker started again (the browser had stopped it) or the record was cleared. */
      type: 'worker-restart' | 'cleared';
      /** When (ms since the epoch). */
      at: number;
    };

/** Everything recorded for one portal site in one cookie store. */
export type SiteRecord = {
  /** The portal's host name, lower-case. */
  host: string;
  /** Cookie store: private windows and Firefox containers get records of their own. */
  storeId: string;
  /** Cookies seen for this site, keyed by `cookieKey`. */
  cookies: Record<string, SiteCookie>;
  /** The visitor's consent choice, decoded from `cookies_preferences`, and when it changed. */
  consent: { state: ConsentState; changedAt: number | null };
  /** Ordered events, the last TIMELINE_LIMIT of them. */
  timeline: TimelineEvent[];
  /** How many older events were dropped from the timeline. */
  droppedEvents: number;
};

/** An empty record for a site. */
export function emptySite(host: string, storeId: string): SiteRecord {
  return { host, storeId, cookies: {}, consent: { state: 'none', changedAt: null }, timeline: [], droppedEvents: 0 };
}

/** Appends events, keeping the last TIMELINE_LIMIT and counting the dropped ones. */
export function appendTimeline(site: SiteRecord, ...events: TimelineEvent[]): SiteRecord {
  const timeline = [...site.timeline, ...events];
  const excess = Math.max(0, timeline.length - TIMELINE_LIMIT);
  return { ...site, timeline: excess ? timeline.slice(excess) : timeline, droppedEvents: site.droppedEvents + excess };
}

/**
 * Returns the record with one cookie set, changed or removed; the input is not modified.
 * A change of `cookies_preferences` moves the site to a new consent phase first, so the choice
 * itself is tagged with the phase it opens. Its value is decoded here and not kept.
 */
export function recordCookieChange(site: SiteRecord, cookie: BrowserCookie, removed: boolean, now: number): SiteRecord {
  const key = cookieKey(describeCookie(cookie, now));
  const previous = site.cookies[key];
  if (removed && (!previous || previous.removed !== null)) return site; // nothing we knew of

  let consent = site.consent;
  if (cookie.name === CONSENT_COOKIE) {
    consent = { state: removed ? 'none' : decodeConsent(cookie.value), changedAt: now };
  }
  const phase = phaseOf(consent.state);
  const exists = previous !== undefined && previous.removed === null;

  let next: SiteCookie;
  if (removed) {
    next = { ...previous!, removed: now, lastChanged: now };
  } else {
    const record = describeCookie(cookie, now, previous);
    next = {
      ...record,
      firstPhase: exists ? previous.firstPhase : phase,
      setPhases: exists && previous.setPhases.includes(phase) ? previous.setPhases : [...(exists ? previous.setPhases : []), phase],
    };
  }
  const type = removed ? 'removed' : exists ? 'changed' : 'set';
  return appendTimeline(
    { ...site, consent, cookies: { ...site.cookies, [key]: next } },
    { type, at: now, name: cookie.name, domain: cookie.domain, phase },
  );
}

/** True when a cookie of the site still exists. */
export function isPresent(site: SiteRecord, cookie: BrowserCookie): boolean {
  const known = site.cookies[cookieKey(describeCookie(cookie, 0))];
  return known !== undefined && known.removed === null;
}

/** Cookies of a site that currently exist, sorted by name then domain for a stable display. */
export function presentCookies(site: SiteRecord): SiteCookie[] {
  return Object.values(site.cookies)
    .filter((cookie) => cookie.removed === null)
    .sort((a, b) => a.name.localeCompare(b.name) || a.domain.localeCompare(b.domain));
}
