/**
 * Cookie-name cells -> cookie names with their match kind. A cell may name several cookies
 * (`_pk_id.*, _pk_ses.*`, `_hjSessionUser; _hjid`, "_ga et _gid"), mark a variable part with a
 * wildcard (`*`, `<ID>`, `{id}`, `XXXX`, `#`; `ID` after a known family's prefix), or say it in
 * prose ("Any cookie starting with “_hs”", "tout cookie commençant par _pk_").
 */
import type { CharterEntry } from './types.ts';
import { lazy } from '../lazy.ts';
import { isKnownCookieName, KNOWN_FAMILY_PREFIXES, LONGEST_KNOWN_COOKIE_NAME } from './known.ts';
import { MAX_CELL_LENGTH, MAX_NAMES_PER_CELL, MAX_PARTS_PER_CELL } from './limits.ts';
import { collapseWhitespace } from './normalise.ts';
import type { NotANameWhy, UnreadReason } from './unread-reason.ts';

/** One cookie name read from a cell. */
export type CookieName = Pick<CharterEntry, 'cookie' | 'match'>;

/** What a cookie-name cell holds: the names it could read, and why it skipped the rest. */
export type NameCellReading = {
  /** Names in the order written, without duplicates. */
  names: CookieName[];
  /** One reason per part of the cell that is not a usable name. */
  problems: UnreadReason[];
};

/** Characters that mark the variable part of a name; no returned cookie contains one. */
export const WILDCARD_CHARACTERS: readonly string[] = ['*', '<', '>', '{', '}', '[', ']', '…'];

/** Prose that makes the names after it prefixes ("Any cookie starting with", "tout cookie commençant par"). */
export const PROSE_PREFIX_SOURCE =
  '(?:(?:any|all|every)\\s+cookies?\\s+' +
  '(?:(?:whose\\s+names?\\s+)?(?:starting|beginning|starts|begins|start|begin)|prefixed)\\s+with' +
  '|cookies?\\s+(?:starting|beginning)\\s+with' +
  '|(?:tout|tous\\s+les|les)\\s+cookies?\\s+' +
  '(?:(?:dont\\s+le\\s+nom\\s+)?(?:commen[cç]ant|d[ée]butant|commencent|commence|d[ée]butent|d[ée]bute)|pr[ée]fix[ée]s?)\\s+par' +
  '|cookies?\\s+(?:commen[cç]ant|d[ée]butant|pr[ée]fix[ée]s?)\\s+par' +
  '|names?\\s+prefixed\\s+with|pr[ée]fixe)\\s*:?';

// Unicode-aware regexes are built on first use: building one costs the worker's wake even when no charter is read.
const prosePrefix = lazy(() => new RegExp(PROSE_PREFIX_SOURCE, 'iu'));

/** Separators between names in one cell. */
const NAME_SEPARATOR = /\s*[,;/]\s*|\s+(?:et|and|ou|or|&|\+)\s+|\s+-\s+/iu;

/** What authors write in a cell that has nothing to say ("-", "N/A", "aucun"). */
const EMPTY_MARKER = /^(?:[-–—/.?]+|n\/?a|none|aucun|n[ée]ant|nil)$/iu;

/** Quotes, backticks and brackets a name may be wrapped in. */
const OPENING_WRAPPERS = new Set(['"', "'", '`', '“', '”', '‘', '’', '«', '»', '„', '(']);
const CLOSING_WRAPPERS = new Set(['"', "'", '`', '“', '”', '‘', '’', '«', '»', '„', ')']);

/** Strips wrapping quotes and brackets; a loop, because an anchored `[...]+$` is quadratic on long runs. */
export function stripWrapping(
  token: string,
  opening: ReadonlySet<string> = OPENING_WRAPPERS,
  closing: ReadonlySet<string> = CLOSING_WRAPPERS,
): string {
  let start = 0;
  let end = token.length;
  while (start < end && opening.has(token[start] ?? '')) start++;
  while (end > start && closing.has(token[end - 1] ?? '')) end--;
  return token.slice(start, end);
}

/** Characters a cookie name cannot hold (RFC 6265 token separators, whitespace, wildcards, controls). */
const FORBIDDEN_IN_NAME = /[\s,;"'\\()=*<>{}[\]…\u0000-\u001f\u007f\u00ab\u00bb\u2018\u2019\u201c\u201d]/u;

/** Most problems kept per cell; past it, one more says how many were left out. */
const MAX_PROBLEMS_PER_CELL = 10;

/**
 * Which kind of text a cell came from: a markdown pipe table's (`*_ga*` is `_ga` in italics,
 * `[_gid](#gid)` a link), or text shown as it is written, a page's or a tab row's (there `*_ga*`
 * shows its asterisks: wildcards or odd text, never italics).
 */
export type CellText = 'markdown' | 'text';

/**
 * Reads a cookie-name cell into names; never throws. Linear in the cell: a cell longer than
 * MAX_CELL_LENGTH is not read at all, and names past MAX_NAMES_PER_CELL or parts past
 * MAX_PARTS_PER_CELL are left out, each limit with a problem saying so.
 */
export function readNameCell(cell: string, source: CellText = 'text'): NameCellReading {
  if (cell.length > MAX_CELL_LENGTH) {
    return {
      names: [],
      problems: [{ kind: 'name-cell-too-long', length: cell.length, limit: MAX_CELL_LENGTH }],
    };
  }
  const text = collapseWhitespace(
    unescapeMarkdown(decodeEntities(unwrapInlineMarkup(cell, source)))
      .replace(/<br\s*\/?>/gi, ', ')
      .replace(/\*\*/g, ''),
  );
  if (text === '' || EMPTY_MARKER.test(text)) return { names: [], problems: [{ kind: 'empty-cell', field: 'cookie' }] };

  const collector = new NameCollector();
  const prose = prosePrefix().exec(text);
  const plainPart = prose ? text.slice(0, prose.index) : text;
  const prefixPart = prose ? text.slice(prose.index + prose[0].length) : '';

  for (const item of splitNames(plainPart)) {
    if (!collector.takePart() || !collector.add(readNameItem(item, false))) break;
  }
  if (prose && !collector.full) {
    const items = splitNames(prefixPart);
    if (items.length === 0) collector.problem({ kind: 'no-name-after', text: showInvisible(text), prose: showInvisible(prose[0].trim()) });
    for (const item of items) {
      if (!collector.takePart() || !collector.add(readNameItem(item, true))) break;
    }
  }
  return collector.result(text);
}

/** Names and problems of one cell: duplicates dropped through a set, both lists bounded. */
class NameCollector {
  private readonly names: CookieName[] = [];
  private readonly problems: UnreadReason[] = [];
  private readonly seen = new Set<string>();
  private problemsLeftOut = 0;
  private partsRead = 0;
  /** Which limit stopped the reading: said last, whatever the problems before it. */
  private limitReached: UnreadReason | null = null;
  /** True once MAX_NAMES_PER_CELL names, or MAX_PARTS_PER_CELL parts, were read. */
  full = false;

  /** Counts a part about to be read; false, with a problem saying so, when the cell's part limit is reached and reading should stop. */
  takePart(): boolean {
    if (this.partsRead < MAX_PARTS_PER_CELL) {
      this.partsRead++;
      return true;
    }
    this.full = true;
    this.limitReached = { kind: 'parts-limit', limit: MAX_PARTS_PER_CELL };
    return false;
  }

  /** Adds one item's reading; false when the cell's name limit is reached and reading should stop. */
  add(reading: NameCellReading): boolean {
    for (const name of reading.names) {
      const key = `${name.match}:${name.cookie}`;
      if (this.seen.has(key)) continue;
      if (this.names.length >= MAX_NAMES_PER_CELL) {
        this.full = true;
        this.limitReached = { kind: 'names-limit', limit: MAX_NAMES_PER_CELL };
        return false;
      }
      this.seen.add(key);
      this.names.push(name);
    }
    for (const problem of reading.problems) this.problem(problem);
    return true;
  }

  problem(reason: UnreadReason): void {
    if (this.problems.length < MAX_PROBLEMS_PER_CELL) this.problems.push(reason);
    else this.problemsLeftOut++;
  }

  result(text: string): NameCellReading {
    const problems = [...this.problems];
    if (this.problemsLeftOut > 0) problems.push({ kind: 'parts-left-out', count: this.problemsLeftOut });
    if (this.limitReached !== null) problems.push(this.limitReached);
    if (this.names.length === 0 && problems.length === 0) problems.push(notAName(text, 'none-found'));
    return { names: this.names, problems };
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** HTML entities from pages saved as markdown (`_ga_&lt;ID&gt;`). */
function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|nbsp|#39);/g, (entity, name: string) => ENTITIES[name] ?? entity);
}

/** Markdown escapes (`\_ga`) are markup, not part of the name. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

/** Inline HTML elements a charter wraps a name in; a lone `<i>` or `<b>` with no end tag stays (`_ga_<i>` is a placeholder). */
const PAIRED_INLINE_TAG = /<(code|strong|b|em|i|u|s|span|small|mark|kbd|samp|tt|var|a|sup)(?:\s[^<>]*)?>([^<>]*)<\/\1\s*>/gi;

/**
 * A footnote's marker in `<sup>`: a number, bracketed or not, or daggers. No letters ("1<sup>er</sup>",
 * "2<sup>e</sup>" are ordinals) and no asterisk (`_ga<sup>*</sup>` may be the name's wildcard).
 */
export const FOOTNOTE_MARKER = /^\s*(?:\d{1,3}|\(\d{1,3}\)|\[\d{1,3}\]|[†‡§]{1,3})\s*$/u;

/**
 * Elements that mark a variable part (`_ga_<var>ID</var>`, `_ga_<i>CONTAINER-ID</i>`): joined
 * straight onto a name's trailing separator, their text is its placeholder, as in `_ga_<ID>`.
 */
const PLACEHOLDER_TAGS = new Set(['var', 'i', 'em']);
/** Separators a placeholder element follows: `_ga_`, `_pk_id.`, `_gat_UA-`. */
const BEFORE_PLACEHOLDER = new Set(['_', '.', '-']);
/**
 * A placeholder element's text: words (`ID`, `CONTAINER-ID`, `CONTAINER ID`), never a note in
 * brackets (`_ga.<i>(Google Analytics)</i>`). Its first letter or digit is the one required: a
 * class before it that also held letters gave the engine a split to try at each of them, quadratic
 * on a long word ending in a character outside (`<i>aaa…!</i>`).
 */
const PLACEHOLDER_TEXT = /^[_ -]*[\p{L}\p{N}][\p{L}\p{N}_ -]*$/u;
/** What a placeholder element is read as: a wildcard character that is neither markdown nor a tag. */
const PLACEHOLDER_MARK = '…';

/** Passes over nested tags: `<sup><a href="#n1">1</a></sup>` takes two; a third covers one more level. */
const INLINE_TAG_PASSES = 3;

/**
 * Markdown emphasis with one asterisk around a whole word (`*_ga*`, `*sessionid*`): what a renderer
 * shows is the word alone. Not when the word ends with a separator (`*_pk_id.*` may be a family
 * with a wildcard on each side) or holds an asterisk; `**` is dropped later as bold.
 */
const ITALIC_WORD = /(^|[\s,;/(])\*([^*\s](?:[^*]*[^*\s])?)\*(?=$|[\s,;/).:])/g;
const ENDS_WITH_SEPARATOR = /[._:-]$/;

/** A markdown link `[text](target)` starting a word; `_ga_[ID](GA4)`, glued to a name, is a placeholder. */
const MARKDOWN_LINK = /(^|[\s,;/(])\[([^[\]]+)\]\([^()\s]*\)/g;

/**
 * The cell's text without the inline markup a page or a markdown file wraps names in, run before
 * the cell is split: paired inline tags unwrapped, a footnote marker in `<sup>` dropped (so
 * `_ga<sup>1</sup>` is `_ga`, not `_ga1`), a placeholder element after a separator read as one
 * (`_ga_<var>ID</var>` is `_ga_…`, the family `_ga_`), and in a markdown cell only, italics and
 * links unwrapped. Linear: each regex scans from a `<`, `*` or `[` to the next one at most, a
 * bounded number of passes.
 */
function unwrapInlineMarkup(cell: string, source: CellText): string {
  let text = cell;
  if (text.includes('<')) {
    for (let pass = 0; pass < INLINE_TAG_PASSES; pass++) {
      const unwrapped = text.replace(PAIRED_INLINE_TAG, (_tag, name: string, content: string, at: number, whole: string) => {
        const tag = name.toLowerCase();
        if (tag === 'sup' && FOOTNOTE_MARKER.test(content)) return '';
        if (PLACEHOLDER_TAGS.has(tag) && BEFORE_PLACEHOLDER.has(whole[at - 1] ?? '') && PLACEHOLDER_TEXT.test(content))
          return PLACEHOLDER_MARK;
        return content;
      });
      if (unwrapped === text) break;
      text = unwrapped;
    }
  }
  if (source !== 'markdown') return text;
  if (text.includes('*')) {
    text = text.replace(ITALIC_WORD, (whole, before: string, word: string) => (ENDS_WITH_SEPARATOR.test(word) ? whole : before + word));
  }
  if (text.includes('](')) text = text.replace(MARKDOWN_LINK, '$1$2');
  return text;
}

function splitNames(text: string): string[] {
  return text
    .split(NAME_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * One item between separators. A single token is a name whatever its shape (the column says so),
 * unless it is not name-shaped and its brackets hold a name ("Session (sessionid)" gives
 * `sessionid`); several words keep only the name-shaped ones, so "_ga (Universal Analytics)" gives
 * `_ga`. Brackets hold remarks, unless nothing name-shaped is outside them: "Cookie de session
 * (sessionid)" gives `sessionid`, while "(optional)" or "(13 mois)" are never names.
 */
function readNameItem(item: string, isPrefix: boolean): NameCellReading {
  // No `\s*` before the bracket: tried at every space of a run with no bracket after it, it was
  // quadratic (10,000 spaces: 31 ms; 40,000: 494 ms); the words are split on spaces anyway.
  const withoutRemarks = item.replace(/\([^()]*\)/g, ' ').trim();
  const tokens = words(withoutRemarks);
  // "<container id>" is one placeholder even with a space inside it.
  const joined = tokens.length > 1 && /<[^<>]*$/.test(tokens[0] ?? '') ? [tokens.join('_')] : tokens;
  // The name-shaped words; else those in the brackets ("Session (sessionid)" is `sessionid`); else a lone word as it is.
  // A placeholder makes a word a name too (`_pk_id.#.#`, `xtanXXXX`: no shape `looksLikeCookieName` knows).
  const shaped = joined.filter((token) => looksLikeCookieName(token) || placeholderStart(token) >= 0);
  let candidates = shaped.length > 0 ? shaped : nameShapedInBrackets(item);
  if (candidates.length === 0 && joined.length === 1) candidates = joined;
  if (candidates.length === 0) {
    return { names: [], problems: [notAName(item, tokens.length === 0 ? 'none-found' : 'prose')] };
  }

  const names: CookieName[] = [];
  const problems: UnreadReason[] = [];
  for (const candidate of candidates) {
    const name = toCookieName(candidate, isPrefix);
    if ('kind' in name) problems.push(name);
    else names.push(name);
  }
  return { names, problems };
}

/** Whitespace-separated words of `text`, without the quotes, brackets and sentence punctuation around them. */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => stripWrapping(stripSentencePunctuation(stripWrapping(token))))
    .filter((token) => token !== '');
}

/** Matomo's families are written with their dot (`_pk_id.`): that dot is the name's, not a full stop. */
const DOTTED_FAMILY = /^_pk_/;

/**
 * Drops the colon of "_ga: unique visitor ID" (no cookie name ends with one) and the full stop of
 * "Cookie _ga." when what is left is a known name; `_pk_id.` keeps its dot.
 */
function stripSentencePunctuation(token: string): string {
  let end = token.length;
  while (end > 0 && (token[end - 1] === ':' || token[end - 1] === '：')) end--;
  const bare = token.slice(0, end);
  if (bare.endsWith('.') && !bare.endsWith('..')) {
    const name = bare.slice(0, -1);
    if (name.length <= LONGEST_KNOWN_COOKIE_NAME && isKnownCookieName(name) && !DOTTED_FAMILY.test(name)) return name;
  }
  return bare;
}

/** The name-shaped words inside the item's brackets ("Cookie de session (sessionid)"). */
function nameShapedInBrackets(item: string): string[] {
  const found: string[] = [];
  for (const bracket of item.matchAll(/\(([^()]*)\)/g)) found.push(...words(bracket[1] ?? '').filter(looksLikeCookieName));
  return found;
}

/** Placeholder runs of capital X at the end (`_ga_XXXXXXX`): the shape test of `looksLikeCookieName`. */
const X_PLACEHOLDER = /(?<=[_.\-:])X{3,}$/;

/** Characters around a placeholder run: `_ga_XXXX`, `_pk_id.xx.xxxx`, `_gat_UA-XXXXX-Y`. */
const PLACEHOLDER_SEPARATORS = new Set(['_', '.', '-', ':']);

/** Letters authors write alone for one variable part (`_pk_id.X.XXXX`, `_pk_id.N.xxxx`: site number, then ID). */
const SINGLE_PLACEHOLDERS = new Set(['X', 'x', 'N', 'n']);

/** End of the run of X (either case) starting at `at`. */
function xRunEnd(token: string, at: number): number {
  let end = at;
  while (end < token.length && (token[end] === 'X' || token[end] === 'x')) end++;
  return end;
}

/** End of the run of `#` starting at `at`: charters write a number so (`_pk_id.#.#`, `_ga_#`). */
function hashRunEnd(token: string, at: number): number {
  let end = at;
  while (end < token.length && token[end] === '#') end++;
  return end;
}

/** True when `token[at..end)` is followed by a separator or the end of the token. */
function endsPart(token: string, end: number): boolean {
  return end === token.length || PLACEHOLDER_SEPARATORS.has(token[end] ?? '');
}

/** What may follow a trailing pair and still end the name: nothing, or a sentence's stop (`_pk_ses.n.n.`, which `_pk_` names keep). */
const SENTENCE_ENDS = new Set(['', '.', '…', '...']);

/**
 * Where the first placeholder starts, or -1: one after a separator (`separatedPlaceholderStart`),
 * or one straight after a known family's prefix (`familyPlaceholderStart`), whichever comes first.
 */
function placeholderStart(token: string): number {
  const separated = separatedPlaceholderStart(token);
  const family = familyPlaceholderStart(token);
  return separated < 0 ? family : family < 0 ? separated : Math.min(separated, family);
}

/**
 * Where a placeholder starts straight after the longest of the known-tracker table's family
 * prefixes the token opens with (KNOWN_FAMILY_PREFIXES), or -1: `ID`, a run of X (either case)
 * or a run of `#`, then a separator or the end (`_ga_ID`, `_pk_id.ID.ID`, `xtanXXXXXX`, `xtan#`
 * are `_ga_`, `_pk_id.`, `xtan`). Only there: every cookie that opens with such a prefix is of
 * that family anyway, while elsewhere `ID` or X is as likely a part of the name (`session_ID`,
 * `XSRF`). Linear: a few dozen prefixes, each compared and its run scanned once.
 */
function familyPlaceholderStart(token: string): number {
  let start = -1;
  for (const family of KNOWN_FAMILY_PREFIXES) {
    const at = family.length;
    if (at <= start || token.length <= at || !token.startsWith(family)) continue;
    const end = token.startsWith('ID', at) ? at + 2 : token[at] === '#' ? hashRunEnd(token, at) : xRunEnd(token, at);
    if (end > at && endsPart(token, end)) start = at;
  }
  return start;
}

/**
 * Where the first placeholder run after a separator starts, or -1: two or more X (either case),
 * or one or more `#`, after a separator that follows a fixed part, and before a separator or the
 * end (`_gat_UA-XXXXX-Y` is the family `_gat_UA-`, `_pk_id.#.#` the family `_pk_id.`). A single
 * X, x, N or n between separators starts one too, but only when a placeholder follows it after one
 * separator: a run of two or more X (`_pk_id.X.XXXX`,
 * `_pk_id.N.xxxx` are `_pk_id.`), or another such single letter ending the name (`_pk_id.X.X`,
 * `_pk_id.n.n`, and before a sentence's stop: `_pk_id.n.n.`). The trailing pair counts because
 * two one-letter parts in a row, each X or N, name no real cookie (none among the Open Cookie
 * Database's names) while charters write Matomo's two variable parts so; one such letter alone stays a letter of the name (the
 * database's `_sn_n`, `box_x`), as does one before a fixed part (`a_x_b`), so no literal
 * one-letter part turns a name into a wider prefix. Linear: each run is scanned at most twice,
 * from its own separator and from the single letter before it, and the single-letter test looks
 * at no more than that run.
 */
function separatedPlaceholderStart(token: string): number {
  // A prefix of separators alone (`_xx` -> `_`) would declare every `_…` cookie: it needs a fixed character.
  let hasFixedPart = false;
  for (let at = 1; at < token.length; at++) {
    if (!PLACEHOLDER_SEPARATORS.has(token[at - 1] ?? '')) {
      hasFixedPart = true;
      continue;
    }
    if (!hasFixedPart) continue;
    const end = xRunEnd(token, at);
    if (end - at >= 2 && endsPart(token, end)) return at;
    const hashEnd = hashRunEnd(token, at);
    if (hashEnd > at && endsPart(token, hashEnd)) return at;
    if (SINGLE_PLACEHOLDERS.has(token[at] ?? '') && PLACEHOLDER_SEPARATORS.has(token[at + 1] ?? '')) {
      const next = at + 2;
      const nextEnd = xRunEnd(token, next);
      if (nextEnd - next >= 2 && endsPart(token, nextEnd)) return at;
      // Three characters at most are read past the pair: linear, whatever follows.
      if (SINGLE_PLACEHOLDERS.has(token[next] ?? '') && token.length - next <= 4 && SENTENCE_ENDS.has(token.slice(next + 1))) return at;
    }
  }
  return -1;
}

/** A name or a prefix from one token, or the reason it is not usable. */
export function toCookieName(token: string, isPrefix: boolean): CookieName | UnreadReason {
  // The family starts at its first variable part, whichever way it is written (`_pk_id.xx.*` is `_pk_id.`).
  const wildcardAt = firstWildcardIndex(token);
  const placeholderAt = placeholderStart(token);
  const variableAt = wildcardAt < 0 ? placeholderAt : placeholderAt < 0 ? wildcardAt : Math.min(wildcardAt, placeholderAt);
  let cookie = token;
  let match: CookieName['match'] = isPrefix ? 'prefix' : 'exact';
  if (variableAt >= 0) {
    cookie = token.slice(0, variableAt);
    match = 'prefix';
  } else if (token.endsWith('...')) {
    cookie = token.slice(0, -3);
    match = 'prefix';
  }
  // A prefix of separators alone (`_*` -> `_`) would declare every `_…` cookie: as good as no prefix.
  if (cookie === '' || (match === 'prefix' && [...cookie].every((character) => PLACEHOLDER_SEPARATORS.has(character)))) {
    return notAName(token, 'wildcard-first');
  }
  if (LONE_SURROGATE.test(cookie)) return notAName(token, 'invalid');
  if (invisibleOnly().test(cookie)) return notAName(token, 'invisible');
  if (FORBIDDEN_IN_NAME.test(cookie)) return notAName(token, 'separators');
  return { cookie, match };
}

/** Why `token` is no usable name, quoting it as a message shows it (showInvisible). */
function notAName(token: string, why: NotANameWhy): UnreadReason {
  return { kind: 'not-a-name', token: showInvisible(token), why };
}

/** Half of a UTF-16 surrogate pair on its own: no browser can store or send it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Characters that show nothing and change nothing around them: format and bidi controls, line separators, blank fillers. */
const CONTROL_CHARACTERS = '\\p{Cf}\\p{Cc}\\p{Zl}\\p{Zp}\\u115F\\u1160\\u3164\\uFFA0\\u2800';
/** A name of nothing but those, spaces and combining marks shows nothing at all. */
const invisibleOnly = lazy(() => new RegExp(`^[${CONTROL_CHARACTERS}\\p{Zs}\\p{Mn}\\p{Me}]+$`, 'u'));
const invisibleOrInvalid = lazy(() => new RegExp(`[${CONTROL_CHARACTERS}]|\\p{Cs}`, 'gu'));

/** The token as a message shows it: invisible and invalid characters as their code (U+202E), so they can be seen and do nothing. */
function showInvisible(token: string): string {
  return token.replace(
    invisibleOrInvalid(),
    (character) => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

function firstWildcardIndex(token: string): number {
  let first = -1;
  for (const wildcard of WILDCARD_CHARACTERS) {
    const index = token.indexOf(wildcard);
    if (index >= 0 && (first < 0 || index < first)) first = index;
  }
  return first;
}

/**
 * True for a token shaped like a cookie name rather than a word: a known name, or letters with
 * an underscore, a wildcard or a placeholder (`_ga`, `django_language`, `_pk_id.*`, `_ga_<ID>`).
 */
export function looksLikeCookieName(token: string): boolean {
  if (token.length <= LONGEST_KNOWN_COOKIE_NAME && isKnownCookieName(token)) return true;
  if (!/^[\w.\-:$*<>{}[\]…]+$/u.test(token)) return false;
  if (!/[A-Za-z]/.test(token)) return false;
  return /[_*<{[…]/.test(token) || X_PLACEHOLDER.test(token);
}
