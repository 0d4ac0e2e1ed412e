/**
 * Charter text -> entries. `readCharter` walks the document once, following headings for the
 * category and reading every table it meets (tab, pipe, single-space, unseparated, or one field
 * per line); `parseCharter` is the strict form the registry build uses.
 */
import type { CharterEntry, ParsedCharter } from './types.ts';
import type { Column } from './columns.ts';
import { CharterError } from './errors.ts';
import { readFieldRun } from './fields.ts';
import { MAX_CHARTER_TEXT_LENGTH, MAX_ENTRIES, MAX_TABLE_ROWS, MAX_UNREAD_ROWS_LISTED } from './limits.ts';
import { assertReadableText, collapseWhitespace, isBlank, normaliseText, splitLines } from './normalise.ts';
import { entriesFromRow } from './row-entries.ts';
import {
  SectionTracker,
  categoryOfHeading,
  charterTitle,
  couldTitleSection,
  detectLanguage,
  findPortal,
  introducesSection,
  opensLikeSentence,
  readHeading,
  readLabels,
  titlesOtherSection,
  type Heading,
} from './sections.ts';
import type { RowCells } from './segment.ts';
import type { CellText } from './cells.ts';
import { noReadableRowText, type NoReadableRow, type StoredUnreadReason, type UnreadReason } from './unread-reason.ts';
import {
  continuesTable,
  isSeparatorRow,
  isStrictRow,
  readTableHeader,
  readsAsRowWithoutSeparators,
  splitRow,
  type TableHeader,
  type TableLayout,
} from './table.ts';

export { CharterError } from './errors.ts';

/** A row (or field record) the parser skipped, for people writing charters. */
export type UnreadRow = {
  /** 1-based line number. */
  line: number;
  /** The line as written, whitespace collapsed. */
  text: string;
  /**
   * Why it gave no entry (or fewer than it names): data, worded by the popup in its language and
   * by unreadReasonText in English; the English text itself in a record an older version stored.
   */
  reason: StoredUnreadReason;
  /**
   * Only on a note ending a list cut short (how many more lines its rows are on), or following the
   * note of a limit that stopped the reading (how many lines after it are not read): unreadLineCount adds them.
   */
  more?: number;
  /**
   * Of a row read in part, its reading gave entries all the same (`sessionid, *` gives
   * `sessionid`): their positions among the charter's entries, the first and how many. None on a
   * row that gave no entry, whatever its problems (`| sessionid, * |  |`: no provider).
   */
  gave?: EntryRange;
};

/** Positions of consecutive entries of a charter: the first (0-based) and how many (at least one). */
export type EntryRange = { first: number; count: number };

/** A table found in the charter. */
export type TableSummary = {
  /** 1-based line of its header, or of its first row when it continues an earlier table's columns. */
  line: number;
  /** How its cells are separated; 'fields' for one field per line. */
  layout: TableLayout | 'fields';
  /** Its columns in order (null for one read past). */
  columns: Column[];
  /** Entries read from it. */
  entries: number;
  /** Line of the header whose columns it reuses, when it has no header of its own. */
  continues: number | null;
};

/** Everything read from one charter, including what was skipped and why. */
export type CharterReading = ParsedCharter & {
  /** Page title ("Charte cookies", "Cookie Policy"), or null. */
  title: string | null;
  /** Tables in document order. */
  tables: TableSummary[];
  /** Rows that gave no entry, or names skipped in a row, in document order. */
  unreadRows: UnreadRow[];
};

const NO_TABLE_MESSAGE =
  'no cookie table: expected a header row such as ' +
  '"Nom du prestataire | Service et emplacement | Nom du cookies | Finalités" ' +
  'or "Supplier name | Cookie name | Duration | Function", or one field per line ("Nom du cookie : _pk_id")';

/** Longest text of an unread row kept for the report; the row is named by its line anyway. */
const UNREAD_TEXT_LENGTH = 300;

/** Collects what tables give while the document is walked, within the limits. */
class Collector {
  readonly entries: CharterEntry[] = [];
  readonly unreadRows: UnreadRow[] = [];
  readonly tables: TableSummary[] = [];
  /** 0-based indexes of lines that belong to tables. */
  readonly tableLines = new Set<number>();
  private rows = 0;
  private unreadLeftOut = 0;
  /** Lines of the rows left out (a line with two problems gives two rows), and the last line counted. */
  private unreadLinesLeftOut = 0;
  private lastUnreadLine = 0;
  /** Set when a limit stopped the reading: the 0-based line it stopped at. */
  stoppedAt: number | null = null;

  addRow(index: number, text: string, cells: RowCells, sections: SectionTracker, table: TableSummary, cellText: CellText = 'text'): void {
    if (this.stoppedAt !== null) return;
    if (this.rows >= MAX_TABLE_ROWS || this.entries.length >= MAX_ENTRIES) {
      this.stop(
        index,
        this.rows >= MAX_TABLE_ROWS ? { kind: 'stopped-rows', limit: MAX_TABLE_ROWS } : { kind: 'stopped-entries', limit: MAX_ENTRIES },
      );
      return;
    }
    this.rows++;
    const reading = entriesFromRow(cells, sections.category, cellText);
    const first = this.entries.length;
    let limitReached = false;
    // One at a time: spreading a row's entries into push() could overflow the stack.
    for (const entry of reading.entries) {
      if (this.entries.length >= MAX_ENTRIES) {
        limitReached = true;
        break;
      }
      this.entries.push(entry);
      table.entries++;
    }
    // Whether the row gave entries is the reading's, not its problems' (a name cell's `*` beside an empty provider gave none).
    const count = this.entries.length - first;
    const gave = count > 0 ? { first, count } : undefined;
    if (limitReached) this.addUnread(index, text, { kind: 'row-entries-limit', limit: MAX_ENTRIES }, gave);
    for (const reason of reading.problems) this.addUnread(index, text, reason, gave);
  }

  addUnread(index: number, text: string, reason: UnreadReason, gave?: EntryRange): void {
    if (this.unreadRows.length >= MAX_UNREAD_ROWS_LISTED) {
      this.unreadLeftOut++;
      // Rows come in the order of their lines: a line's second problem adds no line.
      if (index + 1 !== this.lastUnreadLine) this.unreadLinesLeftOut++;
      this.lastUnreadLine = index + 1;
      return;
    }
    // Tabs shown as pipes, so an empty cell stays visible in the report; a long line is cut, its number says where it is.
    const shown = collapseWhitespace(text.slice(0, UNREAD_TEXT_LENGTH * 2).replace(/\t/g, ' | '));
    const cut = shown.length > UNREAD_TEXT_LENGTH || text.length > UNREAD_TEXT_LENGTH * 2;
    const row: UnreadRow = { line: index + 1, text: cut ? `${shown.slice(0, UNREAD_TEXT_LENGTH)}…` : shown, reason };
    this.unreadRows.push(gave ? { ...row, gave } : row);
    this.lastUnreadLine = index + 1;
  }

  /** Stops reading at line `index` because of a limit, with a note saying so (finalUnreadRows counts the lines after it). */
  stop(index: number, reason: UnreadReason): void {
    if (this.stoppedAt !== null) return;
    this.stoppedAt = index;
    this.unreadRows.push({ line: index + 1, text: '', reason });
  }

  /**
   * The unread rows; after a limit's note, one counting the lines not read after its own (blank
   * ones aside: they hold no row), so that a charter cut at 5,000 of its 6,000 rows says 1,000 lines
   * not read, not 1; then one saying how many rows were not listed. One pass over the lines not read.
   */
  finalUnreadRows(lines: readonly string[]): UnreadRow[] {
    if (this.stoppedAt !== null) {
      let after = 0;
      for (let index = this.stoppedAt + 1; index < lines.length; index++) if (!isBlank(lines[index] ?? '')) after++;
      // After the limit's note, wherever the list stands: unreadLineCount adds it; none when nothing follows.
      if (after > 0) {
        this.unreadRows.push({
          line: this.stoppedAt + 1,
          text: '',
          reason: { kind: 'lines-after-limit', count: after },
          more: after,
        });
      }
    }
    if (this.unreadLeftOut === 0) return this.unreadRows;
    const last = this.unreadRows[this.unreadRows.length - 1];
    return [
      ...this.unreadRows,
      {
        line: last?.line ?? 1,
        text: '',
        reason: { kind: 'rows-not-listed', count: this.unreadLeftOut, listed: MAX_UNREAD_ROWS_LISTED },
        more: this.unreadLinesLeftOut,
      },
    ];
  }
}

/**
 * Reads a charter into entries plus the rows it could not read. Throws CharterError when the
 * text is empty, binary or not UTF-8, or holds no cookie table at all.
 */
export function readCharter(text: string): CharterReading {
  if (text.length > MAX_CHARTER_TEXT_LENGTH) {
    throw new CharterError(
      `the charter is ${text.length.toLocaleString('en')} characters long, over the limit of ${MAX_CHARTER_TEXT_LENGTH.toLocaleString('en')}: not read`,
      'too-large',
    );
  }
  assertReadableText(text);
  const normalised = normaliseText(text);
  const lines = splitLines(normalised);
  const sections = new SectionTracker();
  const collector = new Collector();
  let title: string | null = null;
  let lastHeader: TableHeader | null = null;
  // Field lines before this index are known not to form a table; rescanning them would be quadratic.
  let noFieldTableBefore = 0;

  let index = 0;
  while (index < lines.length && collector.stoppedAt === null) {
    const line = lines[index] ?? '';
    if (isBlank(line)) {
      index++;
      continue;
    }
    const header = readTableHeader(line, index + 1);
    if (header) {
      collector.tableLines.add(index);
      index = readTableBody(lines, index + 1, header, null, sections, collector);
      lastHeader = header;
      continue;
    }
    const fieldRun = index >= noFieldTableBefore ? readFieldRun(lines, index) : null;
    if (fieldRun && !fieldRun.isTable) noFieldTableBefore = fieldRun.next;
    if (fieldRun?.isTable) {
      const table: TableSummary = { line: index + 1, layout: 'fields', columns: [], entries: 0, continues: null };
      collector.tables.push(table);
      for (const record of fieldRun.records) {
        table.columns = mergeColumns(table.columns, record.cells);
        collector.addRow(record.line - 1, lines[record.line - 1] ?? '', record.cells, sections, table);
      }
      for (let fieldIndex = index; fieldIndex < fieldRun.next; fieldIndex++) collector.tableLines.add(fieldIndex);
      index = fieldRun.next;
      continue;
    }
    // Rows further down (usually under a new section heading) that reuse the previous table's columns,
    // in any layout; one that cannot be split still goes on with the table, to be reported.
    if (lastHeader && continuesTable(line, lastHeader)) {
      index = Math.max(index + 1, readTableBody(lines, index, lastHeader, lastHeader.line, sections, collector));
      continue;
    }
    const heading = headingAt(lines, index, lastHeader);
    if (heading) {
      sections.enter(heading);
      title ??= charterTitle(heading.text);
    }
    index++;
  }

  if (collector.tables.length === 0) throw new CharterError(NO_TABLE_MESSAGE, 'no-table');
  return {
    portal: findPortal(lines, (lineIndex) => collector.tableLines.has(lineIndex)),
    language: detectLanguage(normalised),
    entries: collector.entries,
    title,
    tables: collector.tables,
    unreadRows: collector.finalUnreadRows(lines),
  };
}

/** Field records may differ in which fields they give; the table lists every role seen, in order. */
function mergeColumns(columns: Column[], cells: RowCells): Column[] {
  const merged = [...columns];
  for (const role of Object.keys(cells) as Array<keyof RowCells>) {
    if (!merged.includes(role)) merged.push(role);
  }
  return merged;
}

/**
 * Reads the rows under a header from line index `start`; returns the index of the first line
 * after the table. Blank lines and rules are skipped; a heading followed by more rows of the same
 * shape changes the category and the table goes on; a stray line between rows is reported.
 */
function readTableBody(
  lines: readonly string[],
  start: number,
  header: TableHeader,
  continues: number | null,
  sections: SectionTracker,
  collector: Collector,
): number {
  const table: TableSummary = {
    line: continues === null ? header.line : start + 1,
    layout: header.layout,
    columns: header.columns,
    entries: 0,
    continues,
  };
  collector.tables.push(table);
  let index = start;
  while (index < lines.length && collector.stoppedAt === null) {
    const line = lines[index] ?? '';
    if (isBlank(line) || isSeparatorRow(line)) {
      index++;
      continue;
    }
    if (readTableHeader(line, index + 1)) break;
    // A line of the table's cells is a row even when its first cell starts with "#" (a page's cell
    // laid out as "#\tsessionid\t…"): a heading is a line that is not.
    const isMarkdownHeading = /^\s*#{1,6}(?:\s|$)/.test(line) && !isStrictRow(line, header);
    if (!isMarkdownHeading) {
      const split = splitRow(line, header);
      const sectionRow = split.kind === 'row' ? headingInRow(split.cells, header) : null;
      if (sectionRow) {
        collector.tableLines.add(index);
        sections.enter(sectionRow);
        index++;
        continue;
      }
      if (split.kind === 'row') {
        collector.tableLines.add(index);
        collector.addRow(index, line, split.cells, sections, table, split.cellText);
        index++;
        continue;
      }
      if (split.kind === 'unreadable') {
        collector.tableLines.add(index);
        const shortRowHeading = headingInShortRow(line);
        if (shortRowHeading) sections.enter(shortRowHeading);
        else collector.addUnread(index, line, split.reason);
        index++;
        continue;
      }
    }
    const reason: UnreadReason = { kind: 'not-a-row', headerLine: header.line };
    const following = nextNonBlank(lines, index + 1);
    if (following === null || !isStrictRow(lines[following] ?? '', header)) {
      // The table ends here. Its last row, written with single spaces and not split, is reported
      // as a stray row between rows is, rather than left to the prose after it.
      if (!isMarkdownHeading && readsAsRowWithoutSeparators(line, header)) {
        collector.tableLines.add(index);
        collector.addUnread(index, line, reason);
        index++;
      }
      break;
    }
    // A row written with spaces is no heading, though its purpose names a category ("Mesure d’audience").
    const heading = !isMarkdownHeading && readsAsRowWithoutSeparators(line, header) ? null : headingAt(lines, index, header);
    if (heading) {
      sections.enter(heading);
    } else {
      collector.tableLines.add(index);
      collector.addUnread(index, line, reason);
    }
    index++;
  }
  return index;
}

/**
 * The heading a line gives, if any: a markdown, bold or plain heading about cookies, the label
 * opening a category paragraph ("Strictly necessary cookies: These cookies …"), a label naming a
 * category alone ("Analytics: we use Matomo …") when a table header or a row of `lastHeader`'s
 * table follows it, or a short title naming no category ("User experience") when a table or a
 * category paragraph follows it.
 */
function headingAt(lines: readonly string[], index: number, lastHeader: TableHeader | null): Heading | null {
  const line = lines[index] ?? '';
  const heading = readHeading(line);
  if (heading) return heading;
  const { paragraph, category: label } = readLabels(line);
  if (paragraph) return paragraph;
  if (!label && !couldTitleSection(line)) return null;
  const next = nextNonBlank(lines, index + 1);
  const following = next === null ? '' : (lines[next] ?? '');
  if (next === null) return null;
  const tableFollows = readTableHeader(following, next + 1) !== null;
  if (label) return tableFollows || (lastHeader !== null && isStrictRow(following, lastHeader)) ? label : null;
  if (!tableFollows && !introducesSection(following)) return null;
  return { text: collapseWhitespace(line), level: null, category: categoryOfHeading(line) };
}

/**
 * A row with only its first cell filled, naming a section ("| **Cookies statistiques** | | | |",
 * "Cookies publicitaires\t\t\t"), is a heading, read as headingInShortRow reads its cell but for
 * markdown bold, which it does not require: a plain cell is a category row of a table exported
 * from a page. A note padded so ("| **These cookies are essential** | | | |") is no heading.
 */
function headingInRow(cells: RowCells, header: TableHeader): Heading | null {
  const first = header.columns[0];
  const filled = Object.values(cells).filter((cell) => cell.trim() !== '');
  if (first === null || first === undefined || filled.length !== 1 || (cells[first] ?? '').trim() === '') return null;
  return headingInLoneCell(cells[first] ?? '', false);
}

/**
 * The section heading a table row's only filled cell gives, or null. A cell with markdown bold
 * counts only when it is bold as a whole, once ("**Cookies publicitaires** et **cookies tiers**",
 * "**Cookies publicitaires** sont listés plus bas" are no titles); then it must not open as a note
 * does (opensLikeSentence: "These cookies are essential", "Aucun cookie … n'est déposé …"), and
 * either name a category (categoryOfHeading) or be shaped as a title of cookies of a kind that
 * needs consent and has no category (titlesOtherSection: "Cookies publicitaires"), which starts an
 * `other` section as such a caption does. A provider's name ("Cookies Contentsquare", "Cookies
 * Matomo") or a kind that needs no consent ("Cookies de session") is none: its row is listed unread
 * and the rows after it keep their section.
 */
function headingInLoneCell(cell: string, boldRequired: boolean): Heading | null {
  const trimmed = cell.trim();
  const bold = /^(?:\*\*|__)(.+)(?:\*\*|__):?$/.exec(trimmed)?.[1];
  // `__` only where it opens the cell: cookie names hold it ("__Host-session").
  const boldInPart = bold === undefined ? boldRequired || /^(?:\*\*|__)|\*\*/.test(trimmed) : marksBoldParts(bold);
  const text = bold ?? trimmed;
  if (boldInPart || opensLikeSentence(text)) return null;
  const heading = readHeading(trimmed);
  // One naming no category starts an `other` section (SectionTracker).
  return heading && (heading.category !== null || titlesOtherSection(text)) ? { ...heading, level: null } : null;
}

/**
 * True when the text inside a cell's outer bold marks holds marks that split it into bold parts
 * ("**Cookies publicitaires** et **cookies tiers**", "__Cookies publicitaires__ et __cookies
 * tiers__"): any `**`, but `__` only closing a part and opening another (after a character and
 * before a space, then after a space and before a character), as cookie names hold it ("Cookies de
 * mesure d'audience (_pk_id, __utma)", "(__utma__, _pk_id)"). Two scans: linear.
 */
function marksBoldParts(inner: string): boolean {
  if (inner.includes('**')) return true;
  const closing = /[^\s_]__(?=\s)/.exec(inner);
  return closing !== null && /\s__[^\s_]/.test(inner.slice(closing.index + 3));
}

/** Longest line headingInShortRow looks at: a heading's longest line plus its separators. */
const MAX_SHORT_ROW_LENGTH = 250;

/**
 * A row with fewer cells than its table whose only filled cell is its first, marked as a heading
 * (markdown bold over the whole cell: `| **Analytics and stats cookies** |`, a category row
 * spanning the table exported to markdown), not opening as a note does (opensLikeSentence: "These
 * cookies are essential"), and naming a category (categoryOfHeading) or shaped as a title of
 * cookies of a kind with no category (titlesOtherSection: `| **Cookies publicitaires** |`), which
 * starts an `other` section as such a caption does. Any other short row is no heading: a cookie's
 * name alone (`| cookies_preferences |`, `| **_ga** |`), a provider, a sentence or note ("Aucun
 * cookie de mesure d'audience n'est déposé sans votre accord") is listed unread, and the rows after
 * it keep their section. A plain line ending in a tab (a layout table's category cell, laid out as
 * "Cookies de mesure d'audience\t") cannot be told from such a sentence, so it is unread too
 * (README's Limits). Only tab and pipe separators are read.
 */
function headingInShortRow(line: string): Heading | null {
  const trimmed = line.trim();
  if (trimmed.length > MAX_SHORT_ROW_LENGTH) return null;
  let cells: string[];
  if (line.includes('\t')) cells = line.split('\t');
  else if (trimmed.startsWith('|')) cells = trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|');
  else return null;
  const first = (cells[0] ?? '').trim();
  if (first === '' || cells.slice(1).some((cell) => cell.trim() !== '')) return null;
  return headingInLoneCell(first, true);
}

function nextNonBlank(lines: readonly string[], from: number): number | null {
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (!isBlank(line) && !isSeparatorRow(line)) return index;
  }
  return null;
}

/** Why a reading cannot feed the registry (no entry at all), as data, or null when it can. */
export function noReadableRow(reading: CharterReading): NoReadableRow | null {
  if (reading.entries.length > 0) return null;
  // One line of error text, however many tables: name the first few.
  const tables = reading.tables.slice(0, 5).map((table) => table.line);
  const first = reading.unreadRows[0];
  return { tables, moreTables: reading.tables.length - tables.length, first: first ? { line: first.line, reason: first.reason } : null };
}

/** Why a reading cannot feed the registry (no entry at all), in English, or null when it can. */
export function charterProblem(reading: CharterReading): string | null {
  const problem = noReadableRow(reading);
  return problem === null ? null : noReadableRowText(problem);
}

/** Parses a charter into its portal, language and entries; throws CharterError when it gives none. */
export function parseCharter(text: string): ParsedCharter {
  const reading = readCharter(text);
  const problem = charterProblem(reading);
  if (problem !== null) throw new CharterError(problem, 'no-entries');
  return { portal: reading.portal, language: reading.language, entries: reading.entries };
}
