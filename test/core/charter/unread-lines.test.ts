import { describe, expect, it } from 'vitest';
import { keptUnreadRows, MAX_LIVE_UNREAD_ROWS, unreadLineCount } from '../../../src/core/charter/unread-lines.ts';

describe('unreadLineCount', () => {
  it('counts the lines the rows name: a row with two problems, and the note counting the rest, add none', () => {
    expect(unreadLineCount([])).toBe(0);
    expect(
      unreadLineCount([
        { line: 3, text: 'a', reason: 'one' },
        { line: 3, text: 'a', reason: 'two' },
        { line: 7, text: 'b', reason: 'three' },
        { line: 7, text: '', reason: 'and 12 more rows not read (only the first 1,000 are listed)' },
      ]),
    ).toBe(2);
  });
});

describe('keptUnreadRows', () => {
  const row = (line: number) => ({ line, text: `row ${line}`, reason: 'why', extra: 'dropped' });

  it('keeps every row up to MAX_LIVE_UNREAD_ROWS, with only its line, text and reason', () => {
    const rows = Array.from({ length: MAX_LIVE_UNREAD_ROWS }, (_, index) => row(index + 1));
    expect(keptUnreadRows(rows)).toEqual(rows.map(({ line, text, reason }) => ({ line, text, reason })));
  });

  it('past it, keeps the first ones and a note on the last kept line: counted once by unreadLineCount', () => {
    const kept = keptUnreadRows(Array.from({ length: MAX_LIVE_UNREAD_ROWS + 7 }, (_, index) => row(index + 1)));
    expect(kept).toHaveLength(MAX_LIVE_UNREAD_ROWS + 1);
    expect(kept.at(-1)).toEqual({
      line: MAX_LIVE_UNREAD_ROWS,
      text: '',
      reason: `and 7 more rows not read (only the first ${MAX_LIVE_UNREAD_ROWS} are kept)`,
    });
    expect(unreadLineCount(kept)).toBe(MAX_LIVE_UNREAD_ROWS);
  });
});
