import { readFileSync } from 'node:fs';
import type { Translate } from '../../src/core/ui-strings.ts';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * A Translate over the extension's own messages in a language, substituting as browser.i18n does
 * ($NAME$ is its placeholder's content, $1… the substitutions), so tests read the real sentences.
 */
export function localeTranslate(language: 'en' | 'fr'): Translate {
  const messages = JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8')) as Messages;
  return (key, ...substitutions) => {
    const { message, placeholders = {} } = messages[key]!;
    const substitute = (text: string) => text.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
    return message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => substitute(placeholders[name.toLowerCase()]!.content));
  };
}
