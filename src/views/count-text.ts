import type { MessageKey, Translate } from '../core/ui-strings.ts';
import { formatCount } from './time-format.ts';

/** The keys of messages that say a count and have a `…One` twin for the singular. */
export type CountedKey = { [K in MessageKey]: `${K}One` extends MessageKey ? K : never }[MessageKey];

// One rule set per language, kept: a timeline shows many markers.
const rules = new Map<string, Intl.PluralRules>();

/**
 * A sentence with a count in it: the `…One` message where the UI language's plural rules put the
 * count in the singular (English: 1; French: 0 and 1), the other otherwise. The count is the
 * first substitution of both.
 */
export function countText(t: Translate, language: string, key: CountedKey, count: number, ...more: string[]): string {
  let languageRules = rules.get(language);
  if (!languageRules) rules.set(language, (languageRules = new Intl.PluralRules(language)));
  return t(languageRules.select(count) === 'one' ? (`${key}One` as MessageKey) : key, formatCount(count, language), ...more);
}
