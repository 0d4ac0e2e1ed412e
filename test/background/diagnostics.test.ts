import { describe, expect, it } from 'vitest';
import { createStartupTimings } from '../../src/background/diagnostics.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { browserCookie } from '../support/cookies.ts';

describe('start-up timings', () => {
  it('note each step and when the worker became ready, and count what it holds', () => {
    let clock = 10;
    const timings = createStartupTimings(2, 5, () => clock);
    expect(timings.diagnostics([])).toEqual({ codeStartedMs: 2, evaluatedMs: 5, readyMs: -1, steps: {}, sites: 0, cookies: 0 });

    timings.step('state restored');
    clock = 30;
    timings.ready('cookies scanned');
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie({ name: 'sessionid' }), false, 1);
    recordCookieChange(site, browserCookie({ name: 'csrftoken' }), false, 1);
    expect(timings.diagnostics([site, emptySite('itie.opendatasoft.com', '0')])).toEqual({
      codeStartedMs: 2,
      evaluatedMs: 5,
      readyMs: 30,
      steps: { 'state restored': 10, 'cookies scanned': 30 },
      sites: 2,
      cookies: 2,
    });
  });
});
