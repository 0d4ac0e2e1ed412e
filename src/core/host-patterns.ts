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
