/**
 * What the DevTools page does with the inspected tab's requests: each response that set cookies
 * is reduced to names and attributes (core/network: the header values go no further) at once, or
 * in Firefox once the worker said the browser's version (held in this page's memory till then),
 * and sent to the worker in small batches with the DevTools session it belongs to. The first
 * batch, empty, is sent when DevTools opens: from then on, a cookie no response set was set by a
 * script.
 */
import type { NetworkResponse } from '../core/network/network-log.ts';
import { redirectMayLackSetCookie, responseOfHarEntry, type HarEntryLike } from '../core/network/network-log.ts';
import type { BarePair, RepeatedLine } from '../core/network/set-cookie-header.ts';

/** How long responses wait to go together (a page load sets its cookies in a burst of requests). */
export const BATCH_DELAY_MS = 50;
/**
 * Longest wait for DevTools' HAR (getHAR) before a redirect it would complete is logged with its
 * cookies unknown: well within an event's window (set-by.ts SET_BY_WINDOW_MS, 3 s), so its cookie
 * never reads "by a script" meanwhile.
 */
export const HAR_WAIT_MS = 2000;

export type NetworkCapture = {
  /** A request of the inspected tab completed. */
  heard(entry: HarEntryLike): void;
};

/**
 * @param send hands a batch to the worker (noteNetwork), for this DevTools session
 * @param later a timer (tests pass their own)
 * @param bare how this browser reads a Set-Cookie without `=` (platform/devtools.ts `barePairReading`),
 *   or the promise of it: the requests heard before it settles wait for it, none read otherwise or
 *   lost; a rejected one reads as 'value' (a nameless cookie: never a value kept as a name)
 * @param harEntries the entries DevTools holds now (platform/devtools.ts `harEntries`): where a
 *   redirect's Set-Cookie headers are found once Chrome has them
 * @param repeated whether this browser tells an event for a Set-Cookie line repeating its cookie's
 *   previous one (platform/devtools.ts `repeatedLineReading`: Firefox does not)
 */
export function createNetworkCapture(
  send: (responses: NetworkResponse[]) => Promise<unknown>,
  later: (run: () => void, ms: number) => unknown = setTimeout,
  bare: BarePair | Promise<BarePair> = 'value',
  harEntries: () => Promise<HarEntryLike[]> = () => Promise.resolve([]),
  repeated: RepeatedLine = 'heard',
): NetworkCapture {
  let batch: NetworkResponse[] = [];
  let scheduled = false;
  let reading: BarePair | null = typeof bare === 'string' ? bare : null;
  const waiting: HarEntryLike[] = [];
  const flush = () => {
    scheduled = false;
    const responses = batch;
    batch = [];
    // A batch no worker received is sent again (callBackground); one a stopping worker had and did
    // not answer is lost, never sent twice (noteNetwork would log it twice): nothing else keeps it.
    send(responses).catch(() => undefined);
  };
  const keep = (response: NetworkResponse) => {
    batch.push(response);
    if (!scheduled) {
      scheduled = true;
      later(flush, BATCH_DELAY_MS);
    }
  };
  // Each response is logged as soon as it is read (a redirect waiting for getHAR holds back no
  // other), with its place in the order heard: set-by breaks ties between equally near responses
  // by that place, not by the log's order, which a waiting redirect upsets.
  let heardCount = 0;
  type Slot = { heard: number; ready: boolean };
  const settle = (slot: Slot, entry: HarEntryLike, as: BarePair) => {
    slot.ready = true;
    const response = responseOfHarEntry(entry, as, repeated);
    if (response) keep({ ...response, heard: slot.heard });
  };
  // Chrome finishes a redirect before its Set-Cookie headers come: DevTools' own entry of it has
  // them a moment later. Each getHAR builds DevTools' whole log, so one is asked at a time, and its
  // answer serves every redirect heard before it was asked; those heard meanwhile wait for the next.
  // Each is logged once: by an answer, or at its own deadline (its slot then `ready`).
  type Lacking = { entry: HarEntryLike; as: BarePair; slot: Slot };
  const log = (redirect: Lacking, entry: HarEntryLike) => {
    if (!redirect.slot.ready) settle(redirect.slot, entry, redirect.as);
  };
  let lacking: Lacking[] = [];
  let asking = false;
  const ask = () => {
    // Those logged at their deadline meanwhile are not asked for.
    const asked = asking ? [] : lacking.filter((redirect) => !redirect.slot.ready);
    if (asked.length === 0) return;
    asking = true;
    lacking = [];
    let answered = false;
    const answer = (entries: readonly unknown[]) => {
      if (answered) return;
      answered = true;
      asking = false;
      // Not found there (gone with the next page, or no answer in time): the redirect's cookies are not known.
      const found = completeEntries(entries, new Set(asked.map(({ entry }) => requestKey(entry))));
      for (const redirect of asked) log(redirect, found.get(requestKey(redirect.entry)) ?? redirect.entry);
      ask();
    };
    // No answer in time: the next redirect asks again (those asked were logged at their deadlines).
    later(() => answer([]), HAR_WAIT_MS);
    Promise.resolve()
      .then(() => harEntries())
      .then(answer, () => answer([]));
  };
  const read = (entry: HarEntryLike, as: BarePair) => {
    const slot: Slot = { heard: heardCount++, ready: false };
    if (!redirectMayLackSetCookie(entry)) return settle(slot, entry, as);
    const redirect: Lacking = { entry, as, slot };
    lacking.push(redirect);
    // Its own deadline, from when it was heard, a getHAR under way or not: logged within its event's window.
    later(() => log(redirect, entry), HAR_WAIT_MS);
    ask();
  };
  if (typeof bare !== 'string') {
    const settle = (settled: BarePair) => {
      reading = settled;
      for (const entry of waiting.splice(0)) read(entry, settled);
    };
    bare.then(settle, () => settle('value'));
  }
  // DevTools is open from now on: say so at once, before the reading is known.
  flush();
  return {
    heard(entry) {
      if (reading === null) waiting.push(entry);
      else read(entry, reading);
    },
  };
}

/** Which request a HAR entry is of: its URL, its start and its status (the same in DevTools' later entry of it). */
const requestKey = (entry: HarEntryLike): string => JSON.stringify([entry.request?.url, entry.startedDateTime, entry.response?.status]);

/** The first entry of each request of `wanted` that has its headers, in one pass over DevTools' `entries`. */
function completeEntries(entries: readonly unknown[], wanted: ReadonlySet<string>): Map<string, HarEntryLike> {
  const found = new Map<string, HarEntryLike>();
  for (const each of entries) {
    if (typeof each !== 'object' || each === null) continue;
    const entry = each as HarEntryLike;
    if (redirectMayLackSetCookie(entry)) continue;
    const key = requestKey(entry);
    if (wanted.has(key) && !found.has(key)) found.set(key, entry);
  }
  return found;
}
