/** Domain comparisons for cookie matching. Pure string work: no public-suffix list is needed here. */

/**
 * Normalises a cookie or host domain: trimmed, lowercase, without the leading dot of a
 * domain cookie (".example.org") and without a trailing root dot.
 */
export function normalizeDomain(domain: string): string {
  let normalized = domain.trim().toLowerCase();
  while (normalized.startsWith('.')) normalized = normalized.slice(1);
  while (normalized.endsWith('.')) normalized = normalized.slice(0, -1);
  return normalized;
}

/**
 * True when `cookieDomain` is `ruleDomain` or one of its subdomains. Both must be normalised.
 * Compares whole labels, so "notinstagram.com" is not under "instagram.com".
 */
export function isDomainOrSubdomain(cookieDomain: string, ruleDomain: string): boolean {
  if (cookieDomain === ruleDomain) return true;
  return (
    cookieDomain.length > ruleDomain.length &&
    cookieDomain.endsWith(ruleDomain) &&
    cookieDomain.charCodeAt(cookieDomain.length - ruleDomain.length - 1) === 0x2e // '.'
  );
}
