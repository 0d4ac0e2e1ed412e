/**
 * The Open Cookie Database's Domain column, read into the domains a row is bound to. The cell
 * comes from outside: the reading is linear in it (loops where an anchored `\.+$` or an
 * unclosed `\([^)]*\)` would make the regex engine retry from every position), and bounded.
 */

/**
 * Longest Domain cell read, in characters. The longest upstream cell has 51 (".bing.com (3rd
 * party) or .microsoft.com (3rd party)"); a longer one is not a list of a row's domains. Bounded,
 * the reading stays cheap on any cell: a cell of 250,000 distinct domains (2 MB) took 77 ms,
 * mostly in the set that drops repeats outgrowing the processor's caches. README, "Limits".
 */
export const MAX_DOMAIN_CELL_LENGTH = 1_000;

// Zero-width characters occur in upstream cells (".commander1.com" ends in U+200B).
const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]/g;
const DOMAIN_SHAPE = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/** What a Domain cell says of the domains a row's cookie is set on. */
export type DomainCell = {
  /** The registrable domains the cell names, lowercase, without leading or trailing dots. */
  domains: string[];
  /** True when the cell allows any domain: it is empty, or one of its alternatives is. */
  anyDomain: boolean;
};

/**
 * Reads a Domain cell. Upstream cells hold notes and alternatives: "cookiebot.com (3rd party)",
 * ".bing.com (3rd party) or .microsoft.com (3rd party)" (those two only), and templated labels
 * ("ads-[account].adhese.com" -> "adhese.com"). An "or" with nothing on one side
 * ("google-analytics.com (3rd party) or " for ga.js's __utmv, " or 207.net (3rd party)" for
 * Adobe's s_vi) leaves the site's own domain as the other alternative: any domain. A non-empty
 * cell it cannot read, or longer than MAX_DOMAIN_CELL_LENGTH, names no domain and allows none
 * (the caller decides what that means).
 */
export function parseDomainCell(cell: string): DomainCell {
  if (cell.length > MAX_DOMAIN_CELL_LENGTH) return { domains: [], anyDomain: false };
  const visible = cell.replace(INVISIBLE_CHARACTERS, '');
  if (visible.trim() === '') return { domains: [], anyDomain: true };
  const words = blankParenthesised(visible)
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter((word) => word !== '');
  const domains: string[] = [];
  const seen = new Set<string>();
  let anyDomain = false;
  // Alternatives are separated by "or", commas or blanks; none of these occur inside a domain.
  for (const [index, word] of words.entries()) {
    if (word === 'or') {
      // An "or" first, last or doubled has an empty alternative beside it.
      anyDomain ||= index === 0 || index === words.length - 1 || words[index + 1] === 'or';
      continue;
    }
    let domain = trimDots(word);
    // A templated label stands for any label: keep the labels after it, which every such host shares.
    const lastTemplated = domain.lastIndexOf(']');
    if (lastTemplated !== -1) domain = domain.slice(domain.indexOf('.', lastTemplated) + 1);
    if (domain !== '' && !seen.has(domain) && DOMAIN_SHAPE.test(domain)) {
      seen.add(domain);
      domains.push(domain);
    }
  }
  return { domains, anyDomain };
}

/** Drops leading and trailing dots; a loop, because `/\.+$/` is quadratic on a run of dots that does not end the text. */
function trimDots(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x2e) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x2e) end--;
  return text.slice(start, end);
}

/**
 * Each "(…)" replaced by a space, as `replace(/\([^)]*\)/g, ' ')` did: from each "(" to the first
 * ")" after it. Once a "(" has no ")" after it, no later one has either: the rest is kept as it
 * is, where the regex would have scanned to the end from every "(" (quadratic).
 */
function blankParenthesised(text: string): string {
  let result = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('(', from);
    if (open === -1) break;
    const close = text.indexOf(')', open + 1);
    if (close === -1) break;
    result += `${text.slice(from, open)} `;
    from = close + 1;
  }
  return from === 0 ? text : result + text.slice(from);
}
