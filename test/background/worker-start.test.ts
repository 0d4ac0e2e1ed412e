import { describe, expect, it } from 'vitest';
import { createBrowserEvents } from '../../src/background/browser-events.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { startWorker, type WorkerStartSteps } from '../../src/background/worker-start.ts';
import { emptySite, presentCookies, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { siteKey } from '../../src/core/storage/session-items.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';

function steps(overrides: Partial<WorkerStartSteps> = {}) {
  const log: string[] = [];
  const step = (name: string) => async () => void log.push(name);
  /** A scan whose read is logged when it begins, and its recording when asked. */
  const cookieScan = () => {
    log.push('read cookies');
    return { record: step('record cookies'), drop: () => void log.push('drop scan') };
  };
  const all: WorkerStartSteps = {
    loadState: step('load'),
    readGrantedHosts: step('granted'),
    readOpenTabs: step('tabs'),
    markRestart: () => void log.push('restart'),
    beginCookieScan: cookieScan,
    timings: { step: (name) => (log.push(`step ${name}`), 0), ready: (name) => void log.push(`ready ${name}`) },
    onError: (error) => void log.push(`error ${String(error)}`),
    ...overrides,
  };
  return { all, log };
}

describe('startWorker', () => {
  it('reads state, permissions, tabs and the cookies present together, then marks the restart and records the cookies', async () => {
    const { all, log } = steps();
    await startWorker(all);
    expect(log.slice(0, 7).sort()).toEqual(
      ['granted', 'load', 'read cookies', 'step permissions read', 'step state restored', 'step tabs read', 'tabs'].sort(),
    );
    expect(log.slice(7)).toEqual(['restart', 'step restart marked', 'record cookies', 'ready cookies scanned']);
  });

  it('begins reading the cookies before the state is restored', () => {
    const { all, log } = steps({ loadState: () => new Promise<void>(() => {}) });
    void startWorker(all);
    expect(log).toContain('read cookies');
  });

  it('marks nothing and records no cookie before the state is restored', async () => {
    let restore!: () => void;
    const { all, log } = steps({ loadState: () => new Promise<void>((resolve) => (restore = resolve)) });
    const ready = startWorker(all);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).not.toContain('restart');
    expect(log).not.toContain('record cookies');
    restore();
    await ready;
    expect(log).toContain('ready cookies scanned');
  });

  it('still resolves when a step fails, and says what went wrong', async () => {
    const { all, log } = steps({ readOpenTabs: () => Promise.reject(new Error('tabs unavailable')) });
    await expect(startWorker(all)).resolves.toBeUndefined();
    expect(log).toContain('error Error: tabs unavailable');
    expect(log).not.toContain('ready cookies scanned');
    // The scan begun beside the failed read is ended, not left under way.
    expect(log).not.toContain('record cookies');
    expect(log).toContain('drop scan');
  });

  it('when a read fails, still waits for the others before it resolves: a slow state read is over before any handler runs', async () => {
    let restore!: () => void;
    const { all, log } = steps({
      loadState: () => new Promise<void>((resolve) => (restore = resolve)).then(() => void log.push('load')),
      readOpenTabs: () => Promise.reject(new Error('tabs unavailable')),
    });
    let resolved = false;
    const ready = startWorker(all).then(() => void (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(resolved).toBe(false);
    restore();
    await ready;
    expect(log.indexOf('load')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('load')).toBeLessThan(log.indexOf('error Error: tabs unavailable'));
    expect(log).toContain('drop scan');
  });

  it('keeps a restored record when another read fails before it: an event after `ready` adds to it, never starts it afresh', async () => {
    const tco = 'data.tco.re';
    const site = emptySite(tco, '0');
    recordCookieChange(site, browserCookie({ name: 'old', domain: tco }), false, 1);
    const session = fakeSession({ [siteKey('0', tco)]: JSON.stringify(site) });
    const store = createSiteStore(session, 5);
    const recorder = createRecorder(store, () => true);
    const { all } = steps({
      // The state's read is slower than the failing tabs.query.
      loadState: () => new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => store.load()),
      readOpenTabs: () => Promise.reject(new Error('tabs unavailable')),
      markRestart: () => recorder.workerStarted(50),
      beginCookieScan: () =>
        recorder.beginScan(
          async () => [],
          () => 60,
        ),
    });
    await startWorker(all);
    await recorder.cookieChanged(browserCookie({ name: 'new', domain: tco }), false, 'explicit', 70);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await store.flush();
    expect(presentCookies(await recorder.site(tco, '0')).map((c) => c.name)).toEqual(['new', 'old']);
  });

  it.each([true, false])(
    'wakes with the store and the recorder (keys listed: %s): the scanned site read, marked, its cookies recorded',
    async (listsKeys) => {
      const recorded = (host: string) => {
        const site = emptySite(host, '0');
        recordCookieChange(site, browserCookie({ name: 'old', domain: host }), false, 1);
        return JSON.stringify(site);
      };
      const [tco, itie] = ['data.tco.re', 'itie.opendatasoft.com'];
      const session = fakeSession({ [siteKey('0', tco)]: recorded(tco), [siteKey('0', itie)]: recorded(itie) }, undefined, { listsKeys });
      const store = createSiteStore(session, 5);
      const recorder = createRecorder(store, () => true);
      const { all } = steps({
        loadState: () => store.load(),
        markRestart: () => recorder.workerStarted(50),
        beginCookieScan: () =>
          recorder.beginScan(
            async () => [browserCookie({ name: 'csrftoken', domain: tco })],
            () => 60,
          ),
      });
      await startWorker(all);
      // Ready: only the record the scan needed was read, beside the ledger and the write counter (every value, where keys cannot be listed alone).
      expect(session.reads).toEqual(listsKeys ? [['storage:ledger', 'storage:sequence'], [siteKey('0', tco)]] : [null]);
      const site = await recorder.site(tco, '0');
      expect(presentCookies(site).map((c) => c.name)).toEqual(['csrftoken', 'old']);
      expect(site.timeline.map((e) => ('name' in e ? `${e.type} ${e.name}` : e.type))).toEqual([
        'set old',
        'worker-restart',
        'set csrftoken',
      ]);
      // Read later, the other record still gets the marker.
      expect((await recorder.site(itie, '0')).timeline.at(-1)).toEqual({ type: 'worker-restart', at: 50 });
    },
  );

  it('wakes for a cookie’s event: the cookie is recorded once, set when heard, not found by the wake’s scan', async () => {
    const tco = 'data.tco.re';
    const store = createSiteStore(fakeSession(), 5);
    const recorder = createRecorder(store, () => true);
    const [asleep, unwatched] = [
      browserCookie({ name: 'set_while_asleep', domain: tco }),
      browserCookie({ name: 'set_unwatched', domain: tco }),
    ];
    const { all } = steps({
      loadState: () => store.load(),
      markRestart: () => recorder.workerStarted(50),
      beginCookieScan: () =>
        recorder.beginScan(
          async () => [asleep, unwatched],
          () => 60,
        ),
    });
    // As the worker's entry does: the start first, then the listeners, and the event that woke it.
    const ready = startWorker(all);
    const events = createBrowserEvents({
      ready,
      recorder,
      openTabs: {
        update: () => undefined,
        remove: () => undefined,
        navigating: () => undefined,
        tabHeard: () => undefined,
        requestHeard: () => undefined,
        pageOfTab: () => null,
      },
      trackedHosts: { isTracked: () => true, refresh: async () => undefined },
      scanCookies: async () => undefined,
      refreshLiveCharter: async () => undefined,
      badges: { refresh: async () => undefined, schedule: () => undefined, tabClosed: () => undefined },
      now: () => 40,
    });
    events.cookieChanged({ cookie: asleep, removed: false, cause: 'explicit' });
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const site = await recorder.site(tco, '0');
    expect(
      site.timeline.map((e) => ('name' in e ? `${e.type} ${e.name} at ${e.at} ${e.phase}${e.found ? ' found' : ''}` : e.type)),
    ).toEqual(['set set_unwatched at 60 unknown found', 'set set_while_asleep at 40 before-choice']);
  });
});
