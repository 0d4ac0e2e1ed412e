/**
 * The worker's report of one portal in one cookie store, as the scenarios that open the same
 * portal in two stores read it (containers.ts, private-window.ts, incognito.ts).
 */
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { request } from '../../../scripts/browsers/extension-api.ts';
import { poll } from '../../../scripts/browsers/toolbar-action.ts';
import type { Report } from '../../../src/core/report/index.ts';

/** Reads of `host`'s report in a given cookie store, through an extension page (`api`). */
export function storeReportsOf(host: string) {
  /** The report of `host` in cookie store `storeId`. */
  async function storeReport(api: PageUnderTest, storeId: string): Promise<Report> {
    const view = await request(api, 'getReport', { host, storeId });
    if (view.kind !== 'report') throw new Error(`The extension has no access to ${host}`);
    return view.report;
  }
  /** Polls the report of `host` in `storeId` until `condition` holds (the worker's own answer), bounded in time. */
  function waitForStoreReport(api: PageUnderTest, storeId: string, condition: (report: Report) => boolean): Promise<Report> {
    return poll(`the report of ${host} in store ${storeId} never met its condition`, 15_000, async () => {
      const report = await storeReport(api, storeId);
      return condition(report) ? report : undefined;
    });
  }
  return { storeReport, waitForStoreReport };
}

/** The cookie names a report's timeline has events of: a record started afresh has none of the old one's. */
export const namesInTimeline = (report: Report) => report.timeline.events.flatMap((event) => ('name' in event ? [event.name] : []));
