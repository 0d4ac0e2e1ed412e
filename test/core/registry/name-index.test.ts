import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptAll,
  buildNameIndex,
  lookupName,
  type NameIndex,
  type NameMatch,
  type NamedRule,
} from '../../../src/core/registry/name-index.ts';
import { buildRegistry } from '../../../src/core/registry/registry.ts';
import { BUNDLED_CHARTERS } from '../../../src/core/registry/bundled.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';

const rule = (name: string, match: 'exact' | 'prefix', value: string): NamedRule<string> => ({ name, match, value });

/** The rule a plain scan of an index's own lists finds: its exact names, then every prefix of the name, longest first. */
function plainScan<Value, Context>(
  index: NameIndex<Value>,
  name: string,
  accepts: (value: Value, context: Context) => boolean,
  context: Context,
): NameMatch<Value> | null {
  for (const value of index.exact.get(name) ?? []) if (accepts(value, context)) return { value, rule: 'exact' };
  const prefixes = [...index.prefixes.keys()].filter((prefix) => name.startsWith(prefix)).sort((left, right) => right.length - left.length);
  for (const prefix of prefixes) {
    for (const value of index.prefixes.get(prefix) ?? []) if (accepts(value, context)) return { value, rule: 'prefix' };
  }
  return null;
}

describe('name index', () => {
  const index = buildNameIndex([
    rule('_gat', 'prefix', 'gat-prefix'),
    rule('_gat_gtag_', 'prefix', 'gat-gtag-prefix'),
    rule('_gat', 'exact', 'gat-exact'),
    rule('CT', 'prefix', 'ct-prefix'),
    rule('CTK', 'exact', 'ctk-exact'),
    rule('token', 'exact', 'token-first'),
    rule('token', 'exact', 'token-second'),
  ]);

  it('prefers an exact name over any prefix', () => {
    expect(lookupName(index, '_gat', acceptAll, null)).toEqual({ value: 'gat-exact', rule: 'exact' });
    expect(lookupName(index, 'CTK', acceptAll, null)).toEqual({ value: 'ctk-exact', rule: 'exact' });
  });

  it('prefers the longest prefix', () => {
    expect(lookupName(index, '_gat_gtag_UA_1', acceptAll, null)).toEqual({ value: 'gat-gtag-prefix', rule: 'prefix' });
    expect(lookupName(index, '_gat_x', acceptAll, null)).toEqual({ value: 'gat-prefix', rule: 'prefix' });
    expect(lookupName(index, 'CTX', acceptAll, null)).toEqual({ value: 'ct-prefix', rule: 'prefix' });
  });

  it('lets a prefix match a name equal to it', () => {
    expect(lookupName(index, '_gat_gtag_', acceptAll, null)).toEqual({ value: 'gat-gtag-prefix', rule: 'prefix' });
  });

  it('returns the first of duplicate rules', () => {
    expect(lookupName(index, 'token', acceptAll, null)?.value).toBe('token-first');
  });

  it('moves on to the next candidate when one is turned down', () => {
    const notFirst = (value: string, refused: string) => value !== refused;
    expect(lookupName(index, 'token', notFirst, 'token-first')?.value).toBe('token-second');
    // A refused exact name falls back to the prefixes, longest first.
    expect(lookupName(index, '_gat', notFirst, 'gat-exact')).toEqual({ value: 'gat-prefix', rule: 'prefix' });
    expect(lookupName(index, '_gat_gtag_1', notFirst, 'gat-gtag-prefix')).toEqual({ value: 'gat-prefix', rule: 'prefix' });
  });

  it('returns null when nothing matches, is case-sensitive, and ignores empty names', () => {
    const withEmpty = buildNameIndex([rule('', 'prefix', 'everything'), rule('', 'exact', 'nothing')]);
    expect(lookupName(withEmpty, 'anything', acceptAll, null)).toBeNull();
    expect(lookupName(index, 'ct', acceptAll, null)).toBeNull();
    expect(lookupName(index, '', acceptAll, null)).toBeNull();
  });

  it('finds the same rule as a plain longest-first scan, for any rules, name and rules turned down', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', '_', '\u{1F36A}'), maxLength: 6 });
    const rules = fc.array(fc.record({ name, match: fc.constantFrom('exact' as const, 'prefix' as const) }), { maxLength: 12 });
    fc.assert(
      fc.property(rules, name, fc.nat(3), (generated, cookie, refusedEvery) => {
        const withValues = generated.map((entry, position) => ({ ...entry, value: position }));
        // Turns down every `refusedEvery`-th rule (none for 0), as a domain that does not fit would.
        const accepts = (value: number, every: number) => every === 0 || value % (every + 1) !== 0;
        const viaIndex = lookupName(buildNameIndex(withValues), cookie, accepts, refusedEvery);
        const candidates = withValues.filter((entry) => entry.name !== '' && accepts(entry.value, refusedEvery));
        const exact = candidates.find((entry) => entry.match === 'exact' && entry.name === cookie);
        const longestPrefix = candidates
          .filter((entry) => entry.match === 'prefix' && cookie.startsWith(entry.name))
          .sort((left, right) => right.name.length - left.name.length || left.value - right.value)[0];
        const expected = exact ?? longestPrefix;
        expect(viaIndex).toEqual(expected === undefined ? null : { value: expected.value, rule: expected.match });
      }),
    );
  });

  it('finds the same rule as a plain scan for many rules sharing long beginnings, split code units included', () => {
    // Few code units and long names: prefixes branch inside one another's edges, at any depth.
    const name = fc.string({ unit: fc.constantFrom('a', 'x', '_', '\uD83C', '\uDF6A'), maxLength: 14 });
    const rules = fc.array(fc.record({ name, match: fc.constantFrom('exact' as const, 'prefix' as const) }), { maxLength: 40 });
    fc.assert(
      fc.property(rules, fc.array(name, { maxLength: 10 }), fc.nat(3), (generated, cookies, refusedEvery) => {
        const index = buildNameIndex(generated.map((entry, position) => ({ ...entry, value: position })));
        const accepts = (value: number, every: number) => every === 0 || value % (every + 1) !== 0;
        for (const cookie of [...cookies, ...generated.map((entry) => entry.name)]) {
          expect(lookupName(index, cookie, accepts, refusedEvery)).toEqual(plainScan(index, cookie, accepts, refusedEvery));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds the same rule as a plain scan in every real index, for every name they hold and names around them', () => {
    const registry = buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
    const indexes: Array<NameIndex<unknown>> = [
      registry.openCookieDatabase,
      registry.knownTrackers,
      registry.platformDefault.entries,
      ...[...registry.bundledCharters.values()].map((charter) => charter.entries),
    ];
    expect(registry.bundledCharters.size).toBeGreaterThanOrEqual(5);
    for (const index of indexes) {
      // Turns down the first rule of each name, so every lookup also goes on to the next candidate.
      const firsts = new Set([...index.exact.values(), ...index.prefixes.values()].map((values) => values[0]));
      const notFirst = (value: unknown, refused: ReadonlySet<unknown>) => !refused.has(value);
      for (const known of [...index.exact.keys(), ...index.prefixes.keys()]) {
        for (const cookie of [known, `${known}x`, `${known}_1.2`, known.slice(0, -1), known.slice(1), known.toUpperCase()]) {
          expect(lookupName(index, cookie, acceptAll, null)).toEqual(plainScan(index, cookie, acceptAll, null));
          expect(lookupName(index, cookie, notFirst, firsts)).toEqual(plainScan(index, cookie, notFirst, firsts));
        }
      }
    }
  });

  it('looks up 2 kB names among 1,899 prefixes `ax`, `axx`, … (one slice and hash per length before the tree)', () => {
    const index = buildNameIndex(Array.from({ length: 1_899 }, (_, k) => rule(`a${'x'.repeat(k + 1)}`, 'prefix', `ax${k}`)));
    // Letters `a` to `w`, varied: each name a string of its own, and no `x` to follow `ax` with.
    const letters = (seed: number, length: number) =>
      Array.from({ length }, (_, at) => String.fromCharCode(97 + ((seed * 31 + at * 7) % 23))).join('');
    for (let seed = 0; seed < 150; seed++) {
      expect(lookupName(index, `ax${letters(seed, 1_998)}`, acceptAll, null)?.value).toBe('ax0');
      expect(lookupName(index, `a${'x'.repeat(1_000)}y${letters(seed, 999)}`, acceptAll, null)?.value).toBe('ax999');
    }
    const onlyTheLongest = (value: string) => value !== 'ax1898';
    expect(lookupName(index, `a${'x'.repeat(5_000)}`, onlyTheLongest, null)?.value).toBe('ax1897');
  });

  it('looks up names among long prefixes that part at their last code unit, and in a tree a million code units deep', () => {
    const stem = '_'.repeat(2_000);
    const index = buildNameIndex(Array.from({ length: 1_000 }, (_, k) => rule(stem + String.fromCharCode(0x100 + k), 'prefix', `p${k}`)));
    for (let k = 0; k < 1_000; k++)
      expect(lookupName(index, `${stem}${String.fromCharCode(0x100 + k)}z`, acceptAll, null)?.value).toBe(`p${k}`);
    expect(lookupName(index, `${stem}z`, acceptAll, null)).toBeNull();
    const deep = 'a'.repeat(1_000_000);
    const nested = buildNameIndex([rule(deep, 'prefix', 'deep'), rule(`${deep}b`, 'prefix', 'deeper'), rule('a', 'prefix', 'a')]);
    expect(lookupName(nested, `${deep}bc`, acceptAll, null)?.value).toBe('deeper');
    expect(lookupName(nested, `${deep}c`, acceptAll, null)?.value).toBe('deep');
    expect(lookupName(nested, deep.slice(1), acceptAll, null)?.value).toBe('a');
  });
});
