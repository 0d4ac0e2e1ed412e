/**
 * A tracker a charter files as strictly necessary: the known-tracker table, written from each
 * vendor's documentation, files it as statistics or third-party. The draft leaves such an entry
 * where the charter put it, and says so. Only the table's own entries count (the Open Cookie
 * Database's rows are crowd-sourced: not sure enough to contradict a charter), and only those
 * for any domain, since a charter entry names none (`testCookie` is Disqus's only on disqus.com).
 */
import type { CharterEntry } from '../charter/types.ts';
import { knownTrackerNamed } from '../consent/consent-trackers.ts';
import type { KnownTracker } from '../registry/known-trackers.ts';
import { isPlatformCookie } from '../report/platform-cookies.ts';

/** What ends a family's stem (`_pk_id` for `_pk_id.<site>.<hash>`), as the registry reads a charter's stems. */
const FAMILY_SEPARATORS = ['.', '_'] as const;

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

/** The known tracker of statistics or third-party content that a charter entry files as strictly necessary, or null. */
export function trackerFiledAsNecessary(entry: Pick<CharterEntry, 'cookie' | 'match' | 'category'>): ConsentTracker | null {
  if (entry.category !== 'necessary' || (entry.match === 'exact' && isPlatformCookie(entry.cookie))) return null;
  const tracker = knownTrackerOf(entry);
  return needsConsent(tracker) ? tracker : null;
}
