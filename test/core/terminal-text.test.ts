import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { terminalText } from '../../src/core/terminal-text.ts';

describe('terminal text', () => {
  it('removes escape sequences whole, payload included', () => {
    expect(terminalText('a\u001b]0;pwned\u0007b')).toBe('ab');
    expect(terminalText('a\u001b]8;;https://evil\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
    expect(terminalText('a\u001b[2Jb\u001b[1;31mred\u001b[0m')).toBe('abred');
    expect(terminalText('a\u001bPq#0;2;0;0;0\u001b\\b')).toBe('ab');
    expect(terminalText('reset\u001bc!')).toBe('reset!');
  });

  it('drops an unterminated string up to the next escape, and a lone ESC', () => {
    expect(terminalText('a\u001b]0;never ends')).toBe('a');
    expect(terminalText('a\u001b]0;x\u001b[31mb')).toBe('ab');
    expect(terminalText('a\u001b')).toBe('a ');
    expect(terminalText('a\u001b[123')).toBe('a123');
  });

  it('shows C1 controls, their 8-bit sequences included, and never takes the text after one', () => {
    expect(terminalText('a\u009b2Jb\u009d0;title\u009cc')).toBe('a<U+009B>2Jb<U+009D>0;title<U+009C>c');
    expect(terminalText('f\u0085g')).toBe('f<U+0085>g');
    // Firefox gives a name's UTF-8 bytes one character each: `ğa_visitor` and `ğb_visitor` stay apart.
    expect(terminalText('\u00c4\u009fa_visitor')).toBe('\u00c4<U+009F>a_visitor');
    expect(terminalText('\u00c4\u009fb_visitor')).toBe('\u00c4<U+009F>b_visitor');
    expect(terminalText('pref_\u00f0\u009f\u008d\u00aa_a')).toBe('pref_\u00f0<U+009F><U+008D>\u00aa_a');
  });

  it('turns other controls into spaces, keeping line feeds only when asked', () => {
    expect(terminalText('a\tb\nc\rd\u0000e\u007ff\u2028h')).toBe('a b c d e f h');
    expect(terminalText('line 1\nline 2\rX', { keepLineFeeds: true })).toBe('line 1\nline 2 X');
  });

  it('shows bidi controls instead of obeying them', () => {
    expect(terminalText('abc\u202Egpj.exe')).toBe('abc<U+202E>gpj.exe');
    expect(terminalText('\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a')).toBe(
      '<U+2066><U+2067><U+2068><U+2069><U+200E><U+200F><U+061C><U+202A>',
    );
  });

  it('leaves ordinary text alone, accents and emoji included', () => {
    expect(terminalText('Se souvenir de l’utilisateur — 13 mois 😀')).toBe('Se souvenir de l’utilisateur — 13 mois 😀');
  });

  it('never lets an escape, a control or a bidi control through, whatever the input', () => {
    const alphabet = fc.constantFrom(
      '\u001b',
      '[',
      ']',
      '\\',
      '\u0007',
      '\u009b',
      '\u009d',
      '\u009c',
      '0',
      ';',
      'm',
      'a',
      '\n',
      '\r',
      '\u202e',
      '\u2066',
      'é',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (characters) => {
        const out = terminalText(characters.join(''));
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        const multiLine = terminalText(characters.join(''), { keepLineFeeds: true });
        expect(multiLine).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});

describe('terminal text with its layout', () => {
  it('keeps line feeds and tabs when asked, and takes out the rest as on one line', () => {
    const text = 'a\tb\nc\u001b[2J\r\u0007d\u202e';
    expect(terminalText(text, { keepLineFeeds: true, keepTabs: true })).toBe('a\tb\nc  d<U+202E>');
    expect(terminalText(text, { keepLineFeeds: true })).toBe('a b\nc  d<U+202E>');
    expect(terminalText(text)).toBe('a b c  d<U+202E>');
  });
});
