import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAMELESS_COOKIE, shownCookieName, visibleCookieName } from '../../../src/core/cookies/nameless.ts';

describe('a cookie with an empty name', () => {
  it('is said in words where a name is shown, in each language; any other name is itself', () => {
    expect(shownCookieName('')).toBe('(no name)');
    expect(shownCookieName('', 'fr')).toBe('(sans nom)');
    expect(shownCookieName(' ')).toBe('<U+0020>');
    expect(shownCookieName('sessionid', 'fr')).toBe('sessionid');
  });

  it('shows a cookie named as the words for no name with its "(" as a code: never read as a nameless one', () => {
    expect(shownCookieName('(no name)')).toBe('<U+0028>no name)');
    expect(shownCookieName('(sans nom)', 'fr')).toBe('<U+0028>sans nom)');
    expect(shownCookieName('(no name)')).not.toBe(shownCookieName(''));
    // Only the words of the language shown stand for no name; anything else is itself.
    expect(shownCookieName('(no name)', 'fr')).toBe('(no name)');
    expect(shownCookieName('(no name) ')).toBe('(no name)<U+0020>');
  });

  it('has the same words in the pages’ messages (namelessCookie) as in the files and the CLI', () => {
    for (const language of ['en', 'fr'] as const) {
      const messages = JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8')) as Record<string, { message: string }>;
      expect(messages.namelessCookie?.message).toBe(NAMELESS_COOKIE[language]);
    }
  });
});

describe('a name holding characters that show nothing', () => {
  it('shows each as its code, so a name never looks like another (`_g<U+200B>a` is not `_ga`)', () => {
    expect(visibleCookieName('_g\u200Ba')).toBe('_g<U+200B>a');
    // Joiners, soft hyphen, byte order mark, tag characters, blank fillers, a lone surrogate.
    expect(visibleCookieName('a\u2060b\u00ADc\uFEFFd\u{E0061}e')).toBe('a<U+2060>b<U+00AD>c<U+FEFF>d<U+E0061>e');
    expect(visibleCookieName('\u3164')).toBe('<U+3164>');
    expect(visibleCookieName('\u2800x\u115F\u1160\uFFA0')).toBe('<U+2800>x<U+115F><U+1160><U+FFA0>');
    expect(visibleCookieName('a\uD800b')).toBe('a<U+D800>b');
    // Controls and separators: a line break, a paragraph separator, bidi controls.
    expect(visibleCookieName('a\nb\u2029c\u202Ed\u0085')).toBe('a<U+000A>b<U+2029>c<U+202E>d<U+0085>');
    // Other default-ignorable marks: the combining grapheme joiner, variation selectors, a Khmer vowel inherent.
    expect(visibleCookieName('_g\u034Fa\uFE0F\u{E0100}\u17B4')).toBe('_g<U+034F>a<U+FE0F><U+E0100><U+17B4>');
    // Spaces the formats trim or take for a gap: a name of them alone, or one after a name.
    expect(visibleCookieName('\u3000')).toBe('<U+3000>');
    expect(visibleCookieName('_ga\u2003')).toBe('_ga<U+2003>');
    expect(visibleCookieName('a\u1680b\u202Fc\u205Fd')).toBe('a<U+1680>b<U+202F>c<U+205F>d');
    // No-break spaces alone would show blank; beside other characters they stay text (Firefox's `Ã\u00A0`).
    expect(visibleCookieName('\u00A0')).toBe('<U+00A0>');
    expect(visibleCookieName('\u00A0\u00A0')).toBe('<U+00A0><U+00A0>');
    expect(visibleCookieName('\u00A0\u200B')).toBe('\u00A0<U+200B>');
  });

  it('leaves every other name as it is, letters of any script, spaces and no-break spaces included', () => {
    for (const name of ['sessionid', '_pk_id.1.a1b2', 'é_ü', 'Ã\u00a0', 'a b', '<b>x</b>', '名前'])
      expect(visibleCookieName(name)).toBe(name);
  });

  it('shows the spaces a page, Markdown or the terminal would merge or trim: `a  b` is not `a b`', () => {
    expect(visibleCookieName('a  b')).toBe('a <U+0020>b');
    expect(visibleCookieName(' a ')).toBe('<U+0020>a<U+0020>');
    expect(visibleCookieName('   ')).toBe('<U+0020><U+0020><U+0020>');
    expect(visibleCookieName(`x${' '.repeat(100_000)}y`)).toBe(`x ${'<U+0020>'.repeat(99_999)}y`);
  });

  it('shows a `<` that begins `<U+` as its code too, so a name holding the text `<U+200B>` is not one holding U+200B', () => {
    expect(visibleCookieName('_g<U+200B>a')).toBe('_g<U+003C>U+200B>a');
    expect(visibleCookieName('_g<U+200B>a')).not.toBe(visibleCookieName('_g\u200Ba'));
    expect(visibleCookieName('<U+003C>')).toBe('<U+003C>U+003C>');
    expect(visibleCookieName('<U+003C>')).not.toBe(visibleCookieName('<'));
    // Before anything else, or with another case, `<` stays text: `<b>`, `<u+200b>`, `<U`, a `<` before a code.
    for (const name of ['<b>x</b>', '<u+200b>', 'a<U', '<U-1>']) expect(visibleCookieName(name)).toBe(name);
    expect(visibleCookieName('<\u200B')).toBe('<<U+200B>');
    expect(visibleCookieName('<'.repeat(100_000) + 'U+')).toBe(`${'<'.repeat(99_999)}<U+003C>U+`);
  });

  it('is what the CLI and the files show of a name', () => {
    expect(shownCookieName('_g\u200Ba')).toBe('_g<U+200B>a');
  });

  it('ends on hostile input (100,000 zero-width spaces)', () => {
    expect(visibleCookieName('\u200B'.repeat(100_000))).toBe('<U+200B>'.repeat(100_000));
  });
});
