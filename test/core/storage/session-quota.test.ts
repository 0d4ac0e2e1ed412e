import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SESSION_BUDGET_BYTES, SESSION_QUOTA_BYTES, storedBytes } from '../../../src/core/storage/session-quota.ts';
import { QUOTA_RULES } from '../../support/fake-session.ts';

describe('storage.session quota', () => {
  it('keeps a budget under the quota both browsers enforce', () => {
    expect(SESSION_QUOTA_BYTES).toBe(QUOTA_RULES.chrome.quota);
    expect(SESSION_QUOTA_BYTES).toBe(QUOTA_RULES.firefox.quota);
    expect(SESSION_BUDGET_BYTES).toBeLessThan(SESSION_QUOTA_BYTES);
  });

  it('counts an item at least as much as either browser does, and not much more', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'é', 'ā', '😀', '"', '\\', '\ud800'),
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
    );
    const text = fc.string({ unit, maxLength: 300 });
    fc.assert(
      fc.property(text, text, (key, value) => {
        const ours = storedBytes(key, value);
        const chrome = QUOTA_RULES.chrome.itemBytes(key, value);
        const firefox = QUOTA_RULES.firefox.itemBytes(key, value);
        expect(ours).toBeGreaterThanOrEqual(Math.max(chrome, firefox));
        expect(ours).toBeLessThanOrEqual(Math.max(chrome, firefox) + 16);
      }),
    );
  });

  it('matches what the browsers reported for the measured cases', () => {
    // Chromium 156 getBytesInUse: 'x'×1000 under 'a' = 1008; 'é'×1000 = 2008; Firefox 153: 1017 and 1017.
    expect(QUOTA_RULES.chrome.itemBytes('a', 'x'.repeat(1000))).toBe(1008);
    expect(QUOTA_RULES.chrome.itemBytes('a', 'é'.repeat(1000))).toBe(2008);
    expect(QUOTA_RULES.chrome.itemBytes('a', 'x'.repeat(23))).toBe(26);
    expect(QUOTA_RULES.firefox.itemBytes('a', 'é'.repeat(1000))).toBe(1017);
    expect(QUOTA_RULES.firefox.itemBytes('a', 'x'.repeat(1000) + '😀')).toBe(2025);
    expect(QUOTA_RULES.firefox.itemBytes('k'.repeat(100), 'x')).toBe(124);
  });
});
