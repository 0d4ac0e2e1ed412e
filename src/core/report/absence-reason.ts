/**
 * Why a charter entry was not seen, when that says nothing of the charter: the one judgement both
 * the findings (no "not seen" finding then) and the report (each not-seen entry says it, and the
 * popup's row with it) read, so the two can never disagree.
 */
import type { Category, CharterEntry } from '../charter/types.ts';
import { CONSENT_COOKIE, judgeCookie, type CookieJudgement } from '../consent/consent-choice.ts';
import type { SiteRecord } from '../cookies/site-record.ts';
import { consentCategoryOf, judgeByName, trackersOfEntry } from '../consent/consent-trackers.ts';
import type { KnownTracker } from '../registry/known-trackers.ts';
import { isPlatformCookie } from './platform-cookies.ts';

/**
 * Why an entry is not expected: 'before-choice' while the visitor has not chosen (it is set only
 * after an acceptance); 'refused' once the visitor refused it (its tracker's own switch, or
 * everything); 'no-choice-saved' for the consent cookie itself before any choice (it holds the
 * choice); 'multilingual-only' for the platform's language cookie, set on portals offered in
 * several languages only (../shared/guides/charter-formats.md), which a charter declares all the
 * same; 'cookies-dropped' when the site's record lost cookies to storage (`cookiesLost`), among
 * which a cookie of the entry may have been: not seen among the cookies kept says nothing of the charter.
 */
export type AbsenceReason = 'before-choice' | 'refused' | 'no-choice-saved' | 'multilingual-only' | 'cookies-dropped';

/** The platform's language cookie (Django's), set on multilingual portals only. */
const LANGUAGE_COOKIE = 'django_language';

/**
 * The reason not seeing a declared entry says nothing of the charter; null when there is none
 * (not seeing it then says the charter may be out of date). The platform's language cookie
 * always ('multilingual-only'); its consent cookie before any choice ('no-choice-saved').
 * Otherwise the entry is judged as findings.ts would judge its cookie set now, and is absent
 * for a reason where that cookie would make a consent finding: its absence is the portal doing
 * as the visitor asked, not a sign the charter is out of date (a refusal-only audit's draft used
 * to mark `_ga` "not observed: keep only if still used"). So:
 * - a statistics or third-party entry before any choice ('before-choice'), or after a refusal of
 *   it: its tracker's own switch off, or everything refused, or, for a statistics one or a
 *   third-party one the known-tracker table names (a site's own cookie, not embedded content's),
 *   every switch off and none speaking for it ('refused');
 * - an `other` entry whose trackers the known-tracker table files as statistics, or all as an
 *   advertiser's (third party), as such (findings.ts `judgedForConsent`); a necessary one whose
 *   trackers always need consent (Google Analytics, the Meta Pixel…), in their vendor's category
 *   (platform-cookies.ts `charterTrackerCategory`); an `other` or third-party one whose trackers
 *   the table all files necessary (reCAPTCHA's), as necessary (findings.ts `embeddedForConsent`;
 *   a site's own such cookie makes no consent finding either: `keepsTheChoice`);
 * - any other necessary entry (a tool that can run exempt from consent, such as Matomo) only
 *   once its trackers' own switch is off ('refused'): set then, findings.ts makes it an
 *   after-refusal finding (`refusedBy`).
 * The entry's trackers are those the registry reads its name as (consent-trackers.ts
 * `trackersOfEntry`: `_pk_id`, `_pk_id.` and `_pk_` are Matomo's), each judged, and the reason
 * holds only when it holds for every one; an entry no tracker is named by is judged by its own
 * name. The platform's other cookies never are absent so. Only on the platform (a charter or a
 * choice read): off it, callers do not ask.
 */
export function absenceReason(consent: SiteRecord['consent'], entry: CharterEntry): AbsenceReason | null {
  if (entry.match === 'exact' && entry.cookie === LANGUAGE_COOKIE) return 'multilingual-only';
  if (entry.match === 'exact' && entry.cookie === CONSENT_COOKIE) return consent.state === 'none' ? 'no-choice-saved' : null;
  if (isPlatformCookie(entry.cookie)) return null;
  const trackers = trackersOfEntry(entry);
  const everyTracker = (holds: (tracker: KnownTracker) => boolean) => trackers.length > 0 && trackers.every(holds);
  const category = judgedCategory(entry.category, trackers, everyTracker);
  if (category === 'necessary') {
    if (consent.state === 'none') return null;
    return everyTracker((tracker) => judgedForAbsence(consent, tracker).refused.length > 0) ? 'refused' : null;
  }
  if (category !== 'statistics' && category !== 'third-party') return null;
  if (consent.state === 'none') return 'before-choice';
  // Every switch off refuses what no switch could have accepted (findings.ts `noSwitchRefused`): a
  // statistics cookie, and a site's own third-party one. A charter entry names no domain: one
  // naming trackers of the known-tracker table is judged as the site's own, as their switches are
  // read above (the Meta Pixel's `_fbp`, UET's `_uetvid` are written on the site's domain);
  // another (Disqus's, an unknown name) may be embedded content's, which answers to the overall
  // choice alone.
  const refusedWithAllOff = category === 'statistics' || trackers.length > 0;
  const refused = (judged: CookieJudgement) => judged.phase === 'after-refuse' || (refusedWithAllOff && judged.allOff !== undefined);
  const explained =
    trackers.length === 0
      ? refused(judgeByName(consent, entry.cookie))
      : everyTracker((tracker) => refused(judgedForAbsence(consent, tracker)));
  return explained ? 'refused' : null;
}

/**
 * True when the site's record lost cookies it had seen: some trimmed to keep it within its limit
 * (fitRecord's `droppedCookies`), or the whole record dropped to make room (its `evicted` marker,
 * as the popup's storage notice reads it; the cookies still in the browser are found again, those
 * removed before are gone). Older timeline events dropped lose no cookie.
 */
export function cookiesLost(site: { droppedCookies?: number; timeline: ReadonlyArray<{ type: string }> }): boolean {
  return (site.droppedCookies ?? 0) > 0 || site.timeline.some((event) => event.type === 'evicted');
}

/**
 * The judge of the site's charter entries no kept cookie matched, the one the report's entries and
 * the findings both read: the choice's reason (`absenceReason`, where the choice can be read:
 * `choiceReadable`), else 'cookies-dropped' when the record lost cookies (a cookie that matched
 * the entry may have been among them: "not seen this session" would be a false alarm), else null
 * (not seen, it is a not-seen finding).
 */
export function notSeenJudge(site: SiteRecord, choiceReadable: boolean): (entry: CharterEntry) => AbsenceReason | null {
  const lost = cookiesLost(site);
  return (entry) => (choiceReadable ? absenceReason(site.consent, entry) : null) ?? (lost ? 'cookies-dropped' : null);
}

/**
 * How the choice applies to a tracker's cookie, for its absence: as to the cookie itself, except
 * that one which only keeps the choice (`_pprv`, `atauthority`: no switch of its own) is judged by
 * its vendor's switch (`choiceKeptFor`), whose refusal may keep the tag from running to write it.
 */
function judgedForAbsence(consent: SiteRecord['consent'], tracker: KnownTracker): CookieJudgement {
  return tracker.choiceKeptFor ? judgeCookie(consent, tracker.choiceKeptFor) : judgeByName(consent, tracker.cookie);
}

/** The category an entry's cookie would be judged in for consent (see absenceReason). */
function judgedCategory(
  category: Category,
  trackers: readonly KnownTracker[],
  everyTracker: (holds: (tracker: KnownTracker) => boolean) => boolean,
): Category {
  if (category === 'other' && everyTracker((tracker) => tracker.category === 'statistics')) return 'statistics';
  if (category === 'other' && everyTracker((tracker) => tracker.category === 'third-party')) return 'third-party';
  // A third-party or unclear entry the table files necessary (reCAPTCHA's): findings.ts `embeddedForConsent`.
  if ((category === 'other' || category === 'third-party') && everyTracker((tracker) => tracker.category === 'necessary'))
    return 'necessary';
  if (category !== 'necessary') return category;
  const documented = trackers[0] === undefined ? null : consentCategoryOf(trackers[0].cookie);
  return documented !== null && documented !== 'necessary' && everyTracker((tracker) => consentCategoryOf(tracker.cookie) === documented)
    ? documented
    : category;
}
