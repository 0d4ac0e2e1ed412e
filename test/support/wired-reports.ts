import type { LiveCharters } from '../../src/background/live-charters.ts';
import { createRecorder, type Recorder } from '../../src/background/recorder.ts';
import type { SiteReportsDeps } from '../../src/background/site-reports.ts';
import type { SiteStore } from '../../src/background/site-store.ts';
import type { Registry } from '../../src/core/registry/registry.ts';

/**
 * The site reports' dependencies as the worker wires them (background/index.ts) over a store and
 * its live charters, for one portal `host` in the default cookie store ('0'), every site granted;
 * its recorder records cookies for the test.
 */
export function wiredReportsDeps(
  store: SiteStore,
  liveCharters: LiveCharters,
  registry: Registry,
  host: string,
  overrides: Partial<Omit<SiteReportsDeps, 'recorder'>> = {},
): SiteReportsDeps & { recorder: Recorder } {
  return {
    recorder: createRecorder(store, (name) => name === host),
    recordRevision: (site, storeId) => store.revision(storeId, site),
    liveCharters,
    registry: async () => registry,
    storageStatus: () => store.status(),
    hasHostAccess: async () => true,
    defaultStoreId: async () => '0',
    onCharterRead: () => undefined,
    ...overrides,
  };
}
