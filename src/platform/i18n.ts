import { browser, type Browser } from './browser.ts';
import type { Translate } from '../core/ui-strings.ts';
import { oneParagraph } from '../core/one-paragraph.ts';

type I18nApi = Pick<Browser, 'i18n'>;

/**
 * A Translate bound to browser.i18n. A key it has no string for is a stored value of another shape
 * made into one (`messageKey('category', 'bogus')`: every other key is checked in every locale), so
 * it reads "unknown value", never blank; the key itself if even that is missing.
 */
export function browserTranslate(api: I18nApi = browser): Translate {
  return (key, ...substitutions) => api.i18n.getMessage(key, substitutions) || api.i18n.getMessage('valueUnknown') || key;
}

/** ALM, LRM, RLM, the embeddings and overrides (LRE to RLO, PDF), the isolates (LRI, RLI, FSI, PDI). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const PDI = '\u2069';

/**
 * `text` as a bidi run of its own (FSI … PDI), which nothing in it can reorder the text around:
 * marks, embeddings and overrides go; a PDI that would close the run early goes; an isolate the
 * text opens and leaves open is closed before the run's own PDI. An isolate opened and closed
 * inside stays (a sentence substituted into another keeps its own runs). A paragraph separator,
 * which ends every isolate, shows as U+FFFD (core/one-paragraph.ts).
 */
export function isolated(text: string): string {
  let open = 0;
  const kept = oneParagraph(text).replace(BIDI_CONTROLS, (control) =>
    control < '\u2066' ? '' : control !== PDI ? (open++, control) : open > 0 ? (open--, control) : '',
  );
  return `\u2068${kept}${PDI.repeat(open + 1)}`;
}

/**
 * `t` with each substitution isolated, for the pages: a name read from a portal's charter or a
 * cookie cannot reorder the sentence it is shown in. Only for what a page shows: exports and
 * charter drafts are built in the worker, without it (core/terminal-text.ts for the CLI).
 */
export function isolatingTranslate(t: Translate): Translate {
  return (key, ...substitutions) => t(key, ...substitutions.map(isolated));
}

/**
 * The language the extension's strings are shown in, for `lang` and number and date formatting:
 * each locale's messages name their own language (`uiLocale`). getUILanguage and `@@ui_locale`
 * can differ from the strings actually chosen (Chromium started with --lang=fr reports en-US).
 */
export function uiLanguage(api: I18nApi = browser): string {
  return api.i18n.getMessage('uiLocale') || api.i18n.getUILanguage();
}
