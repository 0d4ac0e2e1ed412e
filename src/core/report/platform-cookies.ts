/**
 * The cookies the Opendatasoft / Huwise platform itself sets on every portal, whatever the
 * visitor chooses: its Django back end's session, CSRF token and language, and the consent
 * choice. The platform's cookie policy files all four as strictly necessary
 * (https://legal.huwise.com/en/cookies.html, see platform-default.ts).
 */
import type { Category } from '../charter/types.ts';
import { consentCategoryOf } from '../consent/consent-trackers.ts';
import type { MatchResult } from '../registry/match.ts';

/** The platform's own cookies. */
export const PLATFORM_COOKIE_NAMES: readonly string[] = ['sessionid', 'csrftoken', 'django_language', 'cookies_preferences'];

/** True for one of the platform's own cookies. */
export function isPlatformCookie(name: string): boolean {
  return PLATFORM_COOKIE_NAMES.includes(name);
}

/**
 * Why a report cookie's category is not its source's: 'platform' when known from the platform;
 * 'tracker' when a charter files as necessary a cookie its vendor documents as needing consent;
 * else null.
 */
export type CategoryInference = 'platform' | 'tracker' | null;

/**
 * The category of a cookie seen on a portal of the platform: a platform cookie whose source
 * gives no readable category (`other`: a charter section we could not classify, a fallback row,
 * nothing) is necessary by what we know of the platform, and says so; any other keeps its
 * source's category. A category a charter does state is left as it states it.
 */
export function platformCategory(
  name: string,
  category: Category,
  onPlatform: boolean,
): { category: Category; inferred: CategoryInference } {
  return onPlatform && category === 'other' && isPlatformCookie(name)
    ? { category: 'necessary', inferred: 'platform' }
    : { category, inferred: null };
}

/**
 * A charter's word cannot make a tracker strictly necessary: a site's own cookie the charter files
 * as necessary, whose vendor documents it as needing consent whatever the set-up (consentCategoryOf:
 * Google Analytics's, Hotjar's, Clarity's, HubSpot's as statistics; the Meta Pixel's and Microsoft
 * UET's as third-party), is judged in the vendor's category, and says so. The platform's own
 * cookies, and the tools a configuration may exempt (Matomo, AT Internet / Piano, Eulerian), keep
 * the charter's word.
 */
export function charterTrackerCategory(
  name: string,
  match: Pick<MatchResult, 'source' | 'category'>,
  thirdParty: boolean,
): { category: Category; inferred: CategoryInference } | null {
  if (match.source !== 'charter' || match.category !== 'necessary' || thirdParty || isPlatformCookie(name)) return null;
  const documented = consentCategoryOf(name);
  return documented === null || documented === 'necessary' ? null : { category: documented, inferred: 'tracker' };
}
