import { describe, expect, it } from 'vitest';
import { liveProblemOf, liveProblemText, pageFailureText, type LiveCharterProblem } from '../../../src/core/charter/live-problem.ts';

describe('liveProblemText', () => {
  it.each<[LiveCharterProblem, string]>([
    [{ kind: 'network' }, 'network error (offline, or the site cannot be reached)'],
    [{ kind: 'timeout', path: '/terms/cookies-policy/' }, 'the charter page took too long to answer at /terms/cookies-policy/'],
    [{ kind: 'http', status: 404, path: '/terms/cookies-information' }, 'HTTP 404 at /terms/cookies-information'],
    [
      { kind: 'too-large', limit: 2_000_000, path: '/terms/cookies-information' },
      'page larger than 2,000,000 bytes at /terms/cookies-information',
    ],
    [
      { kind: 'too-large-to-keep', limit: 2_000_000, path: '/terms/cookies-policy/' },
      'charter over 2,000,000 bytes once read, too large to keep at /terms/cookies-policy/',
    ],
    [{ kind: 'redirected', to: 'http://elsewhere.example', path: '/x' }, 'redirected to http://elsewhere.example, not https at /x'],
    [{ kind: 'redirected', to: 'https://evil.example', path: '/x' }, 'redirected to https://evil.example, another site at /x'],
    [{ kind: 'redirected', to: null, path: '/x' }, 'redirected to an invalid address at /x'],
    [{ kind: 'no-table', path: '/terms/cookies-policy/' }, 'no cookie table at /terms/cookies-policy/'],
    [
      { kind: 'no-rows', reason: 'no readable cookie row in the table at line 2 (line 3: empty cookie name cell)', path: '/x' },
      'no readable cookie row in the table at line 2 (line 3: empty cookie name cell) at /x',
    ],
    [
      {
        kind: 'no-rows',
        reason: { tables: [2], moreTables: 0, first: { line: 3, reason: { kind: 'empty-cell', field: 'cookie' } } },
        path: '/x',
      },
      'no readable cookie row in the table at line 2 (line 3: empty cookie name cell) at /x',
    ],
    [{ kind: 'empty', path: '/terms/cookies-policy/' }, 'the page is empty at /terms/cookies-policy/'],
    [{ kind: 'not-text', path: '/x' }, 'not a text page (binary data, or not UTF-8) at /x'],
    [{ kind: 'unreadable', path: '/x' }, 'unreadable page at /x'],
    [{ kind: 'unknown' }, 'could not be read'],
  ])('words %j in English as the exports always have', (problem, text) => {
    expect(liveProblemText(problem)).toBe(text);
  });

  it('cuts a no-rows reason quoting a long cell at 500 characters, as the record kept it before it was data', () => {
    const token = 'x y'.repeat(400);
    const reason = { tables: [2], moreTables: 0, first: { line: 3, reason: { kind: 'not-a-name', token, why: 'prose' } as const } };
    const text = pageFailureText({ kind: 'no-rows', reason });
    expect(text).toBe(`${`no readable cookie row in the table at line 2 (line 3: “${token}`.slice(0, 500)}…`);
  });

  it('words a page failure without a path for the CLI', () => {
    expect(pageFailureText({ kind: 'http', status: 503 })).toBe('HTTP 503');
  });
});

describe('liveProblemOf', () => {
  it('keeps a problem of this version, and none as none', () => {
    expect(liveProblemOf(null)).toBeNull();
    expect(liveProblemOf({ kind: 'http', status: 404, path: '/terms/cookies-information' })).toEqual({
      kind: 'http',
      status: 404,
      path: '/terms/cookies-information',
    });
    expect(liveProblemOf({ kind: 'network' })).toEqual({ kind: 'network' });
    expect(liveProblemOf({ kind: 'timeout', path: '/x' })).toEqual({ kind: 'timeout', path: '/x' });
    expect(liveProblemOf({ kind: 'empty', path: '/x' })).toEqual({ kind: 'empty', path: '/x' });
    expect(liveProblemOf({ kind: 'too-large-to-keep', limit: 2_000_000, path: '/x' })).toEqual({
      kind: 'too-large-to-keep',
      limit: 2_000_000,
      path: '/x',
    });
    expect(liveProblemOf({ kind: 'redirected', to: null, path: '/x' })).toEqual({ kind: 'redirected', to: null, path: '/x' });
    expect(liveProblemOf({ kind: 'no-rows', reason: 'why', path: '/x' })).toEqual({ kind: 'no-rows', reason: 'why', path: '/x' });
    const data = { tables: [2], moreTables: 0, first: { line: 3, reason: { kind: 'empty-cell', field: 'cookie' } } };
    expect(liveProblemOf({ kind: 'no-rows', reason: data, path: '/x' })).toEqual({ kind: 'no-rows', reason: data, path: '/x' });
  });

  it('reads the English text an older version stored, or anything broken, as a problem not understood', () => {
    for (const stored of [
      'HTTP 404 at /terms/cookies-information',
      'network error (offline, or the site cannot be reached)',
      '',
      42,
      { kind: 'http' },
      { kind: 'http', status: '404' },
      { kind: 'too-large', limit: null },
      { kind: 'too-large-to-keep', limit: '2000000' },
      { kind: 'redirected' },
      { kind: 'no-rows' },
      { kind: 'no-rows', reason: 7 },
      { kind: 'no-rows', reason: { tables: 'all', moreTables: 0, first: null } },
      { kind: 'exploded' },
      [],
    ])
      expect(liveProblemOf(stored), JSON.stringify(stored)).toEqual({ kind: 'unknown' });
  });

  it('drops a path that is not text', () => {
    expect(liveProblemOf({ kind: 'no-table', path: 7 })).toEqual({ kind: 'no-table' });
  });
});
