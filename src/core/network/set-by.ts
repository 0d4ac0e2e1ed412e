/**
 * Which response set a cookie: a cookie event of the site's timeline joined with the responses
 * DevTools heard in the inspected tab, on the cookie's name and domain and on time. The response
 * may be heard after the cookie event (`onRequestFinished` fires once the response is complete),
 * so an event stays `pending` until the window has passed.
 *
 * A claim is made only when it is known: "set by a script" needs the log to cover the event
 * (DevTools open from before it until its window is over, none of the responses that may have
 * set it dropped) and no response of the tab to match once the window is over; otherwise the
 * answer says what is not known.
 */
import type { TimelineEvent } from '../cookies/site-record.ts';
import { loggedName, type LoggedCookie, type NetworkLog, type NetworkResponse } from './network-log.ts';

/** How long before a response started and after it completed its cookie event may be heard (ms). */
export const SET_BY_WINDOW_MS = 3000;

/** A cookie event of a timeline (not a marker). */
export type CookieEvent = Extract<TimelineEvent, { name: string }>;

/** What set a cookie event. */
export type SetBy =
  /** This response's Set-Cookie header did (`cookie`: what the header said of it). */
  | { kind: 'response'; response: NetworkResponse; cookie: LoggedCookie }
  /** DevTools was open, the window is over, and no response of the tab set it: a script did (in this tab or another). */
  | { kind: 'script' }
  /**
   * The log does not cover the event: it came before DevTools was opened on the tab, after it
   * was closed, or among the oldest responses, dropped to keep the log small.
   */
  | { kind: 'unseen' }
  /** The window is still open: its response may not be complete yet. */
  | { kind: 'pending' };

/** One response's first Set-Cookie for a cookie (a name and a domain or host): where it stands, what it said. */
type Entry = { order: number; index: number; response: NetworkResponse; cookie: LoggedCookie };
/** Entries by cookie name, then by domain (or host), in log order: one per response. */
type Entries = Map<string, Map<string, Entry[]>>;
/** A log's Set-Cookies, looked up by what they wrote: on a domain (`Domain=`) or host-only (the response's host). */
type Index = { onDomain: Entries; hostOnly: Entries };

/**
 * Each log's index, built once: a render asks for every event of the timeline with the same log.
 * Kept by the log's responses: a log is never changed, a new one is made (`withResponses`).
 */
const indexes = new WeakMap<readonly NetworkResponse[], Index>();

/** The response's host as a host-only cookie has it, or null when its URL cannot be read. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Adds the response's first cookie of this name for `key`; a later one of the same response is never taken. */
function add(entries: Entries, key: string, entry: Entry): void {
  let byKey = entries.get(entry.cookie.name);
  if (!byKey) entries.set(entry.cookie.name, (byKey = new Map<string, Entry[]>()));
  const list = byKey.get(key);
  if (!list) byKey.set(key, [entry]);
  else if (list[list.length - 1]!.order !== entry.order) list.push(entry);
}

/** The log's index: one pass over its responses and their cookies, each response's URL read once. */
function indexOf(log: NetworkLog): Index {
  const known = indexes.get(log.responses);
  if (known) return known;
  const index: Index = { onDomain: new Map(), hostOnly: new Map() };
  log.responses.forEach((response, order) => {
    const host = response.cookies.some((cookie) => cookie.domain === null) ? hostOf(response.url) : null;
    response.cookies.forEach((cookie, at) => {
      const entry = { order, index: at, response, cookie };
      if (cookie.domain !== null) add(index.onDomain, cookie.domain, entry);
      else if (host !== null) add(index.hostOnly, host, entry);
    });
  });
  indexes.set(log.responses, index);
  return index;
}

/** The responses' Set-Cookies that write the event's cookie, in log order and, in a response, header order. */
function* writers(index: Index, event: CookieEvent): Generator<Entry> {
  const domain = event.domain.replace(/^\./, '').toLowerCase();
  const name = loggedName(event.name);
  const onDomain = index.onDomain.get(name)?.get(domain) ?? [];
  // No Domain attribute: a host-only cookie of the response's own host.
  const hostOnly = event.domain.startsWith('.') ? [] : (index.hostOnly.get(name)?.get(domain) ?? []);
  let i = 0;
  let j = 0;
  while (i < onDomain.length || j < hostOnly.length) {
    const a = onDomain[i];
    const b = hostOnly[j];
    if (a && (!b || a.order < b.order || (a.order === b.order && a.index < b.index))) {
      yield a;
      i++;
    } else {
      yield b!;
      j++;
    }
  }
}

/**
 * True when the log holds every response that may have set `event`: DevTools was open from
 * before it until its window was over, and no response dropped from the log could be its.
 */
function covers(log: NetworkLog, event: CookieEvent): boolean {
  if (event.at < log.openedAt) return false;
  if (log.droppedUntil !== undefined && event.at <= log.droppedUntil + SET_BY_WINDOW_MS) return false;
  return log.closedAt === undefined || event.at + SET_BY_WINDOW_MS <= log.closedAt;
}

/**
 * What set `event`, from the tab's network `log` (null: DevTools is not watching this tab, so
 * nothing is claimed) at time `now`. A cookie found by a scan was not heard being set: null.
 * The log is indexed once (by cookie name and domain); an event then costs the responses that
 * wrote its very cookie, at most one look each.
 */
export function setByOf(event: CookieEvent, log: NetworkLog | null, now: number): SetBy | null {
  if (log === null || event.found) return null;
  let best: { response: NetworkResponse; cookie: LoggedCookie; distance: number } | null = null;
  // In log order, a response's first Set-Cookie of the cookie first: a later one of the same response is no nearer.
  for (const { response, cookie } of writers(indexOf(log), event)) {
    if (event.at < response.startedAt - SET_BY_WINDOW_MS || event.at > response.finishedAt + SET_BY_WINDOW_MS) continue;
    // The response nearest the event: inside its own time span counts as no distance.
    const distance = Math.max(0, response.startedAt - event.at, event.at - response.finishedAt);
    if (!best || distance < best.distance) best = { response, cookie, distance };
  }
  if (best) return { kind: 'response', response: best.response, cookie: best.cookie };
  if (!covers(log, event)) return { kind: 'unseen' };
  if (now < event.at + SET_BY_WINDOW_MS) return { kind: 'pending' };
  return { kind: 'script' };
}

/**
 * What a page needs to say which response set each event: handed to the App by the DevTools
 * panel, the one page with a network log, so the popup's scripts carry none of this.
 */
export const networkAttribution = { setByOf, windowMs: SET_BY_WINDOW_MS } as const;
export type NetworkAttribution = typeof networkAttribution;
