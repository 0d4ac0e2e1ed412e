/**
 * A site audited in memory, as the worker would report it: cookies recorded into a site record,
 * matched against a charter, the Open Cookie Database and the known trackers. For the tests of
 * charter drafts, which need real reports, and re-audits against the draft read back.
 */
import type { CharterEntry, ParsedCharter } from '../../src/core/charter/types.ts';
import type { ConsentState } from '../../src/core/consent/consent-choice.ts';
import { emptySite, recordCookieChange, type RecordContext, type SiteRecord } from '../../src/core/cookies/site-record.ts';
import { bundledOpenCookieDatabaseRows } from '../../src/core/registry/bundled-open-cookie-database.ts';
import { buildRegistry, withSiteCharter, type Registry } from '../../src/core/registry/registry.ts';
import { buildReport, type Report } from '../../src/core/report/report.ts';
import { browserCookie } from './cookies.ts';

export const NOW_MS = 1_800_000_000_000;
const NOW_S = NOW_MS / 1000;
export const DAY = 86400;

/**
 * A cookie to record: its name, its lifetime in days (null: a session cookie), its domain, and
 * how it was tied to the site (set by embedded content `via` a frame or response, or on a
 * parent domain of `originUnknown`).
 */
export type PlayedCookie = { name: string; days: number | null; domain?: string; context?: RecordContext };

/** A charter entry in the demo portal's French words: the platform's, necessary, twelve months, unless `overrides` say otherwise. */
export const charterEntry = (cookie: string, overrides: Partial<CharterEntry> = {}): CharterEntry => ({
  provider: 'Huwise',
  service: null,
  cookie,
  match: 'exact',
  purpose: `Rôle de ${cookie}`,
  duration: '12 mois',
  category: 'necessary',
  ...overrides,
});

const baseRegistry: Registry = buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() });

/** The registry a site is matched with when `charter` is its live charter (or none). */
export function registryWith(host: string, charter: ParsedCharter | null): Registry {
  return charter ? withSiteCharter(baseRegistry, host, charter, 'live') : baseRegistry;
}

/** A site record holding these cookies, with a consent choice when given (the platform's cookie). */
export function playSite(host: string, cookies: readonly PlayedCookie[], consent: ConsentState = 'none'): SiteRecord {
  const site = emptySite(host, '0');
  for (const { name, days, domain = host, context } of cookies) {
    const cookie = browserCookie({
      name,
      domain,
      hostOnly: !domain.startsWith('.'),
      httpOnly: false,
      session: days === null,
      expirationDate: days === null ? undefined : NOW_S + days * DAY,
    });
    recordCookieChange(site, cookie, false, NOW_MS, context);
  }
  if (consent === 'accepted' || consent === 'refused') {
    const value = encodeURIComponent(
      JSON.stringify({ functional_cookies: true, matomo: consent === 'accepted', timestamp: NOW_MS - 1000 }),
    );
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: host, value, httpOnly: false }), false, NOW_MS);
  }
  return site;
}

/** The report of a site record against a charter. */
export function auditSite(site: SiteRecord, charter: ParsedCharter | null): Report {
  return buildReport(site, registryWith(site.host, charter), NOW_MS);
}
