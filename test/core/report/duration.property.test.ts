/** Whatever a duration cell holds, parseStatedLifetime returns a lifetime or "unknown", never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatedLifetime } from '../../../src/core/report/duration.ts';
import { hostileText } from '../../support/hostile-text.ts';

const DURATION_FRAGMENTS = [
  '1',
  '1 ',
  '1.',
  '1,5',
  'a',
  'é',
  ' mois',
  ' months',
  'six ',
  'session',
  ' / ',
  ', ',
  'up to ',
  '13mois',
  '0',
  '9',
  ' et ',
  ' and ',
  '-',
  'vingt',
  'quatre',
  ' an',
  'a year',
  'fermeture du navigateur',
];

describe('parseStatedLifetime', () => {
  it('never throws, and a stated lifetime is a finite number of seconds', () => {
    fc.assert(
      fc.property(hostileText(DURATION_FRAGMENTS, 5_000), (text) => {
        const lifetime = parseStatedLifetime(text);
        expect(['session', 'max', 'unknown']).toContain(lifetime.kind);
        if (lifetime.kind === 'max') {
          expect(Number.isFinite(lifetime.seconds)).toBe(true);
          expect(lifetime.seconds).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});
