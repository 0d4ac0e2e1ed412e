/**
 * Which response set a cookie: a cookie event of the site's timeline joined with the responses
 * DevTools heard in the inspected tab, on the cookie's name and domain and on time. The response
 * may be heard after the cookie event (`onRequestFinished` fires once the response is complete),
 * so an event stays `pending` until the window has passed.
 *
 * A claim is made only when it is known: "set by a script" needs the log to cover the event
 * (DevTools open from its window before it until its window after it, none of the responses that
 * may have set it dropped) and no response of the tab to match once the window is over; otherwise
 * the answer says what is not known.
 */
import type { TimelineEvent } from '../cookies/site-record.ts';
import { loggedName, removesCookie, type LoggedCookie, type NetworkLog, type NetworkResponse } from './network-log.ts';

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
   * The log does not cover the event: it came before DevTools was opened on the tab or within the
   * window after (a request under way then is never heard), after it was closed, or among the
   * oldest responses, dropped to keep the log small.
   */
  | { kind: 'unseen' }
  /** The window is still open: its response may not be complete yet. */
  | { kind: 'pending' };

/**
 * One response's Set-Cookie lines that set a cookie (a name and a domain or host), or those that
 * remove it (an expiry already past): where the first stands, what each said, in header order.
 * One line makes one change of the cookie (`Path=/` and `Path=/two` are two cookies; PHP writes
 * PHPSESSID twice), so an entry is credited with one event per line at most.
 */
type Entry = { order: number; heard: number; index: number; response: NetworkResponse; lines: LoggedCookie[]; removes: boolean };
/** The Set-Cookie line an event is credited with, and its response. */
type Credit = { response: NetworkResponse; cookie: LoggedCookie };
/** Entries by cookie name, then by domain (or host), in log order: at most a setting and a removing one per response. */
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

/**
 * Adds a Set-Cookie line for `key` (an entry of one line): to its response's entry of the same
 * kind (setting or removing) when there is one, otherwise as a new entry. A response's entries are
 * the last of their list: at most two to look at, constant work a line.
 */
function add(entries: Entries, key: string, entry: Entry): void {
  const name = entry.lines[0]!.name;
  let byKey = entries.get(name);
  if (!byKey) entries.set(name, (byKey = new Map<string, Entry[]>()));
  const list = byKey.get(key);
  const same = list?.slice(-2).find((other) => other.order === entry.order && other.removes === entry.removes);
  if (same) same.lines.push(entry.lines[0]!);
  else if (list) list.push(entry);
  else byKey.set(key, [entry]);
}

/** The log's index: one pass over its responses and their cookies, each response's URL read once. */
function indexOf(log: NetworkLog): Index {
  const known = indexes.get(log.responses);
  if (known) return known;
  const index: Index = { onDomain: new Map(), hostOnly: new Map() };
  log.responses.forEach((response, order) => {
    const host = response.cookies.some((cookie) => cookie.domain === null) ? hostOf(response.url) : null;
    response.cookies.forEach((cookie, at) => {
      // Its place in the order heard (`NetworkResponse.heard`), or in the log when a log has none.
      const entry = {
        order,
        heard: response.heard ?? order,
        index: at,
        response,
        lines: [cookie],
        removes: removesCookie(cookie, response),
      };
      if (cookie.domain !== null) add(index.onDomain, cookie.domain, entry);
      else if (host !== null) add(index.hostOnly, host, entry);
    });
  });
  indexes.set(log.responses, index);
  return index;
}

/**
 * The responses' Set-Cookies that could have made the event: they write its cookie, and remove
 * it for a removal, set it for anything else. In log order and, in a response, header order.
 */
function* writers(index: Index, event: CookieEvent): Generator<Entry> {
  const domain = event.domain.replace(/^\./, '').toLowerCase();
  const name = loggedName(event.name);
  // A Domain attribute makes a domain cookie (`.data.tco.re`), even when it names the host itself
  // (but an IP address: logged without it, logCookie); none, a host-only cookie of the response's
  // own host (`data.tco.re`): never the other kind.
  const domainCookie = event.domain.startsWith('.');
  const onDomain = domainCookie ? (index.onDomain.get(name)?.get(domain) ?? []) : [];
  const hostOnly = domainCookie ? [] : (index.hostOnly.get(name)?.get(domain) ?? []);
  const removal = event.type === 'removed';
  let i = 0;
  let j = 0;
  while (i < onDomain.length || j < hostOnly.length) {
    const a = onDomain[i];
    const b = hostOnly[j];
    let next: Entry;
    if (a && (!b || a.order < b.order || (a.order === b.order && a.index < b.index))) {
      next = a;
      i++;
    } else {
      next = b!;
      j++;
    }
    if (next.removes === removal) yield next;
  }
}

/**
 * Whether an event can be told what made it: not a cookie a scan found (when it was set is not
 * known), nor one the browser removed itself (it expired, or made room: no response or script did).
 */
const attributable = (event: CookieEvent) => !event.found && !event.byBrowser;

/**
 * Which Set-Cookie each event of `events` is credited with: each event and each Set-Cookie at
 * most once, the nearest pairs in time first (inside a response's own time span counts as no
 * distance); between equally near ones, the earlier event, then the Set-Cookie of the response
 * heard first (`NetworkResponse.heard`), then the earlier line. An event with no Set-Cookie left
 * within its window is credited with none.
 */
function credit(events: readonly CookieEvent[], log: NetworkLog): Map<CookieEvent, Credit> {
  const index = indexOf(log);
  const pairs: Array<{ event: number; entry: Entry; distance: number }> = [];
  events.forEach((event, at) => {
    if (!attributable(event)) return;
    for (const entry of writers(index, event)) {
      const { response } = entry;
      if (event.at < response.startedAt - SET_BY_WINDOW_MS || event.at > response.finishedAt + SET_BY_WINDOW_MS) continue;
      pairs.push({ event: at, entry, distance: Math.max(0, response.startedAt - event.at, event.at - response.finishedAt) });
    }
  });
  pairs.sort((a, b) => a.distance - b.distance || a.event - b.event || a.entry.heard - b.entry.heard || a.entry.index - b.entry.index);
  const credited = new Map<CookieEvent, Credit>();
  // How many of each entry's lines are credited already: the next event takes the next line.
  const used = new Map<Entry, number>();
  for (const { event, entry } of pairs) {
    const each = events[event]!;
    const taken = used.get(entry) ?? 0;
    if (credited.has(each) || taken === entry.lines.length) continue;
    credited.set(each, { response: entry.response, cookie: entry.lines[taken]! });
    used.set(entry, taken + 1);
  }
  return credited;
}

/**
 * True when the log holds every response that may have set `event`: DevTools was open from
 * the window before it until the window after it, and no response dropped from the log, nor a
 * cookie one of its responses set past the limit per response, could be its.
 */
function covers(log: NetworkLog, event: CookieEvent): boolean {
  // A request under way when DevTools was opened is never heard: an event within the window after
  // the opening may be its, as one just after dropped responses may be theirs.
  if (event.at < log.openedAt + SET_BY_WINDOW_MS) return false;
  if (log.droppedUntil !== undefined && event.at <= log.droppedUntil + SET_BY_WINDOW_MS) return false;
  // A response whose cookies past the log's limit per response were not kept may have set it.
  for (const response of log.responses)
    if (response.cookiesCut && event.at >= response.startedAt - SET_BY_WINDOW_MS && event.at <= response.finishedAt + SET_BY_WINDOW_MS)
      return false;
  return log.closedAt === undefined || event.at + SET_BY_WINDOW_MS <= log.closedAt;
}

/** What set `event`, credited with a Set-Cookie line (or none) in the tab's `log`, at time `now`. */
function answer(event: CookieEvent, credited: Credit | undefined, log: NetworkLog, now: number): SetBy | null {
  if (!attributable(event)) return null;
  if (credited) return { kind: 'response', ...credited };
  if (!covers(log, event)) return { kind: 'unseen' };
  if (now < event.at + SET_BY_WINDOW_MS) return { kind: 'pending' };
  return { kind: 'script' };
}

/** The cookie events of a timeline and what each was credited with, for one log (see `creditsOf`). */
type Credits = { responses: readonly NetworkResponse[]; events: ReadonlySet<CookieEvent>; credited: Map<CookieEvent, Credit> };

/**
 * Each timeline's credits, computed once per log: the panel asks again as the clock moves (an
 * event's window closing), and the credits do not depend on the clock.
 */
const creditsByTimeline = new WeakMap<readonly TimelineEvent[], Credits>();

function creditsOf(timeline: readonly TimelineEvent[], log: NetworkLog): Credits {
  const known = creditsByTimeline.get(timeline);
  if (known && known.responses === log.responses) return known;
  const events = timeline.filter((event): event is CookieEvent => 'name' in event);
  const credits = { responses: log.responses, events: new Set(events), credited: credit(events, log) };
  creditsByTimeline.set(timeline, credits);
  return credits;
}

/**
 * What set each cookie event of `timeline`, from the tab's network `log` (null: DevTools is not
 * watching this tab, so nothing is claimed) at time `now`. One Set-Cookie line made one change:
 * it is credited with one event at most (the nearest; see `credit`), so a cookie set once and
 * changed or removed soon after is not told set by the same header each time, and a header that
 * sets a cookie never explains its removal (nor one that expires it a setting). A cookie found by
 * a scan was not heard being set, one the browser removed itself was removed by no one: null.
 * An event not of `timeline` is answered alone.
 */
export function setByOfTimeline(
  timeline: readonly TimelineEvent[],
  log: NetworkLog | null,
  now: number,
): (event: CookieEvent) => SetBy | null {
  if (log === null) return () => null;
  const credits = creditsOf(timeline, log);
  return (event) => (credits.events.has(event) ? answer(event, credits.credited.get(event), log, now) : setByOf(event, log, now));
}

/**
 * What set `event` alone (a timeline of one event): the nearest Set-Cookie of the log that could
 * have made it, at most one look at each Set-Cookie that wrote its cookie.
 */
export function setByOf(event: CookieEvent, log: NetworkLog | null, now: number): SetBy | null {
  if (log === null) return null;
  return answer(event, credit([event], log).get(event), log, now);
}

/**
 * What a page needs to say which response set each event: handed to the App by the DevTools
 * panel, the one page with a network log, so the popup's scripts carry none of this.
 */
export const networkAttribution = { setByOfTimeline, windowMs: SET_BY_WINDOW_MS } as const;
export type NetworkAttribution = typeof networkAttribution;
