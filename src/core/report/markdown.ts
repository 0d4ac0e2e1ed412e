import { terminalText } from '../terminal-text.ts';
import { NAMELESS_COOKIE, visibleCookieName } from '../cookies/nameless.ts';

/**
 * Text made safe for Markdown inside a table cell or a list item: the characters that make code,
 * emphasis, links, images, strike-through, table cells and math (`$x$` on GitHub) are escaped, `:` and `.` too so that
 * GitHub's autolinks (`https://…`, `www.…`) stay text, and markup becomes entities; a first `#`,
 * `+`, `-` or `=` is escaped too (after a list marker it would start a heading or a list). Each
 * `@` is followed by a word joiner (U+2060, as `&#8288;`), which shows nothing: GitHub's e-mail
 * and XMPP autolinks (`support@evil.example`, `xmpp:bot@evil.example`) are found in the text once
 * escapes and references are read, so no escape stops them, but no address runs across the
 * joiner (checked with cmark-gfm, GitHub's renderer), and the charter reader drops it. A cookie
 * named ``a`[x](https://evil)`` or a charter's purpose stays text on GitHub and in CommonMark
 * (a renderer linking bare domains, `evil.example`, is not one). Escape sequences and bidi
 * controls are taken out first (see terminalText): a report read with `cat` or in a review must
 * not clear the screen or read backwards.
 */
export function markdownText(text: string): string {
  // Line breaks and runs of spaces only: a no-break space is text (a Firefox name's byte `\u00a0`, as in `à`).
  const escaped = terminalText(text)
    .replace(/[ \t\n\v\f\r]+/g, ' ')
    .replace(/^ | $/g, '')
    .replace(/[&<>@\\`*_[\]()!|~:.$]/g, (character) => ENTITIES[character] ?? `\\${character}`);
  // Written after a list marker, a leading `#` would make a heading, `+` or `-` a nested list,
  // `=` or `-` under a line a heading: escaped there only, so dates and names stay readable.
  return LINE_START_MARKUP.test(escaped) ? `\\${escaped}` : escaped;
}

/** Characters that make block markup at the start of a line (the others are escaped everywhere). */
const LINE_START_MARKUP = /^[#+\-=]/;

/** Markup characters become entities, `@` takes a word joiner after it; the others are escaped with a backslash. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '@': '@&#8288;' };

/** A cookie's name as Markdown text (markdownText), what shows nothing as its code (visibleCookieName); an empty one in words, in italics: not a name (core/cookies/nameless.ts). */
export function markdownCookieName(name: string): string {
  return name === '' ? `*${NAMELESS_COOKIE.en}*` : markdownText(visibleCookieName(name));
}
