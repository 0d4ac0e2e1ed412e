/**
 * Random and structured hostile text for the property tests of every reader of outside text:
 * random strings of any code units (lone surrogates, controls, bidi overrides), and
 * concatenations of fragments a reader treats specially, each possibly repeated many times,
 * which is how quadratic paths and stack overflows were found (issue 12).
 */
import fc from 'fast-check';

/** Characters that have broken readers before, or could. */
const AWKWARD = ['\u202E', '\u200B', '\uD800', '\uDC00', '\u0000', '\u001B', '\u00A0', '\uFEFF', '\u2028', '\r', '\n', '\t', ' '];

/** Any string: binary code units, graphemes, or awkward characters. */
export const randomText = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.constantFrom(...AWKWARD, 'a', '_', '<', '>', '&', ';', '"'), maxLength }),
  );

/** Fragments joined, each repeated 1 to `maxRepeat` times: long runs of one shape, mixed. */
export const structuredText = (fragments: readonly string[], maxRepeat = 2_000): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.constantFrom(...fragments, ...AWKWARD), fc.integer({ min: 1, max: maxRepeat })), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.map(([fragment, times]) => fragment.repeat(times)).join(''));

/** Either kind. */
export const hostileText = (fragments: readonly string[], maxRepeat?: number): fc.Arbitrary<string> =>
  fc.oneof(randomText(), structuredText(fragments, maxRepeat));
