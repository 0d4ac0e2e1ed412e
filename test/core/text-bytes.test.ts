import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { measureText } from '../../src/core/text-bytes.ts';

describe('measureText', () => {
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
});
