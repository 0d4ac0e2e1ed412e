/**
 * Which charter a site is checked against: its live charter when one was read; else the bundled
 * one; else, for a portal of the platform (under its domains, or recognised on its own domain by
 * the platform's cookies and no other consent manager's), the platform's default; else none.
 */
import type { LiveCharterRecord } from '../charter/live.ts';
import { normalizeDomain } from '../registry/cookie-domain.ts';
import { PLATFORM_DEFAULT_CHARTER } from '../registry/platform-default.ts';
import { withSiteCharter, type Registry } from '../registry/registry.ts';
import { isPlatformHost } from '../portals.ts';
import { isOtherConsentManagerRecord } from '../consent/other-consent-managers.ts';
import { PLATFORM_COOKIE_NAMES } from './platform-cookies.ts';

/**
 * The names of a site's own cookies: embedded content's never show the site runs on the platform
 * (a form or widget served by another Django site sets its own `csrftoken` and `sessionid`).
 */
export function ownCookieNames(cookies: Iterable<{ name: string; thirdParty?: unknown }>): string[] {
  const names: string[] = [];
  for (const cookie of cookies) if (cookie.thirdParty === undefined) names.push(cookie.name);
  return names;
}

/** True when a site's cookies look like the platform's: `csrftoken` plus another of its own. */
export function hasPlatformCookies(names: Iterable<string>): boolean {
  const seen = new Set(names);
  return seen.has('csrftoken') && PLATFORM_COOKIE_NAMES.some((name) => name !== 'csrftoken' && seen.has(name));
}

/**
 * True when a site's own cookies say it is a portal on its own domain: the platform's
 * (hasPlatformCookies), and no record of another consent manager. Those names are Django's
 * defaults, any Django site's; a site whose own banner keeps the visitor's choice in another
 * manager's cookie (Axeptio's, OneTrust's…) is not run by the platform, whose banner keeps it in
 * `cookies_preferences`: taking it for a portal read its choice as none and filed every tracker
 * its banner allowed as set before the visitor chose. A record removed since (expired) still
 * counts, so such a site does not turn into a portal, false alarms and all, when it expires.
 */
export function isPortalByCookies(names: Iterable<string>): boolean {
  const seen = [...names];
  return hasPlatformCookies(seen) && !seen.some(isOtherConsentManagerRecord);
}

/** Which charter applies to a site beyond the base registry: its live one, the platform's default, or none ('base'). */
export type SiteCharterChoice = 'live' | 'platform-default' | 'base';

/**
 * The choice `siteRegistry` makes, without building the registry (a memo compares it). The names
 * of the site's own cookies (`ownCookieNames`) may be passed as a function: they are only read for
 * a site with no charter of its own.
 */
export function siteCharterChoice(
  base: Registry,
  host: string,
  live: LiveCharterRecord | null,
  cookieNames: Iterable<string> | (() => Iterable<string>),
): SiteCharterChoice {
  if (live?.charter) return 'live';
  // Keyed as the registry keys them (`indexedCharterFor`): `data.tco.re.` is data.tco.re.
  const known = base.bundledCharters.has(normalizeDomain(host)) || isPlatformHost(host);
  if (known) return 'base';
  return isPortalByCookies(typeof cookieNames === 'function' ? cookieNames() : cookieNames) ? 'platform-default' : 'base';
}

/** The registry of a choice `siteCharterChoice` made. */
export function registryForChoice(base: Registry, host: string, live: LiveCharterRecord | null, choice: SiteCharterChoice): Registry {
  if (choice === 'live' && live?.charter) return withSiteCharter(base, host, live.charter, 'live');
  if (choice === 'platform-default') return withSiteCharter(base, host, PLATFORM_DEFAULT_CHARTER, 'platform-default');
  return base;
}

/** The registry to match a site's cookies against. */
export function siteRegistry(base: Registry, host: string, live: LiveCharterRecord | null, cookieNames: Iterable<string>): Registry {
  return registryForChoice(base, host, live, siteCharterChoice(base, host, live, cookieNames));
}
