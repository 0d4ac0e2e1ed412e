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
});
