/** core/cookies' public API for Node code: what is recorded of a cookie and of a site (never a value). */
export {
  cookieAppliesToHost,
  narrowerPath,
  partitionSite,
  partitionWords,
  type BrowserCookie,
  type CookieRecord,
} from './cookie-record.ts';
export {
  TIMELINE_LIMIT,
  emptySite,
  presentCookies,
  recordCookieChange,
  type RecordContext,
  type SiteCookie,
  type SiteRecord,
  type TimelineEvent,
} from './site-record.ts';
export { partitionSiteHost, type Attribution, type AttributionState, type Via } from './third-party-attribution.ts';
export { NAMELESS_COOKIE, shownCookieName } from './nameless.ts';
