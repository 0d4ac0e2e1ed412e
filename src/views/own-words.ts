/**
 * A source's own words on a page: a charter's purpose, lifetime or service are in its language
 * (French on a French portal), which may not be the page's. Marked with theirs (`lang`) where it
 * is not, so a screen reader reads them in their own voice: the cookie rows (CookieItem.tsx), the
 * charter's changes (CharterInfo.tsx), a lifetime finding's quoted words (FindingsSummary.tsx).
 */

/** The language to mark words in `wordsLanguage` with on a page in `language` (en-GB is en); null where they are the page's, or unknown. */
export function foreignLanguage(wordsLanguage: string | null | undefined, language: string): string | null {
  return wordsLanguage && wordsLanguage !== language.split('-')[0] ? wordsLanguage : null;
}

/** Stands for the substitution in a message split around it (a private-use character: never in a message). */
const MARK = '\ue000';

/**
 * `sentence(MARK)` with `words` where MARK is: a message whose substitution is an element (the
 * words marked). A sentence that does not say them (a translation without the substitution) is
 * kept whole, without them (null).
 */
export function around<T>(sentence: (mark: string) => string, words: T): [string, T | null, string] {
  const [before = '', after] = sentence(MARK).split(MARK);
  return after === undefined ? [before, null, ''] : [before, words, after];
}
