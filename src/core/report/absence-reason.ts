/**
 * Why a charter entry was not seen, when the visitor's choice is the reason: the one judgement
 * both the findings (no "not seen" finding then) and the report (each not-seen entry says it,
 * and the popup's row with it) read, so the two can never disagree.
 */
import type { CharterEntry } from '../charter/types.ts';
import type { SiteRecord } from '../cookies/site-record.ts';
import { judgeByName, knownTrackerNamed } from '../consent/consent-trackers.ts';
import { isPlatformCookie } from './platform-cookies.ts';

/**
 * Why the choice keeps a declared entry away: 'before-choice' while the visitor has not chosen
 * (it is set only after an acceptance), 'refused' once the visitor refused it (its tracker's own
 * switch, or everything).
 */
export type AbsenceReason = 'before-choice' | 'refused';

/**
 * The reason the visitor's choice explains why a declared entry was not seen; null when it does
 * not (not seeing it then says something of the charter). A statistics or third-party entry
 * before any choice ('before-choice'), or after a refusal of it: its tracker's own switch off, or
 * everything refused, or, for a statistics one, every switch off and none speaking for it
 * ('refused'). Set then, it would have made a consent finding (as findings.ts judges a cookie):
 * its absence is the portal doing as the visitor asked, not a sign the charter is out of date (a
 * refusal-only audit's draft used to mark `_ga` "not observed: keep only if still used"). Judged
 * by the entry's name (a prefix entry's prefix: `_pk_id.` is Matomo's) and its charter category,
 * an `other` entry the known-tracker table files as statistics read as statistics (as findings.ts
 * `judgedForConsent` reads a cookie); necessary entries and the platform's own never are absent so.
 * Only where the choice can be read: off the platform, callers do not ask.
 */
export function absenceReason(consent: SiteRecord['consent'], entry: CharterEntry): AbsenceReason | null {
  if (isPlatformCookie(entry.cookie)) return null;
  const category = entry.category === 'other' && knownTrackerNamed(entry.cookie)?.category === 'statistics' ? 'statistics' : entry.category;
  if (category !== 'statistics' && category !== 'third-party') return null;
  if (consent.state === 'none') return 'before-choice';
  const judged = judgeByName(consent, entry.cookie);
  return judged.phase === 'after-refuse' || (category === 'statistics' && judged.allOff !== undefined) ? 'refused' : null;
}
