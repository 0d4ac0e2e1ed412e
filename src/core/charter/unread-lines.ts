/**
 * Counting a live charter's rows not read for people (the popup's charter line, the Markdown
 * export). Its own file: the page shell, which loads another part of live-record.ts, does not
 * carry it, only the report's view and the worker's exports.
 */
import type { UnreadRow } from './parse.ts';

/**
 * How many lines of a charter its unread rows name: a row with several problems is listed once
 * for each, and the note counting the rows not listed one by one names the last listed line.
 */
export function unreadLineCount(rows: readonly UnreadRow[]): number {
  return new Set(rows.map((row) => row.line)).size;
}
