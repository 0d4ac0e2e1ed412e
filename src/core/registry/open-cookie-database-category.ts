/** The Open Cookie Database's Category column, in the charters' categories. */
import type { Category } from '../charter/types.ts';

/**
 * Maps an upstream Category to our Category. Only Necessary and Security rows count as
 * necessary: the database files many trackers' identifiers under Functional (Hotjar's
 * `_hjSessionUser_`), and calling those necessary would hide a cookie set before consent.
 * Marketing cookies are set for advertisers, what charters call "tiers".
 */
export function categoryFromOpenCookieDatabase(upstreamCategory: string): Category {
  switch (upstreamCategory.trim().toLowerCase()) {
    case 'necessary':
    case 'security':
      return 'necessary';
    case 'analytics':
      return 'statistics';
    case 'marketing':
      return 'third-party';
    default:
      return 'other';
  }
}
