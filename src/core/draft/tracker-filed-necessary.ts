/**
 * A tracker a charter files as strictly necessary: the known-tracker table, written from each
 * vendor's documentation, files it as statistics or third-party. The draft leaves such an entry
 * where the charter put it, and says so. Only the table's own entries count (the Open Cookie
 * Database's rows are crowd-sourced: not sure enough to contradict a charter), and only those
 * for any domain, since a charter entry names none (`testCookie` is Disqus's only on disqus.com).
 */
import type { CharterEntry } from '../charter/types.ts';
import { knownTrackerNamed } from '../consent/consent-trackers.ts';
import { lazy } from '../lazy.ts';
import { KNOWN_TRACKERS, type KnownTracker } from '../registry/known-trackers.ts';
import { isPlatformCookie } from '../report/platform-cookies.ts';

/** What ends a family's stem (`_pk_id` for `_pk_id.<site>.<hash>`), as the registry reads a charter's stems. */
const FAMILY_SEPARATORS = ['.', '_'] as const;

/**
 * The shortest prefix that is taken to mean the trackers it covers without one being seen under
 * it: `_hj` (Hotjar's `_hjSessionUser_…`), `_pk_` (Matomo's). A letter or two (`_`, `_g`, `a`)
 * begins too many names a portal may use for its own cookies to say the charter means a tracker.
 */
export const MIN_TRACKER_PREFIX = 3;

/**
 * The known tracker an entry names: by its exact name, within a family the table lists by prefix
 * (`_pk_id.*`, `_ga_ABC`), or as that family's stem (`_pk_id`); null when the table has none.
 */
function knownTrackerOf(entry: Pick<CharterEntry, 'cookie' | 'match'>): KnownTracker | null {
  const found = knownTrackerNamed(entry.cookie);
  if (found !== null) return found;
  if (entry.match !== 'exact') return null;
  for (const separator of FAMILY_SEPARATORS) {
    const family = knownTrackerNamed(entry.cookie + separator);
    if (family?.match === 'prefix' && family.cookie === entry.cookie + separator) return family;
  }
  return null;
}

/** A known tracker the table files as statistics or third-party. */
export type ConsentTracker = KnownTracker & { category: 'statistics' | 'third-party' };

const needsConsent = (tracker: KnownTracker | null): tracker is ConsentTracker =>
  tracker?.category === 'statistics' || tracker?.category === 'third-party';

/** The table's trackers of any domain that need consent, in the table's order (a few dozen). */
const consentTrackers = lazy(() => KNOWN_TRACKERS.filter((tracker) => tracker.domain === null).filter(needsConsent));

/**
 * The known tracker needing consent that a prefix entry covers by its words alone: one whose name
 * or family starts with the prefix (`_pk_` covers `_pk_id.`, `_hj` covers `_hjSessionUser_`).
 * Only for a prefix of MIN_TRACKER_PREFIX characters or more whose trackers are all one
 * vendor's: such a prefix is that vendor's stem. A broader one (`_`, covering Google's, Matomo's,
 * Hotjar's…) says nothing of which, if any, the charter means. Null otherwise. A walk of the table.
 */
function trackerCoveredBy(prefix: string): ConsentTracker | null {
  if (prefix.length < MIN_TRACKER_PREFIX) return null;
  const covered = consentTrackers().filter((tracker) => tracker.cookie.startsWith(prefix));
  const first = covered[0];
  return first !== undefined && covered.every((tracker) => tracker.provider === first.provider) ? first : null;
}

/**
 * The known tracker of statistics or third-party content that a charter entry files as strictly
 * necessary, or null. An exact entry names it; a prefix entry names it when it falls within its
 * family (`_pk_id.1`), when a cookie the audit saw under it is one (`trackerSeen`, see
 * trackerNamed: `_pk_id.1.a1b2` under `_*`), or when it is a vendor's stem that covers it
 * (`_pk_`, `_hj`: trackerCoveredBy). A necessary prefix that covers only the platform's cookies or
 * others the table calls necessary (`cookies_`, `csrf`, `AWSALB`) is never marked.
 */
export function trackerFiledAsNecessary(
  entry: Pick<CharterEntry, 'cookie' | 'match' | 'category'>,
  trackerSeen: ConsentTracker | null = null,
): ConsentTracker | null {
  if (entry.category !== 'necessary' || (entry.match === 'exact' && isPlatformCookie(entry.cookie))) return null;
  const tracker = knownTrackerOf(entry);
  if (needsConsent(tracker)) return tracker;
  if (entry.match !== 'prefix') return null;
  return trackerSeen ?? trackerCoveredBy(entry.cookie);
}

/** The known tracker needing consent a cookie of this name is (of any domain), or null: what a draft notes of a cookie seen under a necessary prefix. */
export function trackerNamed(cookieName: string): ConsentTracker | null {
  const tracker = knownTrackerNamed(cookieName);
  return needsConsent(tracker) ? tracker : null;
}
