import { describe, expect, it } from 'vitest';
import { createPageRefresher } from '../../src/background/page-refresher.ts';
import { FIRST_PAGE, type SiteQuery } from '../../src/core/message-contract.ts';
import { pageKey } from '../../src/core/storage/session-items.ts';

/** Timers run by the test. */
function manualTimers() {
  let now = 0;
  const queue = new Map<number, { at: number; fn: () => void }>();
  let next = 0;
  return {
    setTimeout: (fn: () => void, ms: number) => (queue.set(++next, { at: now + ms, fn }), next),
    clearTimeout: (handle: unknown) => void queue.delete(handle as number),
    advance(ms: number) {
      now += ms;
      for (const [handle, timer] of [...queue].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        queue.delete(handle);
        timer.fn();
      }
    },
  };
}

describe('page refresher', () => {
  it('builds a retired page again once its site is quiet, as the popup asked for it, once per burst', async () => {
    const timers = manualTimers();
    const asked: SiteQuery[] = [];
    const refresher = createPageRefresher(async (query) => void asked.push(query), 500, timers);
    for (let i = 0; i < 5; i++) {
      refresher.retired(pageKey(undefined, 'data.tco.re'));
      timers.advance(100);
    }
    refresher.retired(pageKey('firefox-private', 'itie.opendatasoft.com'));
    expect(asked).toEqual([]);
    timers.advance(500);
    expect(asked).toEqual([
      { host: 'data.tco.re', first: FIRST_PAGE },
      { host: 'itie.opendatasoft.com', storeId: 'firefox-private', first: FIRST_PAGE },
    ]);
  });

  it('builds no page forgotten for good while it waited (a private session that ended), and still builds the others', async () => {
    const timers = manualTimers();
    const asked: SiteQuery[] = [];
    const refresher = createPageRefresher(async (query) => void asked.push(query), 500, timers);
    refresher.retired(pageKey('1', 'data.tco.re'));
    refresher.retired(pageKey(undefined, 'itie.opendatasoft.com'));
    timers.advance(100);
    refresher.forget(['site:1|data.tco.re', pageKey('1', 'data.tco.re'), 'charter:data.tco.re']);
    timers.advance(500);
    expect(asked).toEqual([{ host: 'itie.opendatasoft.com', first: FIRST_PAGE }]);
  });

  it('ignores other keys, and a build that fails leaves the page missing without a trace', async () => {
    const timers = manualTimers();
    let calls = 0;
    const refresher = createPageRefresher(() => (calls++, Promise.reject(new Error('no access'))), 500, timers);
    refresher.retired('site:0|data.tco.re');
    refresher.retired(pageKey(undefined, 'data.tco.re'));
    timers.advance(500);
    await Promise.resolve();
    expect(calls).toBe(1);
  });
});
