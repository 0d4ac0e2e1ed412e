import { oneParagraph } from '../core/one-paragraph.ts';
import type { Translate } from '../core/ui-strings.ts';

/** A cookie's name as a line says it (oneParagraph), or the words for an empty name (core/cookies/nameless.ts). */
export function cookieNameText(name: string, t: Translate): string {
  return name === '' ? t('namelessCookie') : oneParagraph(name);
}

/** A cookie's name inline; an empty one is said in words, set apart from names (`nameless`: not code). */
export function CookieName({ name, t }: { name: string; t: Translate }) {
  return <code class={name === '' ? 'nameless' : undefined}>{cookieNameText(name, t)}</code>;
}
