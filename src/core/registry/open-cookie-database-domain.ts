/** The Open Cookie Database's Domain column, read into the domains a row is bound to. */

// Zero-width characters occur in upstream cells (".commander1.com" ends in U+200B).
const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]/g;
const PARENTHESISED = /\([^)]*\)/g;
const DOMAIN_SHAPE = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/**
 * Reads a Domain cell into the registrable domains it names, lowercase, without leading or
 * trailing dots. Upstream cells hold notes and alternatives: "cookiebot.com (3rd party)",
 * ".bing.com (3rd party) or .microsoft.com (3rd party)", " or 207.net (3rd party)", and templated
 * labels ("ads-[account].adhese.com" -> "adhese.com"). Returns [] for an empty cell, and also for
 * a non-empty cell it cannot read (the caller decides what that means).
 */
export function parseDomainCell(cell: string): string[] {
  const cleaned = cell.replace(INVISIBLE_CHARACTERS, '').replace(PARENTHESISED, ' ').toLowerCase();
  const domains: string[] = [];
  // Alternatives are separated by "or", commas or blanks; none of these occur inside a domain.
  for (const word of cleaned.split(/[\s,;]+/)) {
    if (word === 'or') continue;
    let domain = word.replace(/^\.+/, '').replace(/\.+$/, '');
    // A templated label stands for any label: keep the labels after it, which every such host shares.
    const lastTemplated = domain.lastIndexOf(']');
    if (lastTemplated !== -1) domain = domain.slice(domain.indexOf('.', lastTemplated) + 1);
    if (domain !== '' && DOMAIN_SHAPE.test(domain) && !domains.includes(domain)) {
      domains.push(domain);
    }
  }
  return domains;
}
