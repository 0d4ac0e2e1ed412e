import { browser, type Browser } from './browser.ts';
import type { Translate } from '../core/ui-strings.ts';

type I18nApi = Pick<Browser, 'i18n'>;

/** A Translate bound to browser.i18n; falls back to the key so a missing string is visible, not blank. */
export function browserTranslate(api: I18nApi = browser): Translate {
  return (key, ...substitutions) => api.i18n.getMessage(key, substitutions) || key;
}

/**
 * The language the extension's strings are shown in, for `lang` and number and date formatting:
 * each locale's messages name their own language (`uiLocale`). getUILanguage and `@@ui_locale`
 * can differ from the strings actually chosen (Chromium started with --lang=fr reports en-US).
 */
export function uiLanguage(api: I18nApi = browser): string {
  return api.i18n.getMessage('uiLocale') || api.i18n.getUILanguage();
}
