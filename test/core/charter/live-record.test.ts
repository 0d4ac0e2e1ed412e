import { describe, expect, it } from 'vitest';
import { isStale, LIVE_CHARTER_MAX_AGE_MS, LIVE_CHARTER_RETRY_MS } from '../../../src/core/charter/live-record.ts';

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
});
