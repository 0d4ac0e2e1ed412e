/** core/network's public API for Node code: the responses DevTools heard set cookies, and which one set a cookie event (never a value). */
export { parseSetCookie, parseSetCookieHeaders, type SetCookieFacts } from './set-cookie-header.ts';
export { setCookieNames } from './set-cookie-names.ts';
export {
  NETWORK_LOG_BYTES,
  NETWORK_LOG_LIMIT,
  checkedResponse,
  responseOfHarEntry,
  urlWithoutQueryValues,
  withResponses,
  type HarEntryLike,
  type LoggedCookie,
  type NetworkLog,
  type NetworkResponse,
} from './network-log.ts';
export { SET_BY_WINDOW_MS, setByOf, type CookieEvent, type SetBy } from './set-by.ts';
