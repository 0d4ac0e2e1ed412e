/**
 * Splits a row whose cells are separated by single spaces, or not separated at all, by anchoring
 * on what can be recognised: a known provider name, cookie-name shapes, a duration. Free-text
 * columns (service, purpose) take what lies between anchors, so two free columns side by side
 * cannot be split and such a row is left unread. A duration may open with free text when it
 * ends with a duration ("Reset for each session. Up to 12 months").
 *
 * The search is a memoised walk over (column, position): each anchor is computed once per
 * position and each dead end is remembered, and the whole row has a work budget proportional to
 * its length, so no row costs more than a constant times its length whatever its text.
 */
import type { Column, ColumnRole } from './columns.ts';
import { PROSE_PREFIX_SOURCE, looksLikeCookieName } from './cells.ts';
import { lazy } from '../lazy.ts';
import {
  LONGEST_KNOWN_COOKIE_NAME,
  isKnownCookieName,
  knownCookieNameLengthsAt,
  knownProviderLengthsAt,
  shortestKnownCookieNameLengthAt,
} from './known.ts';

/** Text of each column found in a row, by role. */
export type RowCells = Partial<Record<ColumnRole, string>>;

/** Longest row the anchored splitter tries; beyond that it would be guessing anyway. */
const MAX_ROW_LENGTH = 2000;
/** Longest cookie name looked for; also keeps the scan of glued text linear. */
const MAX_NAME_LENGTH = 100;
/** Work (characters examined, steps tried) allowed per character of a row, plus a fixed allowance. */
const WORK_PER_CHARACTER = 48;
const BASE_WORK = 4_000;
/** Most candidate ends one anchor offers; more would be guesses. */
const MAX_ENDS = 24;
/** Longest free text a duration may open with before its duration ("Reset for each session. Up to 12 months"). */
const MAX_DURATION_LEAD = 120;

/** Regex source matching `word` in any letter case without the `i` flag (which would break `\p{Ll}`). */
function caseless(word: string): string {
  return word.replace(/\p{L}/gu, (letter) => {
    const lower = letter.toLowerCase();
    const upper = letter.toUpperCase();
    return lower === upper || upper.length !== 1 ? letter : `[${lower}${upper}]`;
  });
}

/** Regex alternation of literal words, longest first so "months" is tried before "m". */
function alternatives(words: readonly string[]): string {
  return [...words]
    .sort((left, right) => right.length - left.length)
    .map((word) => caseless(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('|');
}

const UNITS = [
  'years',
  'year',
  'yrs',
  'yr',
  'ans',
  'an',
  'années',
  'année',
  'annees',
  'annee',
  'months',
  'month',
  'mois',
  'weeks',
  'week',
  'semaines',
  'semaine',
  'days',
  'day',
  'jours',
  'jour',
  'hours',
  'hour',
  'heures',
  'heure',
  'hrs',
  'hr',
  'minutes',
  'minute',
  'mins',
  'min',
  'seconds',
  'second',
  'secondes',
  'seconde',
  'secs',
  'sec',
  'h',
  'j',
  'd',
  'm',
  's',
  'y',
];
const DURATION_WORDS = ['end of session', 'fin de session', 'fin de la session', 'session', 'persistent', 'persistant', 'permanent'];
const DURATION_PREFIXES = [
  'up to',
  "jusqu'à",
  'jusqu’à',
  "jusqu'a",
  'au plus',
  'au maximum',
  'maximum',
  'max.',
  'max',
  'until',
  'about',
  'environ',
  'approximately',
  'approx.',
  'less than',
  'moins de',
  'more than',
  'plus de',
];
const DURATION_SUFFIXES = [
  'by default',
  'par défaut',
  'par defaut',
  'au maximum',
  'au plus',
  'maximum',
  'max.',
  'max',
  '(default)',
  '(par défaut)',
  'after the last visit',
  'after last visit',
  'après la dernière visite',
  'après la dernière consultation',
];
const DURATION_JOINERS = ['or', 'ou', 'et', 'and', 'à', 'to'];

/**
 * A free-text duration ("2 weeks by default", "13 mois", "Session", "13 months / 30 minutes").
 * Without separators the next cell starts with a capital, so only a lower-case letter may not follow.
 */
function durationPattern(glued: boolean): RegExp {
  const end = glued ? '(?![\\p{Ll}\\p{N}_])' : '(?![\\p{L}\\p{N}_])';
  const quantity = `\\d+(?:[.,]\\d+)?\\s*(?:${alternatives(UNITS)})${end}`;
  const one =
    `(?:(?:${alternatives(DURATION_PREFIXES)})\\s+)?` +
    `(?:${quantity}|(?:${alternatives(DURATION_WORDS)})${end})` +
    `(?:\\s+(?:${alternatives(DURATION_SUFFIXES)})${end})?`;
  const joiner = `\\s*[/,;+\\-–]\\s*|\\s+(?:${alternatives(DURATION_JOINERS)})\\s+`;
  return new RegExp(`(?:${one})(?:(?:${joiner})(?:${one}))*`, 'uy');
}

// Built on first use: a wake that reads no charter does not pay for them.
const durationSpaced = lazy(() => durationPattern(false));
const durationGlued = lazy(() => durationPattern(true));
const prosePrefixSticky = lazy(() => new RegExp(`${PROSE_PREFIX_SOURCE}\\s*`, 'iuy'));
const NAME_LIST_SEPARATOR = /\s*[,;/]\s*|\s+(?:et|and|ou|or|&)\s+/iuy;
/** What may follow a known name to mark its variable part (`.*`, `_<ID>`, `*`). */
const WILDCARD_EXTENSION = /(?:[._-]?(?:\*|<[^<>\s]{1,40}>|\{[^{}\s]{1,40}\}))+/y;
const OPENING_QUOTES = new Set(['"', "'", '`', '“', '‘', '«', '„']);
const CLOSING_QUOTES = new Set(['"', "'", '`', '”', '’', '»', '“']);
/** Characters of a cookie name (and its wildcards) when nothing separates it from the next cell. */
const NAME_PUNCTUATION = new Set(['_', '.', '-', ':', '$', '*', '<', '>', '{', '}', '[', ']', '…']);
/** Characters that end a name when cells are separated by spaces (and whitespace). */
const NAME_STOPS = new Set([',', ';', '"', "'", '`', '“', '”', '‘', '’', '«', '»', '„', '(', ')']);

/** What one character of a row is, as bits, read once per character: the per-position tables are built from these. */
const SPACE = 1;
const NAME_CHARACTER = 2;
const NAME_STOP = 4;
const LOWER = 8;
const UPPER = 16;
const DIGIT = 32;
/** Ends a wildcard, after which a glued name may end. */
const WILDCARD_END = 64;
/** Makes a token a cookie name rather than a word (as in `looksLikeCookieName`). */
const NAME_MARK = 128;
const OPENING_QUOTE = 256;
/** A letter or digit in any script: what a glued name cannot start right after. */
const LETTER_OR_DIGIT = 512;

/** The bits of a character code above ASCII, kept once found (French charters are full of accents). */
function nonAsciiClass(code: number): number {
  const known = nonAsciiClasses().get(code);
  if (known !== undefined) return known;
  const character = String.fromCharCode(code);
  let bits = /\s/.test(character) ? SPACE : 0;
  if (code === 0x2026) bits |= NAME_CHARACTER | WILDCARD_END | NAME_MARK; // '…'
  if (NAME_STOPS.has(character)) bits |= NAME_STOP;
  if (OPENING_QUOTES.has(character)) bits |= OPENING_QUOTE;
  if (/[\p{L}\p{N}]/u.test(character)) bits |= LETTER_OR_DIGIT;
  nonAsciiClasses().set(code, bits);
  return bits;
}

/** At most one entry per UTF-16 code unit met (65,536 at worst). */
const nonAsciiClasses = lazy(() => new Map<number, number>());

/** The bits of each ASCII character (built on first use, see ../lazy.ts). */
const asciiClasses = lazy(() => {
  const classes = new Uint16Array(0x80);
  for (let code = 0; code < 0x80; code++) {
    const character = String.fromCharCode(code);
    let bits = 0;
    if (code === 0x20 || code === 0x09 || (code >= 0x0a && code <= 0x0d)) bits |= SPACE;
    if (/[0-9A-Za-z]/.test(character) || NAME_PUNCTUATION.has(character)) bits |= NAME_CHARACTER;
    if (NAME_STOPS.has(character)) bits |= NAME_STOP;
    if (character >= 'a' && character <= 'z') bits |= LOWER;
    if (character >= 'A' && character <= 'Z') bits |= UPPER;
    if (character >= '0' && character <= '9') bits |= DIGIT;
    if ('*>}]'.includes(character)) bits |= WILDCARD_END;
    if ('_*<{['.includes(character)) bits |= NAME_MARK;
    if (OPENING_QUOTES.has(character)) bits |= OPENING_QUOTE;
    if (/[0-9A-Za-z]/.test(character)) bits |= LETTER_OR_DIGIT;
    classes[code] = bits;
  }
  return classes;
});

/** Room in each table for the longest row, and its two sentinels past the end. */
const TABLE_SIZE = MAX_ROW_LENGTH + 2;
const INT32_TABLES = [
  'classes',
  'nameRunEnd',
  'tokenEnd',
  'nextCut',
  'nextLetter',
  'nextMark',
  'xRunStart',
  'shortestEnd',
  'nextKnown',
] as const;
const UINT8_TABLES = ['space', 'cutKind'] as const;

/**
 * The per-position tables of the row being split, reused from row to row rather than allocated
 * for each (a hostile charter has thousands of rows). Safe because RowScan is made only in
 * segmentRow, which splits its row synchronously to the end, and every table is written in full
 * before it is read.
 */
const tableArena = lazy(() => ({
  int32: new Int32Array(INT32_TABLES.length * TABLE_SIZE),
  uint8: new Uint8Array(UINT8_TABLES.length * TABLE_SIZE),
}));

function int32Table(name: (typeof INT32_TABLES)[number], length: number): Int32Array {
  const start = INT32_TABLES.indexOf(name) * TABLE_SIZE;
  return tableArena().int32.subarray(start, start + length + 2);
}

function uint8Table(name: (typeof UINT8_TABLES)[number], length: number): Uint8Array {
  const start = UINT8_TABLES.indexOf(name) * TABLE_SIZE;
  return tableArena().uint8.subarray(start, start + length + 2);
}

/** The state of one row's split: the text, tables of it computed once, the memos and the work left. */
class RowScan {
  private work: number;
  /**
   * Anchor ends by start position, computed once each. Maps, not arrays: an array written first
   * near a long row's end turns into a dictionary, slower to read and write.
   */
  readonly memo = {
    provider: new Map<number, number[]>(),
    cookie: new Map<number, number[]>(),
    duration: new Map<number, number[]>(),
    durationAfterFreeText: new Map<number, number[]>(),
    name: new Map<number, number[]>(),
    prefixName: new Map<number, number[]>(),
  };
  /** 1 where the row has whitespace. */
  readonly space: Uint8Array;
  /** The bits (SPACE, NAME_CHARACTER, …) of each character. */
  private readonly classes: Int32Array;
  private runs: { nameRunEnd: Int32Array; tokenEnd: Int32Array } | null = null;
  private known: { shortestEnd: Int32Array; next: Int32Array } | null = null;

  constructor(
    readonly text: string,
    readonly glued: boolean,
  ) {
    if (text.length > MAX_ROW_LENGTH) throw new RangeError(`a row of ${text.length} characters is longer than ${MAX_ROW_LENGTH}`);
    this.work = BASE_WORK + WORK_PER_CHARACTER * text.length;
    this.space = uint8Table('space', text.length).fill(0);
    this.classes = int32Table('classes', text.length).fill(0);
    const ascii = asciiClasses();
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      const bits = code < 0x80 ? (ascii[code] ?? 0) : nonAsciiClass(code);
      this.classes[index] = bits;
      this.space[index] = bits & SPACE;
    }
  }

  /** Where a name-shaped run (glued cells) and a spaced token starting at each position end; one pass from the right. */
  private get runTables(): { nameRunEnd: Int32Array; tokenEnd: Int32Array } {
    if (this.runs) return this.runs;
    const { classes } = this;
    const length = this.text.length;
    const nameRunEnd = int32Table('nameRunEnd', length).fill(length);
    const tokenEnd = int32Table('tokenEnd', length).fill(length);
    let runEnd = length;
    let token = length;
    for (let index = length - 1; index >= 0; index--) {
      const bits = classes[index] ?? 0;
      if ((bits & NAME_CHARACTER) === 0) runEnd = index;
      if ((bits & (SPACE | NAME_STOP)) !== 0) token = index;
      nameRunEnd[index] = runEnd;
      tokenEnd[index] = token;
    }
    this.runs = { nameRunEnd, tokenEnd };
    return this.runs;
  }

  /** End of the name-shaped run that starts at `position`. */
  nameRunEnd(position: number): number {
    return this.runTables.nameRunEnd[position] ?? position;
  }

  /** End of the token (up to a space, quote, bracket or separator) that starts at `position`. */
  tokenEnd(position: number): number {
    return this.runTables.tokenEnd[position] ?? position;
  }

  private shapes: { cutKind: Uint8Array; nextCut: Int32Array; nextLetter: Int32Array; nextMark: Int32Array; xRunStart: Int32Array } | null =
    null;

  /** Per-position facts about glued text, one pass each: where runs may be cut, where letters and name marks are. */
  private get shapeTables() {
    if (this.shapes) return this.shapes;
    const { text, classes } = this;
    const length = text.length;
    const cutKind = uint8Table('cutKind', length).fill(0);
    const nextCut = int32Table('nextCut', length).fill(length);
    const nextLetter = int32Table('nextLetter', length).fill(length);
    const nextMark = int32Table('nextMark', length).fill(length);
    const xRunStart = int32Table('xRunStart', length).fill(length);
    let cut = length;
    let letter = length;
    let mark = length;
    // `classes` has a 0 after the last character, so `after` needs no bound check.
    for (let index = length - 1; index >= 0; index--) {
      const current = classes[index] ?? 0;
      if (index > 0) {
        const before = classes[index - 1] ?? 0;
        const after = classes[index + 1] ?? 0;
        if ((before & WILDCARD_END) !== 0) cutKind[index] = WILDCARD_CUT;
        else if ((before & (LOWER | DIGIT)) !== 0 && (current & UPPER) !== 0 && (after & LOWER) !== 0) cutKind[index] = CASE_CUT;
        else if ((before & (LOWER | UPPER)) !== 0 && (current & DIGIT) !== 0) cutKind[index] = CASE_CUT;
      }
      if (cutKind[index] !== 0) cut = index;
      if ((current & (LOWER | UPPER)) !== 0) letter = index;
      if ((current & NAME_MARK) !== 0) mark = index;
      nextCut[index] = cut;
      nextLetter[index] = letter;
      nextMark[index] = mark;
    }
    // xRunStart[end]: where the run of capital X that ends just before `end` starts.
    let xStart = 0;
    for (let end = 0; end <= length; end++) {
      if (end === 0 || text.charCodeAt(end - 1) !== 0x58) xStart = end;
      xRunStart[end] = xStart;
    }
    this.shapes = { cutKind, nextCut, nextLetter, nextMark, xRunStart };
    return this.shapes;
  }

  /** Next position at or after `from` where a glued run may be cut. */
  nextCut(from: number): number {
    return this.shapeTables.nextCut[from] ?? this.text.length;
  }

  cutKind(position: number): number {
    return this.shapeTables.cutKind[position] ?? 0;
  }

  /**
   * `looksLikeCookieName` for a token of name characters, from the tables: a known name, or
   * letters with an underscore, a wildcard or a placeholder. Constant time but for known names.
   */
  nameShaped(start: number, end: number): boolean {
    if (end - start <= LONGEST_KNOWN_COOKIE_NAME && isKnownCookieName(this.text.slice(start, end))) return true;
    const tables = this.shapeTables;
    if ((tables.nextLetter[start] ?? end) >= end) return false;
    if ((tables.nextMark[start] ?? end) < end) return true;
    // A placeholder `_XXX` at the end: three or more capital X after a separator.
    const xStart = tables.xRunStart[end] ?? end;
    return end - xStart >= 3 && xStart - 1 >= start && X_PLACEHOLDER_SEPARATORS.has(this.text[xStart - 1] ?? '');
  }

  /**
   * False where no name list can start, known from the tables without trying the anchor: no
   * quote, no prose, no known name, and no name-shaped word of a usable length starts there.
   */
  mayStartNames(position: number): boolean {
    const bits = this.classes[position] ?? 0;
    if ((bits & OPENING_QUOTE) !== 0 || mayStartProse(this.text, position)) return true;
    if (!this.glued) {
      // Spaced rows ask this only after a space: one walk of the trie here beats a table of every position.
      if (shortestKnownCookieNameLengthAt(this.text, position) !== 0) return true;
      const end = this.tokenEnd(position);
      return end > position && end - position <= MAX_NAME_LENGTH;
    }
    if ((this.knownTables.shortestEnd[position] ?? -1) !== -1) return true;
    return this.atWordStart(position) && this.nameRunEnd(position) - position <= MAX_NAME_LENGTH;
  }

  /** True where a glued name may start: at an underscore, or after anything but a letter or digit. */
  atWordStart(position: number): boolean {
    return this.text.charCodeAt(position) === 0x5f || position === 0 || ((this.classes[position - 1] ?? 0) & LETTER_OR_DIGIT) === 0;
  }

  private get knownTables(): { shortestEnd: Int32Array; next: Int32Array } {
    if (!this.known) {
      const { text } = this;
      const shortestEnd = int32Table('shortestEnd', text.length).fill(-1);
      const next = int32Table('nextKnown', text.length).fill(text.length);
      let nearest = text.length;
      for (let index = text.length - 1; index >= 0; index--) {
        const length = shortestKnownCookieNameLengthAt(text, index);
        if (length !== 0) {
          shortestEnd[index] = index + length;
          nearest = index;
        }
        next[index] = nearest;
      }
      this.known = { shortestEnd, next };
    }
    return this.known;
  }

  /** True when a known name starts after `start` and ends by `end` (the run holds one whole). */
  knownNameWithin(start: number, end: number): boolean {
    const known = this.knownTables;
    for (let index = known.next[start] ?? end; index < end; index = known.next[index + 1] ?? end) {
      const nameEnd = known.shortestEnd[index] ?? -1;
      if (nameEnd !== -1 && nameEnd <= end) return true;
    }
    return false;
  }

  /** Takes `amount` of the work left; false once the row's budget is spent. */
  spend(amount: number): boolean {
    this.work -= amount;
    return this.work >= 0;
  }

  get exhausted(): boolean {
    return this.work < 0;
  }
}

/** The ends `memo` holds for `position`, found by `find` the first time. */
function remembered(memo: Map<number, number[]>, position: number, find: () => number[]): number[] {
  let ends = memo.get(position);
  if (ends === undefined) {
    ends = find();
    memo.set(position, ends);
  }
  return ends;
}

const WILDCARD_CUT = 1;
const CASE_CUT = 2;
const X_PLACEHOLDER_SEPARATORS = new Set(['_', '.', '-', ':']);

/**
 * Candidate end positions of a column starting at a position, the most likely first.
 * `afterFreeText` says the column before is free text, which already takes whatever leads up to
 * this one, so the anchor need not look past its start.
 */
type Anchor = (scan: RowScan, position: number, afterFreeText: boolean) => number[];

const PROVIDER_REMARK = /\s*\([^()]{1,60}\)/y;

/** A known provider name, optionally followed by a remark in brackets ("Google Analytics (GA4)"). */
const matchProvider: Anchor = (scan, position) => remembered(scan.memo.provider, position, () => providerEnds(scan, position));

function providerEnds(scan: RowScan, position: number): number[] {
  const { text, glued } = scan;
  scan.spend(4);
  const ends: number[] = [];
  for (const length of knownProviderLengthsAt(text, position)) {
    scan.spend(length);
    const end = position + length;
    if (!glued && end < text.length && !/[\s,;:(\-–]/.test(text[end] ?? '')) continue;
    PROVIDER_REMARK.lastIndex = end;
    if (PROVIDER_REMARK.exec(text)) ends.push(PROVIDER_REMARK.lastIndex);
    ends.push(end);
  }
  return ends;
}

/** One or more cookie names with separators, or prose such as "Any cookie starting with “_hs”". */
const matchNameList: Anchor = (scan, position) => remembered(scan.memo.cookie, position, () => nameListEnds(scan, position));

/** First three letters of the prose that makes names prefixes ("any", "every", "cookies", "tout", "les", "names", "préfixe"). */
const PROSE_STARTS = new Set(['any', 'all', 'eve', 'coo', 'tou', 'les', 'nam', 'pré', 'pre']);
/** Their first letters, lower case, to rule out most positions before slicing. */
const PROSE_FIRST_LETTERS = new Uint8Array(0x100);
for (const start of PROSE_STARTS) PROSE_FIRST_LETTERS[start.charCodeAt(0)] = 1;
/**
 * The prose's first three letters folded as `| 0x20` folds ASCII and Latin-1 capitals, packed in
 * one small integer: a position whose three codes miss is ruled out without a slice. Every
 * letter of the prose is below U+0100; other characters fold to the same codes too, so a hit is
 * checked on the text.
 */
const PROSE_START_CODES = new Set([...PROSE_STARTS].map((start) => threeCodes(start, 0)));
function threeCodes(text: string, position: number): number {
  const first = text.charCodeAt(position) | 0x20;
  const second = text.charCodeAt(position + 1) | 0x20;
  const third = text.charCodeAt(position + 2) | 0x20;
  return (first | second | third) > 0xff ? -1 : (first << 16) | (second << 8) | third;
}
const mayStartProse = (text: string, position: number) =>
  PROSE_FIRST_LETTERS[text.charCodeAt(position) | 0x20] === 1 &&
  PROSE_START_CODES.has(threeCodes(text, position)) &&
  PROSE_STARTS.has(text.slice(position, position + 3).toLowerCase());

function nameListEnds(scan: RowScan, position: number): number[] {
  const { text } = scan;
  let start = position;
  let lenient = false;
  const prosePrefix = prosePrefixSticky();
  prosePrefix.lastIndex = start;
  scan.spend(2);
  if (mayStartProse(text, start) && prosePrefix.exec(text)) {
    start = prosePrefix.lastIndex;
    lenient = true;
  }
  const endsByListLength: number[][] = [];
  for (let count = 0; count < 20 && !scan.exhausted; count++) {
    const ends = matchName(scan, start, lenient);
    const first = ends[0];
    if (first === undefined) break;
    endsByListLength.push(ends);
    NAME_LIST_SEPARATOR.lastIndex = first;
    scan.spend(4);
    if (NAME_LIST_SEPARATOR.exec(text)) {
      start = NAME_LIST_SEPARATOR.lastIndex;
      continue;
    }
    const next = scan.glued ? null : nameAfterSpaces(scan, first);
    if (next === null) break;
    start = next;
  }
  // The longest list first: a name cell usually holds every name up to the next column.
  const ends: number[] = [];
  for (let index = endsByListLength.length - 1; index >= 0 && ends.length < MAX_ENDS; index--) {
    for (const end of endsByListLength[index] ?? []) if (ends.length < MAX_ENDS) ends.push(end);
  }
  return ends;
}

/**
 * Where the next name of a list separated by spaces alone starts ("_ga _gid 13 mois"), or null:
 * only at a word shaped as a cookie name (looksLikeCookieName: `_gid`, `_pk_ses.*`, a known name),
 * never at a duration or a purpose's word, nor at a label ("_ga: …" opens a purpose).
 */
function nameAfterSpaces(scan: RowScan, end: number): number | null {
  const { text } = scan;
  if (scan.space[end] !== 1) return null;
  let next = end;
  while (next < text.length && scan.space[next] === 1) next++;
  if (next >= text.length || !scan.spend(next - end)) return null;
  const nameEnd = matchName(scan, next, false)[0];
  return nameEnd === undefined || text[nameEnd - 1] === ':' ? null : next;
}

/** One cookie name, possibly quoted; `lenient` after prose accepts any name-like token. */
function matchName(scan: RowScan, position: number, lenient: boolean): number[] {
  const memo = lenient ? scan.memo.prefixName : scan.memo.name;
  return remembered(memo, position, () => nameEnds(scan, position, lenient));
}

function nameEnds(scan: RowScan, position: number, lenient: boolean): number[] {
  const { text, glued } = scan;
  let start = position;
  const quoted = OPENING_QUOTES.has(text[start] ?? '');
  if (quoted) start++;
  // French quotes take a space inside them (« _pk_id »), typed or no-break.
  const spaceAfterQuote = quoted ? spacesFrom(text, start) - start : 0;
  const ends = glued ? gluedNameEnds(scan, start + spaceAfterQuote, lenient) : spacedNameEnds(scan, start + spaceAfterQuote, lenient);
  if (!quoted) return ends;
  return ends.map((end) => {
    const quoteAt = spacesFrom(text, end);
    return CLOSING_QUOTES.has(text[quoteAt] ?? '') ? quoteAt + 1 : end;
  });
}

/** Where the run of spaces (typed, no-break or narrow no-break) starting at `position` ends. */
function spacesFrom(text: string, position: number): number {
  let at = position;
  while (at < text.length && (text[at] === ' ' || text[at] === '\u00a0' || text[at] === '\u202f')) at++;
  return at;
}

function spacedNameEnds(scan: RowScan, start: number, lenient: boolean): number[] {
  const { text } = scan;
  const end = scan.tokenEnd(start);
  scan.spend(2);
  if (end === start || end - start > MAX_NAME_LENGTH) return [];
  const token = text.slice(start, end);
  const acceptable = lenient ? /^[\w.\-:$*<>{}[\]…]+$/.test(token) : looksLikeCookieName(token);
  return acceptable ? [end] : [];
}

/**
 * Name ends when cells run together: a known name (with any wildcard after it) first, then a
 * name-shaped run cut after a wildcard, at a lower-to-upper case change, or where it stops.
 */
function gluedNameEnds(scan: RowScan, start: number, lenient: boolean): number[] {
  const { text } = scan;
  const ends: number[] = [];
  const knownLengths = knownCookieNameLengthsAt(text, start);
  const longestKnown = knownLengths[knownLengths.length - 1];
  if (longestKnown !== undefined) {
    const knownEnd = start + longestKnown;
    WILDCARD_EXTENSION.lastIndex = knownEnd;
    if (WILDCARD_EXTENSION.exec(text)) ends.push(WILDCARD_EXTENSION.lastIndex);
    ends.push(knownEnd);
  }
  if (!scan.atWordStart(start)) return ends;

  const runEnd = scan.nameRunEnd(start);
  scan.spend(2);
  if (runEnd - start > MAX_NAME_LENGTH) return ends;
  // "languedjango_language": the service ran into a known name; that name starts a later anchor.
  if (scan.knownNameWithin(start + 1, runEnd)) return ends;
  const wildcardCuts: number[] = [];
  const caseCuts: number[] = [];
  for (let cut = scan.nextCut(start + 1); cut < runEnd; cut = scan.nextCut(cut + 1)) {
    scan.spend(1);
    const list = scan.cutKind(cut) === WILDCARD_CUT ? wildcardCuts : caseCuts;
    if (list.length < MAX_ENDS) list.push(cut);
  }
  for (const end of [...wildcardCuts, ...caseCuts, runEnd]) {
    if (ends.length >= MAX_ENDS) break;
    scan.spend(2);
    const acceptable = lenient ? end > start : scan.nameShaped(start, end);
    if (acceptable && !ends.includes(end)) ends.push(end);
  }
  return ends;
}

/**
 * A duration, as written in the new template's third column: one right at the position, or
 * free text that ends with one, as long as what follows is not another duration.
 */
const matchDuration: Anchor = (scan, position, afterFreeText) =>
  afterFreeText
    ? remembered(scan.memo.durationAfterFreeText, position, () => durationEnds(scan, position, false))
    : remembered(scan.memo.duration, position, () => durationEnds(scan, position, true));

/** End of a duration starting right at `at`, or null. */
function durationEndAt(scan: RowScan, at: number): number | null {
  const pattern = scan.glued ? durationGlued() : durationSpaced();
  scan.spend(8);
  pattern.lastIndex = at;
  return pattern.exec(scan.text) ? pattern.lastIndex : null;
}

function durationEnds(scan: RowScan, position: number, mayLeadWithText: boolean): number[] {
  const { text, glued } = scan;
  const direct = durationEndAt(scan, position);
  if (direct !== null) return [direct];
  if (glued || !mayLeadWithText) return [];
  // "Token reset for each session. Up to 12 months": free text, then the duration that ends the cell.
  const ends: number[] = [];
  const limit = Math.min(text.length, position + MAX_DURATION_LEAD);
  for (let at = position + 1; at < limit && ends.length < MAX_ENDS; at++) {
    if (scan.space[at - 1] !== 1 || scan.space[at] === 1) continue;
    const end = durationEndAt(scan, at);
    if (end === null) continue;
    let next = end;
    while (next < text.length && (scan.space[next] === 1 || '.,;:'.includes(text[next] ?? ''))) next++;
    if (next < text.length && durationEndAt(scan, next) === null) ends.push(end);
  }
  return ends;
}

const ANCHORS: Partial<Record<ColumnRole, Anchor>> = {
  provider: matchProvider,
  cookie: matchNameList,
  duration: matchDuration,
};

function anchorFor(column: Column | undefined): Anchor | undefined {
  return column === null || column === undefined ? undefined : ANCHORS[column];
}

/**
 * Splits one row into its columns by anchoring, or returns null when it cannot.
 * `glued` says the cells run together with no space between them.
 */
export function segmentRow(text: string, columns: readonly Column[], glued: boolean): RowCells | null {
  const line = text.trim();
  if (line === '' || line.length > MAX_ROW_LENGTH) return null;
  const texts = place({ scan: new RowScan(line, glued), columns, deadEnds: new Set() }, 0, 0);
  if (!texts) return null;
  const cells: RowCells = {};
  columns.forEach((column, index) => {
    if (column === null) return;
    const cell = (texts[index] ?? '').trim();
    cells[column] = anchorFor(column) ? cell : cell.replace(LEADING_STOP, '');
  });
  return cells;
}

/** The stop ending the cell before a free one ("13 mois. Mesure"): the free cell starts after it. */
const LEADING_STOP = /^[.,;:]+\s+/;

/** One split under way: the row, its columns, and the (column, position) pairs known to lead nowhere. */
type Split = { scan: RowScan; columns: readonly Column[]; deadEnds: Set<number> };

/** Places columns from `index` on, starting at `position`; the cell texts, or null. */
function place(split: Split, index: number, position: number): string[] | null {
  const { scan, columns, deadEnds } = split;
  let start = position;
  while (start < scan.text.length && scan.space[start] === 1) start++;
  if (index === columns.length) return start >= scan.text.length ? [] : null;
  const key = index * (scan.text.length + 1) + start;
  if (deadEnds.has(key) || !scan.spend(1)) return null;
  const placed = placeFrom(split, index, start);
  if (placed === null) deadEnds.add(key);
  return placed;
}

function placeFrom(split: Split, index: number, start: number): string[] | null {
  const { scan, columns } = split;
  const line = scan.text;
  const anchor = anchorFor(columns[index]);
  if (anchor) {
    for (const end of anchor(scan, start, false)) {
      const rest = place(split, index + 1, end);
      if (rest) return [line.slice(start, end), ...rest];
      if (scan.exhausted) return null;
    }
    return null;
  }
  if (index === columns.length - 1) {
    return start < line.length ? [line.slice(start).trim()] : null;
  }
  const nextAnchor = anchorFor(columns[index + 1]);
  if (!nextAnchor) return null;
  const namesNext = columns[index + 1] === 'cookie';
  // A free column takes everything up to where the next anchor holds; `start` is not a space, so it is never empty.
  for (let cut = start + 1; cut < line.length; cut++) {
    if (scan.space[cut] === 1 || (!scan.glued && scan.space[cut - 1] !== 1)) continue;
    if (!scan.spend(1)) return null;
    if (namesNext && !scan.mayStartNames(cut)) continue;
    for (const end of nextAnchor(scan, cut, true)) {
      const rest = place(split, index + 2, end);
      if (rest) return [line.slice(start, cut).trim(), line.slice(cut, end), ...rest];
      if (scan.exhausted) return null;
    }
  }
  return null;
}
