/**
 * Match patterns for host permissions, as the manifest and `permissions.*` write them: the
 * worker checks and lists access with them, and the popup asks for access with them.
 */

/** The match pattern for every site over http and https: the optional grant that shows cookies of embedded content. */
export const ALL_SITES_PATTERN = '*://*/*';

/** The match pattern that grants access to one host over http and https: `*://data.tco.re/*`. */
export function hostPattern(host: string): string {
  return `*://${host}/*`;
}

/** The one host a pattern grants (`*://data.tco.re/*` -> `data.tco.re`), or null for a wildcard host or another shape. */
export function hostOfPattern(pattern: string): string | null {
  return /^[*a-z]+:\/\/([^*/]+)\/\*$/.exec(pattern)?.[1] ?? null;
}

/**
 * True for a site's host name as a tab's address gives it (`webHost`, core/portals.ts) and a
 * pattern may name: not empty, no wildcard, no path, port or user, and the same once an address
 * of it is parsed (lower-case allowed: the worker lower-cases it). A trailing root dot is kept
 * (`data.tco.re.` is `data.tco.re`'s portal, `portalName`). Refused: `*.opendatasoft.com`,
 * `data.tco.re/x`, markup; the browser would take some as a pattern, or refuse them in English.
 */
export function isHostName(host: string): boolean {
  const lower = host.toLowerCase();
  // The URL parser takes `*` and a name of dots alone as a host: neither names a site.
  if (lower.includes('*') || !/[^.]/.test(lower)) return false;
  try {
    return new URL(`http://${lower}`).hostname === lower;
  } catch {
    return false;
  }
}
