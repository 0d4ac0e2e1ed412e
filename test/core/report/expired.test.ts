import { describe, expect, it } from 'vitest';
import { expiredBy, expiryJudgementSpan } from '../../../src/core/report/expired.ts';

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

describe('expiryJudgementSpan', () => {
  const NOW_MS = 1_800_000_000_000;
  const present = (expires: number | null) => ({ expires, removed: null });
  it('runs from the latest expiry past to the earliest ahead, in milliseconds, as expiredBy judges each', () => {
    const cookies = [present(NOW_MS / 1000 - 90), present(NOW_MS / 1000 - 30), present(NOW_MS / 1000 + 60), present(NOW_MS / 1000 + 10)];
    const span = expiryJudgementSpan(cookies, NOW_MS);
    expect(span).toEqual({ from: NOW_MS - 30_000, until: NOW_MS + 10_000 });
    for (const at of [span.from, NOW_MS, span.until - 1])
      expect(cookies.map((c) => expiredBy(c, at))).toEqual(cookies.map((c) => expiredBy(c, NOW_MS)));
    expect(cookies.map((c) => expiredBy(c, span.until))).not.toEqual(cookies.map((c) => expiredBy(c, NOW_MS)));
  });

  it('holds for ever with no expiry but of session cookies and removed ones', () => {
    expect(expiryJudgementSpan([present(null), { expires: NOW_MS / 1000 + 5, removed: NOW_MS - 1 }], NOW_MS)).toEqual({
      from: -Infinity,
      until: Infinity,
    });
  });
});
