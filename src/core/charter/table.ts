/**
 * Cookie tables: recognising a header row in any layout (tabs, markdown pipes, single spaces,
 * no separator at all) and splitting the rows under it into cells.
 */
import { Tokenizer } from 'htmlparser2';
import { looksLikeCookieName, stripWrapping, type CellText } from './cells.ts';
import { isUsableColumnSet, looksLikeHeaderWording, readTablePhraseHeader, roleOfHeaderCell, type Column } from './columns.ts';
import { lazy } from '../lazy.ts';
import { knownProviderLengthsAt } from './known.ts';
import { readParagraphLabel } from './sections.ts';
import { MAX_CELL_LENGTH } from './limits.ts';
import { collapseWhitespace, INVISIBLE_FORMAT_CHARACTERS, trimSpaces } from './normalise.ts';
import { segmentRow, type RowCells } from './segment.ts';
import type { UnreadReason } from './unread-reason.ts';

/** How the cells of a table are separated. */
export type TableLayout = 'tab' | 'pipe' | 'space' | 'glued';

/** A header row found in the text. */
export type TableHeader = {
  /** 1-based line number of the header. */
  line: number;
  /** Separator the header uses, and so the rows are expected to use. */
  layout: TableLayout;
  /** Column roles in order; null for a column read past (an empty header cell's among them). */
  columns: Column[];
  /**
   * When the header has empty cells: its columns without them, for rows that leave those cells out
   * (a text charter's header aligned with runs of tabs, its rows not).
   */
  filledColumns?: Column[];
};

/** What one line under a header is. */
/** A row's cells; `cellText` is 'markdown' for a pipe row's, whose `*x*` is italics, else absent: text shown as written. */
export type RowSplit =
  { kind: 'row'; cells: RowCells; cellText?: CellText } | { kind: 'unreadable'; reason: UnreadReason } | { kind: 'not-a-row' };

/** Longest line taken for a header. */
const MAX_HEADER_LENGTH = 400;
/** Most header cells without a known wording a table may have; more, and the line is data or prose. */
const MAX_UNKNOWN_HEADER_CELLS = 2;

/** Reads a line as a cookie-table header, or returns null. */
export function readTableHeader(line: string, lineNumber: number): TableHeader | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_HEADER_LENGTH) return null;
  if (usesPipes(trimmed) || trimmed.includes('\t')) {
    const layout: TableLayout = usesPipes(trimmed) ? 'pipe' : 'tab';
    // An empty header cell (a page's `<th></th>` over "En savoir plus" links) keeps its column, read
    // past: dropping it would move every cell after it into the wrong column. Leading empty cells
    // go, as a row's do (splitTabCells).
    const all = (layout === 'pipe' ? splitPipeCells(trimmed) : trimSpaces(line).split('\t')).map(collapseWhitespace);
    const cells = all.slice(
      Math.max(
        0,
        all.findIndex((cell) => cell !== ''),
      ),
    );
    const filled = cells.filter((cell) => cell !== '');
    // A row whose cells hold header words ("sessionid (cookie de session)", "Finalité : …") is
    // data: no header cell starts with a cookie name.
    if (filled.some(startsWithCookieName)) return null;
    const roles = cells.map((cell) => (cell === '' ? null : roleOfHeaderCell(cell)));
    // A column the reader has no word for ("Données collectées") is read past, when the others
    // clearly make a cookie table: one odd column must not lose the whole table.
    const unknown = cells.filter((_cell, index) => roles[index] === 'unknown');
    if (unknown.length > 0 && (unknown.length > MAX_UNKNOWN_HEADER_CELLS || !unknown.every(looksLikeHeaderWording))) return null;
    const columns = roles.map((role) => (role === 'unknown' ? null : role));
    if (unknown.length >= filled.length - unknown.length) return null;
    if (!isUsableColumnSet(columns)) return null;
    if (filled.length === cells.length) return { line: lineNumber, layout, columns };
    return { line: lineNumber, layout, columns, filledColumns: columns.filter((_column, index) => cells[index] !== '') };
  }
  // Header phrases never hold a colon: "Label : value" lines are fields or prose, not headers.
  if (trimmed.includes(':') || trimmed.includes('：')) return null;
  const phrases = readTablePhraseHeader(trimmed);
  if (phrases === null) return null;
  return { line: lineNumber, layout: phrases.glued ? 'glued' : 'space', columns: phrases.columns };
}

/** True when a cell's first word is a cookie name (`sessionid`, `_ga`, `_pk_id.*`). */
function startsWithCookieName(cell: string): boolean {
  const space = cell.indexOf(' ');
  return looksLikeCookieName(stripNameWrapping(space === -1 ? cell : cell.slice(0, space)));
}

/** A markdown table line: starts with a pipe, or has pipes and no tab. */
function usesPipes(line: string): boolean {
  return line.startsWith('|') || (line.includes('|') && !line.includes('\t'));
}

/** True for a rule under a header: `|---|:---:|`, a tab-separated `----` row, `=====`. */
export function isSeparatorRow(line: string): boolean {
  const trimmed = line.trim();
  if (!/^[\s|:+\-=–—_]+$/.test(trimmed)) return false;
  return (trimmed.match(/[-=–—_]/g)?.length ?? 0) >= 3;
}

/**
 * Raw cells of a markdown row: outer pipes dropped, split on every pipe a backslash does not
 * escape. A backslash escapes the character after it, whatever it is (as GitHub's table reader
 * does), so `\\|` is an escaped backslash before a cell separator. Escapes stay in the cells.
 */
function splitRawPipeCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  const cells: string[] = [];
  let start = 0;
  let endsWithPipe = false;
  for (let index = 0; index < body.length; index++) {
    const character = body[index];
    if (character === '\\') {
      index++;
    } else if (character === '|') {
      cells.push(body.slice(start, index));
      start = index + 1;
      endsWithPipe = index === body.length - 1;
    }
  }
  if (!endsWithPipe) cells.push(body.slice(start));
  return cells;
}

/**
 * A backslash escape of ASCII punctuation, or a character reference as CommonMark reads one: an
 * entity name ending in `;`, or a decimal (1 to 7 digits) or hex (1 to 6 digits) number. Every
 * alternative is bounded: one pass, constant work at each position.
 */
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])|(&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|[A-Za-z][A-Za-z0-9]{1,31});)/g;

/** The characters a reference stands for, from htmlparser2's tokenizer (the HTML standard's table); filled by its callback. */
let decodedReference = '';
/** Where the tokenizer's last decoded reference ended: the whole reference, or only a legacy prefix of it (`&notit;`). */
let decodedEnd = 0;
const ignore = (): void => undefined;
const referenceTokenizer = lazy(
  () =>
    new Tokenizer(
      { decodeEntities: true },
      {
        ontextentity: (codePoint, endIndex) => {
          decodedReference += String.fromCodePoint(codePoint);
          decodedEnd = endIndex;
        },
        ontext: ignore,
        onattribdata: ignore,
        onattribentity: ignore,
        onattribend: ignore,
        onattribname: ignore,
        oncdata: ignore,
        onclosetag: ignore,
        oncomment: ignore,
        ondeclaration: ignore,
        onend: ignore,
        onopentagend: ignore,
        onopentagname: ignore,
        onprocessinginstruction: ignore,
        onselfclosingtag: ignore,
      },
    ),
);

/**
 * What one named character reference (`&shy;`, `&eacute;`) shows: its characters, a space for
 * `&nbsp;`, nothing for an invisible format character (as `normaliseText` drops them from the
 * text), or the reference as written when it is none (`&unknown;`, or `&notit;`, which HTML but
 * not markdown reads as `¬it;`).
 */
function decodeReference(reference: string): string {
  const characters = decodedCharacters(reference);
  return characters === null ? reference : shown(characters);
}

/** A decoded reference's characters as the charter reader keeps them: no invisible format character, a no-break space as a space. */
const shown = (characters: string): string => characters.replace(INVISIBLE_FORMAT_CHARACTERS, '').replace(/\u00A0/g, ' ');

/**
 * A numeric reference's character as CommonMark reads it: the code point itself (HTML's
 * Windows-1252 remap of 128 to 159 is not Markdown's), U+FFFD for 0, a surrogate or one past
 * Unicode's last.
 */
function numericCharacter(codePoint: number): string {
  const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
  return shown(String.fromCodePoint(valid ? codePoint : 0xfffd));
}

/** A named reference's characters (htmlparser2's table), or null when it names none. */
function decodedCharacters(reference: string): string | null {
  const tokenizer = referenceTokenizer();
  decodedReference = '';
  decodedEnd = 0;
  tokenizer.reset();
  tokenizer.write(reference);
  tokenizer.end();
  return decodedReference === '' || decodedEnd !== reference.length ? null : decodedReference;
}

/**
 * A markdown cell's text as a renderer shows it: `\_ga\.` is `_ga.`, `&lt;ID&gt;` is `<ID>`,
 * `_g&shy;a` is `_ga`. One pass, left to right, so each escape or reference is read once: `\&lt;`
 * stays the text `&lt;` and `&amp;lt;` the text `&lt;`, and text escaped by `markdownText`
 * (core/report/markdown.ts) reads back as it was.
 */
export function markdownCellText(cell: string): string {
  return cell.replace(
    MARKDOWN_ESCAPE,
    (_escape, punctuation: string | undefined, reference: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (punctuation !== undefined) return punctuation;
      if (decimal !== undefined) return numericCharacter(Number.parseInt(decimal, 10));
      if (hex !== undefined) return numericCharacter(Number.parseInt(hex, 16));
      return decodeReference(reference ?? '');
    },
  );
}

/** Cells of a markdown row: outer pipes dropped, escapes and entities read (`\|` is a pipe inside a cell). */
export function splitPipeCells(line: string): string[] {
  return splitRawPipeCells(line).map(markdownCellText);
}

/**
 * Cells of a tab row fitted to `count` columns: trailing and leading empty cells dropped, and
 * runs of tabs (used to align columns) taken as one when that gives the right count.
 */
export function splitTabCells(line: string, count: number): string[] | { found: number } {
  const cells = line.split('\t');
  // Indexes, not shift(): dropping leading cells one by one would be quadratic on a line of tabs.
  let first = 0;
  let end = cells.length;
  while (end - first > count && (cells[end - 1] ?? '').trim() === '') end--;
  while (end - first > count && (cells[first] ?? '').trim() === '') first++;
  if (end - first === count) return cells.slice(first, end).map(collapseWhitespace);
  if (end - first > count) {
    const filled: string[] = [];
    for (let index = first; index < end && filled.length <= count; index++) {
      const cell = collapseWhitespace(cells[index] ?? '');
      if (cell !== '') filled.push(cell);
    }
    if (filled.length === count) return filled;
  }
  return { found: end - first };
}

/** Pipe-row cells fitted to the header's columns, or the number found. */
function fitPipeCells(line: string, columns: readonly Column[]): string[] | { found: number } {
  const count = columns.length;
  // `<br>` is how markdown tables break a line inside a cell; an escaped one (`&lt;br&gt;`) is text.
  // Between names it separates them (`vuid<br>__cf_bm`, as html-to-text reads a page's); in prose it is a space.
  const cells = splitRawPipeCells(line).map((cell, index) =>
    collapseWhitespace(markdownCellText(cell.replace(/<br\s*\/?>/gi, columns[index] === 'cookie' ? ', ' : ' '))),
  );
  while (cells.length > count && cells[cells.length - 1] === '') cells.pop();
  return cells.length === count ? cells : { found: cells.length };
}

/**
 * A row's cells read by `fit` as the header's columns, or failing that as its filled ones
 * (TableHeader.filledColumns); what the first try found when neither fits.
 */
function fitColumns(header: TableHeader, fit: (columns: readonly Column[]) => string[] | { found: number }): RowCells | { found: number } {
  const cells = fit(header.columns);
  if (Array.isArray(cells)) return toRowCells(header.columns, cells);
  const filled = header.filledColumns === undefined ? null : fit(header.filledColumns);
  return Array.isArray(filled) ? toRowCells(header.filledColumns!, filled) : cells;
}

const tabFit = (line: string) => (columns: readonly Column[]) => splitTabCells(line, columns.length);
const pipeFit = (line: string) => (columns: readonly Column[]) => fitPipeCells(line, columns);

function toRowCells(columns: readonly Column[], cells: readonly string[]): RowCells {
  const rowCells: RowCells = {};
  columns.forEach((column, index) => {
    if (column !== null) rowCells[column] = cells[index] ?? '';
  });
  return rowCells;
}

/**
 * Splits one non-blank line under `header`. A line with the table's separator is a row (readable
 * or not); a line without one is a row only if it starts with a known provider and splits on
 * anchors; anything else is not part of the table.
 */
export function splitRow(line: string, header: TableHeader): RowSplit {
  const count = header.columns.length;
  // Only spaces are trimmed: a leading or trailing tab delimits an empty first or last cell.
  const trimmed = trimSpaces(line);
  if (isOverlongRow(trimmed, count)) {
    return { kind: 'unreadable', reason: { kind: 'row-too-long', length: trimmed.length, cells: count, cellLimit: MAX_CELL_LENGTH } };
  }
  // A pipe table's row is split on its pipes first: tabs typed between its cells (`| Opendatasoft\t| *sessionid*\t|`)
  // would read it as plain text, its markdown (italics, links) left as written.
  const pipeRow = looksLikePipeRow(trimmed, count);
  const pipeCells = pipeRow ? fitColumns(header, pipeFit(trimmed)) : null;
  if (pipeCells && header.layout === 'pipe' && !('found' in pipeCells)) return { kind: 'row', cells: pipeCells, cellText: 'markdown' };
  if (trimmed.includes('\t')) {
    const cells = fitColumns(header, tabFit(trimmed));
    if (!('found' in cells)) return { kind: 'row', cells };
    if (header.layout === 'tab') {
      return { kind: 'unreadable', reason: cellsCount('tabs', header, cells.found) };
    }
  }
  if (pipeCells) {
    const cells = pipeCells;
    if (!('found' in cells)) return { kind: 'row', cells, cellText: 'markdown' };
    if (header.layout === 'pipe') {
      return { kind: 'unreadable', reason: cellsCount('pipes', header, cells.found) };
    }
  }
  const text = trimmed.trim();
  // Copied tables often keep two or more spaces between cells: as good as a separator when the count fits.
  if (header.layout === 'space' || header.layout === 'glued') {
    const cells = text.split(/ {2,}/);
    if (cells.length === count) return { kind: 'row', cells: toRowCells(header.columns, cells.map(collapseWhitespace)) };
  }
  const unseparated = header.layout === 'space' || header.layout === 'glued';
  const providerLengths = knownProviderLengthsAt(text, 0);
  if (providerLengths.length === 0) {
    // A line naming a cookie among its first words, with about a row's words, is a row whose provider
    // the reader does not know: reported, and the table goes on, rather than ending it with the row lost.
    if (unseparated && readsAsUnknownProviderRow(text, header)) {
      return { kind: 'unreadable', reason: { kind: 'unsplit', columns: [...header.columns], unknownProvider: true } };
    }
    return { kind: 'not-a-row' };
  }
  const glued = header.layout === 'glued';
  // A row under a spaced header is tried without separators only when some of its cells visibly ran together.
  const retry = glued || showsGluedCells(text, providerLengths);
  const cells = segmentRow(text, header.columns, glued) ?? (retry ? segmentRow(text, header.columns, !glued) : null);
  if (cells) return { kind: 'row', cells };
  if (unseparated) return { kind: 'unreadable', reason: { kind: 'unsplit', columns: [...header.columns], unknownProvider: false } };
  return { kind: 'not-a-row' };
}

/** A row whose cells, split on the table's separator, are not as many as its header's. */
function cellsCount(separator: 'tabs' | 'pipes', header: TableHeader, found: number): UnreadReason {
  return { kind: 'cells-count', separator, expected: header.columns.length, found, columns: [...header.columns] };
}

/** Words of a row looked at for a cookie name: the provider's few, then the name. */
const WORDS_BEFORE_NAME = 5;

/** "cookie", "traceurs"…: beside a name, the word of a heading or of prose ("Le cookie _ga est …"), not of a row. */
const COOKIE_WORD = /^(?:cookies?|traceurs?|trackers?)$/i;

/**
 * True when a line reads as a row whose provider is unknown: one of its first words is shaped like
 * a cookie name (a known name, or `acme_id`, `_ga_<ID>`) and the line splits into about the header's
 * fields, so a section title or paragraph that names a cookie ends the table instead of being
 * reported. Not a row: a markdown or bold heading, a paragraph label ("Statistics cookies: _ga …"),
 * "cookie" before the name or right after it ("Cookies statistiques (_ga, _gid)", "the _ga cookie"),
 * names listed in brackets that close the line ("Statistiques (_ga, _gid)"), or, under a spaced
 * header, fewer words after the name than the header has columns after the cookie's. Reads only
 * the words it needs.
 */
function readsAsUnknownProviderRow(text: string, header: TableHeader, bareName = false): boolean {
  if (text.startsWith('#') || text.startsWith('**') || text.startsWith('__')) return false;
  const cookieColumn = Math.max(0, header.columns.indexOf('cookie'));
  const columnsAfterName = header.columns.length - cookieColumn - 1;
  const words: Array<{ word: string; start: number }> = [];
  let nameAt = -1;
  let start = 0;
  while (start < text.length && (nameAt === -1 ? words.length < WORDS_BEFORE_NAME : words.length <= nameAt + columnsAfterName)) {
    let end = text.indexOf(' ', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const word = text.slice(start, end);
      if (nameAt === -1 && looksLikeCookieName(stripNameWrapping(word))) nameAt = words.length;
      words.push({ word, start });
    }
    start = end + 1;
  }
  const name = words[nameAt];
  if (name === undefined || readParagraphLabel(text) !== null) return false;
  // "(_ga)", "( _ga )": opened by the name's first character or by the word before it.
  if (bareName && (OPENING_WRAPPERS.has(name.word[0] ?? '') || OPENING_WRAPPERS.has(words[nameAt - 1]?.word ?? ''))) return false;
  const besideName = [...words.slice(0, nameAt), ...words.slice(nameAt + 1, nameAt + 2)];
  if (besideName.some(({ word }) => COOKIE_WORD.test(stripNameWrapping(word)))) return false;
  if (text.endsWith(')') && text.lastIndexOf('(') <= name.start) return false;
  return header.layout === 'glued' || words.length - nameAt - 1 >= columnsAfterName;
}

/** What opens a name in prose, not in a cell: "(_ga)", "[_ga]". Quotes are not: a copied cell may keep them (`« _ga »`, `` `_ga` ``). */
const OPENING_WRAPPERS = new Set(['(', '[']);

/**
 * True when a line under a tab or pipe header, written without the table's separators and not
 * split, still reads as one of its rows: a name shaped like a cookie's among its first words, bare
 * as a cell holds it, and about a row's words after it (readsAsUnknownProviderRow), as the last
 * row of a table written with single spaces does. Such a line is reported where the table ends,
 * never lost. A name in brackets is prose's ("Google Analytics (_ga) est désactivé…",
 * "Mesure d'audience avec Matomo (_pk_id.*, _pk_ses.*)"): never such a row.
 */
export function readsAsRowWithoutSeparators(line: string, header: TableHeader): boolean {
  if (header.layout !== 'tab' && header.layout !== 'pipe') return false;
  const text = trimSpaces(line).trim();
  return text !== '' && !text.includes('\t') && !text.startsWith('|') && readsAsUnknownProviderRow(text, header, true);
}

/** A word without the quotes, brackets and punctuation prose puts around a name (`« _ga »,`). */
const stripNameWrapping = (word: string) => stripWrapping(word, NAME_WRAPPING, NAME_WRAPPING);

const NAME_WRAPPING = new Set(['"', "'", '`', '“', '”', '‘', '’', '«', '»', '„', '(', ')', ',', ';', ':']);

/** Where cells ran together: a lower-case letter against a capital, a word against a number, a provider against a name. */
// Built on first use, like the other Unicode-aware regexes of the charter reader (see ../lazy.ts).
const gluedCells = lazy(() => /\p{Ll}\p{Lu}|\p{L}\p{N}|\p{N}\p{Lu}/u);

function showsGluedCells(text: string, providerLengths: readonly number[]): boolean {
  return gluedCells().test(text) || providerLengths.some((length) => /[\p{L}\p{N}_]/u.test(text[length] ?? ''));
}

/**
 * A line with the table's separators that is longer than its cells can be, whatever it holds:
 * read no further (splitting a line of a million tabs or pipes only to refuse it is wasted work).
 */
function isOverlongRow(line: string, count: number): boolean {
  return line.length > count * (MAX_CELL_LENGTH + 4) && (line.includes('\t') || line.includes('|'));
}

/** A markdown row starts with a pipe; without one, it needs nearly a pipe per column, unlike prose. */
function looksLikePipeRow(line: string, count: number): boolean {
  if (line.startsWith('|')) return true;
  const needed = Math.max(1, count - 1);
  let pipes = 0;
  for (let at = line.indexOf('|'); at !== -1 && pipes < needed; at = line.indexOf('|', at + 1)) pipes++;
  return pipes >= needed;
}

/**
 * True when a line away from its table (after a heading and a sentence) goes on with it: a row
 * of its shape, or, under a tab or pipe header, a line with its separators that cannot be split
 * into its columns but reads as a cookie row (a known provider first, or a name shaped like a
 * cookie's): the table goes on and the line is reported, rather than lost without a word.
 */
export function continuesTable(line: string, header: TableHeader): boolean {
  if (isStrictRow(line, header)) return true;
  if ((header.layout !== 'tab' && header.layout !== 'pipe') || isSeparatorRow(line)) return false;
  if (splitRow(line, header).kind !== 'unreadable') return false;
  const text = trimSpaces(line).slice(0, header.columns.length * (MAX_CELL_LENGTH + 4));
  const cells = text.includes('\t') ? text.split('\t') : splitPipeCells(text);
  const first = cells.find((cell) => cell.trim() !== '')?.trim() ?? '';
  if (knownProviderLengthsAt(first, 0).length > 0) return true;
  return cells.some((cell) => cell.split(/[\s,;]/).some((word) => looksLikeCookieName(stripNameWrapping(word))));
}

/** True when the line is certainly a row of this table: exact cell count, or a clean anchored split. */
export function isStrictRow(line: string, header: TableHeader): boolean {
  if (line.trim() === '' || isSeparatorRow(line)) return false;
  const count = header.columns.length;
  if (isOverlongRow(line, count)) return false;
  if (header.layout === 'tab') return line.includes('\t') && !('found' in fitColumns(header, tabFit(trimSpaces(line))));
  if (header.layout === 'pipe') return looksLikePipeRow(line.trim(), count) && !('found' in fitColumns(header, pipeFit(line)));
  return splitRow(line, header).kind === 'row';
}
