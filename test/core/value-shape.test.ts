import { describe, expect, it } from 'vitest';
import { isBoolean, isFiniteNumber, isListOf, isMapOf, isNumber, isObject, isString } from '../../src/core/value-shape.ts';

describe('value shape checks', () => {
  it('takes a plain object for an object, not null nor an array', () => {
    expect(isObject({})).toBe(true);
    expect(isObject({ a: 1 })).toBe(true);
    for (const value of [null, [], 'x', 5, true, undefined]) expect(isObject(value)).toBe(false);
  });

  it('tells numbers from finite numbers: NaN and the infinities are numbers, not quantities', () => {
    expect([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map(isNumber)).toEqual([true, true, true, true, true]);
    expect([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map(isFiniteNumber)).toEqual([true, true, true, false, false]);
    expect(isFiniteNumber('5')).toBe(false);
    expect(isString('')).toBe(true);
    expect(isString(5)).toBe(false);
    expect(isBoolean(false)).toBe(true);
    expect(isBoolean(0)).toBe(false);
  });

  it('checks every item of a list and every value of a map', () => {
    expect(isListOf([], isString)).toBe(true);
    expect(isListOf(['a', 'b'], isString)).toBe(true);
    expect(isListOf(['a', 5], isString)).toBe(false);
    expect(isListOf({ 0: 'a' }, isString)).toBe(false);
    expect(isMapOf({ a: 1, b: 2 }, isNumber)).toBe(true);
    expect(isMapOf({ a: 1, b: 'x' }, isNumber)).toBe(false);
    expect(isMapOf([1], isNumber)).toBe(false);
  });
});
