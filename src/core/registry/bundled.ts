/**
 * The registry the extension ships: the bundled charters (generated from charters/ by
 * scripts/build-registry.ts), the known trackers and the Open Cookie Database.
 */
import type { ParsedCharter } from '../charter/types.ts';
import generated from './bundled-charters.generated.json';
import type { OpenCookieDatabaseRow } from './open-cookie-database-document.ts';
import { buildRegistry, type Registry } from './registry.ts';

/** Bundled charters keyed by portal host. */
export const BUNDLED_CHARTERS: Readonly<Record<string, ParsedCharter>> = generated.charters as Record<string, ParsedCharter>;

/** Hosts of the portals whose charters are bundled. */
export const BUNDLED_PORTAL_HOSTS: ReadonlySet<string> = new Set(Object.keys(BUNDLED_CHARTERS));

/** The shipped registry over the given Open Cookie Database rows. */
export function buildBundledRegistry(openCookieDatabase: readonly OpenCookieDatabaseRow[]): Registry {
  return buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase });
}
