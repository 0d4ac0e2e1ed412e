import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptAll, buildNameIndex, lookupName, type NamedRule } from '../../../src/core/registry/name-index.ts';

const rule = (name: string, match: 'exact' | 'prefix', value: string): NamedRule<string> => ({ name, match, value });

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
});
