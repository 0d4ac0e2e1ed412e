import { isPortalHost } from '../core/portals.ts';
import type { GrantedSites } from '../platform/permissions.ts';
import { BUNDLED_PORTAL_HOSTS } from '../core/registry/bundled.ts';

/**
 * Which sites the worker records: every portal (bundled or on the platform's domains), and each
 * site the person granted access to, one by one or all at once (every site then counts as granted:
 * the popup, which finds access there, must find a record too). The grants are a view of browser
 * state, not recorded state: read from the browser's permissions at each wake and when they change.
 */
export type TrackedHosts = {
  /** True for a host whose cookies are recorded. */
  isTracked: (host: string) => boolean;
  /** Reads the granted hosts again. */
  refresh: () => Promise<void>;
};

export function createTrackedHosts(
  readGranted: () => Promise<GrantedSites>,
  bundledHosts: ReadonlySet<string> = BUNDLED_PORTAL_HOSTS,
): TrackedHosts {
  let granted: GrantedSites = { everySite: false, hosts: new Set<string>() };
  return {
    isTracked: (host) => granted.everySite || isPortalHost(host, bundledHosts) || granted.hosts.has(host),
    async refresh() {
      granted = await readGranted();
    },
  };
}
