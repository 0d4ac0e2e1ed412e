import { describe, expect, it } from 'vitest';
import { markdownCookieName, markdownText } from '../../../src/core/report/markdown.ts';
import { markdownCellText } from '../../../src/core/charter/table.ts';

describe('markdownText', () => {
  it('leaves no link, image, code span, emphasis or cell break', () => {
    const hostile = 'a`[click](https://evil.example)`![p](https://evil.example/p.png)|*x*_y_<b>';
    const safe = markdownText(hostile);
    expect(safe).toBe(
      'a\\`\\[click\\]\\(https\\://evil\\.example\\)\\`\\!\\[p\\]\\(https\\://evil\\.example/p\\.png\\)\\|\\*x\\*\\_y\\_&lt;b&gt;',
    );
    // Every special character is preceded by a backslash: none is left to act.
    expect(safe.replace(/\\./g, '')).not.toMatch(/[`[\]()!|*_<>]/);
  });

  it('leaves no math: GitHub and GitLab render $…$ as a formula, even in a table cell', () => {
    expect(markdownText('$x^2$')).toBe('\\$x^2\\$');
    expect(markdownCellText(markdownText('$x^2$ $$y$$'))).toBe('$x^2$ $$y$$');
  });

  it('keeps ordinary text readable and on one line', () => {
    expect(markdownText('Se souvenir de la langue\n  du visiteur')).toBe('Se souvenir de la langue du visiteur');
    expect(markdownText('www.evil.example')).toBe('www\\.evil\\.example');
  });

  it('takes out escape sequences and shows bidi controls, so a report read with cat or in a review is what it says', () => {
    expect(markdownText('_ga\u001b]0;pwned\u0007\u001b[2J')).toBe('\\_ga');
    expect(markdownText('abc\u202egpj')).toBe('abc&lt;U+202E&gt;gpj');
  });

  it('writes a name Firefox gives as UTF-8 bytes whole: two cookies never read as one', () => {
    // `ğa_visitor` and `ğb_visitor`, `Élan`, `voilà`, as Firefox's cookies API gives them (README, Limits).
    expect(markdownText('\u00c4\u009fa_visitor')).toBe('\u00c4&lt;U+009F&gt;a\\_visitor');
    expect(markdownText('\u00c4\u009fb_visitor')).toBe('\u00c4&lt;U+009F&gt;b\\_visitor');
    expect(markdownText('\u00c3\u0089lan')).toBe('\u00c3&lt;U+0089&gt;lan');
    expect(markdownText('voil\u00c3\u00a0')).toBe('voil\u00c3\u00a0');
  });
});

describe('markdownText and GitHub’s e-mail and XMPP autolinks', () => {
  it('puts a word joiner after each @, which no address continues across, and which reads back as nothing', () => {
    expect(markdownText('support@evil.example')).toBe('support@&#8288;evil\\.example');
    expect(markdownText('xmpp:bot@evil.example/x')).toBe('xmpp\\:bot@&#8288;evil\\.example/x');
    // The charter reader, as a renderer, drops the invisible joiner: the text is the same.
    for (const text of ['support@evil.example', 'xmpp:bot@evil.example/x', 'a@@b', '@']) {
      expect(markdownCellText(markdownText(text))).toBe(text);
    }
  });
});

describe('markdownText at the start of a list item', () => {
  it('escapes a first #, +, - or =, which would make a heading, a nested list or a heading underline', () => {
    expect(markdownText('#')).toBe('\\#');
    expect(markdownText('######')).toBe('\\######');
    expect(markdownText('+')).toBe('\\+');
    expect(markdownText('- x')).toBe('\\- x');
    expect(markdownText('===')).toBe('\\===');
    // Elsewhere in the text they stay as written: dates and names read as they are.
    expect(markdownText('2026-12-01 #1 a+b')).toBe('2026-12-01 #1 a+b');
  });

  it('reads back as written through the charter reader', () => {
    for (const name of ['#', '+', '-', '=', '- x', '#_ga', '+1']) expect(markdownCellText(markdownText(name))).toBe(name);
  });
});

describe('markdownCookieName', () => {
  it('shows a character that shows nothing as its code, escaped as text', () => {
    expect(markdownCookieName('_g\u200Ba')).toBe('\\_g&lt;U+200B&gt;a');
    expect(markdownCookieName('')).toBe('*(no name)*');
  });

  it('writes a name holding the text `<U+200B>` apart from one holding U+200B', () => {
    expect(markdownCookieName('_g<U+200B>a')).toBe('\\_g&lt;U+003C&gt;U+200B&gt;a');
    expect(markdownCookieName('_g<U+200B>a')).not.toBe(markdownCookieName('_g\u200Ba'));
  });
});
