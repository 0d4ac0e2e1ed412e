import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  isStale,
  LIVE_CHARTER_MAX_AGE_MS,
  LIVE_CHARTER_RETRY_MS,
  type LiveCharterRecord,
} from '../../../src/core/charter/live-record.ts';
import type { LiveCharterProblem } from '../../../src/core/charter/live-problem.ts';

const HOST = 'data.tco.re';

describe('isStale', () => {
  const record = (charter: boolean) => ({
    host: HOST,
    fetchedAt: 0,
    url: null,
    charter: charter ? { portal: null, language: null, entries: [] } : null,
    problem: null,
  });
  it('keeps a charter a day and retries a failure after ten minutes', () => {
    expect(isStale(undefined, 0)).toBe(true);
    expect(isStale(record(true), LIVE_CHARTER_MAX_AGE_MS)).toBe(false);
    expect(isStale(record(true), LIVE_CHARTER_MAX_AGE_MS + 1)).toBe(true);
    expect(isStale(record(false), LIVE_CHARTER_RETRY_MS + 1)).toBe(true);
  });

  it('reads again a record dated after now: the clock was set back since (NTP, a machine resumed), its age is not known', () => {
    const HOUR = 3_600_000;
    expect(isStale(record(false), -HOUR + LIVE_CHARTER_RETRY_MS)).toBe(true);
    expect(isStale(record(true), -HOUR)).toBe(true);
    expect(isStale(record(true), -1)).toBe(true);
    // A failure beside a kept charter, dated after now, is tried again too.
    expect(isStale({ ...record(true), fetchedAt: -2 * HOUR, failedAt: 0 }, -HOUR)).toBe(true);
    expect(isStale(record(true), 0)).toBe(false);
    expect(isStale({ ...record(true), failedAt: 0 }, 0)).toBe(false);
  });

  it('reads again a record whose time is not a number (what storage should not hold): its age is not known', () => {
    const notTimes: unknown[] = [Number.NaN, Infinity, -Infinity, 'yesterday'];
    for (const at of [...notTimes, null, undefined]) {
      expect(isStale({ ...record(true), fetchedAt: at } as unknown as LiveCharterRecord, 0), String(at)).toBe(true);
    }
    // A failure's time, when there is one.
    for (const at of notTimes) {
      expect(isStale({ ...record(true), failedAt: at } as unknown as LiveCharterRecord, 0), String(at)).toBe(true);
    }
  });
});

describe('afterAttempt', () => {
  const read: LiveCharterRecord = {
    host: HOST,
    fetchedAt: 1000,
    url: 'https://data.tco.re/terms/cookies-policy/',
    path: '/terms/cookies-policy/',
    charter: { portal: HOST, language: 'fr', entries: [] },
    problem: null,
  };
  const failed = (problem: LiveCharterProblem): LiveCharterRecord => ({ host: HOST, fetchedAt: 5000, url: null, charter: null, problem });

  it('keeps the charter read before through a network or server error, with the problem beside it, and retries it soon', () => {
    // 401, 403 and 408 too: a firewall or a bot check refusing the extension's read for a while says nothing of the charter.
    const problems: LiveCharterProblem[] = [
      { kind: 'network' },
      { kind: 'timeout', path: '/terms/cookies-policy/' },
      // The worker could not read or keep this read (live-charters.ts): nothing said of the charter either.
      { kind: 'unknown' },
      ...[503, 429, 401, 403, 408].map((status) => ({ kind: 'http' as const, status, path: '/terms/cookies-policy/' })),
    ];
    for (const problem of problems) {
      const kept = afterAttempt(read, failed(problem));
      expect(kept).toEqual({ ...read, problem, failedAt: 5000 });
      expect(isStale(kept, 5000 + LIVE_CHARTER_RETRY_MS)).toBe(false);
      expect(isStale(kept, 5000 + LIVE_CHARTER_RETRY_MS + 1)).toBe(true);
    }
  });

  it('takes the attempt when it read a charter, when none was read before, or when the page itself says otherwise', () => {
    const again = { ...read, fetchedAt: 9000 };
    expect(afterAttempt({ ...read, problem: { kind: 'network' }, failedAt: 5000 }, again)).toBe(again);
    const offline = failed({ kind: 'network' });
    expect(afterAttempt(null, offline)).toBe(offline);
    for (const status of [404, 410]) {
      const gone = failed({ kind: 'http', status, path: '/terms/cookies-policy/' });
      expect(afterAttempt(read, gone)).toBe(gone);
    }
    const noTable = failed({ kind: 'no-table', path: '/terms/cookies-policy/' });
    expect(afterAttempt(read, noTable)).toBe(noTable);
  });
});

describe('the rows of a live charter not read', () => {
  const unreadRows = [{ line: 9, text: 'Huwise | sessionid | 2 weeks | Session | extra |', reason: 'expected 4 cells, found 5' }];
  const read: LiveCharterRecord = {
    host: HOST,
    fetchedAt: 1000,
    url: 'https://data.tco.re/terms/cookies-policy/',
    charter: { portal: HOST, language: 'fr', entries: [] },
    problem: null,
    unreadRows,
  };

  it('stay with the charter read before through a network error, and go with it when a new one is read', () => {
    const offline: LiveCharterRecord = { host: HOST, fetchedAt: 5000, url: null, charter: null, problem: { kind: 'network' } };
    expect(afterAttempt(read, offline).unreadRows).toEqual(unreadRows);
    const { unreadRows: _none, ...allRead } = { ...read, fetchedAt: 9000 };
    expect(afterAttempt(read, allRead)).not.toHaveProperty('unreadRows');
  });
});
