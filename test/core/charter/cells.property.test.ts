/** Whatever a name cell holds, readNameCell returns usable names within the limits, and never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WILDCARD_CHARACTERS, readNameCell } from '../../../src/core/charter/cells.ts';
import { MAX_NAMES_PER_CELL } from '../../../src/core/charter/limits.ts';
import { hostileText } from '../../support/hostile-text.ts';

const NAME_FRAGMENTS = [
  '_a, ',
  '_a;',
  ' et ',
  ' and ',
  '(',
  ')',
  '<',
  '>',
  '&lt;',
  '&gt;',
  '\\_',
  '**',
  '<br>',
  '“',
  '”',
  '«',
  '»',
  '*',
  '…',
  'X',
  '_',
  '.',
  'any cookie starting with ',
  'tout cookie commençant par ',
  '_ga_<ID>',
  'sessionid',
  '-',
  'N/A',
  '/',
];

describe('readNameCell never throws and never yields an unusable name', () => {
  it('on random and structured hostile cells', () => {
    fc.assert(
      fc.property(hostileText(NAME_FRAGMENTS), (cell) => {
        const reading = readNameCell(cell);
        expect(reading.names.length).toBeLessThanOrEqual(MAX_NAMES_PER_CELL);
        expect(reading.names.length + reading.problems.length).toBeGreaterThan(0);
        for (const { cookie } of reading.names) {
          expect(cookie).not.toBe('');
          expect(/\s/.test(cookie), JSON.stringify(cookie)).toBe(false);
          for (const wildcard of WILDCARD_CHARACTERS) expect(cookie.includes(wildcard)).toBe(false);
          expect(/\p{Cs}/u.test(cookie), 'lone surrogate').toBe(false);
          expect(/^[\p{Cf}\p{Cc}\p{Z}\p{Mn}\p{Me}]+$/u.test(cookie), 'invisible only').toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
