import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/core/compare.ts';

describe('compareText', () => {
  it('orders by code unit, the same everywhere: capitals before lower case, no locale rules', () => {
    expect(['_ga', 'Zeta', 'alpha', 'Alpha', 'ä', '_gid'].sort(compareText)).toEqual(['Alpha', 'Zeta', '_ga', '_gid', 'alpha', 'ä']);
    expect(compareText('a', 'a')).toBe(0);
    expect(compareText('a', 'b')).toBe(-1);
    expect(compareText('b', 'a')).toBe(1);
  });
});
