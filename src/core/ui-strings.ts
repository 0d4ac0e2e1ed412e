/** UI message keys and the translate function's type; pure, so views and tests need no browser. */
import type englishMessages from '../../public/_locales/en/messages.json';

/** Every message key of _locales; a typo is a type error. */
export type MessageKey = keyof typeof englishMessages;

/** Looks up a UI string in the browser's language (fr or en, English otherwise). */
export type Translate = (key: MessageKey, ...substitutions: string[]) => string;

/**
 * The key of a message naming one value of an enumeration: `messageKey('finding', 'not-seen')`
 * is `finding_not_seen` (message names allow only ASCII letters, digits and `_`).
 * test/core/ui-strings.test.ts checks every such key exists in every locale. A category has two:
 * `category` names a group of cookies (a heading, "Nécessaires"), `categoryOne` one cookie's ("nécessaire").
 */
export function messageKey(
  prefix: 'category' | 'categoryOne' | 'finding' | 'status' | 'phase' | 'consent' | 'event' | 'source' | 'field' | 'via',
  value: string,
): MessageKey {
  return `${prefix}_${value.replace(/-/g, '_')}` as MessageKey;
}
