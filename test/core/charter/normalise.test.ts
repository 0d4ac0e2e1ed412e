import { describe, expect, it } from 'vitest';
import { CharterError } from '../../../src/core/charter/errors.ts';
import {
  assertReadableText,
  collapseWhitespace,
  decodeCharterBytes,
  foldForMatching,
  isBlank,
  normaliseText,
  splitLines,
  trimSpaces,
} from '../../../src/core/charter/normalise.ts';

function errorOf(action: () => unknown): CharterError {
  try {
    action();
  } catch (error) {
    if (error instanceof CharterError) return error;
    throw error;
  }
  throw new Error('expected a CharterError');
}

describe('decodeCharterBytes', () => {
  it('decodes UTF-8 and keeps accents', () => {
    expect(decodeCharterBytes(new TextEncoder().encode('Finalités'))).toBe('Finalités');
  });

  it('turns invalid UTF-8 sequences into replacement characters', () => {
    expect(decodeCharterBytes(Uint8Array.from([0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
  });
});

describe('assertReadableText', () => {
  it('accepts ordinary text, including one stray undecodable character', () => {
    expect(() => assertReadableText('Charte cookies\nNom du cookie : sessionid \uFFFD')).not.toThrow();
  });

  it('rejects empty and whitespace-only text', () => {
    expect(errorOf(() => assertReadableText('')).kind).toBe('empty');
    expect(errorOf(() => assertReadableText('\uFEFF \n\t\r\n')).message).toBe('the file is empty');
  });

  it('rejects NUL bytes as binary', () => {
    const error = errorOf(() => assertReadableText('%PDF-1.4\u0000\u0001stream'));
    expect(error.kind).toBe('binary');
    expect(error.message).toBe('binary data: 1 NUL byte, not a text charter');
  });

  it('takes a few NULs in an HTML page’s source (a script’s string) for markup a browser shows, not binary data (review F3)', () => {
    const page = `<html><head><script>var s = "\u0000";</script></head><body><p>${'Charte cookies. '.repeat(4)}</p></body></html>`;
    expect(() => assertReadableText(page, 'markup')).not.toThrow();
    expect(errorOf(() => assertReadableText(page)).kind).toBe('binary');
    // Past the share a text's control codes may have, it is binary data all the same.
    const many = `<script>${'\u0000'.repeat(20)}</script><p>${'Charte cookies '.repeat(10)}</p>`;
    expect(errorOf(() => assertReadableText(many, 'markup')).message).toBe('binary data: 20 NUL bytes, not a text charter');
    const utf16 = [...'<html>Charte cookies</html>'].map((letter) => `${letter}\u0000`).join('');
    expect(errorOf(() => assertReadableText(utf16, 'markup')).message).toMatch(/it looks like UTF-16 text/);
  });

  it('recognises UTF-16 read as UTF-8', () => {
    const utf16 = [...'Charte cookies'].map((letter) => `${letter}\u0000`).join('');
    expect(errorOf(() => assertReadableText(utf16)).message).toBe(
      'binary data: 14 NUL bytes, it looks like UTF-16 text; save the charter as UTF-8',
    );
  });

  it('rejects text dominated by replacement characters', () => {
    const error = errorOf(() => assertReadableText('ab\uFFFD\uFFFD\uFFFD cd'));
    expect(error.kind).toBe('not-utf8');
    expect(error.message).toBe('not valid UTF-8: 3 of 7 characters could not be decoded; save the charter as UTF-8');
  });

  it('rejects text dominated by control characters', () => {
    expect(errorOf(() => assertReadableText('\u0001\u0002\u0003abc')).kind).toBe('binary');
  });

  it('says how many control characters it found, and what it counts them against (the visible characters)', () => {
    expect(errorOf(() => assertReadableText('\u0001\u0002\u0003abc')).message).toBe(
      'binary data: 3 control characters for 3 visible characters (over 1 in 20), not a text charter',
    );
    expect(errorOf(() => assertReadableText('data.tco.re\n\u001b\nab.fr')).message).toBe(
      'binary data: 1 control character for 16 visible characters (over 1 in 20), not a text charter',
    );
  });
});

describe('normaliseText', () => {
  it('drops the BOM, makes CRLF and CR line ends LF, and trims trailing spaces but not tabs', () => {
    expect(normaliseText('\uFEFFa  \r\nb\t\rc \u00A0\u202F')).toBe('a\nb\t\nc');
  });

  it('removes zero-width characters and turns form feeds into spaces', () => {
    expect(normaliseText('_g\u200Ba\fx')).toBe('_ga x');
  });

  it.each([
    ['a soft hyphen', '\u00AD'],
    ['a left-to-right mark', '\u200E'],
    ['a right-to-left mark', '\u200F'],
    ['an Arabic letter mark', '\u061C'],
    ['the Mongolian vowel separator', '\u180E'],
    ['a bidi embedding and its end', '\u202A\u202C'],
    ['a bidi override', '\u202E'],
    ['bidi isolates', '\u2066\u2067\u2068\u2069'],
    ['an invisible operator', '\u2062'],
  ])('removes %s, an invisible format character, wherever it is', (_what, marks) => {
    expect(normaliseText(`${marks}cookies_${marks}preferences${marks}\tx`)).toBe('cookies_preferences\tx');
  });

  it('keeps visible text around the characters it removes, and every line', () => {
    expect(normaliseText('Cookies de fonction\u00ADnement\n\u200Ecsrftoken\u200F\n\u00AD\n_ga')).toBe(
      'Cookies de fonctionnement\ncsrftoken\n\n_ga',
    );
  });

  it('removes invisible format characters in linear time', () => {
    const text = `${'a\u00AD\u200E '.repeat(100_000)}b`;
    expect(normaliseText(text)).toBe(`${'a '.repeat(100_000)}b`);
  });

  it('keeps a text without final newline as it is', () => {
    expect(splitLines(normaliseText('a\nb'))).toEqual(['a', 'b']);
  });
});

describe('small helpers', () => {
  it('collapseWhitespace trims and collapses every kind of space', () => {
    expect(collapseWhitespace('  Se\u00A0souvenir \t de\n la  langue ')).toBe('Se souvenir de la langue');
  });

  it('trimSpaces keeps the tabs that delimit empty cells', () => {
    expect(trimSpaces('  \tGoogle\t ')).toBe('\tGoogle\t');
  });

  it('foldForMatching drops accents and case and makes quotes plain', () => {
    expect(foldForMatching('Durée « Mesure d’audience » “X”')).toBe('duree " mesure d\'audience " "x"');
  });

  it('foldForMatching gives each text its own fold however often and in whatever order it is asked (it keeps recent folds)', () => {
    const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('`', "'");
    const texts = ['Durée', 'Durée', 'ÉTÉ', 'Durée', '', 'x`y', 'x`y', `Finalité ${'é'.repeat(300)}`];
    // More distinct texts than are kept, then the first ones again.
    for (let i = 0; i < 600; i++) texts.push(`Catégorie ${i}`);
    for (const text of [...texts, ...texts]) expect(foldForMatching(text)).toBe(fold(text));
  });

  it('isBlank is true only for whitespace', () => {
    expect(isBlank(' \t')).toBe(true);
    expect(isBlank(' x')).toBe(false);
  });
});
