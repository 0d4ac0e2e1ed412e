/**
 * A live charter's rows not read: how many a record keeps, and counting them for people (the
 * popup's charter line, the Markdown export). Its own file: the page shell, which loads another
 * part of live-record.ts, does not carry it, only the report's view and the worker.
 */
import { MAX_UNREAD_ROWS_LISTED } from './limits.ts';
import type { UnreadRow } from './parse.ts';

/**
 * Most unread rows a live charter record keeps one by one. The record is stored per site and its
 * rows travel with every report the popup opens: a page whose every row is unread (up to the
 * parser's MAX_UNREAD_ROWS_LISTED of 300 characters each, about 300 kB) would weigh on each open.
 * A hundred rows say what is wrong; the audit command lists them all.
 */
export const MAX_LIVE_UNREAD_ROWS = 100;

/**
 * The rows a live charter record keeps: line, shortened text and reason only; past
 * MAX_LIVE_UNREAD_ROWS, one note counting the rest (the parser's own note, when it listed its
 * most, makes that count a floor).
 */
export function keptUnreadRows(rows: readonly UnreadRow[]): UnreadRow[] {
  const kept = rows.slice(0, MAX_LIVE_UNREAD_ROWS).map(({ line, text, reason }) => ({ line, text, reason }));
  if (rows.length <= MAX_LIVE_UNREAD_ROWS) return kept;
  const parserNoted = rows.length > MAX_UNREAD_ROWS_LISTED;
  const more = rows.length - MAX_LIVE_UNREAD_ROWS - (parserNoted ? 1 : 0);
  const count = `${parserNoted ? 'more than ' : ''}${more.toLocaleString('en')}`;
  const last = kept[kept.length - 1]!;
  return [
    ...kept,
    { line: last.line, text: '', reason: `and ${count} more rows not read (only the first ${MAX_LIVE_UNREAD_ROWS} are kept)` },
  ];
}

/**
 * How many lines of a charter its unread rows name: a row with several problems is listed once
 * for each, and the note counting the rows not listed one by one names the last listed line.
 */
export function unreadLineCount(rows: readonly UnreadRow[]): number {
  return new Set(rows.map((row) => row.line)).size;
}
