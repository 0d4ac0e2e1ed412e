import { describe, expect, it } from 'vitest';
import { unreadLineCount } from '../../../src/core/charter/unread-lines.ts';

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
