/**
 * Which reading of a `Set-Cookie` pair without `=` (`BarePair`) a browser's version calls for.
 * The DevTools page (platform/devtools.ts) and the worker's webRequest (platform/web-request.ts)
 * both read it so: a value is taken for a name only in a Firefox known to name such a cookie.
 */
import type { BarePair } from './set-cookie-header.ts';

/**
 * The first Firefox known to name a cookie set without `=` by its text: measured in ESR 153
 * (`document.cookie = 'text'` gives a cookie named "text" with no value), while ESR 140, the
 * oldest our manifest accepts, keeps it nameless with the text as its value, as Chromium does
 * (test/e2e/scenarios/popup.ts). The release between them that changed it is not known to us:
 * those read as ESR 140 does, which never takes a value for a name. Firefox's source has a
 * preference turning the naming off (`network.cookie.valueless_cookie`, its
 * test_valueless_cookie_migration.js), which no extension can read (README, Limits).
 */
export const FIRST_FIREFOX_NAMING_BARE_PAIR = 153;

/**
 * How Firefox `version` (runtime.getBrowserInfo's: "153.0", "153.0b4", "154.0a1") reads a
 * Set-Cookie pair without `=`: as the cookie's name from FIRST_FIREFOX_NAMING_BARE_PAIR on, a
 * Nightly of that very release excepted (it may predate the change); otherwise, or for a version
 * that does not start with a plain number, as a nameless cookie's value.
 */
export function barePairOfFirefoxVersion(version: string): BarePair {
  const match = /^([1-9]\d{0,5})\.\d+(a?)/.exec(version);
  if (!match) return 'value';
  const major = Number(match[1]);
  const nightly = match[2] === 'a';
  return major > FIRST_FIREFOX_NAMING_BARE_PAIR || (major === FIRST_FIREFOX_NAMING_BARE_PAIR && !nightly) ? 'name' : 'value';
}

/**
 * How a browser whose runtime.getBrowserInfo gave `version` reads a pair without `=`: null, a
 * browser without getBrowserInfo (Chromium) or one whose answer had no version, as a nameless
 * cookie's value; otherwise as that Firefox does.
 */
export function barePairOfBrowserVersion(version: string | null): BarePair {
  return version === null ? 'value' : barePairOfFirefoxVersion(version);
}
