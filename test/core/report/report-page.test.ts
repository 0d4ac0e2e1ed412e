import { describe, expect, it } from 'vitest';
import { syntheticSite } from '../../../scripts/bench/browser-benches.ts';
import { buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { buildReport, type Report } from '../../../src/core/report/report.ts';
import { buildRegistry } from '../../../src/core/registry/registry.ts';
import type { ParsedCharter } from '../../../src/core/charter/types.ts';
import type { SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { createFirstPages, firstPageOf } from '../../../src/core/report/report-page.ts';
import { findingCounts } from '../../../src/core/report/finding-counts.ts';
import { FIRST_PAGE, isReportFirst } from '../../../src/core/message-contract.ts';
import { siteRegistry } from '../../../src/core/report/site-charter.ts';
import { rowsOf } from '../../../src/views/cookie-rows.ts';
import { finding } from '../../support/reports.ts';
import { declares } from '../../support/charter-entries.ts';

const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());

/** The bench's site of `count` cookies of every kind (unknown, Matomo, Google Analytics, the platform's), reported. */
function reportOf(count: number) {
  const site = syntheticSite(count);
  const names = Object.values(site.cookies).map((cookie) => cookie.name);
  return buildReport(site, siteRegistry(registry, site.host, null, names), 1_795_100_000_000);
}

describe('first page of a report', () => {
  it('sends the first rows the list shows, in its order, with the counts of the whole', () => {
    const whole = reportOf(400);
    const page = firstPageOf(whole, FIRST_PAGE)!;
    expect(page.report.cookies).toHaveLength(FIRST_PAGE.cookies);
    const firstRows = (report: typeof whole) =>
      rowsOf(report)
        .slice(0, FIRST_PAGE.cookies)
        .map((row) => row.key);
    expect(firstRows(page.report)).toEqual(firstRows(whole));
    expect(page.totals.cookies).toBe(400);
    expect(page.totals.findings).toBe(whole.findings.length);
    expect(page.totals.findingsByKind).toEqual(findingCounts(whole.findings));
    expect(page.report.findings).toEqual(whole.findings.slice(0, FIRST_PAGE.findings));
    // The timeline's last events, each at its position (the older ones count as dropped), at least the last one.
    expect(page.report.timeline.events).toEqual(whole.timeline.events.slice(-FIRST_PAGE.events));
    expect(page.report.timeline.droppedEvents + page.report.timeline.events.length).toBe(
      whole.timeline.droppedEvents + whole.timeline.events.length,
    );
    expect(firstPageOf(whole, { ...FIRST_PAGE, events: 0 })!.report.timeline.events).toEqual(whole.timeline.events.slice(-1));
    // How many of the dropped events went to keep the record within its limit stays said.
    const trimmed = { ...whole, timeline: { ...whole.timeline, droppedToFit: 600 } };
    expect(firstPageOf(trimmed, FIRST_PAGE)!.report.timeline.droppedToFit).toBe(600);
    expect(page.totals.siteEvicted).toBe(false);
    expect(page.totals.originUnknown).toBe(0);
    // A cookie of unknown origin past the first page still counts in the totals.
    const last = whole.cookies.at(-1)!;
    const shared = { ...whole, cookies: [...whole.cookies.slice(0, -1), { ...last, originUnknown: true }] };
    expect(firstPageOf(shared, FIRST_PAGE)!.totals.originUnknown).toBe(1);
    // The rest travels whole: small and bounded.
    expect(page.report.notSeen).toBe(whole.notSeen);
    expect(page.report.charter).toBe(whole.charter);
  });

  it('keeps why the visitor’s choice explains each entry not seen, as the whole report says it, in the JSON the worker keeps', () => {
    // A charter declaring a necessary cookie, Google Analytics and an embed (not bundled: this test's own).
    const host = 'data.example-metropole.fr';
    const charter: ParsedCharter = {
      portal: host,
      language: 'fr',
      entries: [declares('csrftoken', 'necessary'), declares('_ga', 'statistics'), declares('disqus_unique', 'third-party')],
    };
    const ownRegistry = buildRegistry({ [host]: charter }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
    /** The list's not-seen rows, each with why (`-`: the choice does not explain it). */
    const unseen = (report: Report) =>
      rowsOf(report)
        .filter((row) => row.status === 'not-seen')
        .map((row) => `${row.name} ${row.entry!.absentBecause ?? '-'}`);
    const choices: Array<[SiteRecord['consent'], string[]]> = [
      [{ state: 'none', changedAt: null, trackers: {} }, ['csrftoken -', '_ga before-choice', 'disqus_unique before-choice']],
      [{ state: 'refused', changedAt: 1_795_000_000_000, trackers: {} }, ['csrftoken -', '_ga refused', 'disqus_unique refused']],
    ];
    for (const [consent, expected] of choices) {
      const site = syntheticSite(400, host);
      site.consent = consent;
      const whole = buildReport(site, ownRegistry, 1_795_100_000_000);
      const page = firstPageOf(whole, FIRST_PAGE)!;
      // The popup paints the page the worker kept as JSON text (site-reports.ts, putPage), then the whole report: the rows stay as they were.
      const kept = JSON.parse(JSON.stringify(page.report)) as Report;
      expect(unseen(kept), consent.state).toEqual(expected);
      expect(unseen(kept), consent.state).toEqual(unseen(whole));
    }
  });

  it('counts each kind per severity over the whole report, past the first findings (the counts say each severity)', () => {
    const whole = reportOf(400);
    const medium = Array.from({ length: FIRST_PAGE.findings + 5 }, (_, i) =>
      finding({ kind: 'undeclared', cookie: `c${i}`, severity: 'medium' }),
    );
    const late = finding({ kind: 'undeclared', cookie: 'zz', severity: 'high' });
    const page = firstPageOf({ ...whole, findings: [...medium, late] }, FIRST_PAGE)!;
    expect(page.report.findings).toHaveLength(FIRST_PAGE.findings);
    expect(page.totals.findingsByKind).toEqual({ undeclared: { medium: FIRST_PAGE.findings + 5, high: 1 } });
  });

  it('says the site’s record was dropped to make room even when that marker is older than the events sent', () => {
    const whole = reportOf(400);
    const evicted = {
      ...whole,
      timeline: { droppedEvents: 0, events: [{ type: 'evicted' as const, at: 1, cookies: 9, events: 9 }, ...whole.timeline.events] },
    };
    const page = firstPageOf(evicted, FIRST_PAGE)!;
    expect(page.report.timeline.events.some((event) => event.type === 'evicted')).toBe(false);
    expect(page.totals.siteEvicted).toBe(true);
  });

  it('keeps each cut while its report is the same, with the time and the store of now', () => {
    const whole = reportOf(400);
    const pages = createFirstPages();
    const first = pages(whole, FIRST_PAGE)!;
    const stamped = { ...whole, generatedAt: 5, storage: { ...whole.storage, sitesDropped: 2 } };
    const again = pages(stamped, FIRST_PAGE)!;
    expect(again.report.cookies).toBe(first.report.cookies);
    expect(again.report).toEqual({ ...first.report, generatedAt: 5, storage: stamped.storage });
    expect(again.totals).toBe(first.totals);
    // Another report (rebuilt after a change), or another page size: cut again.
    const rebuilt = reportOf(400);
    expect(pages(rebuilt, FIRST_PAGE)!.report.cookies).not.toBe(first.report.cookies);
    expect(pages(whole, { ...FIRST_PAGE, cookies: 10 })!.report.cookies).toHaveLength(10);
    const small = reportOf(3);
    expect(pages(small, FIRST_PAGE)).toBeNull();
    expect(pages(small, FIRST_PAGE)).toBeNull();
  });

  it('leaves a report that fits in its first page as it is', () => {
    const whole = reportOf(6);
    expect(whole.findings.length).toBeLessThanOrEqual(FIRST_PAGE.findings);
    expect(firstPageOf(whole, FIRST_PAGE)).toBeNull();
    expect(firstPageOf(whole, { cookies: 2, findings: 100, events: 100 })?.report.cookies).toHaveLength(2);
  });

  it('accepts only whole, non-negative counts from a request', () => {
    expect(isReportFirst({ cookies: 50, findings: 20, events: 20 })).toBe(true);
    expect(isReportFirst({ cookies: 0, findings: 0, events: 0 })).toBe(true);
    for (const bad of [
      null,
      'x',
      {},
      { cookies: 50, findings: 20 },
      { cookies: -1, findings: 1, events: 1 },
      { cookies: 1.5, findings: 1, events: 1 },
      { cookies: 1, findings: '2', events: 1 },
    ])
      expect(isReportFirst(bad)).toBe(false);
  });
});
