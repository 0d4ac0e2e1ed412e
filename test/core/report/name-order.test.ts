import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../../src/core/compare.ts';
import { inNameOrder } from '../../../src/core/report/name-order.ts';

describe('inNameOrder', () => {
  it('orders as a stable sort by compareText does, for any names (surrogate halves, case, empty ones included)', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'B', '_', 'é', '\u{1F36A}', '\uD83C', '\uDF6A', '0'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), (names) => {
        const items = names.map((value, position) => ({ value, position }));
        const expected = [...items].sort((a, b) => compareText(a.value, b.value));
        expect(inNameOrder(items, (item) => item.value)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps equal names in their order, and gives an empty list for none', () => {
    const items = [
      { name: 'b', at: 1 },
      { name: 'a', at: 2 },
      { name: 'b', at: 3 },
      { name: 'a', at: 4 },
    ];
    expect(inNameOrder(items, (item) => item.name).map((item) => item.at)).toEqual([2, 4, 1, 3]);
    expect(inNameOrder([], (item: string) => item)).toEqual([]);
  });
});
