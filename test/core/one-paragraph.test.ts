import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oneParagraph } from '../../src/core/one-paragraph.ts';
import { randomText } from '../support/hostile-text.ts';

/** Characters of Unicode's bidi class B (paragraph separator), UnicodeData.txt. */
const PARAGRAPH_SEPARATORS = ['\n', '\r', '\u001c', '\u001d', '\u001e', '\u0085', '\u2029'];

describe('oneParagraph', () => {
  it('shows each paragraph separator as U+FFFD, line feeds and carriage returns as spaces', () => {
    expect(oneParagraph('x\u2029\u05d0\u05d1')).toBe('x\uFFFD\u05d0\u05d1');
    expect(oneParagraph('a\u0085b\u001cc\u001dd\u001ee')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(oneParagraph('line\r\nnext')).toBe('line  next');
  });

  it('leaves what does not end a paragraph as it is', () => {
    // U+2028 (class WS), tabs and U+001F (class S), a bidi control (i18n.ts's isolated deals with those).
    const text = 'a\u2028b\tc\u001fd\u202ee _ga <b>x</b>';
    expect(oneParagraph(text)).toBe(text);
  });

  it('leaves no paragraph separator in any text, and changes nothing else', () => {
    const withSeparators = fc.oneof(
      randomText(),
      fc.string({ unit: fc.constantFrom(...PARAGRAPH_SEPARATORS, 'a', '\u05d0', ' '), maxLength: 40 }),
    );
    fc.assert(
      fc.property(withSeparators, (text) => {
        const shown = oneParagraph(text);
        expect(shown).toHaveLength(text.length);
        for (let i = 0; i < text.length; i++) {
          if (PARAGRAPH_SEPARATORS.includes(text[i]!)) expect(shown[i]).toMatch(/^[ \uFFFD]$/);
          else expect(shown[i]).toBe(text[i]);
        }
      }),
    );
  });
});
