/** Whatever the consent cookie holds, decodeConsent answers and never throws (its value comes from the site). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeConsent } from '../../../src/core/consent/consent-choice.ts';
import { hostileText } from '../../support/hostile-text.ts';

const CONSENT_FRAGMENTS = [
  '%',
  '%7B',
  '%22',
  '%3A',
  '{',
  '}',
  '[',
  '"',
  ':',
  ',',
  'true',
  'false',
  'null',
  '"ga":',
  '"matomo":',
  '"timestamp":',
  '1',
  '\\u',
  '%E2%80%AE',
];

describe('decodeConsent on hostile values', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(hostileText(CONSENT_FRAGMENTS), (value) => {
        expect(() => decodeConsent(value, Date.now())).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
