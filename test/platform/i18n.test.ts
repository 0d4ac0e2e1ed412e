import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { browserTranslate, isolated, isolatingTranslate, uiLanguage } from '../../src/platform/i18n.ts';
import { localeTranslate } from '../support/locale-translate.ts';
import { randomText } from '../support/hostile-text.ts';
import { oneParagraph } from '../../src/core/one-paragraph.ts';
import { messageKey } from '../../src/core/ui-strings.ts';

const fakeI18n = (messages: Record<string, string>, uiLanguageName = 'en-US') =>
  ({
    i18n: {
      getMessage: (key: string, substitutions: string[] = []) => (messages[key] ?? '').replace('$1', substitutions[0] ?? ''),
      getUILanguage: () => uiLanguageName,
    },
  }) as never;

const FSI = '\u2068';
const PDI = '\u2069';
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Any text, or text of bidi controls, a Latin and a Hebrew letter (random code units seldom hit a control). */
const bidiText = fc.oneof(
  randomText(),
  fc.string({
    unit: fc.constantFrom(...'\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2029\u0085a\u05d0 '),
    maxLength: 40,
  }),
);

/** Where the isolate opened at `start` ends (Unicode bidi rule BD9: a PDI closes the latest isolate still open); -1 if it never does. */
function isolateEnd(text: string, start: number): number {
  let open = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i]! >= '\u2066' && text[i]! <= '\u2068') open++;
    else if (text[i] === PDI && open > 0 && --open === 0) return i;
  }
  return -1;
}

describe('platform i18n', () => {
  it('translates with the browser’s strings, and shows the key of a missing one rather than nothing', () => {
    const t = browserTranslate(fakeI18n({ noCookies: 'No cookie on $1' }));
    expect(t('noCookies', 'data.tco.re')).toBe('No cookie on data.tco.re');
    expect(t('retry')).toBe('retry');
  });

  it('says "unknown value" for a key it has no string for: a stored value of another shape (category "bogus")', () => {
    const t = browserTranslate(fakeI18n({ category_other: 'Other', valueUnknown: 'unknown value' }));
    expect(t(messageKey('category', 'other'))).toBe('Other');
    expect(t(messageKey('category', 'bogus'))).toBe('unknown value');
    expect(t(messageKey('status', 'weird'))).toBe('unknown value');
  });

  it('names the language of the strings chosen, else the browser’s', () => {
    expect(uiLanguage(fakeI18n({ uiLocale: 'fr' }, 'en-US'))).toBe('fr');
    expect(uiLanguage(fakeI18n({}, 'en-US'))).toBe('en-US');
  });

  it('makes each substitution a bidi run of its own, the sentence around it as written', () => {
    const t = isolatingTranslate(localeTranslate('en'));
    expect(t('goToCookie', '_ga')).toBe(`Show ${FSI}_ga${PDI}`);
    expect(t('evidenceBeforeConsent', 'Hotjar', 'Other')).toBe(
      `${FSI}Hotjar${PDI} cookie (${FSI}Other${PDI}), set before the visitor chose.`,
    );
    expect(t('retry')).toBe('Try again');
  });

  it('takes out what would reorder the sentence or close the run early, and closes what a value leaves open', () => {
    // An override, a mark, a PDI meant to end the run, an embedding and its PDF.
    expect(isolated(`evil\u202Ecorp\u200F${PDI} said\u202B x\u202C`)).toBe(`${FSI}evilcorp said x${PDI}`);
    // An isolate left open would take the run's own PDI, and the rest of the sentence with it.
    expect(isolated('a\u2067b')).toBe(`${FSI}a\u2067b${PDI}${PDI}`);
    // A paragraph separator ends every isolate (Chromium 156 measured it reordering the sentence): shown, without effect.
    expect(isolated('x\u2029\u05d0')).toBe(`${FSI}x\uFFFD\u05d0${PDI}`);
    // A sentence substituted into another keeps its own runs.
    const inner = isolatingTranslate(localeTranslate('en'))('liveProblemAtPath', 'HTTP 404', `/\u202Eterms${PDI}`);
    expect(isolated(inner)).toBe(`${FSI}${FSI}HTTP 404${PDI} at ${FSI}/terms${PDI}${PDI}`);
  });

  it('keeps any text, however hostile, within its run: its FSI ends at its last character, with no embedding, override or mark left inside', () => {
    fc.assert(
      fc.property(bidiText, (text) => {
        const run = isolated(text);
        expect(run[0]).toBe(FSI);
        expect(isolateEnd(run, 0)).toBe(run.length - 1);
        expect(run).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e]/);
        // Nothing but bidi controls taken out or added, and paragraph separators shown (oneParagraph).
        expect(run.replace(BIDI_CONTROLS, '')).toBe(oneParagraph(text).replace(BIDI_CONTROLS, ''));
        expect(run).not.toMatch(/[\n\r\u001c-\u001e\u0085\u2029]/);
      }),
    );
  });
});
