import { describe, expect, it } from 'vitest';
import { copyUnreadRow, keptUnreadRows, MAX_LIVE_UNREAD_ROWS, unreadLineCount } from '../../../src/core/charter/unread-lines.ts';
import { unreadReasonText } from '../../../src/core/charter/unread-reason.ts';

describe('unreadLineCount', () => {
  it('counts the lines the rows name: a row with two problems adds none, the note ending a cut list the rows it stands for', () => {
    expect(unreadLineCount([])).toBe(0);
    expect(
      unreadLineCount([
        { line: 3, text: 'a', reason: 'one' },
        { line: 3, text: 'a', reason: 'two' },
        { line: 7, text: 'b', reason: 'three' },
        { line: 7, text: '', reason: 'and 12 more rows not read (only the first 1,000 are listed)', more: 12 },
      ]),
    ).toBe(14);
  });
});

describe('keptUnreadRows', () => {
  const row = (line: number) => ({ line, text: `row ${line}`, reason: 'why', extra: 'dropped' });

  it('keeps every row up to MAX_LIVE_UNREAD_ROWS, with only its line, text and reason', () => {
    const rows = Array.from({ length: MAX_LIVE_UNREAD_ROWS }, (_, index) => row(index + 1));
    expect(keptUnreadRows(rows)).toEqual(rows.map(({ line, text, reason }) => ({ line, text, reason })));
  });

  it('past it, keeps the first ones and a note on the last kept line, standing for the rest (the parser’s own note too)', () => {
    const kept = keptUnreadRows(Array.from({ length: MAX_LIVE_UNREAD_ROWS + 7 }, (_, index) => row(index + 1)));
    expect(kept).toHaveLength(MAX_LIVE_UNREAD_ROWS + 1);
    expect(kept.at(-1)).toEqual({
      line: MAX_LIVE_UNREAD_ROWS,
      text: '',
      reason: { kind: 'rows-not-kept', count: 7, kept: MAX_LIVE_UNREAD_ROWS },
      more: 7,
    });
    expect(unreadReasonText(kept.at(-1)!.reason)).toBe(`and 7 more lines not read (only the first ${MAX_LIVE_UNREAD_ROWS} rows are kept)`);
    expect(unreadLineCount(kept)).toBe(MAX_LIVE_UNREAD_ROWS + 7);
    const parserNote = { line: 1_000, text: '', reason: 'and 40 more rows not read (only the first 1,000 are listed)', more: 40 };
    const longList = [...Array.from({ length: 1_000 }, (_, index) => row(index + 1)), parserNote];
    const keptOfLong = keptUnreadRows(longList);
    expect(keptOfLong.at(-1)).toMatchObject({ more: 900 + 40 });
    expect(unreadLineCount(keptOfLong)).toBe(unreadLineCount(longList));
    // Two rows of each line: the note counts lines, the last kept line's second row none.
    const twice = Array.from({ length: 300 }, (_, index) => row(Math.floor(index / 2) + 1));
    expect(unreadLineCount(keptUnreadRows(twice))).toBe(150);
  });
});

describe('copyUnreadRow', () => {
  it('keeps the entries a row read in part gave, and drops what is no such thing (a record stored by hand)', () => {
    const row = { line: 4, text: '| _ga, * |', reason: 'why' };
    expect(copyUnreadRow({ ...row, gave: { first: 1, count: 2 } })).toEqual({ ...row, gave: { first: 1, count: 2 } });
    for (const gave of [{ first: -1, count: 2 }, { first: 1, count: 0 }, { first: 1.5, count: 1 }, { first: '1', count: 1 }, null])
      expect(copyUnreadRow({ ...row, gave } as never)).toEqual(row);
  });
});
