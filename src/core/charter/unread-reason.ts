/**
 * Why the charter parser read a row (or part of one) no further, as data: a kind and its values,
 * so the popup words it in its own language, numbers grouped as that language writes them, and
 * the charter CLI and the JSON export in English (unreadReasonText, the one English wording).
 */
import type { Column, ColumnRole } from './columns.ts';
import { lazy } from '../lazy.ts';

/** How a cookie-name candidate is not a usable name. */
export type NotANameWhy = 'none-found' | 'prose' | 'wildcard-first' | 'invalid' | 'invisible' | 'separators';

/** A field a row needs to give an entry. */
export type NeededField = 'provider' | 'purpose' | 'cookie';

/**
 * One reason a row gave no entry, or fewer than it names. A quoted `token` or `text` is outside
 * text, shown with its invisible characters written as their code (U+202E), never markup.
 */
export type UnreadReason =
  /** A limit stopped the reading at this line: more than `limit` table rows, or `limit` entries. */
  | { kind: 'stopped-rows'; limit: number }
  | { kind: 'stopped-entries'; limit: number }
  /** The limit of `limit` entries was reached inside this row. */
  | { kind: 'row-entries-limit'; limit: number }
  /** After a limit's note: `count` lines after it not read. */
  | { kind: 'lines-after-limit'; count: number }
  /** `count` more rows not read, past the `listed` the parser lists. */
  | { kind: 'rows-not-listed'; count: number; listed: number }
  /** `count` more lines not read, past the `kept` rows a live charter record keeps. */
  | { kind: 'rows-not-kept'; count: number; kept: number }
  /** A stray line between the rows of the table whose header is at `headerLine`. */
  | { kind: 'not-a-row'; headerLine: number }
  /** A row of `length` characters, longer than its `cells` cells of at most `cellLimit` each can be. */
  | { kind: 'row-too-long'; length: number; cells: number; cellLimit: number }
  /** `found` cells where the header has `expected`, separated by tabs or pipes. */
  | { kind: 'cells-count'; separator: 'tabs' | 'pipes'; expected: number; found: number; columns: Column[] }
  /** A row without separators that could not be split into `columns`; `unknownProvider` when it starts with no known provider. */
  | { kind: 'unsplit'; columns: Column[]; unknownProvider: boolean }
  /** A cell longer than the cell limit: the row is not read. */
  | { kind: 'cell-too-long'; role: ColumnRole; length: number; limit: number }
  /** A field-per-line record without the field. */
  | { kind: 'no-field'; field: NeededField }
  /** An empty cell where the row needs one. */
  | { kind: 'empty-cell'; field: NeededField }
  /** A cookie-name cell longer than the cell limit: not read. */
  | { kind: 'name-cell-too-long'; length: number; limit: number }
  /** Prose that makes prefixes ("tout cookie commençant par") with no name after it. */
  | { kind: 'no-name-after'; text: string; prose: string }
  /** More than `limit` parts, or names, in one cell: the rest not read. */
  | { kind: 'parts-limit'; limit: number }
  | { kind: 'names-limit'; limit: number }
  /** `count` more problems of the cell not listed. */
  | { kind: 'parts-left-out'; count: number }
  /** A part of a cookie-name cell that is no usable name, and why. */
  | { kind: 'not-a-name'; token: string; why: NotANameWhy }
  /** A stored reason this version does not understand. */
  | { kind: 'unknown' };

/**
 * An unread row's reason as a record keeps it: data, or the English sentence a record an older
 * version stored (shown as it is, in English).
 */
export type StoredUnreadReason = UnreadReason | string;

const en = (count: number): string => count.toLocaleString('en');

/** Describes the columns for messages: "provider / service / cookie / purpose". */
export function describeColumns(columns: readonly Column[]): string {
  return columns.map((column) => column ?? '(ignored)').join(' / ');
}

const FIELD_NAMES: Record<NeededField, string> = { provider: 'provider', purpose: 'purpose', cookie: 'cookie name' };

const NOT_A_NAME_WORDS: Record<NotANameWhy, string> = {
  'none-found': 'no cookie name found',
  prose: 'prose, not a cookie name',
  'wildcard-first': 'a wildcard must follow a fixed prefix',
  invalid: 'not a cookie name (invalid characters in it)',
  invisible: 'not a cookie name (only invisible characters)',
  separators: 'not a cookie name (spaces, quotes or separators in it)',
};

/** Why a row without separators could not be split, in English (its columns named). */
function unsplitText(columns: readonly Column[]): string {
  return (
    `could not split into ${describeColumns(columns)}: ` +
    'without tabs or pipes a row is split on a known provider, ' +
    'cookie-name shapes (_ga, django_language, _pk_id.*) and a duration; separate the cells with tabs'
  );
}

/** The reason in English, as the charter CLI prints it and the JSON export keeps it. */
export function unreadReasonText(reason: StoredUnreadReason): string {
  if (typeof reason === 'string') return reason;
  switch (reason.kind) {
    case 'stopped-rows':
      return `truncated: more than ${en(reason.limit)} table rows, the limit; the charter is not read from this line on`;
    case 'stopped-entries':
      return `truncated: ${en(reason.limit)} entries, the limit; the charter is not read from this line on`;
    case 'row-entries-limit':
      return `the limit of ${en(reason.limit)} entries is reached: the rest of this row is not read`;
    case 'lines-after-limit':
      return `and ${en(reason.count)} more ${reason.count === 1 ? 'line' : 'lines'} not read (the charter is not read past the limit)`;
    case 'rows-not-listed':
      return `and ${en(reason.count)} more rows not read (only the first ${en(reason.listed)} are listed)`;
    case 'rows-not-kept':
      return `and ${en(reason.count)} more lines not read (only the first ${reason.kept} rows are kept)`;
    case 'not-a-row':
      return `not a row of the table at line ${reason.headerLine}: its cells are not separated like the header's`;
    case 'row-too-long':
      return `a row of ${en(reason.length)} characters: longer than ${reason.cells} cells of at most ${en(reason.cellLimit)} characters can be`;
    case 'cells-count':
      return `expected ${reason.expected} cells ${reason.separator === 'tabs' ? 'separated by tabs' : 'between pipes'} (${describeColumns(reason.columns)}), found ${reason.found}`;
    case 'unsplit':
      return reason.unknownProvider
        ? `does not start with a provider the reader knows, so ${unsplitText(reason.columns)}`
        : unsplitText(reason.columns);
    case 'cell-too-long':
      return `${reason.role} cell of ${en(reason.length)} characters, over the limit of ${en(reason.limit)}: row not read`;
    case 'no-field':
      return `no ${FIELD_NAMES[reason.field]} field`;
    case 'empty-cell':
      return `empty ${FIELD_NAMES[reason.field]} cell`;
    case 'name-cell-too-long':
      return `cookie name cell of ${en(reason.length)} characters, over the limit of ${en(reason.limit)}: not read`;
    case 'no-name-after':
      return `“${reason.text}”: no name after “${reason.prose}”`;
    case 'parts-limit':
      return `more than ${reason.limit} parts in one cell: the parts after the ${reason.limit}th are not read`;
    case 'names-limit':
      return `more than ${reason.limit} names in one cell: the names after the ${reason.limit}th are not read`;
    case 'parts-left-out':
      return `${reason.count} more parts of the cell not read`;
    case 'not-a-name':
      return `“${reason.token}”: ${NOT_A_NAME_WORDS[reason.why]}`;
    case 'unknown':
      return 'reason not known';
  }
}

/** What each kind holds, to check a stored reason by: a count, a text, a flag, a column list, or one of a set. */
type FieldCheck = 'count' | 'text' | 'flag' | 'columns' | ReadonlySet<unknown>;

// Built on first use: the page shell imports this module's neighbours, not the reading of stored reasons (lazy.ts).
const columnRoles = lazy((): ReadonlySet<unknown> => new Set(['provider', 'service', 'cookie', 'duration', 'purpose', 'category']));
const kindFields = lazy((): Record<UnreadReason['kind'], Record<string, FieldCheck>> => {
  const neededFields = new Set(['provider', 'purpose', 'cookie']);
  return {
    'stopped-rows': { limit: 'count' },
    'stopped-entries': { limit: 'count' },
    'row-entries-limit': { limit: 'count' },
    'lines-after-limit': { count: 'count' },
    'rows-not-listed': { count: 'count', listed: 'count' },
    'rows-not-kept': { count: 'count', kept: 'count' },
    'not-a-row': { headerLine: 'count' },
    'row-too-long': { length: 'count', cells: 'count', cellLimit: 'count' },
    'cells-count': { separator: new Set(['tabs', 'pipes']), expected: 'count', found: 'count', columns: 'columns' },
    unsplit: { columns: 'columns', unknownProvider: 'flag' },
    'cell-too-long': { role: columnRoles(), length: 'count', limit: 'count' },
    'no-field': { field: neededFields },
    'empty-cell': { field: neededFields },
    'name-cell-too-long': { length: 'count', limit: 'count' },
    'no-name-after': { text: 'text', prose: 'text' },
    'parts-limit': { limit: 'count' },
    'names-limit': { limit: 'count' },
    'parts-left-out': { count: 'count' },
    'not-a-name': { token: 'text', why: new Set(Object.keys(NOT_A_NAME_WORDS)) },
    unknown: {},
  };
});

function holds(check: FieldCheck, value: unknown): boolean {
  if (check === 'count') return Number.isSafeInteger(value) && (value as number) >= 0;
  if (check === 'text') return typeof value === 'string';
  if (check === 'flag') return typeof value === 'boolean';
  if (check === 'columns') return Array.isArray(value) && value.every((column) => column === null || columnRoles().has(column));
  return check.has(value);
}

/**
 * A stored reason as this version reads it: the English text an older version stored as it is, a
 * reason of this version copied field by field (nothing else kept), anything else `unknown`, so no
 * reader shows "undefined" or fails on it.
 */
export function unreadReasonOf(stored: unknown): StoredUnreadReason {
  if (typeof stored === 'string') return stored;
  if (typeof stored !== 'object' || stored === null) return { kind: 'unknown' };
  const { kind } = stored as { kind?: unknown };
  const fields = typeof kind === 'string' && Object.hasOwn(kindFields(), kind) ? kindFields()[kind as UnreadReason['kind']] : null;
  if (fields === null) return { kind: 'unknown' };
  const copy: Record<string, unknown> = { kind };
  for (const [field, check] of Object.entries(fields)) {
    const value = (stored as Record<string, unknown>)[field];
    if (!holds(check, value)) return { kind: 'unknown' };
    copy[field] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return copy as UnreadReason;
}

/** Why none of a charter's tables gave a row: their lines (the first five, and how many more), and the first row not read. */
export type NoReadableRow = { tables: number[]; moreTables: number; first: { line: number; reason: StoredUnreadReason } | null };

/** Why no table gave a row, in English: "no readable cookie row in the table at line 3 (line 4: empty cookie name cell)". */
export function noReadableRowText({ tables, moreTables, first }: NoReadableRow): string {
  const lines = `${tables.join(', ')}${moreTables > 0 ? ` and ${moreTables} more` : ''}`;
  const where = tables.length + moreTables > 1 ? `tables at lines ${lines}` : `table at line ${lines}`;
  const example = first ? ` (line ${first.line}: ${unreadReasonText(first.reason)})` : '';
  return `no readable cookie row in the ${where}${example}`;
}

/** A stored NoReadableRow as this version reads it, or null when it is none. */
export function noReadableRowOf(stored: unknown): NoReadableRow | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { tables, moreTables, first } = stored as Record<string, unknown>;
  if (!Array.isArray(tables) || !tables.every((line) => holds('count', line)) || !holds('count', moreTables)) return null;
  const copy = { tables: [...(tables as number[])], moreTables: moreTables as number };
  if (first === null) return { ...copy, first: null };
  if (typeof first !== 'object' || first === undefined || !holds('count', (first as { line?: unknown }).line)) return null;
  const { line, reason } = first as { line: number; reason: unknown };
  return { ...copy, first: { line, reason: unreadReasonOf(reason) } };
}
