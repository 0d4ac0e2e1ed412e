import { keptRun, runOfReport, type ConsentRun } from '../core/report/compare-runs.ts';
import type { Report } from '../core/report/report.ts';
import { consentRunItem, type FullSessionArea } from '../core/storage/session-items.ts';

/** The run "Record the other choice" keeps of a site, to compare the next run with (storage.session). */
export type ConsentRuns = {
  /** Keeps the site's report as it stands as its run (replacing any kept before). */
  save(host: string, storeId: string): Promise<void>;
  /** Forgets the site's kept run (a consent flow recorded afresh). */
  drop(host: string, storeId: string): Promise<void>;
  /** What the panel shows of the site's kept run; null when none. */
  get(host: string, storeId: string): Promise<ConsentRun | null>;
  /** The kept run's report, for a charter draft from both runs; null when none. */
  savedReport(host: string, storeId: string): Promise<Report | null>;
};

/**
 * @param area storage.session through the store (its writes count against the budget)
 * @param report the site's report now
 */
export function createConsentRuns(
  area: FullSessionArea,
  report: (host: string, storeId: string) => Promise<Report>,
  now: () => number = Date.now,
): ConsentRuns {
  // A run an earlier version kept holds no report: as good as none (storage.session does not outlive an update anyway).
  const kept = async (host: string, storeId: string) => {
    const run = await consentRunItem(storeId, host).get(area);
    return run?.report ? run : null;
  };
  return {
    async save(host, storeId) {
      await consentRunItem(storeId, host).set(area, keptRun(await report(host, storeId), now()));
    },
    async drop(host, storeId) {
      const item = consentRunItem(storeId, host);
      if ((await area.read([item.key]))[item.key] !== undefined) await area.remove([item.key]);
    },
    async get(host, storeId) {
      const run = await kept(host, storeId);
      return run && runOfReport(run.report, run.savedAt);
    },
    savedReport: async (host, storeId) => (await kept(host, storeId))?.report ?? null,
  };
}
