import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observedDuration } from '../../../src/core/draft/observed-duration.ts';
import { parseStatedLifetime } from '../../../src/core/report/duration.ts';

const DAY = 24 * 3600;

describe('observedDuration', () => {
  it('writes the demo portal’s lifetimes the way charters write them, in French and English', () => {
    const cases: Array<[number | null, string, string]> = [
      [null, 'Session', 'Session'],
      [1800, '30 minutes', '30 minutes'],
      [1799, '30 minutes', '30 minutes'],
      [24 * 3600, '24 heures', '24 hours'],
      [14 * DAY, '2 semaines', '2 weeks'],
      [10 * DAY, '10 jours', '10 days'],
      [183 * DAY, '6 mois', '6 months'],
      [393 * DAY, '13 mois', '13 months'],
      // Chromium's 400-day cap: more than 13 months can hold (397 days).
      [400 * DAY, '14 mois', '14 months'],
      [365 * DAY, '1 an', '1 year'],
      [730 * DAY, '2 ans', '2 years'],
      [5 * 365 * DAY, '5 ans', '5 years'],
      [30, '30 secondes', '30 seconds'],
      [0, '1 seconde', '1 second'],
      [3600, '60 minutes', '60 minutes'],
    ];
    for (const [seconds, fr, en] of cases) {
      expect(observedDuration(seconds, 'fr'), String(seconds)).toBe(fr);
      expect(observedDuration(seconds, 'en'), String(seconds)).toBe(en);
    }
  });

  it('rounds up where rounding to the nearest would state less than observed', () => {
    // 410 days is 13.5 average months, but 13 months (397 days at most) plus a day are less.
    expect(observedDuration(410 * DAY, 'fr')).toBe('14 mois');
  });

  it('never states less than observed, as the charter parser reads it back (months as long as the calendar allows, a day of slack)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 366 * DAY }), fc.constantFrom('fr' as const, 'en' as const), (seconds, language) => {
        const stated = parseStatedLifetime(observedDuration(seconds, language));
        expect(stated.kind).toBe('max');
        if (stated.kind === 'max') expect(stated.seconds + DAY).toBeGreaterThanOrEqual(seconds);
      }),
      { numRuns: 2000 },
    );
    expect(parseStatedLifetime(observedDuration(null, 'fr'))).toEqual({ kind: 'session' });
  });
});
