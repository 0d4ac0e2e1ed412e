/**
 * `setByOf` answers as it did before its index (issue: a render cost events × responses × cookies,
 * with a URL read for each): the same response and the same of its cookies in every case, and
 * the same 'unseen', 'pending' and 'script', on random logs and events made to collide. And over
 * a whole timeline, `setByOfTimeline` credits each Set-Cookie line with one event at most, of a
 * kind it could have made, leaving none an uncredited event could have taken.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SET_BY_WINDOW_MS, setByOf, setByOfTimeline, type CookieEvent, type SetBy } from '../../../src/core/network/set-by.ts';
import { withResponses, type LoggedCookie, type NetworkLog, type NetworkResponse } from '../../../src/core/network/network-log.ts';

// The implementation before the index, copied as it was (but that a Domain attribute writes a
// domain cookie only, never a host-only one): the reference.
function writes(facts: LoggedCookie, url: string, event: CookieEvent): boolean {
  if (facts.name !== event.name) return false;
  const domain = event.domain.replace(/^\./, '').toLowerCase();
  if (facts.domain !== null) return event.domain.startsWith('.') && facts.domain === domain;
  try {
    return !event.domain.startsWith('.') && new URL(url).hostname.toLowerCase() === domain;
  } catch {
    return false;
  }
}

function referenceSetByOf(event: CookieEvent, log: NetworkLog | null, now: number): SetBy | null {
  if (log === null || event.found) return null;
  let best: { response: NetworkResponse; cookie: LoggedCookie; distance: number } | null = null;
  for (const response of log.responses) {
    if (event.at < response.startedAt - SET_BY_WINDOW_MS || event.at > response.finishedAt + SET_BY_WINDOW_MS) continue;
    const cookie = response.cookies.find((facts) => writes(facts, response.url, event));
    if (!cookie) continue;
    const distance = Math.max(0, response.startedAt - event.at, event.at - response.finishedAt);
    if (!best || distance < best.distance) best = { response, cookie, distance };
  }
  if (best) return { kind: 'response', response: best.response, cookie: best.cookie };
  // (and that a request under way when DevTools was opened is never heard: the window after the opening is not covered)
  if (event.at < log.openedAt + SET_BY_WINDOW_MS) return { kind: 'unseen' };
  if (now < event.at + SET_BY_WINDOW_MS) return { kind: 'pending' };
  return { kind: 'script' };
}

const T = 1_795_320_000_000;

/** An answer by identity: which response of the log and which of its cookies, not what they hold. */
const identity = (answer: SetBy | null, log: NetworkLog) =>
  answer?.kind === 'response'
    ? { kind: answer.kind, response: log.responses.indexOf(answer.response), cookie: answer.response.cookies.indexOf(answer.cookie) }
    : answer;

// Few names and hosts, so that cookies, responses and events meet; domains as a message may carry them.
const name = fc.constantFrom('a', 'b', '');
const eventDomain = fc.constantFrom('x.test', '.x.test', 'X.Test', 'y.x.test', '.y.x.test', '..x.test', '');
const cookieDomain = fc.constantFrom(null, null, 'x.test', 'y.x.test', '.x.test', 'X.test', '');
const url = fc.constantFrom(
  'https://x.test/',
  'https://X.TEST/p?q=',
  'https://y.x.test/',
  'http://x.test:8080/',
  'http://[::1]/',
  'not a url',
  'https:///',
);
// Times near each other (whole and fractional ms), and spans that end before they start.
const time = fc.oneof(fc.integer({ min: -8000, max: 8000 }), fc.double({ min: -8000, max: 8000, noNaN: true })).map((offset) => T + offset);
const span = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -500, max: -1 }), fc.double({ min: 0, max: 5000, noNaN: true }));

const facts = fc.record({ name, domain: cookieDomain }).map(({ name, domain }): LoggedCookie => ({
  name,
  domain,
  expires: null,
}));
/** A GET answered 200 that set some of `cookieFacts`. */
const responseSetting = (cookieFacts: fc.Arbitrary<LoggedCookie>) =>
  fc
    .record({ url, startedAt: time, span, cookies: fc.array(cookieFacts, { minLength: 1, maxLength: 6 }) })
    .map(({ url, startedAt, span, cookies }): NetworkResponse => ({
      method: 'GET',
      url,
      status: 200,
      startedAt,
      finishedAt: startedAt + span,
      cookies,
    }));
const response = responseSetting(facts);
const event = fc
  .record({ at: time, name, domain: eventDomain, found: fc.constantFrom(false, false, false, true) })
  .map(({ at, name, domain, found }): CookieEvent => ({
    type: 'set',
    at,
    name,
    domain,
    phase: 'unknown',
    ...(found ? { found: true } : {}),
  }));

describe('setByOf, against the implementation before its index', () => {
  it('chooses the same response and cookie, or says the same of none, on random logs and events', () => {
    fc.assert(
      fc.property(
        fc.array(response, { maxLength: 12 }),
        fc.array(response, { maxLength: 4 }),
        fc.array(event, { minLength: 1, maxLength: 12 }),
        time,
        time,
        (responses, more, events, openedAt, now) => {
          const first: NetworkLog = { tabId: 1, openedAt, responses };
          // A log with more responses is a new log: what was indexed for the first is not reused for it.
          const second = withResponses(first, 1, openedAt, more);
          for (const log of [first, second, first]) {
            for (const each of events)
              expect(identity(setByOf(each, log, now), log)).toEqual(identity(referenceSetByOf(each, log, now), log));
          }
          expect(setByOf(events[0]!, null, now)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** A Set-Cookie by identity: which response of the log, which of its lines. */
type Line = { response: number; cookie: number };

/** Whether line `cookie` of `response` could have made `event`, as the reference reads a header: its cookie, and its kind (a removal or not). */
function couldMake(response: NetworkResponse, cookie: LoggedCookie, event: CookieEvent): boolean {
  const removes = cookie.expires !== null && cookie.expires <= response.startedAt;
  return writes(cookie, response.url, event) && removes === (event.type === 'removed');
}

/** Every line of the responses that could have made `event`, within the event's window (one change of the cookie a line). */
function candidates(log: NetworkLog, event: CookieEvent): Line[] {
  return log.responses.flatMap((response, index) => {
    if (event.at < response.startedAt - SET_BY_WINDOW_MS || event.at > response.finishedAt + SET_BY_WINDOW_MS) return [];
    return response.cookies.flatMap((each, cookie) => (couldMake(response, each, event) ? [{ response: index, cookie }] : []));
  });
}

const timelineEvent = fc
  .record({
    at: time,
    name,
    domain: eventDomain,
    type: fc.constantFrom('set', 'changed', 'removed'),
    found: fc.constantFrom(false, false, false, true),
  })
  .map(({ at, name, domain, type, found }): CookieEvent => ({
    type,
    at,
    name,
    domain,
    phase: 'unknown',
    ...(found ? { found: true } : {}),
  }));
// Session cookies, lasting ones, and removals (an expiry before the response).
const expiringFacts = fc
  .record({ name, domain: cookieDomain, expires: fc.constantFrom(null, 0, T + 1e9) })
  .map((facts): LoggedCookie => facts);
const expiringResponse = responseSetting(expiringFacts);

describe('setByOfTimeline, on random timelines', () => {
  it('credits each Set-Cookie at most once, only with an event it could have made, and leaves none unused that an uncredited event could take', () => {
    fc.assert(
      fc.property(
        fc.array(expiringResponse, { maxLength: 10 }),
        fc.array(timelineEvent, { minLength: 1, maxLength: 14 }),
        time,
        (responses, events, now) => {
          const log: NetworkLog = { tabId: 1, openedAt: T - 10_000, responses };
          const setBy = setByOfTimeline(events, log, now);
          const answers = events.map((each) => setBy(each));
          const credited = new Map<string, number>();
          answers.forEach((answer, at) => {
            const each = events[at]!;
            if (each.found) return expect(answer).toBeNull();
            if (answer?.kind !== 'response') return;
            const line = { response: responses.indexOf(answer.response), cookie: answer.response.cookies.indexOf(answer.cookie) };
            const { startedAt, finishedAt } = answer.response;
            expect(couldMake(answer.response, answer.cookie, each)).toBe(true);
            expect(each.at >= startedAt - SET_BY_WINDOW_MS && each.at <= finishedAt + SET_BY_WINDOW_MS).toBe(true);
            const key = `${line.response}/${line.cookie}`;
            expect(credited.has(key), `line ${key} credited twice`).toBe(false);
            credited.set(key, at);
          });
          answers.forEach((answer, at) => {
            const each = events[at]!;
            if (each.found || answer?.kind === 'response') return;
            for (const line of candidates(log, each)) expect(credited.has(`${line.response}/${line.cookie}`)).toBe(true);
          });
          // One event alone: as setByOf.
          expect(setByOfTimeline([events[0]!], log, now)(events[0]!)).toEqual(setByOf(events[0]!, log, now));
        },
      ),
      { numRuns: 500 },
    );
  });
});
