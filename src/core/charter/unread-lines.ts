/**
 * A live charter's rows not read: how many a record keeps, and counting them for people (the
 * popup's charter line, the Markdown export). Its own file: the page shell, which loads another
 * part of live-record.ts, does not carry it, only the report's view and the worker.
 */
import type { EntryRange, UnreadRow } from './parse.ts';
import { unreadReasonOf } from './unread-reason.ts';

/**
 * Most unread rows a live charter record keeps one by one. The record is stored per site and its
 * rows travel with every report the popup opens: a page whose every row is unread (up to the
 * parser's MAX_UNREAD_ROWS_LISTED of 300 characters each, about 300 kB) would weigh on each open.
 * A hundred rows say what is wrong; `npm run charter -- <page URL>` lists them all.
 */
export const MAX_LIVE_UNREAD_ROWS = 100;

/**
 * The rows a live charter record keeps: line, shortened text and reason only; past
 * MAX_LIVE_UNREAD_ROWS, one note counting the rest, the parser's own note's count included.
 */
export function keptUnreadRows(rows: readonly UnreadRow[]): UnreadRow[] {
  const kept = rows.slice(0, MAX_LIVE_UNREAD_ROWS).map(copyUnreadRow);
  if (rows.length <= MAX_LIVE_UNREAD_ROWS) return kept;
  // Lines, not rows: a line with two problems gives two rows, and the last kept line may go on.
  const keptLines = new Set(kept.map((row) => row.line));
  const droppedLines = new Set<number>();
  let more = 0;
  for (const row of rows.slice(MAX_LIVE_UNREAD_ROWS)) {
    if (row.more !== undefined) more += row.more;
    else if (!keptLines.has(row.line)) droppedLines.add(row.line);
  }
  more += droppedLines.size;
  const last = kept[kept.length - 1]!;
  return [...kept, { line: last.line, text: '', reason: { kind: 'rows-not-kept', count: more, kept: MAX_LIVE_UNREAD_ROWS }, more }];
}

/**
 * An unread row as a record or a report keeps it: nothing but its own fields (the entries a row
 * read in part gave when well formed), its reason as this version reads it (the English text an older version stored as it is, one not understood `unknown`).
 */
export function copyUnreadRow({ line, text, reason: stored, more, gave }: UnreadRow): UnreadRow {
  const reason = unreadReasonOf(stored);
  const row: UnreadRow = more === undefined ? { line, text, reason } : { line, text, reason, more };
  return isEntryRange(gave) ? { ...row, gave: { first: gave.first, count: gave.count } } : row;
}

/** True for the entries a row read in part gave, as the parser writes them (a stored record may hold anything). */
function isEntryRange(gave: unknown): gave is EntryRange {
  if (typeof gave !== 'object' || gave === null) return false;
  const { first, count } = gave as Record<string, unknown>;
  return Number.isSafeInteger(first) && (first as number) >= 0 && Number.isSafeInteger(count) && (count as number) > 0;
}

/**
 * How many lines of a charter its unread rows name: a row with several problems is listed once
 * for each, and a note ending a list cut short adds the lines it stands for (`more`).
 */
export function unreadLineCount(rows: readonly UnreadRow[]): number {
  const lines = new Set<number>();
  let more = 0;
  for (const row of rows) {
    if (row.more === undefined) lines.add(row.line);
    else more += row.more;
  }
  return lines.size + more;
}
