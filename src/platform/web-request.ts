/**
 * webRequest, an optional permission: present only once the person granted "see cookies of
 * embedded content" (or in the audit builds, which require it). It tells which tab and frame
 * each request belongs to, and which cookie names a response sets; nothing is blocked or changed.
 *
 * Chrome shows `Set-Cookie` to extensions only with 'extraHeaders'; Firefox has no such option and
 * refuses it (`Invalid enumeration value "extraHeaders"`): the option is given where the browser
 * declares it (`OnHeadersReceivedOptions.EXTRA_HEADERS`), measured in both (README,
 * "Third-party cookies"). A cookie's value is cut off as soon as its header is read.
 */
import { browser, browserVersion, type Browser } from './browser.ts';
import { setCookieNames } from '../core/network/set-cookie-names.ts';
import { barePairOfBrowserVersion } from '../core/network/bare-pair.ts';
import type { BarePair } from '../core/network/set-cookie-header.ts';

/** A request starts (again after a redirect, with the same id). */
export type RequestStarted = {
  requestId: string;
  tabId: number;
  /** The tab's top frame, one of its sub frames, or anything else the page loads. */
  kind: 'main_frame' | 'sub_frame' | 'other';
  url: string;
  /** The tab's cookie store, where the browser names it (Firefox's `cookieStoreId`; Chrome names none). */
  storeId?: string;
};

/**
 * A response with Set-Cookie headers that set cookies arrived (also a redirect's): `names` are
 * those it sets, never one it only deletes (setCookieNames).
 */
export type ResponseCookies = { requestId: string; tabId: number; url: string; names: string[] };

/** A request is over (completed or failed). */
export type RequestEnded = { requestId: string; tabId: number };

/** What the worker does with requests. */
export type RequestListeners = {
  started: (request: RequestStarted) => void;
  responded: (response: ResponseCookies) => void;
  ended: (request: RequestEnded) => void;
};

type WebRequestApi = { webRequest?: Browser['webRequest'] };

/** The subset of a webRequest event's details read here. */
type Details = {
  requestId: string;
  tabId: number;
  type: string;
  url: string;
  /** Firefox: the cookie store of the request's tab. */
  cookieStoreId?: string;
  /** When the browser fired the event (ms since the epoch). */
  timeStamp?: number;
  responseHeaders?: Array<{ name: string; value?: string }>;
};

/** The browser's listeners for each set of ours, so registering again (after a grant) adds nothing twice. */
const registered = new WeakMap<RequestListeners, Array<(details: Details) => void>>();

const ALL_URLS = { urls: ['<all_urls>'] };

/**
 * How the worker's browser reads a Set-Cookie pair without `=`, asked once of its version
 * (`version`, runtime.getBrowserInfo's; Chromium has none): the function answers 'value', a
 * nameless cookie's, until the answer comes and when it fails, so a value is never taken for a
 * name; then what the version says (core/network `barePairOfBrowserVersion`: 'name' in Firefox 153 on).
 */
export function barePairOnceKnown(version: () => Promise<string | null> = browserVersion): () => BarePair {
  let reading: BarePair = 'value';
  void version().then(
    (answer) => void (reading = barePairOfBrowserVersion(answer)),
    () => undefined,
  );
  return () => reading;
}

/**
 * The names a response's Set-Cookie headers set, received at `at` (a header that only deletes its
 * cookie sets none); a pair without `=` read as `bare` says (a nameless cookie, '', by default).
 */
export function responseCookieNames(headers: Details['responseHeaders'], at: number, bare: BarePair = 'value'): string[] {
  const values: string[] = [];
  let serverDate: string | null = null;
  for (const header of headers ?? []) {
    const name = header.name.toLowerCase();
    if (name === 'set-cookie' && header.value) values.push(header.value);
    // The first, as Chromium reads it (HttpResponseHeaders::GetDateValue).
    else if (name === 'date' && header.value && serverDate === null) serverDate = header.value;
  }
  return values.length > 0 ? setCookieNames(values, at, serverDate, bare) : [];
}

/**
 * Listens to every request of every tab, if the browser gives the API (the permission is
 * granted). Returns whether it listens. Safe to call again: at the top of the worker and from
 * `permissions.onAdded`, where Firefox shows the API in the running worker (measured).
 * `bare` is asked at each response how a Set-Cookie pair without `=` reads (barePairOnceKnown).
 */
export function watchRequests(listeners: RequestListeners, api: WebRequestApi = browser, bare: () => BarePair = () => 'value'): boolean {
  const webRequest = api.webRequest;
  if (!webRequest) return false;
  if (registered.has(listeners)) return true;
  const inTab = (details: Details) => details.tabId >= 0;
  const started = (details: Details) => {
    if (!inTab(details)) return;
    const kind = details.type === 'main_frame' || details.type === 'sub_frame' ? details.type : 'other';
    const store = details.cookieStoreId ? { storeId: details.cookieStoreId } : {};
    listeners.started({ requestId: details.requestId, tabId: details.tabId, kind, url: details.url, ...store });
  };
  const responded = (details: Details) => {
    if (!inTab(details)) return;
    const names = responseCookieNames(details.responseHeaders, details.timeStamp ?? Date.now(), bare());
    if (names.length > 0) listeners.responded({ requestId: details.requestId, tabId: details.tabId, url: details.url, names });
  };
  const ended = (details: Details) => {
    if (inTab(details)) listeners.ended({ requestId: details.requestId, tabId: details.tabId });
  };
  const options = (webRequest as { OnHeadersReceivedOptions?: { EXTRA_HEADERS?: string } }).OnHeadersReceivedOptions;
  const headerOptions = ['responseHeaders', ...(options?.EXTRA_HEADERS ? ['extraHeaders'] : [])];
  type Listen = { addListener(listener: (details: Details) => void, filter: object, extra?: string[]): void };
  const on = (event: unknown) => event as Listen;
  on(webRequest.onBeforeRequest).addListener(started, ALL_URLS);
  on(webRequest.onResponseStarted).addListener(responded, ALL_URLS, headerOptions);
  on(webRequest.onBeforeRedirect).addListener(responded, ALL_URLS, headerOptions);
  on(webRequest.onCompleted).addListener(ended, ALL_URLS);
  on(webRequest.onErrorOccurred).addListener(ended, ALL_URLS);
  registered.set(listeners, [started, responded, ended]);
  return true;
}
