/**
 * What does not add up on a site: cookies its charter forgets, entries it declares that never
 * appeared, trackers set before the visitor chose or after a refusal, and lifetimes longer
 * than the charter states. Each finding names its cookie and the evidence.
 */
import type { Category, CharterEntry } from '../charter/types.ts';
import type { SiteCookie, SiteRecord } from '../cookies/site-record.ts';
import type { MatchResult, MatchSource } from '../registry/match.ts';
import { formatSeconds, outlivesStated, parseStatedLifetime, type StatedLifetime } from './duration.ts';
import { judgeCookie } from '../consent/consent-choice.ts';
import { judgeByName, keepsTheChoice, knownTrackerNamed } from '../consent/consent-trackers.ts';
import { refusedFlagsText } from '../consent/tracker-names.ts';
import { inNameOrder } from './name-order.ts';
import { isPlatformCookie, type CategoryInference } from './platform-cookies.ts';
import { notSeenJudge } from './absence-reason.ts';
import { isPlatformHost } from '../portals.ts';
import { expiredBy } from './expired.ts';

/** Kinds of finding, from the most to the least serious. */
export type FindingKind = 'before-consent' | 'after-refusal' | 'undeclared' | 'lifetime' | 'not-seen';

/** How much a finding matters: consent breaches high (medium for unclear cookies), charter gaps medium, absences low. */
export type Severity = 'high' | 'medium' | 'low';

/** The usual severity of each kind (consent findings are medium for cookies of unclear role). */
export const SEVERITY: Record<FindingKind, Severity> = {
  'before-consent': 'high',
  'after-refusal': 'high',
  undeclared: 'medium',
  lifetime: 'medium',
  'not-seen': 'low',
};

/** The facts behind a finding, as data, so each interface can word them in its own language. */
export type FindingDetail = {
  /** Who sets the cookie, as its source names it ('' when unknown). */
  provider: string;
  /**
   * Its category, from the charter or the fallback; for a consent finding, the one it is judged in
   * (statistics for a known statistics tracker a charter files under a section of unclear role).
   */
  category: Category;
  /** Where its description comes from. */
  source: MatchSource;
  /** after-refusal: set after the refusal, or set before and kept. */
  how?: 'set' | 'kept';
  /**
   * after-refusal: the keys of `cookies_preferences` whose `false` the cookie goes against, its
   * tracker family's (`['ga']` for `_ga`); absent when only the overall refusal speaks for it.
   */
  refused?: string[];
  /**
   * undeclared: 'platform-default' when the charter it is not in is the platform's default,
   * standing in for the site's own, which could not be read; 'none' when the site has no charter
   * the extension could find, so no charter was read at all (absent otherwise).
   */
  charter?: StandInCharter;
  /**
   * undeclared, before-consent, after-refusal: for a cookie of embedded content (another site's,
   * set while the site's tab loaded it), its domain without the leading dot (`video.example.net`),
   * which the evidence names; absent for the site's own, and in a finding an older version made.
   */
  embedded?: string;
  /** lifetime: the charter's words, and how long the cookie actually lives, in seconds. */
  stated?: string;
  actualSeconds?: number;
};

/** One thing that does not add up. */
export type Finding = {
  /** What kind of problem. */
  kind: FindingKind;
  /** How serious. */
  severity: Severity;
  /** Cookie name (for not-seen: the charter's name or prefix). */
  cookie: string;
  /** Cookie domain; null for not-seen. */
  domain: string | null;
  /**
   * The cookie's path, and its partition where it has one (after `detail`: top-level site,
   * cross-site bit, Firefox's first party), as its report row has them: two cookies of one name
   * and domain may differ by these alone, and each finding leads to its own row. Absent for
   * not-seen, and in a finding an older version made (it leads to the first row of its name and domain).
   */
  path?: string;
  partitionKey?: string;
  hasCrossSiteAncestor?: boolean;
  firstPartyDomain?: string;
  /** The facts behind it, in plain English (exports and the audit command). */
  evidence: string;
  /** The same facts as data (the popup words them in the interface's language). */
  detail: FindingDetail;
};

/** What an undeclared cookie is missing from instead of the site's own charter: the platform's default, or no charter at all. */
export type StandInCharter = 'platform-default' | 'none';

/** A seen cookie with what the registry says about it; `categoryInferred` when its category is not the source's (see report.ts). */
export type MatchedCookie = { cookie: SiteCookie; match: MatchResult; categoryInferred?: CategoryInference };

const isNecessary = (match: MatchResult) => match.category === 'necessary';

/** The evidence of an undeclared cookie, by where it was set and what described it: the same few texts for thousands of cookies, made once. */
function undeclaredEvidence(where: string): Record<MatchSource, string> {
  const evidence = (source: MatchSource) => `${where}; ${source === 'unknown' ? 'no description found' : `described by ${source}`}`;
  return {
    charter: evidence('charter'),
    'known-tracker': evidence('known-tracker'),
    'open-cookie-database': evidence('open-cookie-database'),
    unknown: evidence('unknown'),
  };
}
const UNDECLARED_OWN = undeclaredEvidence("seen, not in the site's charter");
const UNDECLARED_EMBEDDED = undeclaredEvidence("set by embedded content, not in the site's charter");
// The platform's default stands in for a charter that could not be read: it is not the site's word.
const UNDECLARED_OWN_DEFAULT = undeclaredEvidence("seen, not in the platform's default charter (the site's own was not read)");
const UNDECLARED_EMBEDDED_DEFAULT = undeclaredEvidence(
  "set by embedded content, not in the platform's default charter (the site's own was not read)",
);
// With no charter found, none was read: saying "not in the site's charter" would claim one was.
const UNDECLARED_OWN_NO_CHARTER = undeclaredEvidence('seen, and no charter of the site was found');
const UNDECLARED_EMBEDDED_NO_CHARTER = undeclaredEvidence('set by embedded content, and no charter of the site was found');

/** The evidence texts of undeclared cookies, by the charter they are missing from: the site's own, or what stands in for it. */
const UNDECLARED_EVIDENCE = {
  site: { own: UNDECLARED_OWN, embedded: UNDECLARED_EMBEDDED },
  'platform-default': { own: UNDECLARED_OWN_DEFAULT, embedded: UNDECLARED_EMBEDDED_DEFAULT },
  none: { own: UNDECLARED_OWN_NO_CHARTER, embedded: UNDECLARED_EMBEDDED_NO_CHARTER },
};

/** A finding's detail; `embedded`: the domain of embedded content's cookie, null for the site's own. */
const detailOf = (match: MatchResult, embedded: string | null): FindingDetail =>
  embedded === null
    ? { provider: match.provider, category: match.category, source: match.source }
    : { provider: match.provider, category: match.category, source: match.source, embedded };

/** The domain a finding names embedded content by: its cookie's, without the leading dot. */
const embeddedDomain = (cookie: SiteCookie) => cookie.domain.replace(/^\./, '');

/**
 * `finding`, given its cookie's partition where it has one; written onto it rather than spread
 * in, so the findings of the many cookies without one are made as before.
 */
function inPartition(finding: Finding, cookie: SiteCookie): Finding {
  if (cookie.partitionKey !== null) finding.partitionKey = cookie.partitionKey;
  if (cookie.hasCrossSiteAncestor !== undefined) finding.hasCrossSiteAncestor = cookie.hasCrossSiteAncestor;
  if (cookie.firstPartyDomain !== undefined) finding.firstPartyDomain = cookie.firstPartyDomain;
  return finding;
}

function lifetimeFinding({ cookie, match }: MatchedCookie, stated: StatedLifetime): Finding | null {
  const actualSeconds = cookie.expires! - cookie.lastChanged / 1000;
  let evidence: string;
  if (stated.kind === 'session') evidence = `charter says "${match.duration}", cookie persists ${formatSeconds(actualSeconds)}`;
  else if (outlivesStated(stated, actualSeconds))
    evidence = `charter says "${match.duration}", cookie expires after ${formatSeconds(actualSeconds)}`;
  else return null;
  return inPartition(
    {
      kind: 'lifetime',
      severity: SEVERITY.lifetime,
      cookie: cookie.name,
      domain: cookie.domain,
      path: cookie.path,
      detail: {
        provider: match.provider,
        category: match.category,
        source: match.source,
        stated: match.duration ?? '',
        actualSeconds: Math.round(actualSeconds),
      },
      evidence,
    },
    cookie,
  );
}

/**
 * The description a site's own cookie's consent findings judge it by: its own, except that a
 * charter's `other` (a section we could not classify, or one that only says it is not the
 * necessary one: "Cookies optionnels", "Outils de mesure") says nothing of what the cookie does,
 * so a cookie the known-tracker table files as statistics (`_ga`, `_pk_id.*`) or as an
 * advertiser's (third party: `_fbp`, `_uetvid`) is judged as the cookie it is. The report's row
 * keeps the charter's word; the finding says "statistics" or "third-party". A charter's
 * necessary or third-party is a word on consent, and kept.
 */
function judgedForConsent(name: string, match: MatchResult): MatchResult {
  if (match.category !== 'other' || match.source !== 'charter') return match;
  const known = knownTrackerNamed(name)?.category;
  return known === 'statistics' || known === 'third-party' ? { ...match, category: known } : match;
}

/**
 * The description a cookie of embedded content's consent findings judge it by: its own, except
 * that a charter's third-party ("Cookies tiers": who sets the cookie, not that it waits for
 * consent) or `other` (a section of unclear role) says nothing of consent, so a cookie the
 * known-tracker table files necessary (reCAPTCHA's `_GRECAPTCHA`, Google's security cookie) is
 * judged necessary, as it is where the charter leaves it out. A charter's statistics is its own word
 * that the cookie waits for consent, and kept.
 */
function embeddedForConsent(name: string, match: MatchResult): MatchResult {
  if (match.source !== 'charter' || (match.category !== 'third-party' && match.category !== 'other')) return match;
  return knownTrackerNamed(name)?.category === 'necessary' ? { ...match, category: 'necessary' } : match;
}

/**
 * A consent breach by a statistics or third-party cookie is high; by a cookie whose role is
 * unclear (the database's "Functional" rows such as a web framework's session cookie, or an
 * unknown cookie) it is medium: worth a look, not proof. A load balancer's affinity cookie is
 * necessary in the known-tracker table, so makes none.
 */
function consentSeverity(match: MatchResult): Severity {
  return match.category === 'statistics' || match.category === 'third-party' ? 'high' : 'medium';
}

/**
 * Every finding for a site, given its seen cookies and the charter entries none of them matched.
 * Consent findings need the visitor's choice: off the platform (no `cookies_preferences` to read)
 * pass `consentReadable: false` and there are none. A cookie of unknown origin (another site open
 * beside it may have set it: `SiteCookie.originUnknown`) makes no finding of any kind. `now`
 * is when the findings are judged (milliseconds): a cookie expired by then is not "kept"; null
 * when not known, and none counts as expired.
 */
export function findingsFor(
  site: SiteRecord,
  seen: MatchedCookie[],
  notSeen: readonly CharterEntry[],
  consentReadable = true,
  isPortal: PortalTest = isPlatformHost,
  now: number | null = null,
): Finding[] {
  return findingsInNameOrder(site, inNameOrder(seen, cookieName), notSeen, consentReadable, null, isPortal, now);
}

/**
 * Whether a host is a portal of the platform: `NAME.opendatasoft.com`, `NAME.huwise.com`
 * (isPlatformHost), and, given the bundled list (portals.ts isPortalHost), a portal under a
 * customer's own domain (`data.toulouse-metropole.fr`).
 */
export type PortalTest = (host: string) => boolean;

const cookieName = ({ cookie }: MatchedCookie) => cookie.name;
const findingCookie = (finding: Finding) => finding.cookie;

/**
 * `findingsFor` of cookies already in name order (`inNameOrder`): the findings of each kind are
 * then made in the order they are listed, most serious kind first and by cookie name within one
 * (equal names in the order of `seen`), with no sort of the findings. Each object is written out
 * field by field rather than spread: the same fields in the same order, with less work for a
 * worker that has just woken and makes thousands of them.
 */
export function findingsInNameOrder(
  site: SiteRecord,
  seenByName: readonly MatchedCookie[],
  notSeen: readonly CharterEntry[],
  consentReadable = true,
  /**
   * What stands in for the site's own charter: the platform's default (the site's own not read), or
   * nothing ('none': no charter found); null when the site's own charter is the one checked against.
   */
  standIn: StandInCharter | null = null,
  isPortal: PortalTest = isPlatformHost,
  /** When the findings are judged (milliseconds); null when not known (see findingsFor). */
  now: number | null = null,
): Finding[] {
  const beforeConsent: Finding[] = [];
  const afterRefusal: Finding[] = [];
  const undeclared: Finding[] = [];
  const lifetimes: Finding[] = [];
  // Charters state a handful of lifetimes for thousands of cookies: each text is read once.
  const statedLifetimes = new Map<string | null, StatedLifetime>();
  const undeclaredTexts = UNDECLARED_EVIDENCE[standIn ?? 'site'];

  for (const matched of seenByName) {
    const { cookie, match } = matched;
    // On a parent domain another open site shares, and not shown to be this site's: it answers to that site's charter and choice, maybe.
    if (cookie.originUnknown !== undefined) continue;
    const embedded = cookie.thirdParty !== undefined;
    const embeddedAt = embedded ? embeddedDomain(cookie) : null;
    const detail = detailOf(match, embeddedAt);
    const forConsent = embedded ? embeddedForConsent(cookie.name, match) : match;
    if (!match.declared) {
      undeclared.push(
        inPartition(
          {
            kind: 'undeclared',
            severity: SEVERITY.undeclared,
            cookie: cookie.name,
            domain: cookie.domain,
            path: cookie.path,
            detail: standIn ? { ...detail, charter: standIn } : detail,
            evidence: (embedded ? undeclaredTexts.embedded : undeclaredTexts.own)[match.source],
          },
          cookie,
        ),
      );
    }
    // The platform sets its own cookies whatever the visitor chooses: never a consent matter, on the
    // site itself or in an embedded frame of another of its portals; another site's cookie of the
    // same name is not one of them.
    if (consentReadable && !isNecessary(forConsent) && !(isPlatformCookie(cookie.name) && (!embedded || ofPortal(cookie, isPortal)))) {
      const judged = embedded ? forConsent : judgedForConsent(cookie.name, match);
      const severity = consentSeverity(judged);
      // A site's own cookie that only keeps the choice (`atauthority`, `_pprv`, `mtm_consent_removed`)
      // needs no consent, whatever the charter's category: the tag may write it at load, before the
      // banner is answered (the exempt privacy mode), or because the visitor opted out. Never a
      // consent finding; looked up only for the few cookies that would make one.
      const keepsChoice = (): boolean => !embedded && keepsTheChoice(cookie.name);
      if (cookie.setPhases.includes('before-choice') && !keepsChoice()) {
        beforeConsent.push(
          inPartition(
            {
              kind: 'before-consent',
              severity,
              cookie: cookie.name,
              domain: cookie.domain,
              path: cookie.path,
              detail: judged === match ? detail : detailOf(judged, embeddedAt),
              evidence: `${described(cookie, judged, embedded)} set before the visitor chose`,
            },
            cookie,
          ),
        );
      }
      // The banner's switches are the statistics tools': a statistics cookie none of the choice's
      // flags speaks for (a tool with no switch shown: declared as statistics or known so), set
      // or kept while every switch is off, goes against that refusal too, as recorded when it was
      // set (SiteCookie.allOffWhenSet). So does an advertiser's cookie on the site's own domain
      // (third-party: `_gcl_au`, `_fbp`): no switch could have accepted it. Embedded content answers
      // to the overall choice only.
      const noSwitchRefused = !embedded && (judged.category === 'statistics' || judged.category === 'third-party');
      // A refusal, overall or of the cookie's own tracker (a mixed choice): when it was set, or now.
      let refusal: Finding | null = null;
      if (cookie.setPhases.includes('after-refuse')) {
        refusal = refusalFinding(cookie, judged, embedded, severity, 'set', cookie.refusedBy ?? []);
      } else if (noSwitchRefused && cookie.allOffWhenSet) {
        refusal = refusalFinding(cookie, judged, embedded, severity, 'set', cookie.allOffWhenSet);
      } else if (cookie.removed === null && (cookie.unclaimedWrite?.siteRemoved ?? null) === null && !expiredBy(cookie, now)) {
        // (One the site removed under the choice in force, present again by a write of unknown
        // origin, is not kept by the site: recordCookieChange forgets the removal once a choice judges the cookie otherwise.
        // One expired by now is gone, though the browser, which deletes it lazily, has not said so yet.)
        // No tracker switch of the portal's banner speaks for embedded content: only the overall choice.
        const now = embedded ? judgeCookie(site.consent, []) : judgeByName(site.consent, cookie.name);
        if (now.phase === 'after-refuse') refusal = refusalFinding(cookie, judged, embedded, severity, 'kept', now.refused);
        else if (noSwitchRefused && now.allOff) refusal = refusalFinding(cookie, judged, embedded, severity, 'kept', now.allOff);
      }
      // Nor one after a refusal, whatever its shape: such a cookie is written because the visitor opted out.
      if (refusal && !keepsChoice()) afterRefusal.push(refusal);
    } else if (consentReadable && cookie.refusedBy !== undefined && isNecessary(match)) {
      // A charter may file a tool that can run exempt from consent as necessary (Matomo), but the
      // visitor turned off that very tool's switch: set after that, it goes against the refusal.
      // Only its own tracker's flags fill `refusedBy` (none for embedded content or the platform's cookies).
      afterRefusal.push(refusalFinding(cookie, match, embedded, 'high', 'set', cookie.refusedBy));
    }
    if (match.declared && cookie.expires !== null) {
      let stated = statedLifetimes.get(match.duration);
      if (stated === undefined) {
        stated = parseStatedLifetime(match.duration);
        statedLifetimes.set(match.duration, stated);
      }
      const lifetime = lifetimeFinding(matched, stated);
      if (lifetime) lifetimes.push(lifetime);
    }
  }

  const unseen: Finding[] = [];
  const absentBecause = notSeenJudge(site, consentReadable);
  // The default's entries are the platform's cookies, not what the site declared: not seeing one is no finding.
  for (const entry of standIn === 'platform-default' ? [] : notSeen) {
    // Not expected (the visitor's choice, a platform cookie set only sometimes), or maybe among the
    // cookies the record lost to storage (absence-reason.ts): the report's entry says why, and no finding is made.
    if (absentBecause(entry) !== null) continue;
    const name = entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie;
    unseen.push({
      kind: 'not-seen',
      severity: SEVERITY['not-seen'],
      cookie: name,
      domain: null,
      evidence: `declared by the charter (${entry.provider}), not seen this session`,
      detail: { provider: entry.provider, category: entry.category, source: 'charter' },
    });
  }

  return beforeConsent.concat(afterRefusal, undeclared, lifetimes, inNameOrder(unseen, findingCookie));
}

/**
 * True for a cookie on the host of a portal of the platform (`isPortal`: `NAME.opendatasoft.com`,
 * or a bundled portal under a customer's domain), which only that portal can have set: a cookie's
 * domain is the host that set it or a parent of it. One on a shared parent domain
 * (`.opendatasoft.com`, `.toulouse-metropole.fr`: the company's or the city's website may set it
 * too) is not.
 */
function ofPortal(cookie: SiteCookie, isPortal: PortalTest): boolean {
  return isPortal((cookie.domain.startsWith('.') ? cookie.domain.slice(1) : cookie.domain).toLowerCase());
}

/** The cookie as a consent finding's evidence names it. */
function described(cookie: SiteCookie, match: MatchResult, embedded: boolean): string {
  return (
    (match.source === 'unknown' ? 'unknown cookie' : `${match.category} cookie (${match.provider || match.source})`) +
    (embedded ? ` of embedded content (${embeddedDomain(cookie)})` : '')
  );
}

/** A cookie set after a refusal (`set`), or set before one and still there (`kept`). */
function refusalFinding(
  cookie: SiteCookie,
  match: MatchResult,
  embedded: boolean,
  severity: Severity,
  how: 'set' | 'kept',
  refused: readonly string[],
): Finding {
  return inPartition(
    {
      kind: 'after-refusal',
      severity,
      cookie: cookie.name,
      domain: cookie.domain,
      path: cookie.path,
      detail: {
        ...detailOf(match, embedded ? embeddedDomain(cookie) : null),
        how,
        ...(refused.length > 0 ? { refused: [...refused] } : {}),
      },
      evidence: `${described(cookie, match, embedded)} ${how} after a refusal${refused.length > 0 ? `: ${refusedFlagsText(refused)}` : ''}`,
    },
    cookie,
  );
}
