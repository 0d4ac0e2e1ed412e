/** Whatever a site sends in Set-Cookie, the reader answers, never throws, and never keeps the value. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSetCookieHeaders } from '../../../src/core/network/set-cookie-header.ts';
import { hostileText } from '../../support/hostile-text.ts';

const FRAGMENTS = [';', '=', ' ', 'Domain=', 'Path=/', 'Max-Age=', '1', 'Secure', 'HttpOnly', 'SameSite=', '\n', ',', '"'];

describe('parseSetCookieHeaders on hostile headers', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(fc.array(hostileText(FRAGMENTS), { maxLength: 4 }), (lines) => {
        expect(() => parseSetCookieHeaders(lines)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('never returns the value, however the line is made', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '_', '.', '-'), minLength: 1, maxLength: 20 }),
        hostileText(FRAGMENTS, 50),
        (name, attributes) => {
          const value = 'VALUE-9f3c1e-SECRET';
          const facts = parseSetCookieHeaders([`${name}=${value}; ${attributes}`]);
          expect(facts[0]?.name).toBe(name);
          expect(JSON.stringify(facts)).not.toContain('9f3c1e');
        },
      ),
      { numRuns: 300 },
    );
  });
});
