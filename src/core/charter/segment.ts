/**
 * Splits a row whose cells are separated by single spaces, or not separated at all, by anchoring
 * on what can be recognised: a known provider name, cookie-name shapes, a duration. Free-text
 * columns (service, purpose) take what lies between anchors, so two free columns side by side
 * cannot be split and such a row is left unread.
 */
import type { Column, ColumnRole } from './columns.ts';
import { PROSE_PREFIX_SOURCE, looksLikeCookieName } from './cells.ts';
import { KNOWN_COOKIE_NAMES_LONGEST_FIRST, knownProviderLengthsAt } from './known.ts';

/** Text of each column found in a row, by role. */
export type RowCells = Partial<Record<ColumnRole, string>>;

/** Longest row the anchored splitter tries; beyond that it would be guessing anyway. */
const MAX_ROW_LENGTH = 2000;
/** Longest cookie name looked for; also keeps the scan of glued text linear. */
const MAX_NAME_LENGTH = 100;
/** Anchor attempts per row before giving up, so no row can take long whatever its text. */
const MAX_ATTEMPTS = 20_000;

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
  'years', 'year', 'yrs', 'yr', 'ans', 'an', 'années', 'année', 'annees', 'annee', 'months', 'month', 'mois',
  'weeks', 'week', 'semaines', 'semaine', 'days', 'day', 'jours', 'jour', 'hours', 'hour', 'heures', 'heure',
  'hrs', 'hr', 'minutes', 'minute', 'mins', 'min', 'seconds', 'second', 'secondes', 'seconde', 'secs', 'sec',
  'h', 'j', 'd', 'm', 's', 'y',
];
const DURATION_WORDS = [
  'end of session', 'fin de session', 'fin de la session', 'session', 'persistent', 'persistant', 'permanent',
];
const DURATION_PREFIXES = [
  'up to', "jusqu'à", 'jusqu’à', "jusqu'a", 'au plus', 'au maximum', 'maximum', 'max.', 'max', 'until', 'about',
  'environ', 'approximately', 'approx.', 'less than', 'moins de', 'more than', 'plus de',
];
const DURATION_SUFFIXES = [
  'by default', 'par défaut', 'par defaut', 'au maximum', 'au plus', 'maximum', 'max.', 'max', '(default)',
  '(par défaut)', 'after the last visit', 'after last visit', 'après la dernière visite',
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

const DURATION_SPACED = durationPattern(false);
const DURATION_GLUED = durationPattern(true);
const PROSE_PREFIX_STICKY = new RegExp(`${PROSE_PREFIX_SOURCE}\\s*`, 'iuy');
const NAME_LIST_SEPARATOR = /\s*[,;/]\s*|\s+(?:et|and|ou|or|&)\s+/iuy;
/** What may follow a known name to mark its variable part (`.*`, `_<ID>`, `*`). */
const WILDCARD_EXTENSION = /(?:[._\-]?(?:\*|<[^<>\s]{1,40}>|\{[^{}\s]{1,40}\}))+/y;
const OPENING_QUOTES = new Set(['"', "'", '`', '“', '‘', '«', '„']);
const CLOSING_QUOTES = new Set(['"', "'", '`', '”', '’', '»', '“']);
/** Characters of a cookie name (and its wildcards) when nothing separates it from the next cell. */
const NAME_CHARACTER = /[\w.\-:$*<>{}[\]…]/;
/** Characters that end a name when cells are separated by spaces. */
const NAME_STOP = /[\s,;"'`“”‘’«»„()]/;

/** Candidate end positions of a column starting at a position, the most likely first. */
type Anchor = (text: string, position: number, glued: boolean) => number[];

/** A known provider name, optionally followed by a remark in brackets ("Google Analytics (GA4)"). */
const matchProvider: Anchor = (text, position, glued) => {
  const ends: number[] = [];
  for (const length of knownProviderLengthsAt(text, position)) {
    const end = position + length;
    if (!glued && end < text.length && !/[\s,;:(\-–]/.test(text[end] ?? '')) continue;
    const remark = /\s*\([^()]{1,60}\)/y;
    remark.lastIndex = end;
    if (remark.exec(text)) ends.push(remark.lastIndex);
    ends.push(end);
  }
  return ends;
};

/** One or more cookie names with separators, or prose such as "Any cookie starting with “_hs”". */
const matchNameList: Anchor = (text, position, glued) => {
  let start = position;
  let lenient = false;
  PROSE_PREFIX_STICKY.lastIndex = start;
  if (PROSE_PREFIX_STICKY.exec(text)) {
    start = PROSE_PREFIX_STICKY.lastIndex;
    lenient = true;
  }
  const endsByListLength: number[][] = [];
  for (let count = 0; count < 20; count++) {
    const ends = matchName(text, start, glued, lenient);
    const first = ends[0];
    if (first === undefined) break;
    endsByListLength.push(ends);
    NAME_LIST_SEPARATOR.lastIndex = first;
    if (!NAME_LIST_SEPARATOR.exec(text)) break;
    start = NAME_LIST_SEPARATOR.lastIndex;
  }
  return endsByListLength.reverse().flat();
};

/** One cookie name, possibly quoted; `lenient` after prose accepts any name-like token. */
function matchName(text: string, position: number, glued: boolean, lenient: boolean): number[] {
  let start = position;
  const quoted = OPENING_QUOTES.has(text[start] ?? '');
  if (quoted) start++;
  const ends = glued ? gluedNameEnds(text, start, lenient) : spacedNameEnds(text, start, lenient);
  if (!quoted) return ends;
  return ends.map((end) => (CLOSING_QUOTES.has(text[end] ?? '') ? end + 1 : end));
}

function spacedNameEnds(text: string, start: number, lenient: boolean): number[] {
  let end = start;
  while (end < text.length && !NAME_STOP.test(text[end] ?? '')) end++;
  const token = text.slice(start, end);
  if (token === '' || token.length > MAX_NAME_LENGTH) return [];
  const acceptable = lenient ? /^[\w.\-:$*<>{}[\]…]+$/.test(token) : looksLikeCookieName(token);
  return acceptable ? [end] : [];
}

/**
 * Name ends when cells run together: a known name (with any wildcard after it) first, then a
 * name-shaped run cut after a wildcard, at a lower-to-upper case change, or where it stops.
 */
function gluedNameEnds(text: string, start: number, lenient: boolean): number[] {
  const ends: number[] = [];
  const known = KNOWN_COOKIE_NAMES_LONGEST_FIRST.find((name) => text.startsWith(name, start));
  if (known) {
    const knownEnd = start + known.length;
    WILDCARD_EXTENSION.lastIndex = knownEnd;
    if (WILDCARD_EXTENSION.exec(text)) ends.push(WILDCARD_EXTENSION.lastIndex);
    ends.push(knownEnd);
  }
  const previous = text[start - 1] ?? ' ';
  const atWordStart = text[start] === '_' || !/[\p{L}\p{N}]/u.test(previous);
  if (!atWordStart) return ends;

  let runEnd = start;
  while (runEnd < text.length && runEnd - start <= MAX_NAME_LENGTH && NAME_CHARACTER.test(text[runEnd] ?? '')) runEnd++;
  if (runEnd - start > MAX_NAME_LENGTH) return ends;
  // "languedjango_language": the service ran into a known name; that name starts a later anchor.
  const run = text.slice(start + 1, runEnd);
  if (KNOWN_COOKIE_NAMES_LONGEST_FIRST.some((name) => run.includes(name))) return ends;
  const wildcardCuts: number[] = [];
  const caseCuts: number[] = [];
  for (let index = start + 1; index < runEnd; index++) {
    const before = text[index - 1] ?? '';
    const current = text[index] ?? '';
    const after = text[index + 1] ?? '';
    if (/[*>}\]…]/.test(before)) wildcardCuts.push(index);
    else if (/[a-z0-9]/.test(before) && /[A-Z]/.test(current) && /[a-z]/.test(after)) caseCuts.push(index);
    else if (/[A-Za-z]/.test(before) && /[0-9]/.test(current)) caseCuts.push(index);
  }
  for (const end of [...wildcardCuts, ...caseCuts, runEnd]) {
    const token = text.slice(start, end);
    const acceptable = lenient ? token !== '' : looksLikeCookieName(token);
    if (acceptable && !ends.includes(end)) ends.push(end);
  }
  return ends;
}

/** A duration, as written in the new template's third column. */
const matchDuration: Anchor = (text, position, glued) => {
  const pattern = glued ? DURATION_GLUED : DURATION_SPACED;
  pattern.lastIndex = position;
  return pattern.exec(text) ? [pattern.lastIndex] : [];
};

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
  let attempts = 0;

  const skipSpaces = (position: number): number => {
    let index = position;
    while (index < line.length && /\s/.test(line[index] ?? '')) index++;
    return index;
  };

  /** Places columns from `index` on, starting at `position`; the cell texts, or null. */
  const place = (index: number, position: number): string[] | null => {
    const start = skipSpaces(position);
    if (index === columns.length) return start >= line.length ? [] : null;
    if (++attempts > MAX_ATTEMPTS) return null;
    const anchor = anchorFor(columns[index]);
    if (anchor) {
      for (const end of anchor(line, start, glued)) {
        const rest = place(index + 1, end);
        if (rest) return [line.slice(start, end), ...rest];
      }
      return null;
    }
    if (index === columns.length - 1) {
      const rest = line.slice(start).trim();
      return rest === '' ? null : [rest];
    }
    const nextAnchor = anchorFor(columns[index + 1]);
    if (!nextAnchor) return null;
    for (let cut = start + 1; cut < line.length; cut++) {
      if (/\s/.test(line[cut] ?? '') || (!glued && !/\s/.test(line[cut - 1] ?? ''))) continue;
      if (++attempts > MAX_ATTEMPTS) return null;
      const free = line.slice(start, cut).trim();
      if (free === '') continue;
      for (const end of nextAnchor(line, cut, glued)) {
        const rest = place(index + 2, end);
        if (rest) return [free, line.slice(cut, end), ...rest];
      }
    }
    return null;
  };

  const texts = place(0, 0);
  if (!texts) return null;
  const cells: RowCells = {};
  columns.forEach((column, index) => {
    if (column !== null) cells[column] = (texts[index] ?? '').trim();
  });
  return cells;
}
