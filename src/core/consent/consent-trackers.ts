/**
 * The tracker families the platform's consent banner has a switch for, by the key it writes in
 * `cookies_preferences`, and which cookies belong to each: the known-tracker table says, entry by
 * entry, which keys govern a cookie (`consentKeys`), each entry written from its vendor's
 * documentation. Pure and static: built once, looked up per cookie event.
 */
import type { Category } from '../charter/types.ts';
import { FAMILY_SEPARATORS, KNOWN_TRACKERS, type KnownTracker } from '../registry/known-trackers.ts';
import { lazy } from '../lazy.ts';
import { acceptAll, buildNameIndex, lookupName } from '../registry/name-index.ts';
import { CONSENT_COOKIE, judgeCookie, phaseOf, type CookieJudgement, type SiteConsent } from './consent-choice.ts';
import { isOtherConsentManagerRecord } from './other-consent-managers.ts';

/**
 * Every known tracker by name: exact names first, then the longest prefix, as matching does.
 * Built on first use (see ../lazy.ts): a wake that judges no cookie does not build it.
 */
const byName = lazy(() =>
  buildNameIndex(
    // Domain-bound entries (Disqus) are third parties no banner switch covers.
    KNOWN_TRACKERS.filter((tracker) => tracker.domain === null).map((tracker) => ({
      name: tracker.cookie,
      match: tracker.match,
      value: tracker,
    })),
  ),
);

const NONE: readonly string[] = Object.freeze([]);

/** The known tracker a cookie of this name is (exact name first, then the longest prefix), of any domain; null when none. */
export function knownTrackerNamed(cookieName: string): KnownTracker | null {
  return lookupName(byName(), cookieName, acceptAll, null)?.value ?? null;
}

/** The trackers a banner's switch may speak for: every one but those bound to a domain (Disqus's). */
const bannerTrackers = lazy(() => KNOWN_TRACKERS.filter((tracker) => tracker.domain === null));

/**
 * The known trackers a charter entry stands for, as the registry reads it (registry.ts
 * `indexCharter`): for an exact name, the tracker it is, else the family it is the stem or the
 * prefix of (`_pk_id` and `_pk_id.`: Matomo's `_pk_id.*`); for a prefix, the tracker it falls
 * in and every tracker it covers (`_pk_` of "tout cookie commençant par _pk_": each of
 * Matomo's). Empty when it names none. A walk of the table (a few dozen entries), for the few
 * entries a report finds not seen.
 */
export function trackersOfEntry(entry: { cookie: string; match: 'exact' | 'prefix' }): KnownTracker[] {
  const named = knownTrackerNamed(entry.cookie);
  if (entry.match === 'exact') {
    if (named) return [named];
    const families = FAMILY_SEPARATORS.map((separator) => entry.cookie + separator);
    return bannerTrackers().filter((tracker) => tracker.match === 'prefix' && families.includes(tracker.cookie));
  }
  const covered = bannerTrackers().filter((tracker) => tracker.cookie.startsWith(entry.cookie));
  return named === null || covered.includes(named) ? covered : [named, ...covered];
}

/** The consent keys that govern a cookie of this name (`['ga']` for `_ga_ABC123`); none for others. */
export function consentKeysOf(cookieName: string): readonly string[] {
  return knownTrackerNamed(cookieName)?.consentKeys ?? NONE;
}

/**
 * Consent keys of the tools a configuration may exempt from consent. CNIL's list of audience
 * measurement tools that can be set up to need no consent named configurations of Matomo, AT
 * Internet / Piano Analytics and Eulerian, so a portal may rightly file their cookies as necessary
 * ("Cookies : solutions pour les outils de mesure d'audience",
 * https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies-solutions-pour-les-outils-de-mesure-daudience).
 * It named none of Google Analytics: since 4 July 2025 CNIL has vendors assess themselves against
 * its conditions instead of listing them (https://www.cnil.fr/fr/node/167364), and the conditions
 * exclude a vendor that reuses the data for its own ends, as Google does. The list never covered
 * the trackers added to pages by hand either: session recording (Hotjar, Microsoft Clarity, whose
 * purposes CNIL's draft recommendation of 25 February 2026 holds not strictly necessary,
 * https://www.cnil.fr/en/node/168205), marketing automation (HubSpot) and advertising (the Meta
 * Pixel, Microsoft UET) are no audience measurement at all.
 */
const EXEMPTABLE_KEYS: readonly string[] = ['matomo', 'at', 'xiti', 'piano', 'eulerian'];

/**
 * The category the vendor's documentation gives a cookie of this name when that cookie always
 * needs consent: a known tracker the table files as statistics or third-party that is none of
 * the tools a configuration may exempt (EXEMPTABLE_KEYS): Google Analytics's, Hotjar's,
 * Clarity's, HubSpot's (statistics), the Meta Pixel's and Microsoft UET's (third-party). Null for
 * any other: a tool that can be configured exempt, a cookie the table files necessary (one that
 * only keeps the choice, reCAPTCHA's), a name the table does not know.
 */
export function consentCategoryOf(cookieName: string): Category | null {
  const tracker = knownTrackerNamed(cookieName);
  if (tracker === null || (tracker.category !== 'statistics' && tracker.category !== 'third-party')) return null;
  return tracker.consentKeys.some((key) => EXEMPTABLE_KEYS.includes(key)) ? null : tracker.category;
}

/**
 * True for a cookie that only keeps the visitor's choice (Matomo's `mtm_consent_removed`, Piano's
 * `_pprv`, AT Internet's `atauthority`: the known-tracker table files them necessary), or another
 * consent manager's record (`axeptio_cookies`, `tarteaucitron`: a banner of the site's own keeps
 * its choice there): whatever category a charter gives it, keeping a choice needs no consent. So
 * is any other cookie the table files necessary from its vendor's documentation (reCAPTCHA's
 * `_GRECAPTCHA`, a load balancer's `AWSALB`): the vendor's word on what it does wins over a
 * charter's section.
 */
export function keepsTheChoice(cookieName: string): boolean {
  return knownTrackerNamed(cookieName)?.category === 'necessary' || isOtherConsentManagerRecord(cookieName);
}

/**
 * How a site's current choice applies to a cookie of this name (see `judgeCookie`). Only a
 * choice with per-tracker flags needs the cookie's tracker family, so the common cases (no
 * choice yet, a choice in another shape) skip that lookup. `cookies_preferences` is the choice
 * itself: it is in the phase the choice opens ('after-refuse' for a refusal).
 */
export function judgeByName(consent: Pick<SiteConsent, 'state' | 'trackers'>, cookieName: string): CookieJudgement {
  if (cookieName === CONSENT_COOKIE) return { phase: phaseOf(consent.state), refused: [] };
  let flagged = false;
  for (const _key in consent.trackers) {
    flagged = true;
    break;
  }
  return judgeCookie(consent, consent.state !== 'none' && flagged ? consentKeysOf(cookieName) : NONE);
}
