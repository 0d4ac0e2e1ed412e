import { describe, expect, it } from 'vitest';
import { syntheticSite } from '../../../scripts/bench/browser-benches.ts';
import { buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { firstPageOf, isReportFirst, FIRST_PAGE } from '../../../src/core/report/report-page.ts';
import { siteRegistry } from '../../../src/core/report/site-charter.ts';
import { rowsOf } from '../../../src/views/cookie-rows.ts';

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
    const byKind: Record<string, number> = {};
    for (const finding of whole.findings) byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
    expect(page.totals.findingsByKind).toEqual(byKind);
    // The first findings, then the first of each kind (the counts' colours), in the report's order.
    expect(page.report.findings.slice(0, FIRST_PAGE.findings)).toEqual(whole.findings.slice(0, FIRST_PAGE.findings));
    const kinds = new Set(page.report.findings.map((f) => f.kind));
    expect(kinds).toEqual(new Set(Object.keys(byKind)));
    for (const kind of kinds)
      expect(page.report.findings.find((f) => f.kind === kind)).toEqual(whole.findings.find((f) => f.kind === kind));
    // The rest travels whole: small, bounded, and the live timeline builds on it.
    expect(page.report.timeline).toBe(whole.timeline);
    expect(page.report.notSeen).toBe(whole.notSeen);
    expect(page.report.charter).toBe(whole.charter);
  });

  it('leaves a report that fits in its first page as it is', () => {
    const whole = reportOf(6);
    expect(whole.findings.length).toBeLessThanOrEqual(FIRST_PAGE.findings);
    expect(firstPageOf(whole, FIRST_PAGE)).toBeNull();
    expect(firstPageOf(whole, { cookies: 2, findings: 100 })?.report.cookies).toHaveLength(2);
  });

  it('accepts only whole, non-negative counts from a request', () => {
    expect(isReportFirst({ cookies: 50, findings: 20 })).toBe(true);
    expect(isReportFirst({ cookies: 0, findings: 0 })).toBe(true);
    for (const bad of [null, 'x', {}, { cookies: -1, findings: 1 }, { cookies: 1.5, findings: 1 }, { cookies: 1, findings: '2' }])
      expect(isReportFirst(bad)).toBe(false);
  });
});
