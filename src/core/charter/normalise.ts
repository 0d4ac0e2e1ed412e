/**
 * Text clean-up shared by every reader: byte decoding, line ends, whitespace, and a folded form
 * of text used only to compare against keywords (never returned to callers as data).
 */
import { CharterError } from './errors.ts';

/** Tab, LF, vertical tab, form feed, CR: control codes that are text. */
const WHITESPACE_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** Share of undecodable or control characters above which a text is not a charter. */
const UNREADABLE_SHARE = 0.05;

/** Decodes file bytes as UTF-8; bad sequences become U+FFFD, which `assertReadableText` counts. */
export function decodeCharterBytes(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** True for a text of nothing but white space, a byte-order mark aside: an empty file or page. */
export const isBlankText = (text: string): boolean => text.replace(/^\uFEFF/, '').trim() === '';

/**
 * Throws a CharterError when the text cannot be a charter: empty, binary (NUL bytes), or mostly
 * characters that did not decode as UTF-8 or are control codes. For an HTML page's source
 * (`markup`), a NUL is binary data only past the share control codes may have, as they count
 * with them: a browser shows a page whose script holds a NUL in a string, and what the page lays
 * out as text is checked on its own (readCharter). Real binary data (a PDF, a PNG) is well past it.
 */
export function assertReadableText(text: string, source: 'text' | 'markup' = 'text'): void {
  if (isBlankText(text)) {
    throw new CharterError('the file is empty', 'empty');
  }
  let nul = 0;
  let replacement = 0;
  let control = 0;
  let visible = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0) nul++;
    else if (code === 0xfffd) replacement++;
    else if ((code < 0x20 && !WHITESPACE_CONTROLS.has(code)) || code === 0x7f) control++;
    if (code > 0x20) visible++;
  }
  const total = Math.max(visible, 1);
  // UTF-16 text read as UTF-8 has a NUL beside almost every ASCII letter.
  const looksUtf16 = nul * 3 >= text.length;
  if (nul > 0 && (source === 'text' || looksUtf16 || (nul + control) / total > UNREADABLE_SHARE)) {
    throw new CharterError(
      looksUtf16
        ? `binary data: ${nul} NUL bytes, it looks like UTF-16 text; save the charter as UTF-8`
        : `binary data: ${nul} NUL byte${nul === 1 ? '' : 's'}, not a text charter`,
      'binary',
    );
  }
  if (control / total > UNREADABLE_SHARE) {
    // What the count is weighed against: "1 control characters in 14" said neither what 14 counted nor why 1 was too many.
    const controls = `${control} control character${control === 1 ? '' : 's'}`;
    const against = `${visible} visible character${visible === 1 ? '' : 's'} (over 1 in ${Math.round(1 / UNREADABLE_SHARE)})`;
    throw new CharterError(`binary data: ${controls} for ${against}, not a text charter`, 'binary');
  }
  if (replacement / total > UNREADABLE_SHARE) {
    throw new CharterError(
      `not valid UTF-8: ${replacement} of ${visible} characters could not be decoded; save the charter as UTF-8`,
      'not-utf8',
    );
  }
}

/**
 * Format characters that show nothing and join nothing a reader needs: the soft hyphen, the
 * Mongolian vowel separator, zero-width spaces and joiners, left-to-right and right-to-left marks,
 * bidi embeddings, overrides and isolates, the word joiner and invisible operators, the deprecated
 * format controls, the BOM. A page or an editor may leave one inside a word (`cookies_&shy;preferences`,
 * `&lrm;csrftoken`): kept, it made a cookie name no browser cookie matches, and a heading word not
 * read. Dropped from the whole text, as a reader never sees them. One character class: linear.
 */
export const INVISIBLE_FORMAT_CHARACTERS = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/**
 * Text ready for line-based reading: no BOM or invisible format characters, LF line ends,
 * no trailing spaces (tabs are kept: a trailing tab can end an empty cell).
 */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(INVISIBLE_FORMAT_CHARACTERS, '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[\f\v]/g, ' ')
    .split('\n')
    .map(trimTrailingSpaces)
    .join('\n');
}

const SPACE_CHARACTERS = new Set([' ', '\u00A0', '\u1680', '\u202F', '\u205F', '\u3000']);

/** Drops trailing spaces but keeps trailing tabs; a loop, because `/ +$/` is quadratic on long runs. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0) {
    const character = line[end - 1] ?? '';
    const code = character.charCodeAt(0);
    if (!SPACE_CHARACTERS.has(character) && !(code >= 0x2000 && code <= 0x200a)) break;
    end--;
  }
  return line.slice(0, end);
}

/** Lines of the text; index 0 is line 1. */
export function splitLines(text: string): string[] {
  return text.split('\n');
}

/** Drops leading and trailing spaces but keeps tabs, which delimit empty first and last cells. */
export function trimSpaces(line: string): string {
  let start = 0;
  while (start < line.length && line[start] === ' ') start++;
  return trimTrailingSpaces(line.slice(start));
}

/** Cell text as the parser returns it: trimmed, every run of whitespace one space. */
export function collapseWhitespace(text: string): string {
  // Most text has only single spaces: found without building a copy (every line of a charter comes here).
  return (NOT_COLLAPSED.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

/** Whitespace `collapseWhitespace` would change: any but a space, or two spaces in a row. */
const NOT_COLLAPSED = /[^\S ]| {2}/;

const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/**
 * Folds of short texts folded lately, a few hundred at most: a charter's reader folds a line or a
 * cell for each test it meets in turn (heading, label, title), and its header cells and headings
 * again in every table. Longer texts are folded each time: keeping them could hold megabytes.
 */
const recentFolds = new Map<string, string>();
const MOST_FOLDS_KEPT = 256;
const LONGEST_TEXT_KEPT = 200;

/** Lower case, accents dropped, typographic apostrophes and quotes made plain: for keyword tests only. */
export function foldForMatching(text: string): string {
  if (text.length > LONGEST_TEXT_KEPT) return fold(text);
  let folded = recentFolds.get(text);
  if (folded === undefined) {
    folded = fold(text);
    if (recentFolds.size >= MOST_FOLDS_KEPT) recentFolds.clear();
    recentFolds.set(text, folded);
  }
  return folded;
}

function fold(text: string): string {
  // Plain ASCII has no accents or typographic quotes to fold: only the case and the backtick.
  if (ASCII_ONLY.test(text)) return text.toLowerCase().replaceAll('`', "'");
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u02BC\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"');
}

/** True for a line holding nothing but whitespace. */
export function isBlank(line: string): boolean {
  return line.trim() === '';
}
