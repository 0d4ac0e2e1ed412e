/**
 * The first page of a report: what a page shows when it opens, without the rest. At 2,000
 * cookies the whole report is 2.4 MB of JSON (cookies 1.3 MB, findings 1 MB) while the popup
 * shows 50 rows and 20 findings; carrying it all over runtime messaging on every open cost more
 * than the render. The page gets the first rows in the order it shows them, the counts it states
 * ("50 of 2,000"), and asks for the whole report when the person wants more (Show more, search,
 * a finding further down, the timeline's consent runs). Exports are built in the worker from the
 * whole report.
 */
import type { Category } from '../charter/types.ts';
import type { FindingKind } from './findings.ts';
import type { Report } from './report.ts';

/** How much of a report to send at first. */
export type ReportFirst = {
  /** Seen cookies, in the order the list shows them (by category, as the report orders them within one). */
  cookies: number;
  /** Findings, most serious first (plus the first of each kind, which the counts' colours come from). */
  findings: number;
};

/** What the page shows at first: the list's first page of rows, the findings listed before "Show more". */
export const FIRST_PAGE: ReportFirst = { cookies: 50, findings: 20 };

/** What a report sent in part holds in whole: the counts the page states. */
export type ReportTotals = {
  /** Seen cookies. */
  cookies: number;
  /** Findings, and per kind. */
  findings: number;
  findingsByKind: Partial<Record<FindingKind, number>>;
};

/** The charter's sections in the order the list shows them. */
export const CATEGORY_ORDER: readonly Category[] = ['necessary', 'statistics', 'third-party', 'other'];

/** True for a valid `first` of a request (whole numbers, not negative). */
export function isReportFirst(value: unknown): value is ReportFirst {
  if (typeof value !== 'object' || value === null) return false;
  const { cookies, findings } = value as Partial<Record<string, unknown>>;
  const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return count(cookies) && count(findings);
}

/**
 * The report cut to its first page, with the totals; null when nothing would be left out (the
 * whole report is sent as it is). Everything else (charter, consent, unseen entries, timeline,
 * storage) is kept whole: it is small, bounded, and the live timeline builds on it.
 */
export function firstPageOf(report: Report, first: ReportFirst): { report: Report; totals: ReportTotals } | null {
  if (report.cookies.length <= first.cookies && report.findings.length <= first.findings) return null;
  const rank = new Map(CATEGORY_ORDER.map((category, index) => [category, index]));
  // Stable: within a category, the report's own order (present first, then by name).
  const cookies = report.cookies
    .map((cookie, index) => ({ cookie, index, rank: rank.get(cookie.category) ?? CATEGORY_ORDER.length }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, first.cookies)
    .map(({ cookie }) => cookie);
  const findingsByKind: Partial<Record<FindingKind, number>> = {};
  const findings = report.findings.filter((finding, index) => {
    const seen = findingsByKind[finding.kind];
    findingsByKind[finding.kind] = (seen ?? 0) + 1;
    return index < first.findings || seen === undefined;
  });
  return {
    report: { ...report, cookies, findings },
    totals: { cookies: report.cookies.length, findings: report.findings.length, findingsByKind },
  };
}
