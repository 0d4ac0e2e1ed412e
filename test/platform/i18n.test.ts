import { describe, expect, it } from 'vitest';
import { browserTranslate, uiLanguage } from '../../src/platform/i18n.ts';

const fakeI18n = (messages: Record<string, string>, uiLanguageName = 'en-US') =>
  ({
    i18n: {
      getMessage: (key: string, substitutions: string[] = []) => (messages[key] ?? '').replace('$1', substitutions[0] ?? ''),
      getUILanguage: () => uiLanguageName,
    },
  }) as never;

describe('platform i18n', () => {
  it('translates with the browser’s strings, and shows the key of a missing one rather than nothing', () => {
    const t = browserTranslate(fakeI18n({ noCookies: 'No cookie on $1' }));
    expect(t('noCookies', 'data.tco.re')).toBe('No cookie on data.tco.re');
    expect(t('retry')).toBe('retry');
  });

  it('names the language of the strings chosen, else the browser’s', () => {
    expect(uiLanguage(fakeI18n({ uiLocale: 'fr' }, 'en-US'))).toBe('fr');
    expect(uiLanguage(fakeI18n({}, 'en-US'))).toBe('en-US');
  });
});
