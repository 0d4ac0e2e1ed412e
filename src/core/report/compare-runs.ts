/**
 * Two recordings of the same site compared, one after accepting every tracker and one after
 * refusing them all: what the audit's `--consent both` writes (comparison.md) and what the
 * panels show side by side after "Record the other choice". One function for both, so they
 * cannot disagree.
 */
import { compareText } from '../compare.ts';
import type { Finding } from './findings.ts';
import type { Report, ReportCookie } from './report.ts';
import { narrowerPath } from '../cookies/cookie-record.ts';
import { isListOf, isObject, isString } from '../value-shape.ts';

/**
 * What a run needs to be compared: its cookies' names, the phase each first appeared in and
 * whether its origin is known; the cookies its report finds set or kept against a refusal; with
 * `pages`, the pages the run loaded (the audit's visits; the record's, for a run recorded in the
 * panel: SiteRecord.pages) and where each cookie first appeared.
 */
export type ComparableRun = {
  cookies: ReadonlyArray<
    Pick<ReportCookie, 'name' | 'firstPhase' | 'originUnknown'> &
      Partial<Pick<ReportCookie, 'domain' | 'thirdParty'>> & { firstPage?: string | null }
  >;
  /** The cookies of the run's `after-refusal` findings (findings.ts). */
  againstRefusal: readonly ComparedCookie[];
  /** Paths of the pages the run loaded; absent when not known. */
  pages?: readonly string[];
};

/**
 * A cookie as the comparison names it. The site's own by its name alone, as a charter names
 * cookies (`_ga` on the host and on its parent domain is one line); embedded content's (a cookie
 * with `thirdParty`: a frame's, another site's) by its name and the domain it is on, without a
 * leading dot: a video frame's `_ga` is not the site's `_ga`, and says nothing of it.
 */
export type ComparedCookie = { name: string; embeddedDomain: string | null };

/** What differs between an "accept" run and a "refuse" run, as cookies sorted by name (the site's own first), each once. */
export type RunComparison = {
  /** Cookies first set after accepting, which the refusing run never saw. */
  onlyAfterAccept: ComparedCookie[];
  /** Cookies first set after refusing, which the accepting run never saw (none expected). */
  onlyAfterRefuse: ComparedCookie[];
  /**
   * Cookies the refusing run's report finds set or kept against the refusal: its `after-refusal`
   * findings, so the comparison and the report beside it say the same (a cookie that only keeps the
   * choice, or a necessary one no refused switch speaks for, is in neither).
   */
  trackersAfterRefuse: ComparedCookie[];
  /**
   * Cookies left out of the three lists: in a run, every cookie of that name was of unknown origin
   * (on a parent domain that other sites open beside it share), so it says nothing of the choice.
   * A name one of the lists holds (the other run judged it) is there, not here.
   */
  originUnknown: ComparedCookie[];
  /**
   * Present when both runs say which pages they loaded and those differ: the pages only one run
   * loaded, and the cookies of the first two lists that first appeared on one of them (the page
   * may explain them rather than the choice).
   */
  pagesNotShared?: { onlyAccept: string[]; onlyRefuse: string[]; cookies: ComparedCookie[] };
};

const sortedOnce = (names: Iterable<string>) => [...new Set(names)].sort(compareText);

/** A cookie of a name on a domain, embedded content's or the site's own, as the comparison names it. */
const namedCookie = (name: string, domain: string, embedded: boolean): ComparedCookie => ({
  name,
  embeddedDomain: embedded ? domain.replace(/^\./, '') : null,
});

/** A run's cookie as the comparison names it: the site's own unless it says it is embedded content's (a run not saying, or kept by an earlier version). */
const comparedCookie = (cookie: ComparableRun['cookies'][number]): ComparedCookie =>
  namedCookie(cookie.name, cookie.domain ?? '', Boolean(cookie.thirdParty) && cookie.domain !== undefined);

/** A ComparedCookie as a key: two that are one cookie of the comparison have the same. */
export const comparedKey = (cookie: ComparedCookie): string => JSON.stringify([cookie.name, cookie.embeddedDomain]);

/** Cookies sorted by name, the site's own before embedded content's, then by domain; each once. */
function sortedCookiesOnce(cookies: Iterable<ComparedCookie>): ComparedCookie[] {
  const once = new Map<string, ComparedCookie>();
  for (const cookie of cookies) once.set(comparedKey(cookie), cookie);
  return [...once.values()].sort(
    (a, b) =>
      compareText(a.name, b.name) ||
      (a.embeddedDomain === null ? 0 : 1) - (b.embeddedDomain === null ? 0 : 1) ||
      compareText(a.embeddedDomain ?? '', b.embeddedDomain ?? ''),
  );
}

/** A whole report as a run to compare (with the pages it loaded, when known). */
export function comparableReport(report: Pick<Report, 'cookies' | 'findings'>, pages?: readonly string[]): ComparableRun {
  const run = { cookies: report.cookies, againstRefusal: cookiesAgainstRefusal(report.findings, report.cookies) };
  return pages ? { ...run, pages } : run;
}

export function compareRuns(accept: ComparableRun, refuse: ComparableRun): RunComparison {
  // The lists are by ComparedCookie: the site's own by name, as a charter names cookies, and
  // embedded content's apart, by name and domain. A cookie of unknown origin makes no finding in
  // a report, nor here.
  const judged = (run: ComparableRun) => run.cookies.filter((c) => !c.originUnknown);
  const keys = (cookies: ComparableRun['cookies']) => new Set(cookies.map((c) => comparedKey(comparedCookie(c))));
  const unknownOnly = (run: ComparableRun) => {
    const known = keys(judged(run));
    return run.cookies.filter((c) => c.originUnknown).filter((c) => !known.has(comparedKey(comparedCookie(c))));
  };
  const nameAndDomain = (cookie: ComparableRun['cookies'][number]) => JSON.stringify([cookie.name, cookie.domain ?? null]);
  // A cookie the other run saw at all, even of unknown origin, is not "only" in this one, nor one
  // of its name and domain that run took for the other kind (its frames and responses not all
  // seen); nor is one this run first saw before the choice, at a time not known, or on a site
  // whose choice cannot be read: the choice does not explain it.
  const only = (run: ComparableRun, other: ComparableRun) => {
    const seen = keys(other.cookies);
    const seenOn = new Set(other.cookies.map(nameAndDomain));
    const afterChoice = judged(run).filter(
      (c) => c.firstPhase !== 'before-choice' && c.firstPhase !== 'unknown' && c.firstPhase !== 'choice-unreadable',
    );
    return sortedCookiesOnce(
      afterChoice
        .filter((c) => c.domain === undefined || !seenOn.has(nameAndDomain(c)))
        .map(comparedCookie)
        .filter((c) => !seen.has(comparedKey(c))),
    );
  };
  const onlyAfterAccept = only(accept, refuse);
  const onlyAfterRefuse = only(refuse, accept);
  const trackersAfterRefuse = sortedCookiesOnce(refuse.againstRefusal);
  // Each run's unknown-only cookies are its own: the other run may have judged one into a list
  // (`_ga` shared in the accepting run, the site's own against the refusal): not "not compared" too.
  // Nor is one whose name and domain a list holds, tied the other way there (the site's own of
  // unknown origin in one run, a frame's against the refusal in the other): one cookie.
  const listed = new Set([...onlyAfterAccept, ...onlyAfterRefuse, ...trackersAfterRefuse].map(comparedKey));
  const listedOn = new Set(
    [...judged(accept), ...judged(refuse)].filter((c) => listed.has(comparedKey(comparedCookie(c)))).map(nameAndDomain),
  );
  const unknown = [...unknownOnly(accept), ...unknownOnly(refuse)]
    .filter((c) => c.domain === undefined || !listedOn.has(nameAndDomain(c)))
    .map(comparedCookie)
    .filter((c) => !listed.has(comparedKey(c)));
  const comparison: RunComparison = { onlyAfterAccept, onlyAfterRefuse, trackersAfterRefuse, originUnknown: sortedCookiesOnce(unknown) };
  const pages = pagesNotShared(accept, refuse, comparison);
  return pages ? { ...comparison, pagesNotShared: pages } : comparison;
}

/** The pages only one run loaded, and the cookies only one run saw that first appeared on them; null when the pages are not known or the same. */
function pagesNotShared(
  accept: ComparableRun,
  refuse: ComparableRun,
  comparison: RunComparison,
): NonNullable<RunComparison['pagesNotShared']> | null {
  if (!accept.pages || !refuse.pages) return null;
  const acceptPages = new Set(accept.pages);
  const refusePages = new Set(refuse.pages);
  const onlyAccept = sortedOnce(accept.pages.filter((page) => !refusePages.has(page)));
  const onlyRefuse = sortedOnce(refuse.pages.filter((page) => !acceptPages.has(page)));
  if (onlyAccept.length === 0 && onlyRefuse.length === 0) return null;
  const firstOn = (run: ComparableRun, cookies: readonly ComparedCookie[], pages: readonly string[]) => {
    const listed = new Set(cookies.map(comparedKey));
    const on = new Set(pages);
    return run.cookies
      .filter((c) => typeof c.firstPage === 'string' && on.has(c.firstPage))
      .map(comparedCookie)
      .filter((c) => listed.has(comparedKey(c)));
  };
  const cookies = sortedCookiesOnce([
    ...firstOn(accept, comparison.onlyAfterAccept, onlyAccept),
    ...firstOn(refuse, comparison.onlyAfterRefuse, onlyRefuse),
  ]);
  return { onlyAccept, onlyRefuse, cookies };
}

/** A recording kept for comparison when the other choice is recorded: what a person and `compareRuns` need of its report. */
export type ConsentRun = {
  /** When it was kept (ms since the epoch). */
  savedAt: number;
  /** The choice it was recorded with, tracker by tracker. */
  consent: Pick<Report['consent'], 'state' | 'trackers'>;
  /** Its cookies, as the report showed them. */
  cookies: Array<
    Pick<
      ReportCookie,
      | 'name'
      | 'domain'
      | 'category'
      | 'status'
      | 'firstPhase'
      | 'firstPage'
      | 'removed'
      | 'expired'
      | 'provider'
      | 'originUnknown'
      | 'thirdParty'
    > &
      RunCookieIdentity
  >;
  /** How many findings it had. */
  findings: number;
  /** The cookies of its `after-refusal` findings. */
  againstRefusal: ComparedCookie[];
  /** Paths of the pages it loaded (Report.pages); absent when not known. */
  pages?: string[];
};

/** The run a report is, kept at `now` (field by field: nothing else of the report is kept). */
export function runOfReport(report: Pick<Report, 'consent' | 'cookies' | 'findings' | 'pages'>, now: number): ConsentRun {
  return runOf(report, report.findings.length, now);
}

/**
 * The cookies a report's findings say were set or kept against a refusal, each embedded content's
 * or the site's own as the report's cookie of its name and domain is.
 */
export function cookiesAgainstRefusal(
  findings: ReadonlyArray<Pick<Finding, 'kind' | 'cookie' | 'domain'>>,
  cookies: ReadonlyArray<Pick<ReportCookie, 'name' | 'domain'> & { thirdParty?: ReportCookie['thirdParty'] }>,
): ComparedCookie[] {
  const embedded = new Set(cookies.filter((c) => c.thirdParty).map((c) => JSON.stringify([c.name, c.domain])));
  return findings
    .filter((finding) => finding.kind === 'after-refusal')
    .map((finding) => namedCookie(finding.cookie, finding.domain ?? '', embedded.has(JSON.stringify([finding.cookie, finding.domain]))));
}

function runOf(report: Pick<RunReport, 'consent' | 'cookies' | 'findings' | 'pages'>, findings: number, now: number): ConsentRun {
  return {
    savedAt: now,
    consent: { state: report.consent.state, trackers: { ...report.consent.trackers } },
    cookies: report.cookies.map(
      ({ name, domain, category, status, firstPhase, firstPage, removed, expired, provider, originUnknown, thirdParty, ...rest }) => ({
        name,
        domain,
        // Absent from a run an earlier version kept: the site's own.
        thirdParty: thirdParty ?? null,
        ...identityOf(rest),
        category,
        status,
        firstPhase,
        // Absent from a run an earlier version kept: not known.
        firstPage: firstPage ?? null,
        removed,
        // Only where it holds (absent from a run an earlier version kept): expired, though no removal was heard.
        ...(expired ? { expired: true as const } : null),
        provider,
        originUnknown,
      }),
    ),
    findings,
    againstRefusal: cookiesAgainstRefusal(report.findings, report.cookies),
    ...(report.pages ? { pages: [...report.pages] } : null),
  };
}

/**
 * What, beside its name and domain, tells a cookie from another (RFC 6265, 5.3: its path; the
 * partition the browser keeps it under), as a run keeps it: only what differs from a plain cookie
 * (a path narrower than `/`, a partition), and absent from a run an earlier version kept.
 */
export type RunCookieIdentity = Partial<Pick<ReportCookie, 'path' | 'partitionKey' | 'hasCrossSiteAncestor'>>;

/** A cookie's RunCookieIdentity, leaving out what a plain cookie has. */
function identityOf(cookie: RunCookieIdentity): RunCookieIdentity {
  const path = cookie.path === undefined ? null : narrowerPath({ path: cookie.path });
  return {
    ...(path === null ? null : { path }),
    ...(cookie.partitionKey ? { partitionKey: cookie.partitionKey } : null),
    ...(cookie.partitionKey && cookie.hasCrossSiteAncestor ? { hasCrossSiteAncestor: true } : null),
  };
}

/**
 * What a charter draft (core/draft: gather-runs.ts, charter-draft.ts) and `runOfReport` read of a
 * report's cookie: all a kept run keeps of it (never a value, which no report holds).
 */
export type RunCookie = Pick<
  ReportCookie,
  | 'name'
  | 'domain'
  | 'removed'
  | 'expired'
  | 'lifetimeSeconds'
  | 'firstPhase'
  | 'firstPage'
  | 'thirdParty'
  | 'originUnknown'
  | 'status'
  | 'provider'
  | 'service'
  | 'purpose'
  | 'purposeFr'
  | 'duration'
  | 'category'
  | 'categoryInferred'
  | 'source'
  | 'rule'
  | 'reference'
> &
  RunCookieIdentity;

/**
 * The kinds of finding a kept run keeps, alone: those a charter draft reads (a lifetime too long,
 * a declared entry not seen), and those the comparison lists (set or kept against a refusal).
 */
const KEPT_FINDINGS: ReadonlySet<Finding['kind']> = new Set(['lifetime', 'not-seen', 'after-refusal']);

/**
 * A report as a run keeps it: what a charter draft and `runOfReport` read of it, and nothing else.
 * A whole report is one (a draft from the current run takes the report itself).
 */
export type RunReport = Pick<Report, 'host' | 'generatedAt' | 'notSeen' | 'covered' | 'pages'> & {
  /** `unreadRows`: a whole report's; a kept run keeps none (the draft reads them from the current run). */
  charter: Pick<Report['charter'], 'kind' | 'language' | 'entries' | 'unreadRows'>;
  consent: Pick<Report['consent'], 'state' | 'trackers'>;
  cookies: RunCookie[];
  /** Only the kinds a draft or the comparison reads (KEPT_FINDINGS), and of each what names its cookie. */
  findings: Array<Pick<Finding, 'kind' | 'cookie' | 'domain'>>;
  /**
   * Whether the run's record lost cookies to storage, as the report's judge of entries not seen
   * reads it (absence-reason.ts `cookiesLost`): its cookies dropped to fit, and of its timeline the
   * `evicted` marker alone (a kept run holds no timeline without one). Both absent in a run an
   * earlier version kept: no loss known.
   */
  storage?: Pick<Report['storage'], 'cookiesDropped'>;
  timeline?: { events: ReadonlyArray<Pick<Report['timeline']['events'][number], 'type'>> };
};

/**
 * What "Record the other choice" keeps in storage.session: the run's report as a charter draft
 * from both runs reads it, with the pages it loaded, and how many findings it had, for what the
 * panel shows of it (`runOfKeptRun`). Its timeline (but an `evicted` marker), evidence texts and
 * the cookies' flags and times are left out: neither needs them, and they are most of a long
 * recording (2,000 cookies: 2.2 MB whole).
 */
export type KeptRun = { savedAt: number; findings: number; report: RunReport };

/** The run a report is, as kept at `now`: field by field, nothing else of the report. */
export function keptRun(report: Report, now: number): KeptRun {
  const { host, generatedAt, notSeen, covered, charter, consent } = report;
  const evicted = report.timeline.events.filter((event) => event.type === 'evicted');
  return {
    savedAt: now,
    findings: report.findings.length,
    report: {
      host,
      generatedAt,
      notSeen,
      ...(covered && covered.length > 0 ? { covered } : {}),
      charter: { kind: charter.kind, language: charter.language, entries: charter.entries },
      consent: { state: consent.state, trackers: consent.trackers },
      cookies: report.cookies.map((cookie) => ({
        name: cookie.name,
        domain: cookie.domain,
        ...identityOf(cookie),
        removed: cookie.removed,
        ...(cookie.expired ? { expired: true as const } : null),
        lifetimeSeconds: cookie.lifetimeSeconds,
        firstPhase: cookie.firstPhase,
        firstPage: cookie.firstPage,
        thirdParty: cookie.thirdParty,
        originUnknown: cookie.originUnknown,
        status: cookie.status,
        provider: cookie.provider,
        service: cookie.service,
        purpose: cookie.purpose,
        ...(cookie.purposeFr === undefined ? null : { purposeFr: cookie.purposeFr }),
        duration: cookie.duration,
        category: cookie.category,
        categoryInferred: cookie.categoryInferred,
        source: cookie.source,
        rule: cookie.rule,
        reference: cookie.reference,
      })),
      findings: report.findings
        .filter((finding) => KEPT_FINDINGS.has(finding.kind))
        .map(({ kind, cookie, domain }) => ({ kind, cookie, domain })),
      ...(report.pages ? { pages: [...report.pages] } : null),
      storage: { cookiesDropped: report.storage.cookiesDropped },
      ...(evicted.length > 0 ? { timeline: { events: evicted } } : null),
    },
  };
}

const CONSENT_STATES: ReadonlySet<unknown> = new Set(['none', 'accepted', 'refused', 'choice', 'unknown']);
const PHASES: ReadonlySet<unknown> = new Set([
  'before-choice',
  'after-accept',
  'after-refuse',
  'after-choice',
  'unknown',
  'choice-unreadable',
]);
const CATEGORIES: ReadonlySet<unknown> = new Set(['necessary', 'statistics', 'third-party', 'other']);

/** A kept run's cookie as the panel and `compareRuns` read it (the draft reads the rest as it finds it). */
const isRunCookie = (cookie: unknown) =>
  isObject(cookie) &&
  isString(cookie.name) &&
  isString(cookie.domain) &&
  (cookie.removed === null || typeof cookie.removed === 'number') &&
  PHASES.has(cookie.firstPhase) &&
  CATEGORIES.has(cookie.category) &&
  (cookie.firstPage === undefined || cookie.firstPage === null || isString(cookie.firstPage)) &&
  (cookie.path === undefined || isString(cookie.path)) &&
  (cookie.partitionKey === undefined || isString(cookie.partitionKey));

/**
 * Whether a value read from storage is a run as `keptRun` keeps it, as far as the panel,
 * `runOfKeptRun` and `compareRuns` read it: its time, its findings' count, and its report's choice
 * (a known state, a true or false per tracker), cookies, findings and pages, and what a draft reads
 * of its losses to storage. Anything else (a run an earlier version kept, or storage holding what it
 * should not) is as good as none: never an error that would keep the site's report from showing.
 */
export function isKeptRun(value: unknown): value is KeptRun {
  if (!isObject(value) || typeof value.savedAt !== 'number' || typeof value.findings !== 'number') return false;
  const { report } = value;
  if (!isObject(report)) return false;
  const { consent } = report;
  return (
    isObject(consent) &&
    CONSENT_STATES.has(consent.state) &&
    isObject(consent.trackers) &&
    Object.values(consent.trackers).every((accepted) => typeof accepted === 'boolean') &&
    isListOf(report.cookies, isRunCookie) &&
    isListOf(report.findings, (finding) => isObject(finding) && isString(finding.kind) && isString(finding.cookie)) &&
    (report.pages === undefined || isListOf(report.pages, isString)) &&
    (report.storage === undefined || (isObject(report.storage) && typeof report.storage.cookiesDropped === 'number')) &&
    (report.timeline === undefined ||
      (isObject(report.timeline) && isListOf(report.timeline.events, (event) => isObject(event) && isString(event.type))))
  );
}

/** What the panel shows of a kept run (as `runOfReport` of the report it was kept from). */
export function runOfKeptRun(kept: KeptRun): ConsentRun {
  return runOf(kept.report, kept.findings, kept.savedAt);
}

/** Two runs put in order for `compareRuns`, or why they cannot be compared. */
export type RunPair<R extends ComparableRun> =
  | { kind: 'pair'; accept: R; refuse: R; comparison: RunComparison }
  /** One run must have accepted every tracker and the other refused them all; `states` says what each did. */
  | { kind: 'not-comparable'; states: [string, string] };

/** The run that accepted every tracker and the one that refused them all, in either order; null unless one did each. */
export function acceptThenRefuse<R extends { consent: { state: string } }>(first: R, second: R): [R, R] | null {
  if (first.consent.state === 'accepted' && second.consent.state === 'refused') return [first, second];
  if (first.consent.state === 'refused' && second.consent.state === 'accepted') return [second, first];
  return null;
}

/** Which of two runs accepted and which refused, and their comparison; in either order. */
export function pairRuns<R extends ComparableRun & { consent: { state: string } }>(first: R, second: R): RunPair<R> {
  const ordered = acceptThenRefuse(first, second);
  if (!ordered) return { kind: 'not-comparable', states: [first.consent.state, second.consent.state] };
  const [accept, refuse] = ordered;
  return { kind: 'pair', accept, refuse, comparison: compareRuns(accept, refuse) };
}
