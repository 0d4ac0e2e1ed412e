/**
 * Lookup of cookie-name rules: an exact name beats a prefix, the longest prefix beats a shorter
 * one, and among rules with the same name the first accepted one (in insertion order) wins.
 *
 * Prefixes are kept in one Map keyed by the prefix, plus, for each first two characters, the
 * distinct lengths of the prefixes that start with them, longest first: a lookup tries
 * `name.slice(0, length)` for each length its own first two characters have, which is the same
 * search as a longest-first scan but costs a few Map probes (the whole Open Cookie Database has
 * 39 distinct lengths, 31 of them among names starting with `_`, at most 8 under any two
 * characters) instead of one comparison per prefix. A report of 2,000 cookies makes 6,000
 * lookups, most of them of names no rule knows, on a worker that has just woken.
 */

/** How a rule's name is compared with a cookie name. */
export type NameRule = 'exact' | 'prefix';

/** One rule to index. */
export type NamedRule<Value> = {
  /** Cookie name for 'exact'; fixed leading part for 'prefix'. */
  name: string;
  /** How `name` is compared. */
  match: NameRule;
  /** What the lookup returns for this rule. */
  value: Value;
};

/** Rules indexed for lookup by cookie name. Build with `buildNameIndex`. */
export type NameIndex<Value> = {
  /** Rules by exact name, each list in insertion order. */
  readonly exact: ReadonlyMap<string, readonly Value[]>;
  /** Rules by prefix, each list in insertion order. */
  readonly prefixes: ReadonlyMap<string, readonly Value[]>;
  /** Distinct prefix lengths, longest first. */
  readonly prefixLengths: readonly number[];
  /** Distinct lengths (2 or more) of the prefixes starting with each first two characters, longest first. */
  readonly prefixLengthsByStart: ReadonlyMap<string, readonly number[]>;
};

/** A rule a lookup settled on. */
export type NameMatch<Value> = {
  /** The matching rule's value. */
  value: Value;
  /** Whether it matched as an exact name or as a prefix. */
  rule: NameRule;
};

/** Indexes rules. Rules with an empty name are dropped: an empty prefix would match every cookie. */
export function buildNameIndex<Value>(rules: Iterable<NamedRule<Value>>): NameIndex<Value> {
  const exact = new Map<string, Value[]>();
  const prefixes = new Map<string, Value[]>();
  for (const rule of rules) {
    if (rule.name === '') continue;
    const table = rule.match === 'exact' ? exact : prefixes;
    const existing = table.get(rule.name);
    if (existing === undefined) table.set(rule.name, [rule.value]);
    else existing.push(rule.value);
  }
  // Longest first once; each start's list then gets each length once, already in order.
  const longestPrefixesFirst = [...prefixes.keys()].sort((left, right) => right.length - left.length);
  const prefixLengths: number[] = [];
  const prefixLengthsByStart = new Map<string, number[]>();
  for (const prefix of longestPrefixesFirst) {
    if (prefixLengths.at(-1) !== prefix.length) prefixLengths.push(prefix.length);
    if (prefix.length < 2) continue;
    const start = prefix.slice(0, 2);
    const lengths = prefixLengthsByStart.get(start);
    if (lengths === undefined) prefixLengthsByStart.set(start, [prefix.length]);
    else if (lengths.at(-1) !== prefix.length) lengths.push(prefix.length);
  }
  return { exact, prefixes, prefixLengths, prefixLengthsByStart };
}

/**
 * Finds the rule for `name`: exact names first, then prefixes longest first. `accepts` can turn
 * a candidate down (a domain that does not fit, say); the search then goes on to the next
 * candidate, so a rejected exact name still lets a prefix match. `context` is passed through to
 * `accepts` so callers need not allocate a closure per lookup.
 */
export function lookupName<Value, Context>(
  index: NameIndex<Value>,
  name: string,
  accepts: (value: Value, context: Context) => boolean,
  context: Context,
): NameMatch<Value> | null {
  const exactCandidates = index.exact.get(name);
  if (exactCandidates !== undefined) {
    for (const value of exactCandidates) {
      if (accepts(value, context)) return { value, rule: 'exact' };
    }
  }
  if (index.prefixes.size === 0 || name === '') return null;
  const lengths = name.length < 2 ? undefined : index.prefixLengthsByStart.get(name.slice(0, 2));
  if (lengths !== undefined) {
    for (const length of lengths) {
      if (length > name.length) continue;
      const found = acceptedIn(index.prefixes.get(length === name.length ? name : name.slice(0, length)), accepts, context);
      if (found !== null) return found;
    }
  }
  // A one-character prefix is the shortest there is: tried last.
  return acceptedIn(index.prefixes.get(name.length === 1 ? name : name.slice(0, 1)), accepts, context);
}

function acceptedIn<Value, Context>(
  candidates: readonly Value[] | undefined,
  accepts: (value: Value, context: Context) => boolean,
  context: Context,
): NameMatch<Value> | null {
  if (candidates === undefined) return null;
  for (const value of candidates) {
    if (accepts(value, context)) return { value, rule: 'prefix' };
  }
  return null;
}

/** An `accepts` for lookups that take every candidate. */
export function acceptAll(): boolean {
  return true;
}
