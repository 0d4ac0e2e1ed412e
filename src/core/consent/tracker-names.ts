/**
 * How trackers are named in text: the display name of each key the platform's banner writes in
 * `cookies_preferences`, and the wording of a refused flag. Apart from the consent-key index
 * (consent-trackers.ts), so the popup, which only names trackers, does not load the whole
 * known-tracker table.
 */

/**
 * Display names of the keys the platform is known to write (ods-labs/starterkit-huwise,
 * src/utils/cookieUtils.ts); a key not listed here is shown as written.
 */
export const TRACKER_NAMES: Readonly<Record<string, string>> = {
  ga: 'Google Analytics',
  matomo: 'Matomo',
  xiti: 'XiTi',
  at: 'AT Internet',
  piano: 'Piano Analytics',
  eulerian: 'Eulerian',
};

/** The display name of a tracker key: "Google Analytics" for `ga`, the key itself when unknown. */
export function trackerName(key: string): string {
  return Object.hasOwn(TRACKER_NAMES, key) ? TRACKER_NAMES[key]! : key;
}

/** How a report words a refused flag: `Google Analytics refused (ga=false)`. */
export function refusedFlagsText(keys: readonly string[]): string {
  return keys.map((key) => `${trackerName(key)} refused (${key}=false)`).join(', ');
}
