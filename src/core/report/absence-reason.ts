/**
 * Why a charter entry was not seen, when that says nothing of the charter: the one judgement both
 * the findings (no "not seen" finding then) and the report (each not-seen entry says it, and the
 * popup's row with it) read, so the two can never disagree.
 */
import type { CharterEntry } from '../charter/types.ts';
import { CONSENT_COOKIE } from '../consent/consent-choice.ts';
import type { SiteRecord } from '../cookies/site-record.ts';
import { judgeByName, knownTrackerNamed } from '../consent/consent-trackers.ts';
import { isPlatformCookie } from './platform-cookies.ts';

/**
 * Why an entry is not expected: 'before-choice' while the visitor has not chosen (it is set only
 * after an acceptance); 'refused' once the visitor refused it (its tracker's own switch, or
 * everything); 'no-choice-saved' for the consent cookie itself before any choice (it holds the
 * choice); 'multilingual-only' for the platform's language cookie, set on portals offered in
 * several languages only (../shared/guides/charter-formats.md), which a charter declares all the same.
 */
export type AbsenceReason = 'before-choice' | 'refused' | 'no-choice-saved' | 'multilingual-only';

/** The platform's language cookie (Django's), set on multilingual portals only. */
const LANGUAGE_COOKIE = 'django_language';

/**
 * The reason not seeing a declared entry says nothing of the charter; null when there is none
 * (not seeing it then says the charter may be out of date). The platform's language cookie
 * always ('multilingual-only'); its consent cookie before any choice ('no-choice-saved'). A
 * statistics or third-party entry before any choice ('before-choice'), or after a refusal of it:
 * its tracker's own switch off, or everything refused, or, for a statistics one, every switch off
 * and none speaking for it ('refused'). Set then, it would have made a consent finding (as
 * findings.ts judges a cookie): its absence is the portal doing as the visitor asked, not a sign
 * the charter is out of date (a refusal-only audit's draft used to mark `_ga` "not observed: keep
 * only if still used"). Judged by the entry's name (a prefix entry's prefix: `_pk_id.` is
 * Matomo's) and its charter category, an `other` entry the known-tracker table files as
 * statistics read as statistics (as findings.ts `judgedForConsent` reads a cookie); the platform's
 * other cookies and necessary entries never are absent so. Only on the platform (a charter or a
 * choice read): off it, callers do not ask.
 */
export function absenceReason(consent: SiteRecord['consent'], entry: CharterEntry): AbsenceReason | null {
  if (entry.match === 'exact' && entry.cookie === LANGUAGE_COOKIE) return 'multilingual-only';
  if (entry.match === 'exact' && entry.cookie === CONSENT_COOKIE) return consent.state === 'none' ? 'no-choice-saved' : null;
  if (isPlatformCookie(entry.cookie)) return null;
  const category = entry.category === 'other' && knownTrackerNamed(entry.cookie)?.category === 'statistics' ? 'statistics' : entry.category;
  if (category !== 'statistics' && category !== 'third-party') return null;
  if (consent.state === 'none') return 'before-choice';
  const judged = judgeByName(consent, entry.cookie);
  return judged.phase === 'after-refuse' || (category === 'statistics' && judged.allOff !== undefined) ? 'refused' : null;
}
