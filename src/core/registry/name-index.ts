/**
 * Lookup of cookie-name rules: an exact name beats a prefix, the longest prefix beats a shorter
 * one, and among rules with the same name the first accepted one (in insertion order) wins.
 *
 * Prefixes are kept in one Map keyed by the prefix, plus the distinct prefix lengths sorted
 * longest first: a lookup tries `name.slice(0, length)` for each length, which is the same
 * search as a longest-first scan but costs one Map probe per distinct length (the whole Open
 * Cookie Database has under 40) instead of one comparison per prefix.
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
  const prefixLengths = [...new Set([...prefixes.keys()].map((prefix) => prefix.length))].sort((left, right) => right - left);
  return { exact, prefixes, prefixLengths };
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
  for (const length of index.prefixLengths) {
    if (length > name.length) continue;
    const prefixCandidates = index.prefixes.get(length === name.length ? name : name.slice(0, length));
    if (prefixCandidates === undefined) continue;
    for (const value of prefixCandidates) {
      if (accepts(value, context)) return { value, rule: 'prefix' };
    }
  }
  return null;
}

/** An `accepts` for lookups that take every candidate. */
export function acceptAll(): boolean {
  return true;
}
