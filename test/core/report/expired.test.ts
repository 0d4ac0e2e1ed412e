import { describe, expect, it } from 'vitest';
import { expiredBy } from '../../../src/core/report/expired.ts';

describe('expiredBy', () => {
  const NOW_MS = 1_800_000_000_000;
  it('compares an expiry in seconds with a time in milliseconds, expired at its very second', () => {
    expect(expiredBy({ expires: NOW_MS / 1000 - 1 }, NOW_MS)).toBe(true);
    expect(expiredBy({ expires: NOW_MS / 1000 }, NOW_MS)).toBe(true);
    expect(expiredBy({ expires: NOW_MS / 1000 + 0.5 }, NOW_MS)).toBe(false);
  });

  it('never holds for a session cookie, nor when the time is not known', () => {
    expect(expiredBy({ expires: null }, NOW_MS)).toBe(false);
    expect(expiredBy({ expires: 1 }, null)).toBe(false);
  });
});
