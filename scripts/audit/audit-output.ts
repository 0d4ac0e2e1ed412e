/** The audit's terminal output and its comparison of an "accept" run with a "refuse" run. */
import {
  comparableReport,
  markdownCookieName,
  markdownText,
  pairRuns,
  type AbsenceReason,
  type ComparedCookie,
  type Report,
  type ReportCookie,
  type RunComparison,
} from '../../src/core/report/index.ts';
import { trackerName } from '../../src/core/consent/index.ts';
import { terminalText } from '../../src/core/terminal-text.ts';
import { compareText } from '../../src/core/compare.ts';
import { unreadLineCount } from '../../src/core/charter/index.ts';
import { narrowerPath, partitionWords, shownCookieName } from '../../src/core/cookies/index.ts';
import { graphemeSegmenter } from '../../src/core/draft/index.ts';
import { mergeFindings } from '../census/census-report.ts';
import type { RunResult } from './run.ts';

/**
 * Cuts text to `width` characters (UTF-16 units), with an ellipsis where cut: at the end, or in the
 * middle for the Cookie column, whose end tells two cookies apart (a name's last characters, the
 * path or the domain after it: `_hjSessionUser_1234…890A`, `sid (path /ex…name2/)`). A cut falls
 * between graphemes, as a charter draft's cells are cut: a character that would be split (half an
 * emoji, shown as U+FFFD; a letter without its accent) is left out whole, unless it is the first,
 * or longer than the column: then it is cut between code points. Segmented once: linear.
 */
function fit(text: string, width: number, cut: 'end' | 'middle' = 'end'): string {
  const flat = terminalText(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat.padEnd(width);
  const graphemes = graphemeSegmenter().segment(flat);
  const highSurrogate = (at: number) => /[\uD800-\uDBFF]/.test(flat.charAt(at));
  /**
   * A grapheme holding `at` inside it is left out whole (half an emoji shows as U+FFFD; a letter
   * loses its accent); one longer than the column (a letter and 40 accents), or the first, is cut
   * at `at` instead, off a surrogate pair: left out, two such cells would read alike (`x…`).
   */
  const splitsLong = (at: number) => {
    const grapheme = graphemes.containing(at);
    return grapheme !== undefined && grapheme.index < at && (grapheme.index === 0 || grapheme.segment.length > width);
  };
  /** Where the head cut to `at` ends. */
  const headEnd = (at: number) => {
    if (splitsLong(at)) return highSurrogate(at - 1) ? at - 1 : at;
    return graphemes.containing(at)?.index ?? at;
  };
  /** Where the tail from `at` starts: after a grapheme that would be split (marks starting it would join the ellipsis). */
  const tailStart = (at: number) => {
    const grapheme = graphemes.containing(at);
    return grapheme && grapheme.index < at ? grapheme.index + grapheme.segment.length : at;
  };
  if (cut === 'end') return `${flat.slice(0, headEnd(width - 1))}…`.padEnd(width);
  const head = Math.ceil((width - 1) / 2);
  return `${flat.slice(0, headEnd(head))}…${flat.slice(tailStart(flat.length - (width - 1 - head)))}`.padEnd(width);
}

const COLUMNS = [
  { title: 'Cookie', width: 30 },
  { title: 'Provider', width: 14 },
  { title: 'Service', width: 22 },
  { title: 'Purpose', width: 32 },
  { title: 'Status', width: 10 },
  { title: 'Phase', width: 17 }, // choice-unreadable, the widest phase, whole
  { title: 'First page', width: 22 },
] as const;

/** The consent state, with each tracker's choice when the cookie gives them: `choice (Matomo: accepted, Google Analytics: refused)`. */
export function consentText(consent: Report['consent']): string {
  const trackers = Object.entries(consent.trackers).map(([key, accepted]) => `${trackerName(key)}: ${accepted ? 'accepted' : 'refused'}`);
  return trackers.length > 0 ? `${consent.state} (${trackers.join(', ')})` : consent.state;
}

/**
 * The phase whose page explains why an entry was not seen; none for a cookie the platform sets
 * only sometimes. One maybe lost to storage says so, as no phase explains it (the line under the
 * table says what was lost).
 */
const PHASE_OF_ABSENCE: Record<AbsenceReason, string> = {
  'before-choice': 'before-choice',
  'no-choice-saved': 'before-choice',
  refused: 'after-refuse',
  'multilingual-only': '',
  'cookies-dropped': 'cookies lost',
};

/**
 * The line under the table saying the site's record lost cookies to storage (as the Markdown
 * export's header does): older cookies trimmed to fit, or the record dropped to make room (its
 * `evicted` marker). An entry not seen may have been among them; empty when nothing was lost.
 */
function cookiesLostLine(report: Report): string[] {
  const dropped = report.storage.cookiesDropped;
  const evictions = report.timeline.events.filter((event) => event.type === 'evicted').length;
  const losses = [
    ...(dropped > 0
      ? [
          `${dropped === 1 ? '1 older cookie of this site was' : `${dropped} older cookies of this site were`} dropped to keep its record within 2 MB`,
        ]
      : []),
    ...(evictions > 0
      ? [`this site's earlier record was dropped to make room in storage${evictions === 1 ? '' : ` (${evictions} times)`}`]
      : []),
  ];
  if (losses.length === 0) return [];
  const marked = report.notSeen.some((entry) => entry.absentBecause === 'cookies-dropped');
  return [
    `Cookies lost: ${losses.join('; ')}${marked ? '; an entry marked "cookies lost" may have been one of them: no finding made' : ''}.`,
  ];
}

/**
 * What the Cookie column says beside a name: the domain of a cookie of embedded content (it is
 * another site's), a path narrower than the site, the site of a partition and the first party it
 * is isolated under (Firefox's first-party isolation): two cookies of one name may differ by any alone.
 */
function whereSet(cookie: ReportCookie): string {
  const path = narrowerPath(cookie);
  const partition = partitionWords(cookie);
  const facts = [
    ...(cookie.thirdParty ? [cookie.domain.replace(/^\./, '')] : []),
    ...(path === null ? [] : [`path ${path}`]),
    ...(partition === null ? [] : [partition]),
    ...(cookie.firstPartyDomain ? [`first party ${cookie.firstPartyDomain}`] : []),
  ];
  return facts.length > 0 ? ` (${facts.join(', ')})` : '';
}

/**
 * A fixed-width table of the report's cookies (seen and declared-not-seen) and the page each first
 * appeared on (for an entry not seen, the phase that explains it, when the visitor's choice does),
 * then its findings. A cookie of unknown origin is marked `*`, and a line under the table says why
 * it makes no finding; another says when the record lost cookies to storage.
 */
export function formatReport(report: Report, title: string): string {
  const rows = [
    ...report.cookies.map((c) => [
      // The mark leads, so a cut name keeps it.
      `${c.originUnknown ? '* ' : ''}${shownCookieName(c.name)}${whereSet(c)}`,
      c.provider || 'unknown',
      c.service ?? '',
      c.purpose || 'unknown',
      // An expired one is gone too, the browser not having said so yet (it deletes one lazily).
      c.removed ? 'removed' : c.expired ? 'expired' : c.status,
      c.firstPhase,
      c.firstPage ?? '',
    ]),
    // An entry the visitor's choice keeps away says so in the Phase column: not seen before the
    // choice, or after the refusal (absence-reason.ts; the popup's row says it in words).
    ...report.notSeen.map((e) => [
      // Shown as a cookie's name is: a charter's `_g\u200Ba` does not read as `_ga`.
      `${shownCookieName(e.cookie)}${e.match === 'prefix' ? '*' : ''}`,
      e.provider,
      e.service ?? '',
      e.purpose,
      'not-seen',
      e.absentBecause ? PHASE_OF_ABSENCE[e.absentBecause] : '',
      '',
    ]),
  ];
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => fit(cell, COLUMNS[i]!.width, i === 0 ? 'middle' : 'end'))
      .join('  ')
      .trimEnd();
  // The lines of a live charter not read: a cookie shown undeclared may be declared in one (the JSON export lists them).
  const unread = unreadLineCount(report.charter.unreadRows ?? []);
  const unreadNote = unread === 0 ? '' : `; ${unread} ${unread === 1 ? 'line' : 'lines'} not read, listed in the JSON export`;
  const charter =
    report.charter.kind === 'live'
      ? `live charter (${report.charter.live?.url ?? 'unknown address'}${unreadNote})`
      : `${report.charter.kind} charter`;
  const findings = report.findings.length
    ? report.findings.map((f) => terminalText(`  [${f.severity}] ${f.kind} ${shownCookieName(f.cookie)}: ${f.evidence}`))
    : ['  none'];
  return [
    terminalText(`${title}: ${report.host}, ${charter}, consent: ${consentText(report.consent)}`),
    '',
    line(COLUMNS.map((c) => c.title)),
    line(COLUMNS.map((c) => '-'.repeat(c.width))),
    ...rows.map(line),
    ...(report.cookies.some((c) => c.originUnknown)
      ? ['* Origin unknown: other sites under its domain were open too, so which one set it is not known; no finding made.']
      : []),
    ...cookiesLostLine(report),
    '',
    `Findings (${report.findings.length}):`,
    ...findings,
    '',
  ].join('\n');
}

/**
 * The separator of a list's items, and its comma in an item, written as its code as a name's
 * characters that show nothing are (core/cookies/nameless.ts), escaped as Markdown text: a cookie
 * named `x, y` is `x<U+002C> y`, never the two cookies `x` and `y`. An item then holds no `, `, and
 * the list splits back into its items; `a,b`, a comma without a space, stays as it is.
 */
const LIST_SEPARATOR = ', ';
const listItem = (markdown: string) => markdown.replaceAll(LIST_SEPARATOR, '&lt;U+002C&gt; ');

/** The comparison as Markdown (also printed). */
export function formatComparison(comparison: RunComparison): string {
  // An empty list in emphasis: a cookie named `none` is written `none`, and `*none*` escaped (`\*none\*`).
  const list = <T>(items: T[], each: (item: T) => string) =>
    items.length ? items.map((item) => listItem(each(item))).join(LIST_SEPARATOR) : '*none*';
  // Embedded content's cookie with its domain, as the popup's comparison says it: a frame's `_ga` is not the site's.
  const names = (items: ComparedCookie[]) =>
    list(items, ({ name, embeddedDomain }) =>
      embeddedDomain === null
        ? markdownCookieName(name)
        : `${markdownCookieName(name)} (embedded content: ${markdownText(embeddedDomain)})`,
    );
  const pages = (items: string[]) => list(items, markdownText);
  return [
    '# Accept and refuse compared',
    '',
    `- Cookies only after accepting: ${names(comparison.onlyAfterAccept)}`,
    `- Cookies only after refusing: ${names(comparison.onlyAfterRefuse)}`,
    `- Cookies set or kept against the refusal: ${names(comparison.trackersAfterRefuse)}`,
    ...(comparison.originUnknown.length > 0
      ? [`- Not compared, of unknown origin (other open sites share their domain): ${names(comparison.originUnknown)}`]
      : []),
    '',
    ...(comparison.pagesNotShared
      ? [
          'The runs did not load the same pages: a cookie only one run saw may come from a page rather than from the choice.',
          '',
          `- Pages only the accept run loaded: ${pages(comparison.pagesNotShared.onlyAccept)}`,
          `- Pages only the refuse run loaded: ${pages(comparison.pagesNotShared.onlyRefuse)}`,
          `- Cookies above that first appeared on one of those pages: ${names(comparison.pagesNotShared.cookies)}`,
          '',
        ]
      : []),
  ].join('\n');
}

/** Why a run's consent state keeps it from being compared. */
const STATE_REASONS: Record<string, string> = {
  none: 'no choice was recorded: no consent banner button was found, or clicking it recorded none',
  unknown: 'no choice could be read: no platform consent cookie was set, and no cookie charter was found for the site',
  choice: 'some trackers accepted and others refused',
  accepted: 'every tracker accepted',
  refused: 'every tracker refused',
};

/** The pages one run loaded and the other did not, each run's sorted, or null when they loaded the same. */
export type PagesOnlyOneLoaded = { onlyAccept: string[]; onlyRefuse: string[] } | null;

/**
 * Why two runs could not be compared, as Markdown (also printed), with the pages only one run
 * loaded: what a run saw may come from such a page, compared or not.
 */
export function formatNotComparable(states: readonly [string, string], pages: PagesOnlyOneLoaded = null): string {
  const run = (choice: string, state: string) =>
    `- The ${choice} run: ${markdownText(state)} (${STATE_REASONS[state] ?? 'not a state the audit knows'})`;
  const list = (items: string[]) => (items.length ? items.map(markdownText).join(LIST_SEPARATOR) : '*none*');
  return [
    '# Accept and refuse not compared',
    '',
    'These runs cannot be compared: one must accept every tracker and the other refuse them all, as in the panel. The consent each run recorded:',
    '',
    run('accept', states[0]),
    run('refuse', states[1]),
    '',
    ...(pages
      ? [
          'The runs did not load the same pages:',
          '',
          `- Pages only the accept run loaded: ${list(pages.onlyAccept)}`,
          `- Pages only the refuse run loaded: ${list(pages.onlyRefuse)}`,
          '',
        ]
      : []),
  ].join('\n');
}

/** The pages each run loaded (visited, not in notLoaded) that the other did not; null when the same. */
function pagesOnlyOneLoaded(accept: AuditedRun, refuse: AuditedRun): PagesOnlyOneLoaded {
  const loaded = ({ pages, notLoaded }: AuditedRun) => new Set(pages.filter((page) => !notLoaded.includes(page)));
  const [acceptLoaded, refuseLoaded] = [loaded(accept), loaded(refuse)];
  const only = (mine: Set<string>, theirs: Set<string>) => [...mine].filter((page) => !theirs.has(page)).sort(compareText);
  const onlyAccept = only(acceptLoaded, refuseLoaded);
  const onlyRefuse = only(refuseLoaded, acceptLoaded);
  return onlyAccept.length === 0 && onlyRefuse.length === 0 ? null : { onlyAccept, onlyRefuse };
}

/** What the comparison takes of an audit run: its report and the pages it visited and could not load. */
export type AuditedRun = Pick<RunResult, 'report' | 'pages' | 'notLoaded'>;

/**
 * comparison.md for the "accept" run and the "refuse" run: their comparison when one accepted
 * every tracker and the other refused them all (the panel's rule, pairRuns), else why not.
 */
export function comparisonOfRuns(accept: AuditedRun, refuse: AuditedRun): string {
  const comparable = ({ report, pages, notLoaded }: AuditedRun) => ({
    ...comparableReport(
      report,
      pages.filter((page) => !notLoaded.includes(page)),
    ),
    consent: report.consent,
  });
  const pair = pairRuns(comparable(accept), comparable(refuse));
  return pair.kind === 'pair' ? formatComparison(pair.comparison) : formatNotComparable(pair.states, pagesOnlyOneLoaded(accept, refuse));
}

/**
 * The findings of one portal's runs, counted as its census row counts them (mergeFindings): once
 * each, and a declared cookie "not seen" only when no run saw it (Matomo's, after a refusal).
 */
export function findingCount(reports: readonly Report[]): number {
  return mergeFindings(reports).length;
}

/** The consent state a run asked to make a choice should end in. */
export const STATE_OF_CHOICE = { accept: 'accepted', refuse: 'refused' } as const;

/**
 * Why a run asked to accept or refuse did not record that choice, or null. `strict` when it
 * should fail `--strict`: a button was clicked and another choice came of it (a mixed choice, a
 * banner that did not write it), or none was and the site recorded a choice of its own that
 * allows more than the one asked (one that records "accept all" on load: its trackers run as
 * accepted, and a refuse run found nothing). A page with no banner button whose own choice allows
 * no more (none, unknown, a portal refusing by default in an accept run) is said but does not
 * fail: a portal whose cookies need no consent shows none, and what is set unasked is a finding anyway.
 */
export function choiceNotMade(
  consent: 'accept' | 'refuse' | 'none',
  run: { report: Pick<Report, 'consent'>; clicked: string | null },
): { reason: string; strict: boolean } | null {
  const { state, trackers } = run.report.consent;
  if (consent === 'none' || state === STATE_OF_CHOICE[consent]) return null;
  // Only a refusal can be exceeded: all accepted, or a mixed choice with a tracker accepted.
  // A mixed choice of the platform's shape has a tracker accepted, kept or past the flags kept.
  const trackersKept = Object.keys(trackers).length > 0;
  const allowsMore = consent === 'refuse' && (state === 'accepted' || (state === 'choice' && trackersKept));
  if (run.clicked === null && allowsMore) {
    return {
      reason: `the ${consent} run found no consent banner button, yet the site recorded consent "${state}", not "${STATE_OF_CHOICE[consent]}": a choice the visitor never made; its findings say nothing of the refusal`,
      strict: true,
    };
  }
  if (run.clicked === null && state !== 'none' && state !== 'unknown') {
    return {
      reason: `the ${consent} run found no consent banner button; the site recorded consent "${state}" of its own, not "${STATE_OF_CHOICE[consent]}", ${state === 'choice' && !trackersKept ? 'whose trackers cannot be read' : `accepting no tracker the ${consent} run would not`}: nothing was ${consent === 'accept' ? 'accepted' : 'refused'}`,
      strict: false,
    };
  }
  if (run.clicked === null) {
    return {
      reason: `the ${consent} run found no consent banner button (consent "${state}"): nothing was ${consent === 'accept' ? 'accepted' : 'refused'}; a portal whose cookies need no consent shows no banner`,
      strict: false,
    };
  }
  return {
    reason: `the ${consent} run clicked "${run.clicked}" but recorded consent "${state}", not "${STATE_OF_CHOICE[consent]}": its findings say nothing of that choice`,
    strict: true,
  };
}

/** 1 when `--strict` and the runs have a finding (findingCount) or a run recorded another choice than the one asked (choiceNotMade's strict); 0 otherwise. */
export function exitCode(reports: readonly Report[], strict: boolean, choicesNotMade = 0): 0 | 1 {
  return strict && (findingCount(reports) > 0 || choicesNotMade > 0) ? 1 : 0;
}
