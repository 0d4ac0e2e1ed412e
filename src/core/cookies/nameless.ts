/**
 * A cookie's name may be empty: a `Set-Cookie` or a `document.cookie` write without `=` sets a
 * cookie named "" whose value is the text (RFC 6265bis, "set-cookie-string" parsing; measured in
 * Chromium 150: `document.cookie = 'justavalue'` gives a cookie named "" beside the page's
 * others; Firefox ESR 153 names that one `justavalue`, with no value, and refuses `=justavalue`).
 * Where a name is shown or written in words it is said so, never left blank; the report, its JSON
 * and CSV keep it as the browser gave it ("").
 */
export const NAMELESS_COOKIE = { en: '(no name)', fr: '(sans nom)' } as const;

/**
 * Characters that show nothing, or change what is around them: format characters (zero-width
 * spaces and joiners, the soft hyphen, bidi controls, tags), controls, line and paragraph
 * separators, lone surrogates, the blank fillers (Hangul U+115F, U+1160, U+3164, U+FFA0, the
 * blank Braille pattern), as the charter reader tells them (charter/cells.ts), every other
 * default-ignorable mark (the combining grapheme joiner U+034F, variation selectors, U+17B4),
 * and the spaces other than U+0020 and U+00A0, which the formats trim or take for a gap
 * (U+3000, U+2003). Not U+00A0 beside other characters: Firefox gives a name's bytes as Latin-1,
 * and `à` is `Ã\u00A0` (a name of U+00A0 alone is shown as codes, noBreakSpacesAloneShown).
 * And a `<` that begins the text `<U+`, written `<U+003C>`: a cookie named `_g<U+200B>a` is then
 * `_g<U+003C>U+200B>a`, not the `_g<U+200B>a` that stands for `_g\u200Ba` (every `<U+` shown is a
 * code; a `<` before anything else stays text, `<b>x</b>` is itself).
 */
const SHOWS_NOTHING =
  /<|[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0\u2800\u1680\u2000-\u200A\u202F\u205F\u3000]/gu;

/**
 * `name` with each character that shows nothing written as its code (`_g<U+200B>a`), a `<` that
 * would read as the start of one too (`<U+003C>`), and each space that would not show as one
 * (spacesShown): a name then
 * never looks like another (a cookie `_g\u200Ba`, undeclared, beside the declared `_ga`), nor
 * blank. Where names are shown to people; the report, its JSON and CSV keep the name as the
 * browser gave it. One pass, linear in the name's length.
 */
export function visibleCookieName(name: string): string {
  const shown = noBreakSpacesAloneShown(
    spacesShown(
      name.replace(SHOWS_NOTHING, (character, at: number) =>
        character !== '<' || beginsCodeText(name, at) ? characterCode(character) : '<',
      ),
    ),
  );
  // The name's own string when nothing changed: a row's label shares it (views/CookieItem.tsx, the popup's heap).
  return shown === name ? name : shown;
}

/** True when `text` has, at `at`, a `<` beginning `<U+`: it would read as a character's code, and is shown as one itself. */
export const beginsCodeText = (text: string, at: number) => text[at] === '<' && text[at + 1] === 'U' && text[at + 2] === '+';

/** `<U+200B>`: a character as its code point, visible and without effect. */
export const characterCode = (character: string) => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;

/** Where the spaces `text` ends with begin: its length when it ends with none. */
export function trailingSpacesFrom(text: string): number {
  let end = text.length;
  while (end > 0 && text[end - 1] === ' ') end--;
  return end;
}

/**
 * True when the UTF-16 unit at `at` of `text` is a space a page, Markdown or the terminal would
 * merge into the one before it, or trim: a leading one, one after a space, or one of the spaces
 * the text ends with (from `trailingFrom`, trailingSpacesFrom's). `a  b` is not `a b`.
 */
export function isHiddenSpace(text: string, at: number, trailingFrom: number): boolean {
  return text[at] === ' ' && (at === 0 || text[at - 1] === ' ' || at >= trailingFrom);
}

/** `name` with each hidden space (isHiddenSpace) as its code. One pass. */
function spacesShown(name: string): string {
  if (!name.startsWith(' ') && !name.endsWith(' ') && !name.includes('  ')) return name;
  const trailingFrom = trailingSpacesFrom(name);
  let shown = '';
  for (let at = 0; at < name.length; at++) shown += isHiddenSpace(name, at, trailingFrom) ? '<U+0020>' : name[at];
  return shown;
}

/**
 * A name of no-break spaces alone with each as its code: it would show blank. Beside other
 * characters U+00A0 stays text (Firefox's Latin-1 `à` is `Ã\u00A0`).
 */
const noBreakSpacesAloneShown = (name: string) => (/^\u00A0+$/.test(name) ? name.replace(/\u00A0/g, characterCode) : name);

/**
 * `name` as shown (visibleCookieName), or what stands for it when it is empty, in `language`; a
 * name that is those very words has its `(` as its code (`<U+0028>no name)`), as a `<U+` is:
 * plain text, it would look like the nameless cookie.
 */
export function shownCookieName(name: string, language: keyof typeof NAMELESS_COOKIE = 'en'): string {
  if (name === '') return NAMELESS_COOKIE[language];
  return name === NAMELESS_COOKIE[language] ? `${characterCode('(')}${name.slice(1)}` : visibleCookieName(name);
}
