import { describe, expect, it } from 'vitest';
import { markdownText } from '../../../src/core/report/markdown.ts';

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

  it('keeps ordinary text readable and on one line', () => {
    expect(markdownText('Se souvenir de la langue\n  du visiteur')).toBe('Se souvenir de la langue du visiteur');
    expect(markdownText('www.evil.example')).toBe('www\\.evil\\.example');
  });

  it('takes out escape sequences and shows bidi controls, so a report read with cat or in a review is what it says', () => {
    expect(markdownText('_ga\u001b]0;pwned\u0007\u001b[2J')).toBe('\\_ga');
    expect(markdownText('abc\u202egpj')).toBe('abc&lt;U+202E&gt;gpj');
  });
});
