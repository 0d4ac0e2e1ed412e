/**
 * The first page of a report: what a page shows when it opens, without the rest. At 2,000
 * cookies the whole report is 2.4 MB of JSON (cookies 1.3 MB, findings 1 MB, timeline 0.1 MB)
 * while the popup shows 50 rows and 20 findings, and its timeline only on its own tab; carrying it all over runtime messaging on every open cost more
 * than the render. The page gets the first rows in the order it shows them, the counts it states
 * ("50 of 2,000"), and asks for the whole report when the person wants more (Show more, search,
 * a finding further down, the timeline's consent runs). Exports are built in the worker from the
 * whole report.
 */
import type { Category } from '../charter/types.ts';
import { findingCounts, type FindingCounts } from './finding-counts.ts';
import type { Report, ReportCookie } from './report.ts';

/** How much of a report to send at first. */
export type ReportFirst = {
  /** Seen cookies, in the order the list shows them (by category, as the report orders them within one). */
  cookies: number;
  /** Findings, most serious first. */
  findings: number;
  /**
   * The timeline's last events (at least one is kept when there are any: a live push names the
   * event before it, and is placed after it). The older ones count as dropped in the page's
   * `timeline.droppedEvents`, so every event keeps its position.
   */
  events: number;
};

/** What a report sent in part holds in whole: the counts the page states. */
export type ReportTotals = {
  /** Seen cookies. */
  cookies: number;
  /** Of those, cookies of unknown origin (`ReportCookie.originUnknown`): judged by no finding. */
  originUnknown: number;
  /** Findings, and per kind and severity. */
  findings: number;
  findingsByKind: FindingCounts;
  /** Whether the timeline holds the marker of the site's record dropped to make room (the page says so). */
  siteEvicted: boolean;
};

/** The charter's sections in the order the list shows them. */
export const CATEGORY_ORDER: readonly Category[] = ['necessary', 'statistics', 'third-party', 'other'];

/**
 * The report cut to its first page, with the totals; null when nothing would be left out (the
 * whole report is sent as it is). Everything else (charter, consent, unseen entries, storage) is
 * kept whole: it is small and bounded.
 */
export function firstPageOf(report: Report, first: ReportFirst): { report: Report; totals: ReportTotals } | null {
  const { events, droppedEvents } = report.timeline;
  if (report.cookies.length <= first.cookies && report.findings.length <= first.findings && events.length <= first.events) return null;
  // By category, and within one in the report's own order (present first, then by name): one
  // pass into a list per category, no sort, and no more of each list than the page can show.
  const byCategory: ReportCookie[][] = CATEGORY_ORDER.map(() => []);
  const others: ReportCookie[] = [];
  for (const cookie of report.cookies) {
    const rank = CATEGORY_ORDER.indexOf(cookie.category);
    const list = rank === -1 ? others : byCategory[rank]!;
    if (list.length < first.cookies) list.push(cookie);
  }
  const cookies: ReportCookie[] = [];
  for (const list of [...byCategory, others]) {
    for (const cookie of list) {
      if (cookies.length === first.cookies) break;
      cookies.push(cookie);
    }
  }
  const findings = report.findings.slice(0, first.findings);
  const kept = Math.min(events.length, Math.max(1, first.events));
  const timeline = { ...report.timeline, droppedEvents: droppedEvents + events.length - kept, events: events.slice(events.length - kept) };
  return {
    report: { ...report, cookies, findings, timeline },
    totals: {
      cookies: report.cookies.length,
      originUnknown: countOriginUnknown(report.cookies),
      findings: report.findings.length,
      findingsByKind: findingCounts(report.findings),
      siteEvicted: events.some((event) => event.type === 'evicted'),
    },
  };
}

/** How many of `cookies` are of unknown origin (no finding judges them). */
export function countOriginUnknown(cookies: readonly ReportCookie[]): number {
  let count = 0;
  for (const cookie of cookies) if (cookie.originUnknown) count++;
  return count;
}

/**
 * `firstPageOf` with each cut kept while its report is (report-memo.ts hands out the same cookies
 * until the report changes): opening the popup again does not sort 2,000 cookies again.
 */
export function createFirstPages(): (report: Report, first: ReportFirst) => ReturnType<typeof firstPageOf> {
  const cuts = new WeakMap<readonly unknown[], { first: string; page: ReturnType<typeof firstPageOf> }>();
  return (report, first) => {
    const key = `${first.cookies} ${first.findings} ${first.events}`;
    const cached = cuts.get(report.cookies);
    if (cached?.first === key && cached.page) {
      const { cookies, findings, timeline } = cached.page.report;
      // The same cut, with what the report says now of the time and the store.
      return { report: { ...report, cookies, findings, timeline }, totals: cached.page.totals };
    }
    if (cached?.first === key) return null;
    const page = firstPageOf(report, first);
    cuts.set(report.cookies, { first: key, page });
    return page;
  };
}
