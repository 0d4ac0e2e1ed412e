import { isKeptRun, keptRun, runOfKeptRun, type ConsentRun, type KeptRun, type RunReport } from '../core/report/compare-runs.ts';
import type { Report } from '../core/report/report.ts';
import { SITE_RECORD_LIMIT_BYTES } from '../core/storage/record-limit.ts';
import { storedBytes } from '../core/storage/session-quota.ts';
import { consentRunItem, type FullSessionArea } from '../core/storage/session-items.ts';
import type { Translate } from '../core/ui-strings.ts';

/** The run "Record the other choice" keeps of a site, to compare the next run with (storage.session). */
export type ConsentRuns = {
  /**
   * Keeps the site's report as it stands as its run (replacing any kept before). Rejects, keeping
   * nothing and leaving any run kept before, when the run would take more than a site record may
   * (its message says so in the interface's language), or when storage refuses it.
   */
  save(host: string, storeId: string): Promise<void>;
  /** Forgets the site's kept run (a consent flow recorded afresh). */
  drop(host: string, storeId: string): Promise<void>;
  /** What the panel shows of the site's kept run; null when none. */
  get(host: string, storeId: string): Promise<ConsentRun | null>;
  /** The kept run's report, as much of it as a charter draft from both runs reads; null when none. */
  savedReport(host: string, storeId: string): Promise<RunReport | null>;
};

export type ConsentRunsOptions = {
  /** The clock. */
  now?: () => number;
  /** Bytes a kept run may take, as storage counts them (SITE_RECORD_LIMIT_BYTES, as one site record). */
  limitBytes?: number;
};

/**
 * @param area storage.session through the store (its writes count against the budget)
 * @param report the site's report now
 * @param t the interface's strings, for the one a refused run is told by
 */
export function createConsentRuns(
  area: FullSessionArea,
  report: (host: string, storeId: string) => Promise<Report>,
  t: Translate,
  { now = Date.now, limitBytes = SITE_RECORD_LIMIT_BYTES }: ConsentRunsOptions = {},
): ConsentRuns {
  // A run of another shape (an earlier version's, or what storage should not hold) is as good as
  // none: checked field by field before it is read (isKeptRun), never an error in its place.
  const kept = async (host: string, storeId: string): Promise<KeptRun | null> => {
    const run: unknown = await consentRunItem(storeId, host).get(area);
    return isKeptRun(run) ? run : null;
  };
  return {
    async save(host, storeId) {
      const item = consentRunItem(storeId, host);
      const text = item.encode(keptRun(await report(host, storeId), now()));
      // A run past one record's limit would crowd out other sites' records: refused, said plainly (the popup shows it).
      if (storedBytes(item.key, text) > limitBytes) throw new Error(t('runTooLarge'));
      await area.write({ [item.key]: text });
    },
    async drop(host, storeId) {
      const item = consentRunItem(storeId, host);
      if ((await area.read([item.key]))[item.key] !== undefined) await area.remove([item.key]);
    },
    async get(host, storeId) {
      const run = await kept(host, storeId);
      return run && runOfKeptRun(run);
    },
    savedReport: async (host, storeId) => (await kept(host, storeId))?.report ?? null,
  };
}
