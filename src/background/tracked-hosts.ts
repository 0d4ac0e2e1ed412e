import { isPortalHost } from '../core/portals.ts';
import { BUNDLED_PORTAL_HOSTS } from '../core/registry/bundled.ts';

/**
 * Which sites the worker records: every portal (bundled or on the platform's domains), and each
 * site the person granted access to. The granted hosts are a view of browser state, not
 * recorded state: read from the browser's permissions at each wake and when they change.
 */
export type TrackedHosts = {
  /** True for a host whose cookies are recorded. */
  isTracked: (host: string) => boolean;
  /** Reads the granted hosts again. */
  refresh: () => Promise<void>;
};

export function createTrackedHosts(
  readGranted: () => Promise<ReadonlySet<string>>,
  bundledHosts: ReadonlySet<string> = BUNDLED_PORTAL_HOSTS,
): TrackedHosts {
  let granted: ReadonlySet<string> = new Set<string>();
  return {
    isTracked: (host) => isPortalHost(host, bundledHosts) || granted.has(host),
    async refresh() {
      granted = await readGranted();
    },
  };
}
