import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { measureText, SESSION_BUDGET_BYTES, SESSION_QUOTA_BYTES, storedBytes } from '../../../src/core/storage/session-quota.ts';
import { QUOTA_RULES } from '../../support/fake-session.ts';

describe('storage.session quota', () => {
  it('measures UTF-8 length and Latin-1 in one pass', () => {
    expect(measureText('abc')).toEqual({ utf8: 3, wide: false });
    expect(measureText('é')).toEqual({ utf8: 2, wide: false });
    expect(measureText('ā')).toEqual({ utf8: 2, wide: true });
    expect(measureText('€')).toEqual({ utf8: 3, wide: true });
    expect(measureText('😀')).toEqual({ utf8: 4, wide: true });
    expect(measureText('\ud800x')).toEqual({ utf8: 4, wide: true });
    expect(measureText('x'.repeat(1000))).toEqual({ utf8: 1000, wide: false });
    expect(measureText(`${'x'.repeat(1000)}é${'y'.repeat(10)}€`)).toEqual({ utf8: 1015, wide: true });
  });

  it('counts what TextEncoder writes, for any text (ASCII runs, Latin-1, astral and lone surrogates anywhere)', () => {
    const unit = fc.constantFrom('a', '{', '"', '\u0000', '\u007f', '\u0080', 'é', '\u00ff', 'ā', '€', '\ud83c', '\udf6a', '\uffff');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const wide = [...text].some((character) => character.charCodeAt(0) > 0xff);
        expect(measureText(text)).toEqual({ utf8: new TextEncoder().encode(text).length, wide });
      }),
      { numRuns: 500 },
    );
  });

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
