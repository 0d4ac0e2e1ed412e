import { describe, expect, it } from 'vitest';
import { sameData } from '../../src/core/same-data.ts';

describe('sameData', () => {
  it('is true for equal primitives, NaN included, and false across types', () => {
    expect(sameData('a', 'a')).toBe(true);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
    expect(sameData(null, null)).toBe(true);
    expect(sameData(1, '1')).toBe(false);
    expect(sameData(null, undefined)).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(0, -0)).toBe(false);
  });

  it('compares arrays and plain objects by what they hold, at every depth', () => {
    expect(sameData({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData([], {})).toBe(false);
    expect(sameData({ 0: 'a' }, ['a'])).toBe(false);
  });

  it('tells a key holding undefined from a missing one, and a different key of the same count', () => {
    expect(sameData({ a: undefined }, {})).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData({ a: undefined }, { a: undefined })).toBe(true);
  });
});
