/**
 * Which response set a cookie: a cookie event of the site's timeline joined with the responses
 * DevTools heard in the inspected tab, on the cookie's name and domain and on time. The response
 * may be heard after the cookie event (`onRequestFinished` fires once the response is complete),
 * so an event stays `pending` until the window has passed.
 *
 * A claim is made only when it is known: "set by a script" needs DevTools to have been open
 * before the event (requests before it are not in the log) and no response of the tab to match
 * once the window is over; otherwise the answer says what is not known.
 */
import type { TimelineEvent } from '../cookies/site-record.ts';
import type { NetworkLog, NetworkResponse } from './network-log.ts';
import type { SetCookieFacts } from './set-cookie-header.ts';

/** How long before a response started and after it completed its cookie event may be heard (ms). */
export const SET_BY_WINDOW_MS = 3000;

/** A cookie event of a timeline (not a marker). */
export type CookieEvent = Extract<TimelineEvent, { name: string }>;

/** What set a cookie event. */
export type SetBy =
  /** This response's Set-Cookie header did (`cookie`: what the header said of it). */
  | { kind: 'response'; response: NetworkResponse; cookie: SetCookieFacts }
  /** DevTools was open, the window is over, and no response of the tab set it: a script did (in this tab or another). */
  | { kind: 'script' }
  /** The event came before DevTools was opened on the tab: its requests were not heard. */
  | { kind: 'unseen' }
  /** The window is still open: its response may not be complete yet. */
  | { kind: 'pending' };

/** True when a Set-Cookie of a response to `url` writes the cookie the event names. */
function writes(facts: SetCookieFacts, url: string, event: CookieEvent): boolean {
  if (facts.name !== event.name) return false;
  const domain = event.domain.replace(/^\./, '').toLowerCase();
  if (facts.domain !== null) return facts.domain === domain;
  // No Domain attribute: a host-only cookie of the response's own host.
  try {
    return !event.domain.startsWith('.') && new URL(url).hostname.toLowerCase() === domain;
  } catch {
    return false;
  }
}

/**
 * What set `event`, from the tab's network `log` (null: DevTools is not watching this tab, so
 * nothing is claimed) at time `now`. A cookie found by a scan was not heard being set: null.
 */
export function setByOf(event: CookieEvent, log: NetworkLog | null, now: number): SetBy | null {
  if (log === null || event.found) return null;
  let best: { response: NetworkResponse; cookie: SetCookieFacts; distance: number } | null = null;
  for (const response of log.responses) {
    if (event.at < response.startedAt - SET_BY_WINDOW_MS || event.at > response.finishedAt + SET_BY_WINDOW_MS) continue;
    const cookie = response.cookies.find((facts) => writes(facts, response.url, event));
    if (!cookie) continue;
    // The response nearest the event: inside its own time span counts as no distance.
    const distance = Math.max(0, response.startedAt - event.at, event.at - response.finishedAt);
    if (!best || distance < best.distance) best = { response, cookie, distance };
  }
  if (best) return { kind: 'response', response: best.response, cookie: best.cookie };
  if (event.at < log.openedAt) return { kind: 'unseen' };
  if (now < event.at + SET_BY_WINDOW_MS) return { kind: 'pending' };
  return { kind: 'script' };
}
