import { describe, expect, it, vi } from 'vitest';
import { createRecorder, OPEN_TAB_LAG_MS, SCAN_EVENT_LAG_MS } from '../../src/background/recorder.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { emptySite, entryApart, evictedRecord, presentCookies } from '../../src/core/cookies/site-record.ts';
import { siteKey } from '../../src/core/storage/session-items.ts';
import { setCookieNames } from '../../src/core/network/set-cookie-names.ts';
import { isPortalHost } from '../../src/core/portals.ts';
import { browserCookie } from '../support/cookies.ts';
import type { BrowserCookie } from '../../src/core/cookies/cookie-record.ts';
import { fakeSession } from '../support/fake-session.ts';
import { buildBundledRegistry, bundledOpenCookieDatabaseRows } from '../../src/core/registry/index.ts';
import { buildReport } from '../../src/core/report/report.ts';

// The recorder's calls of entryApart counted (the work it does per event), the function itself unchanged.
vi.mock(import('../../src/core/cookies/site-record.ts'), async (original) => {
  const actual = await original();
  return { ...actual, entryApart: vi.fn(actual.entryApart) };
});

const BUNDLED = new Set(['data.toulouse-metropole.fr', 'data.tco.re']);

async function setup(session = fakeSession()) {
  const store = createSiteStore(session, 10);
  await store.load();
  /** Open tabs as `storeId|host`. */
  const open = new Set<string>();
  const isTracked = (host: string) => isPortalHost(host, BUNDLED) || host === 'granted.example';
  const recorder = createRecorder(
    store,
    isTracked,
    (host, storeId) => open.has(`${storeId}|${host}`),
    (storeId) => [...open].filter((key) => key.startsWith(`${storeId}|`)).map((key) => key.slice(storeId.length + 1)),
    (host, storeId) => (open.has(`${storeId}|${host}`) ? '/explore/' : null),
  );
  return { session, store, recorder, open };
}

/** A read whose answer the test gives later, as a slow cookies.getAll() does. */
function pendingRead() {
  let answer!: (cookies: BrowserCookie[]) => void;
  const read = () => new Promise<BrowserCookie[]>((resolve) => (answer = resolve));
  return { read, answer: (cookies: BrowserCookie[]) => answer(cookies) };
}

const names = async (recorder: Awaited<ReturnType<typeof setup>>['recorder'], host: string, storeId = '0') =>
  presentCookies(await recorder.site(host, storeId)).map((c) => c.name);

describe('recorder', () => {
  it('records a cookie set after a wake on a site whose stored record has the wrong shape (dropped, begun again)', async () => {
    // An object without a timeline: read as it was, the event was lost (its promise rejected).
    const { store, recorder } = await setup(fakeSession({ [siteKey('0', 'data.tco.re')]: '{"host":"data.tco.re","storeId":"0"}' }));
    store.markRestart(5);
    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 'explicit', 10);
    expect(await names(recorder, 'data.tco.re')).toEqual(['_ga']);
  });

  it('files a host-only cookie under its portal', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(browserCookie({ domain: 'data.tco.re' }), false, 'explicit', 1);
    expect(await names(recorder, 'data.tco.re')).toEqual(['sessionid']);
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual([]);
  });

  it('files a parent-domain cookie under a portal while a tab of that portal is open', async () => {
    const { recorder, open } = await setup();
    open.add('0|data.toulouse-metropole.fr');
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.toulouse-metropole.fr' }), false, 'explicit', 1);
    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }), false, 'explicit', 2);
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['_ga', 'sessionid']);
    expect(await names(recorder, 'data.tco.re')).toEqual([]);
  });

  it('returns the records it added an event to, one per site the cookie is filed under, none for an overwrite’s removal', async () => {
    const { recorder, open } = await setup();
    open.add('0|data.toulouse-metropole.fr');
    const changed = await recorder.cookieChanged(
      browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }),
      false,
      'explicit',
      1,
    );
    expect(changed.map((site) => site.host)).toEqual(['data.toulouse-metropole.fr']);
    expect(changed[0]!.timeline.at(-1)).toMatchObject({ type: 'set', name: '_ga', at: 1 });
    expect(
      await recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }), true, 'overwrite', 2),
    ).toEqual([]);
    expect(await recorder.cookieChanged(browserCookie({ name: 'never-seen', domain: 'data.tco.re' }), true, 'explicit', 3)).toEqual([]);
  });

  it('keeps that the browser removed a cookie itself (it expired, or made room), not a page removing it', async () => {
    const { recorder } = await setup();
    const removals: Array<[string, string]> = [
      ['_gat', 'expired'],
      ['old', 'evicted'],
      ['logout', 'explicit'],
      ['deleted', 'expired_overwrite'],
    ];
    for (const [name] of removals) await recorder.cookieChanged(browserCookie({ name, domain: 'data.tco.re' }), false, 'explicit', 1);
    for (const [name, cause] of removals) await recorder.cookieChanged(browserCookie({ name, domain: 'data.tco.re' }), true, cause, 2);
    const removed = (await recorder.site('data.tco.re', '0')).timeline.filter((event) => event.type === 'removed');
    expect(removed.map((event) => ('name' in event ? [event.name, event.byBrowser ?? false] : []))).toEqual([
      ['_gat', true],
      ['old', true],
      ['logout', false],
      ['deleted', false],
    ]);
  });

  it('does not blame a portal visited earlier for a parent-domain cookie the city’s main site sets later', async () => {
    const { recorder, open } = await setup();
    open.add('0|data.toulouse-metropole.fr');
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.toulouse-metropole.fr' }), false, 'explicit', 1);
    // The portal's tab is closed; www.toulouse-metropole.fr's analytics then sets _ga on the parent domain.
    open.clear();
    open.add('0|www.toulouse-metropole.fr');
    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }), false, 'explicit', 2);
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['sessionid']);
    expect((await recorder.site('data.toulouse-metropole.fr', '0')).timeline).toHaveLength(1);
    // Nor does a scan while only the main site is open.
    await recorder.scan(
      async () => [browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false })],
      () => 3,
    );
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['sessionid']);
  });

  it('hears the removal of a parent-domain cookie a portal shows present, its tab closed: the very cookie is gone', async () => {
    const { recorder, open } = await setup();
    const ga = browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false });
    open.add('0|data.toulouse-metropole.fr');
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.toulouse-metropole.fr' }), false, 'explicit', 1);
    await recorder.cookieChanged(ga, false, 'explicit', 2);
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['_ga', 'sessionid']);
    // The portal's tab closes; the city's main site is open; _ga expires (or its script deletes it).
    open.clear();
    open.add('0|www.toulouse-metropole.fr');
    await recorder.cookieChanged(ga, true, 'expired', 3);
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['sessionid']);
    const site = await recorder.site('data.toulouse-metropole.fr', '0');
    expect(site.timeline.at(-1)).toMatchObject({ type: 'removed', name: '_ga', at: 3, byBrowser: true });
    // A removal of a cookie the portal never showed adds nothing to its record.
    await recorder.cookieChanged(browserCookie({ name: '_gid', domain: '.toulouse-metropole.fr', hostOnly: false }), true, 'explicit', 4);
    expect((await recorder.site('data.toulouse-metropole.fr', '0')).timeline).toHaveLength(site.timeline.length);
    // Nor does one in another cookie store.
    await recorder.cookieChanged(
      browserCookie({ name: 'sessionid', domain: 'data.toulouse-metropole.fr', storeId: '1' }),
      true,
      'explicit',
      5,
    );
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['sessionid']);
  });

  it('takes away a choice a parent-domain consent cookie held, its record dropped to make room and its tab closed, as with the tab open', async () => {
    const consentValue = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: 1764460800000 }));
    for (const openWhenRemoved of [true, false]) {
      const { recorder, open, store } = await setup();
      const choice = browserCookie({ name: 'cookies_preferences', domain: '.toulouse-metropole.fr', hostOnly: false, value: consentValue });
      open.add('0|data.toulouse-metropole.fr');
      await recorder.cookieChanged(choice, false, 'explicit', 1);
      expect((await recorder.site('data.toulouse-metropole.fr', '0')).consent.state).toBe('accepted');
      await recorder.withSite('data.toulouse-metropole.fr', '0', (site) => store.put(evictedRecord(site, 2)));
      if (!openWhenRemoved) open.clear();
      await recorder.cookieChanged(choice, true, 'expired', 3);
      expect((await recorder.site('data.toulouse-metropole.fr', '0')).consent.state, `tab open: ${openWhenRemoved}`).toBe('none');
    }
  });

  it('keeps a choice its own consent cookie holds when another site’s parent-domain consent cookie goes, its tab closed', async () => {
    const { recorder, open } = await setup();
    const accepted = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: 1764460800000 }));
    open.add('0|data.toulouse-metropole.fr');
    await recorder.cookieChanged(
      browserCookie({ name: 'cookies_preferences', domain: 'data.toulouse-metropole.fr', value: accepted }),
      false,
      'explicit',
      1,
    );
    open.clear();
    open.add('0|www.toulouse-metropole.fr');
    const citys = browserCookie({ name: 'cookies_preferences', domain: '.toulouse-metropole.fr', hostOnly: false, value: accepted });
    await recorder.cookieChanged(citys, false, 'explicit', 2);
    await recorder.cookieChanged(citys, true, 'explicit', 3);
    expect((await recorder.site('data.toulouse-metropole.fr', '0')).consent.state).toBe('accepted');
  });

  it('keeps the choice a portal’s own consent cookie holds, its record dropped to make room, when the city’s goes, tab open or not', async () => {
    const T = 1764460800000;
    const chosen = (timestamp: number) => encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp }));
    for (const openWhenRemoved of [true, false]) {
      const { recorder, open, store } = await setup();
      open.add('0|data.toulouse-metropole.fr');
      const own = browserCookie({ name: 'cookies_preferences', domain: 'data.toulouse-metropole.fr', value: chosen(T) });
      await recorder.cookieChanged(own, false, 'explicit', T + 1);
      open.clear();
      await recorder.withSite('data.toulouse-metropole.fr', '0', (site) => store.put(evictedRecord(site, T + 2)));
      if (openWhenRemoved) open.add('0|data.toulouse-metropole.fr');
      const citys = browserCookie({
        name: 'cookies_preferences',
        domain: '.toulouse-metropole.fr',
        hostOnly: false,
        value: chosen(T + 60_000),
      });
      await recorder.cookieChanged(citys, true, 'expired', T + 70_000);
      expect((await recorder.site('data.toulouse-metropole.fr', '0')).consent.state, `tab open: ${openWhenRemoved}`).toBe('accepted');
    }
  });

  it('takes away a choice held by a parent-domain consent cookie written again while the tab was closed, the record dropped to make room, once it goes', async () => {
    // A reviewer's case: the choice's time in the cookie changed unheard; its key did not.
    const T = 1764460800000;
    const chosen = (ga: boolean, timestamp: number) => encodeURIComponent(JSON.stringify({ functional_cookies: true, ga, timestamp }));
    const { recorder, open, store } = await setup();
    const choice = (value: string) =>
      browserCookie({ name: 'cookies_preferences', domain: '.toulouse-metropole.fr', hostOnly: false, value });
    open.add('0|data.toulouse-metropole.fr');
    await recorder.cookieChanged(choice(chosen(true, T)), false, 'explicit', T + 1);
    await recorder.withSite('data.toulouse-metropole.fr', '0', (site) => store.put(evictedRecord(site, T + 2)));
    open.clear();
    await recorder.cookieChanged(choice(chosen(true, T)), true, 'overwrite', T + 10_000);
    await recorder.cookieChanged(choice(chosen(false, T + 10_000)), false, 'explicit', T + 10_000);
    await recorder.cookieChanged(choice(chosen(false, T + 10_000)), true, 'explicit', T + 20_000);
    expect((await recorder.site('data.toulouse-metropole.fr', '0')).consent.state).toBe('none');
  });

  it('files what a scan finds on a parent domain under a portal open in a tab, even before its first cookie, of unknown origin', async () => {
    const { recorder, open } = await setup();
    open.add('0|data.toulouse-metropole.fr');
    await recorder.scan(
      async () => [browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false })],
      () => 3,
    );
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['_ga']);
    // The city's main site may have written it before the portal's tab opened (see the parent-domain tests below).
    expect(presentCookies(await recorder.site('data.toulouse-metropole.fr', '0'))[0]?.originUnknown).toEqual({
      phase: 'unknown',
      refused: [],
    });
  });

  it('matches open tabs by cookie store: a private window’s portal does not take the normal window’s cookies', async () => {
    const { recorder, open } = await setup();
    open.add('1|data.toulouse-metropole.fr');
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.toulouse-metropole.fr' }), false, 'explicit', 1);
    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }), false, 'explicit', 2);
    expect(await names(recorder, 'data.toulouse-metropole.fr')).toEqual(['sessionid']);
  });

  it('does not blame a portal never visited, nor one without an open tab, for a cookie on its parent domain', async () => {
    const { recorder, store } = await setup();
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'demo.opendatasoft.com' }), false, 'explicit', 1);
    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false }), false, 'explicit', 2);
    expect(await names(recorder, 'demo.opendatasoft.com')).toEqual(['sessionid']);
    expect([...store.hosts()]).toEqual(['demo.opendatasoft.com']);
  });

  it('applies events in the order heard, even when an earlier one waits longer for its records to be read', async () => {
    const [a, b] = ['a.opendatasoft.com', 'b.opendatasoft.com'];
    const session = fakeSession({
      [siteKey('0', a)]: JSON.stringify(emptySite(a, '0')),
      [siteKey('0', b)]: JSON.stringify(emptySite(b, '0')),
    });
    // The read of b's record answers only when the test says.
    const read = session.read.bind(session);
    let answerB!: () => void;
    const bAnswered = new Promise<void>((resolve) => (answerB = resolve));
    session.read = async (keys) => {
      if (keys?.includes(siteKey('0', b))) await bAnswered;
      return read(keys);
    };
    const { recorder, open } = await setup(session);
    open.add(`0|${a}`).add(`0|${b}`);
    await recorder.site(a, '0');
    const applied: string[] = [];
    // First heard: a cookie on both sites' parent domain, which needs b's record too...
    const first = recorder
      .cookieChanged(browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false }), false, 'explicit', 1)
      .then(() => applied.push('_ga'));
    // ...then one that needs only a's record, read already.
    const second = recorder
      .cookieChanged(browserCookie({ name: 'sessionid', domain: a }), false, 'explicit', 2)
      .then(() => applied.push('sessionid'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(applied).toEqual([]);
    answerB();
    await Promise.all([first, second]);
    expect(applied).toEqual(['_ga', 'sessionid']);
    expect((await recorder.site(a, '0')).timeline.map((e) => ('name' in e ? e.name : e.type))).toEqual(['_ga', 'sessionid']);
    expect(await names(recorder, b)).toEqual(['_ga']);
  });

  it('works on records read on demand as on records read at wake', async () => {
    for (const listsKeys of [true, false]) {
      const session = fakeSession({ [siteKey('0', 'data.tco.re')]: JSON.stringify(emptySite('data.tco.re', '0')) }, undefined, {
        listsKeys,
      });
      const { recorder } = await setup(session);
      recorder.workerStarted(5);
      await recorder.cookieChanged(browserCookie(), false, 'explicit', 10);
      await recorder.cookiesPresent([browserCookie({ name: 'csrftoken' })], 11);
      expect(await names(recorder, 'data.tco.re')).toEqual(['csrftoken', 'sessionid']);
      // Reading the record alone on demand: once, only the record.
      if (listsKeys) expect(session.reads.slice(1)).toEqual([[siteKey('0', 'data.tco.re')]]);
      else expect(session.reads).toEqual([null]);
    }
  });

  describe('a scan and the events heard while it runs: the newest fact wins', () => {
    const ga = browserCookie({ name: '_ga', domain: 'data.tco.re', httpOnly: false });
    const refused = browserCookie({ name: 'cookies_preferences', value: encodeURIComponent('{"matomo":false}'), httpOnly: false });

    it('a removal heard before an older scan answers is not undone by the answer', async () => {
      const { recorder } = await setup();
      await recorder.cookieChanged(ga, false, 'explicit', 1);
      const slow = pendingRead();
      const scanning = recorder.scan(slow.read, () => 10);
      // Meanwhile the visitor refuses and the site removes _ga...
      await recorder.cookieChanged(refused, false, 'explicit', 3);
      await recorder.cookieChanged(ga, true, 'explicit', 4);
      // ...and the scan answers with what it read before the removal.
      slow.answer([ga, refused]);
      await scanning;
      const site = await recorder.site('data.tco.re', '0');
      expect(await names(recorder, 'data.tco.re')).toEqual(['cookies_preferences']);
      expect(Object.values(site.cookies).find((c) => c.name === '_ga')).toMatchObject({
        firstPhase: 'before-choice',
        setPhases: ['before-choice'],
        removed: 4,
      });
      expect(site.timeline.map((e) => ('name' in e ? `${e.type} ${e.name}` : e.type))).toEqual([
        'set _ga',
        'set cookies_preferences',
        'removed _ga',
      ]);
    });

    it('a scan that answers before the removal is overridden by it', async () => {
      const { recorder } = await setup();
      await recorder.cookieChanged(ga, false, 'explicit', 1);
      const slow = pendingRead();
      const scanning = recorder.scan(slow.read, () => 2);
      slow.answer([ga]);
      await scanning;
      await recorder.cookieChanged(refused, false, 'explicit', 3);
      await recorder.cookieChanged(ga, true, 'explicit', 4);
      expect(await names(recorder, 'data.tco.re')).toEqual(['cookies_preferences']);
      expect((await recorder.site('data.tco.re', '0')).timeline.map((e) => e.type)).toEqual(['set', 'set', 'removed']);
    });

    it('the event that woke the worker, heard once the wake’s scan began and applied after it: one set, at its time, none found', async () => {
      const { recorder } = await setup();
      const asleep = browserCookie({ name: 'set_while_asleep', domain: 'data.tco.re', httpOnly: false });
      const unwatched = browserCookie({ name: 'set_unwatched', domain: 'data.tco.re', httpOnly: false });
      // The wake: the scan begins at the top of the worker's script, the waking event is heard after it...
      const scan = recorder.beginScan(
        async () => [asleep, unwatched],
        () => 20,
      );
      const order = recorder.heard(asleep);
      // ...and is applied behind `ready`, once the scan is recorded.
      await scan.record();
      await recorder.cookieChanged(asleep, false, 'explicit', 10, order);
      const site = await recorder.site('data.tco.re', '0');
      expect(
        site.timeline.map((e) => ('name' in e ? { type: e.type, name: e.name, at: e.at, phase: e.phase, found: e.found } : e.type)),
      ).toEqual([
        { type: 'set', name: 'set_unwatched', at: 20, phase: 'unknown', found: true },
        { type: 'set', name: 'set_while_asleep', at: 10, phase: 'before-choice', found: undefined },
      ]);
      expect(Object.values(site.cookies).find((c) => c.name === 'set_while_asleep')).toMatchObject({
        firstSeen: 10,
        firstPhase: 'before-choice',
        setPhases: ['before-choice'],
      });
    });

    describe('the event of the write a scan found, heard after the scan was recorded (a wake on a loaded host)', () => {
      const asleep = browserCookie({ name: 'set_while_asleep', domain: 'data.tco.re', httpOnly: false });
      const shownEvents = async (recorder: Awaited<ReturnType<typeof setup>>['recorder'], host = 'data.tco.re') =>
        (await recorder.site(host, '0')).timeline.flatMap((e) =>
          'name' in e ? [`${e.type} ${e.name} ${e.phase}${e.found ? ' found' : ''} @${e.at}`] : [],
        );
      /** The wake's scan finds `cookies` at 20, recorded before the waking event is heard. */
      async function wakeFinding(cookies: BrowserCookie[]) {
        const setting = await setup();
        await setting.recorder
          .beginScan(
            async () => cookies,
            () => 20,
          )
          .record();
        return setting;
      }

      it('turns the scan’s entry into its set, in its phase, where and when the scan recorded it: never found', async () => {
        const { recorder } = await wakeFinding([asleep, ga]);
        // No event added: nothing to push to the open pages (they read the record again once it is written).
        expect(await recorder.cookieChanged(asleep, false, 'explicit', 25)).toEqual([]);
        expect(await shownEvents(recorder)).toEqual(['set set_while_asleep before-choice @20', 'set _ga unknown found @20']);
        expect(Object.values((await recorder.site('data.tco.re', '0')).cookies).find((c) => c.name === 'set_while_asleep')).toMatchObject({
          firstSeen: 20,
          firstPhase: 'before-choice',
          setPhases: ['before-choice'],
          firstPage: null,
        });
      });

      it('only the first event is that write: a second one is a change', async () => {
        const { recorder } = await wakeFinding([asleep]);
        await recorder.cookieChanged(asleep, false, 'explicit', 25);
        await recorder.cookieChanged(asleep, false, 'explicit', 26);
        expect(await shownEvents(recorder)).toEqual([
          'set set_while_asleep before-choice @20',
          'changed set_while_asleep before-choice @26',
        ]);
      });

      it('a write of another shape, a removal, or an event past SCAN_EVENT_LAG_MS is another fact: the cookie stays found', async () => {
        const reshaped = await wakeFinding([asleep]);
        await reshaped.recorder.cookieChanged({ ...asleep, expirationDate: 1_900_000_000 }, false, 'explicit', 25);
        expect(await shownEvents(reshaped.recorder)).toEqual([
          'set set_while_asleep unknown found @20',
          'changed set_while_asleep before-choice @25',
        ]);
        const removed = await wakeFinding([asleep]);
        await removed.recorder.cookieChanged(asleep, true, 'explicit', 25);
        expect(await shownEvents(removed.recorder)).toEqual([
          'set set_while_asleep unknown found @20',
          'removed set_while_asleep before-choice @25',
        ]);
        const late = await wakeFinding([asleep]);
        await late.recorder.cookieChanged(asleep, false, 'explicit', 20 + SCAN_EVENT_LAG_MS + 1);
        expect(await shownEvents(late.recorder)).toEqual([
          'set set_while_asleep unknown found @20',
          `changed set_while_asleep before-choice @${20 + SCAN_EVENT_LAG_MS + 1}`,
        ]);
      });

      it('an event dated over SCAN_EVENT_LAG_MS before the scan, the clock set back in between, is another fact too', async () => {
        const { recorder } = await wakeFinding([asleep]);
        // NTP, a machine resumed: the clock goes back an hour; a later write of the same shape is not the one the scan saw.
        await recorder.cookieChanged(asleep, false, 'explicit', 20 - 3_600_000);
        expect(await shownEvents(recorder)).toEqual([
          'set set_while_asleep unknown found @20',
          `changed set_while_asleep before-choice @${20 - 3_600_000}`,
        ]);
      });

      it('the consent cookie’s late event is another write: the choice the scan read keeps its place', async () => {
        const choice = (flags: string) => browserCookie({ name: 'cookies_preferences', value: encodeURIComponent(flags), httpOnly: false });
        const accepted = choice('{"ga":true,"timestamp":5}');
        const { recorder } = await wakeFinding([accepted]);
        await recorder.cookieChanged(browserCookie({ name: '_ga', domain: 'data.tco.re', httpOnly: false }), false, 'explicit', 22);
        await recorder.cookieChanged(choice('{"ga":false}'), false, 'explicit', 25);
        expect(await shownEvents(recorder)).toEqual([
          'set cookies_preferences unknown found @20',
          'set _ga after-accept @22',
          'changed cookies_preferences after-refuse @25',
        ]);
        expect((await recorder.site('data.tco.re', '0')).consent).toMatchObject({ state: 'refused', changedAt: 25 });
        // Even the same choice written again, with a real time in it: the consent cookie's late event is always a change.
        const at = 1_800_000_000_000;
        const chosen = choice(`{"ga":true,"timestamp":${at - 60_000}}`);
        const again = await setup();
        await again.recorder
          .beginScan(
            async () => [chosen],
            () => at,
          )
          .record();
        await again.recorder.cookieChanged(choice(`{"ga":true,"timestamp":${at + 500}}`), false, 'explicit', at + 500);
        expect(await shownEvents(again.recorder)).toEqual([
          `set cookies_preferences unknown found @${at}`,
          `changed cookies_preferences after-accept @${at + 500}`,
        ]);
      });

      it('a cookie the record knew before (removed, then found again) keeps its history', async () => {
        const { recorder } = await setup();
        await recorder.cookieChanged(asleep, false, 'explicit', 1);
        await recorder.cookieChanged(asleep, true, 'explicit', 2);
        await recorder
          .beginScan(
            async () => [asleep],
            () => 20,
          )
          .record();
        await recorder.cookieChanged(asleep, false, 'explicit', 25);
        expect(await shownEvents(recorder)).toEqual([
          'set set_while_asleep before-choice @1',
          'removed set_while_asleep before-choice @2',
          'set set_while_asleep unknown found @20',
          'changed set_while_asleep before-choice @25',
        ]);
      });

      it('a parent-domain cookie found for an open portal becomes the portal’s, as its event heard first makes it', async () => {
        const shared = browserCookie({ name: '_pk_id.1.abcd', domain: '.toulouse-metropole.fr', hostOnly: false, httpOnly: false });
        const { recorder, open } = await setup();
        open.add('0|data.toulouse-metropole.fr');
        await recorder
          .beginScan(
            async () => [shared],
            () => 20,
          )
          .record();
        await recorder.cookieChanged(shared, false, 'explicit', 25);
        const host = 'data.toulouse-metropole.fr';
        expect(await shownEvents(recorder, host)).toEqual(['set _pk_id.1.abcd before-choice @20']);
        const cookie = Object.values((await recorder.site(host, '0')).cookies)[0]!;
        expect(cookie).toMatchObject({ firstPhase: 'before-choice', setPhases: ['before-choice'], firstPage: '/explore/' });
        expect(cookie.originUnknown).toBeUndefined();
      });
    });

    it('an event heard before the scan began does not hide what the scan finds', async () => {
      const { recorder } = await setup();
      // Heard (ordered) first, processed after the scan started: a wake-up queues events behind `ready`.
      const order = recorder.heard(browserCookie({ name: 'csrftoken' }));
      const slow = pendingRead();
      const scanning = recorder.scan(slow.read, () => 10);
      await recorder.cookieChanged(browserCookie({ name: 'csrftoken' }), false, 'explicit', 5, order);
      slow.answer([browserCookie()]);
      await scanning;
      expect(await names(recorder, 'data.tco.re')).toEqual(['csrftoken', 'sessionid']);
    });

    it('forgets the events once no scan runs: a later scan finds a cookie set again unseen', async () => {
      const { recorder } = await setup();
      await recorder.cookieChanged(ga, false, 'explicit', 1);
      const slow = pendingRead();
      const scanning = recorder.scan(slow.read, () => 10);
      await recorder.cookieChanged(ga, true, 'explicit', 4);
      slow.answer([ga]);
      await scanning;
      expect(await names(recorder, 'data.tco.re')).toEqual([]);
      // Set again while the worker was stopped: the next scan finds it.
      await recorder.scan(
        async () => [ga],
        () => 20,
      );
      expect(await names(recorder, 'data.tco.re')).toEqual(['_ga']);
    });

    it('two scans under way: each answer is checked against the events since its own start', async () => {
      const { recorder } = await setup();
      const first = pendingRead();
      const second = pendingRead();
      const one = recorder.scan(first.read, () => 10);
      await recorder.cookieChanged(ga, false, 'explicit', 2);
      const two = recorder.scan(second.read, () => 11);
      await recorder.cookieChanged(ga, true, 'explicit', 3);
      second.answer([]);
      await two;
      first.answer([ga]);
      await one;
      expect(await names(recorder, 'data.tco.re')).toEqual([]);
    });

    it('a scan begun before its records are restored: the read starts at once, the answer is recorded when asked', async () => {
      const { recorder } = await setup();
      let reads = 0;
      const scan = recorder.beginScan(
        async () => (reads++, [ga]),
        () => 10,
      );
      expect(reads).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Read, not recorded: the wake has not restored the records yet.
      expect(await names(recorder, 'data.tco.re')).toEqual([]);
      await scan.record();
      expect(await names(recorder, 'data.tco.re')).toEqual(['_ga']);
    });

    it('a begun scan still loses to a removal heard after its read began, whenever it is recorded', async () => {
      const { recorder } = await setup();
      await recorder.cookieChanged(ga, false, 'explicit', 1);
      const scan = recorder.beginScan(
        async () => [ga],
        () => 10,
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      // The read has answered (with _ga); the removal is heard after the read began.
      await recorder.cookieChanged(ga, true, 'explicit', 4);
      await scan.record();
      expect(await names(recorder, 'data.tco.re')).toEqual([]);
    });

    it('a dropped scan ends: later events are not kept for it, and a later scan finds a cookie set again', async () => {
      const { recorder } = await setup();
      await recorder.cookieChanged(ga, false, 'explicit', 1);
      const dropped = recorder.beginScan(
        async () => [],
        () => 10,
      );
      dropped.drop();
      await recorder.cookieChanged(ga, true, 'explicit', 4);
      await recorder.scan(
        async () => [ga],
        () => 20,
      );
      expect(await names(recorder, 'data.tco.re')).toEqual(['_ga']);
    });

    it('a read that fails at once is the record’s to report', async () => {
      const { recorder } = await setup();
      const scan = recorder.beginScan(() => {
        throw new Error('no cookies API');
      });
      await expect(scan.record()).rejects.toThrow('no cookies API');
    });

    it('a failed read ends its scan', async () => {
      const { recorder } = await setup();
      await expect(recorder.scan(async () => Promise.reject(new Error('no cookies API')))).rejects.toThrow('no cookies API');
      await recorder.cookieChanged(ga, true, 'explicit', 3);
      await recorder.scan(
        async () => [ga],
        () => 20,
      );
      expect(await names(recorder, 'data.tco.re')).toEqual(['_ga']);
    });
  });

  it('reads the consent a scan finds first, and does not guess when the others were set', async () => {
    const { recorder } = await setup();
    const consent = browserCookie({ name: 'cookies_preferences', value: encodeURIComponent('{"matomo":true}'), httpOnly: false });
    await recorder.cookiesPresent([browserCookie({ name: '_pk_id.1.a' }), consent], 5);
    const site = await recorder.site('data.tco.re', '0');
    expect(site.consent.state).toBe('accepted');
    expect(Object.values(site.cookies).map((c) => [c.name, c.firstPhase, c.setPhases])).toEqual([
      ['cookies_preferences', 'unknown', []],
      ['_pk_id.1.a', 'unknown', []],
    ]);
  });

  it('reads the choice whose write woke the worker, found first by its scan, as the same choice saved again, not a change', async () => {
    const { recorder } = await setup();
    const T = Date.UTC(2026, 11, 6, 10, 0, 0);
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.tco.re' }), false, 'explicit', T - 60_000);
    const refusal = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, timestamp: T }));
    const pref = browserCookie({ name: 'cookies_preferences', domain: 'data.tco.re', value: refusal, httpOnly: false });
    // The refusal's write wakes the worker, whose scan reads the cookie before the waking event is handed over.
    recorder.workerStarted(T + 5);
    await recorder
      .beginScan(
        async () => [browserCookie({ name: 'sessionid', domain: 'data.tco.re' }), pref],
        () => T + 10,
      )
      .record();
    await recorder.cookieChanged(pref, false, 'explicit', T + 20);
    const site = await recorder.site('data.tco.re', '0');
    const choices = site.timeline.filter((event) => 'consent' in event && event.consent);
    expect(choices).toMatchObject([
      { type: 'set', found: true, consent: { state: 'refused' } },
      { type: 'changed', sameChoice: true, consent: { state: 'refused' } },
    ]);
  });

  it('learns when a cookie found by a scan was set from the event that reports it', async () => {
    const { recorder } = await setup();
    const consent = browserCookie({ name: 'cookies_preferences', value: encodeURIComponent('{"matomo":true}'), httpOnly: false });
    await recorder.cookiesPresent([consent, browserCookie({ name: '_pk_id.1.a' })], 10);
    // An event about it applied after the scan recorded it, which had not heard of it.
    await recorder.cookieChanged(browserCookie({ name: '_pk_id.1.a' }), false, 'explicit', 8);
    const matomo = Object.values((await recorder.site('data.tco.re', '0')).cookies).find((c) => c.name === '_pk_id.1.a');
    expect(matomo).toMatchObject({ firstPhase: 'after-accept', setPhases: ['after-accept'], firstSeen: 8 });
  });

  it('gives cookies a scan finds before any choice no phase (a choice made earlier may have lapsed), unless a response of the site just set them', async () => {
    const { recorder } = await setup();
    await recorder.cookiesPresent([browserCookie({ name: '_pk_id.1.a' })], 5);
    expect(Object.values((await recorder.site('data.tco.re', '0')).cookies)[0]).toMatchObject({ firstPhase: 'unknown', setPhases: [] });
    // Its event went unheard, but the site's response that set it dates it.
    const tab = { host: 'data.tco.re', path: '/explore/', storeId: '0' };
    await recorder.responseOnPage(tab, 'https://data.tco.re/explore/', ['_pk_ses.1.a'], 10);
    await recorder.cookiesPresent([browserCookie({ name: '_pk_ses.1.a' })], 12);
    expect(Object.values((await recorder.site('data.tco.re', '0')).cookies).find((c) => c.name === '_pk_ses.1.a')).toMatchObject({
      firstPhase: 'before-choice',
      setPhases: ['before-choice'],
    });
  });

  it('starts a record for a platform portal or granted site it meets, and ignores other sites', async () => {
    const { recorder, store } = await setup();
    await recorder.cookieChanged(browserCookie({ domain: 'demo.opendatasoft.com' }), false, 'explicit', 1);
    await recorder.cookieChanged(browserCookie({ domain: 'granted.example' }), false, 'explicit', 1);
    await recorder.cookieChanged(browserCookie({ domain: 'example.org' }), false, 'explicit', 1);
    expect(store.all().map((site) => site.host)).toEqual(['demo.opendatasoft.com', 'granted.example']);
  });

  it('keeps private windows and containers apart', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(browserCookie({ storeId: '0' }), false, 'explicit', 1);
    await recorder.cookieChanged(browserCookie({ name: 'csrftoken', storeId: '1' }), false, 'explicit', 1);
    expect(await names(recorder, 'data.tco.re', '0')).toEqual(['sessionid']);
    expect(await names(recorder, 'data.tco.re', '1')).toEqual(['csrftoken']);
  });

  it('records an overwrite once, as a change', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    await recorder.cookieChanged(browserCookie(), true, 'overwrite', 2);
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 2);
    expect((await recorder.site('data.tco.re', '0')).timeline.map((e) => e.type)).toEqual(['set', 'changed']);
  });

  it('keeps first-seen times when a scan finds cookies it already has', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    await recorder.cookiesPresent([browserCookie(), browserCookie({ name: 'csrftoken' })], 50);
    expect(presentCookies(await recorder.site('data.tco.re', '0')).map((c) => [c.name, c.firstSeen])).toEqual([
      ['csrftoken', 50],
      ['sessionid', 1],
    ]);
  });

  it('survives a worker restart: a new store reads back what the old one wrote, marks it, and holds no value', async () => {
    const { session, store, recorder } = await setup();
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    await recorder.cookieChanged(
      browserCookie({ name: 'cookies_preferences', value: '%7B%22matomo%22%3Atrue%7D', httpOnly: false }),
      false,
      'explicit',
      2,
    );
    await store.flush();
    expect(JSON.stringify(session.data)).not.toContain('SECRET-VALUE');
    // The consent value is not kept: only the choice read from it (its per-tracker flags).
    expect(JSON.stringify(session.data)).not.toContain('%7B%22matomo');

    const before = await recorder.site('data.tco.re', '0');
    const restarted = await setup(session);
    restarted.recorder.workerStarted(10);
    const after = await restarted.recorder.site('data.tco.re', '0');
    expect(after.cookies).toEqual(before.cookies);
    expect(after.consent).toEqual({ state: 'accepted', changedAt: 2, trackers: { matomo: true } });
    expect(after.timeline.at(-1)).toEqual({ type: 'worker-restart', at: 10 });
  });

  it('starts a site afresh with a marker', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    await recorder.restart('data.tco.re', '0', 5);
    const site = await recorder.site('data.tco.re', '0');
    expect(site.cookies).toEqual({});
    expect(site.timeline).toEqual([{ type: 'cleared', at: 5 }]);
    // Removal events of the cleared cookies arrive later: nothing to record.
    await recorder.cookieChanged(browserCookie(), true, 'explicit', 6);
    expect((await recorder.site('data.tco.re', '0')).timeline).toHaveLength(1);
  });

  it('notes the page a tab of the site showed when the cookie first appeared', async () => {
    const { recorder, open } = await setup();
    open.add('0|data.tco.re');
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    open.delete('0|data.tco.re');
    await recorder.cookieChanged(browserCookie({ name: 'csrftoken' }), false, 'explicit', 2);
    const pages = Object.fromEntries(Object.values((await recorder.site('data.tco.re', '0')).cookies).map((c) => [c.name, c.firstPage]));
    expect(pages).toEqual({ sessionid: '/explore/', csrftoken: null });
  });

  it('runs a change in turn after the work queued before it, and asks a page given as a function in its own turn', async () => {
    const { recorder } = await setup();
    const order: string[] = [];
    let page: { host: string; path: string; storeId: string } | null = null;
    const filed = recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.tco.re' }), false, 'explicit', 1);
    void filed.then(() => order.push('cookie filed'));
    const changed = recorder.inOrder(() => {
      order.push('tab changed');
      page = { host: 'data.tco.re', path: '/explore/', storeId: '0' };
    });
    const noted = recorder.pageLoaded(() => (order.push('page asked'), page));
    await Promise.all([filed, changed, noted]);
    expect(order).toEqual(['cookie filed', 'tab changed', 'page asked']);
    expect((await recorder.site('data.tco.re', '0')).pages).toContain('/explore/');
    // No page: nothing noted, nothing read.
    await recorder.pageLoaded(() => null);
  });

  it('notes the pages the tabs of a recorded site load, in storage, each once, afresh after a restart; none of other sites', async () => {
    const { recorder, store, session, open } = await setup();
    // A page alone starts no record: one of nothing would count as a site dropped to make room.
    await recorder.pageLoaded({ host: 'data.tco.re', path: '/', storeId: '0' });
    await recorder.pageLoaded({ host: 'data.tco.re', path: '/private/', storeId: '1' });
    expect(store.hosts().has('data.tco.re')).toBe(false);
    await store.flush();
    expect(session.data).not.toHaveProperty(siteKey('0', 'data.tco.re'));
    // The record's first cookie notes the page it came from, in its store.
    open.add('1|data.tco.re');
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.tco.re', storeId: '1' }), false, 'explicit', 1);
    expect((await recorder.site('data.tco.re', '1')).pages).toEqual(['/explore/']);
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.tco.re' }), false, 'explicit', 2);
    expect((await recorder.site('data.tco.re', '0')).pages).toEqual([]);
    await recorder.pageLoaded({ host: 'data.tco.re', path: '/', storeId: '0' });
    await recorder.pageLoaded({ host: 'data.tco.re', path: '/explore/', storeId: '0' });
    await recorder.pageLoaded({ host: 'data.tco.re', path: '/', storeId: '0' });
    await recorder.pageLoaded({ host: 'data.tco.re', path: '/private/', storeId: '1' });
    await recorder.pageLoaded({ host: 'example.org', path: '/', storeId: '0' });
    expect((await recorder.site('data.tco.re', '0')).pages).toEqual(['/', '/explore/']);
    expect((await recorder.site('data.tco.re', '1')).pages).toEqual(['/explore/', '/private/']);
    expect(store.all().map((site) => site.host)).not.toContain('example.org');
    await store.flush();
    expect(JSON.parse(String(session.data[siteKey('0', 'data.tco.re')])).pages).toEqual(['/', '/explore/']);

    await recorder.restart('data.tco.re', '0', 5);
    expect((await recorder.site('data.tco.re', '0')).pages).toEqual([]);
    await recorder.pageLoaded({ host: 'data.tco.re', path: '/explore/', storeId: '0' });
    expect((await recorder.site('data.tco.re', '0')).pages).toEqual(['/explore/']);
  });

  it('records a cookie of embedded content for the recorded site whose tab loaded it, and its removal wherever it happens', async () => {
    const { recorder } = await setup();
    const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });
    const attribution = { host: 'data.tco.re', page: '/explore/dataset/x/map/', via: 'response' as const, cookie: disqus, at: 5 };
    await recorder.thirdPartySet(attribution);
    // A site we do not record gets nothing.
    await recorder.thirdPartySet({ ...attribution, host: 'news.example.io' });
    const [cookie] = presentCookies(await recorder.site('data.tco.re', '0'));
    expect(cookie).toMatchObject({ name: 'disqus_unique', firstPage: '/explore/dataset/x/map/', thirdParty: { via: 'response' } });
    expect((await recorder.site('news.example.io', '0')).timeline).toEqual([]);
    // The first-party path leaves it alone; its removal reaches the sites it was filed under.
    await recorder.cookieChanged(disqus, false, 'explicit', 6);
    await recorder.cookieChanged(disqus, true, 'expired', 7);
    expect((await recorder.site('data.tco.re', '0')).timeline).toHaveLength(1);
    await recorder.thirdPartyRemoved(disqus, ['data.tco.re', 'news.example.io'], 8);
    expect(presentCookies(await recorder.site('data.tco.re', '0'))).toEqual([]);
    expect((await recorder.site('data.tco.re', '0')).timeline.map((e) => e.type)).toEqual(['set', 'removed']);
    expect((await recorder.site('news.example.io', '0')).timeline).toEqual([]);
  });

  it('marks the removal of a cookie of embedded content the browser made itself (expired, evicted) as the site’s own are', async () => {
    const { recorder } = await setup();
    const cookies = ['expired', 'evicted', 'explicit'].map((cause) =>
      browserCookie({ name: cause, domain: '.disqus.com', hostOnly: false }),
    );
    for (const cookie of cookies) await recorder.thirdPartySet({ host: 'data.tco.re', page: '/', via: 'frame', cookie, at: 5 });
    for (const cookie of cookies) await recorder.thirdPartyRemoved(cookie, ['data.tco.re'], 6, cookie.name);
    const removals = (await recorder.site('data.tco.re', '0')).timeline.flatMap((e) => (e.type === 'removed' ? [e] : []));
    expect(removals.map((e) => `${e.name} ${e.byBrowser ?? false}`)).toEqual(['expired true', 'evicted true', 'explicit false']);
  });

  it('judges a cookie of embedded content told late by the choices heard before its event', async () => {
    const { recorder } = await setup();
    const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });
    // Heard at 2000, before the visitor accepted; attributed once its frame's request ended, after the choice.
    const order = recorder.heard(disqus);
    const accept = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: 3000 }));
    await recorder.cookieChanged(browserCookie({ name: 'cookies_preferences', value: accept, httpOnly: false }), false, 'explicit', 3000);
    await recorder.thirdPartySet({ host: 'data.tco.re', page: '/explore/', via: 'frame', cookie: disqus, at: 2000, order });
    const site = await recorder.site('data.tco.re', '0');
    expect(presentCookies(site).find((c) => c.name === 'disqus_unique')).toMatchObject({ setPhases: ['before-choice'] });
    expect(
      buildReport(site, buildBundledRegistry(bundledOpenCookieDatabaseRows()), 4000).findings.map((f) => `${f.kind} ${f.cookie}`),
    ).toContain('before-consent disqus_unique');
  });

  it('shows a cookie of embedded content told late where it was heard: before the choice, the timeline oldest first', async () => {
    const { recorder } = await setup();
    const T = Date.UTC(2026, 11, 6, 10, 0, 0);
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.tco.re' }), false, 'explicit', T);
    // A video frame's cookie stored at T+1 s, the visitor accepts at T+3 s, the frame's response is matched at T+4 s.
    const youtube = browserCookie({ name: 'VISITOR_INFO1_LIVE', domain: '.youtube.com', hostOnly: false });
    const order = recorder.heard(youtube);
    const accept = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: T + 3000 }));
    const pref = browserCookie({ name: 'cookies_preferences', domain: 'data.tco.re', value: accept, httpOnly: false });
    await recorder.cookieChanged(pref, false, 'explicit', T + 3000);
    // Not last: it says so, for the open pages to read the report again (re-review rrTl 2).
    const told = await recorder.thirdPartySet({ host: 'data.tco.re', page: '/', via: 'response', cookie: youtube, at: T + 1000, order });
    expect(told).toMatchObject({ placedLast: false, site: { host: 'data.tco.re' } });
    // An event heard after it goes after the choice, as ever.
    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 'explicit', T + 5000);
    // Heard after the last choice, it goes last.
    const ysc = browserCookie({ name: 'YSC', domain: '.youtube.com', hostOnly: false });
    const heardLast = { host: 'data.tco.re', page: '/', via: 'response' as const, cookie: ysc, at: T + 5500, order: recorder.heard(ysc) };
    expect(await recorder.thirdPartySet(heardLast)).toMatchObject({ placedLast: true });
    const site = await recorder.site('data.tco.re', '0');
    expect(site.timeline.map((event) => ('name' in event ? `${event.at - T} ${event.name} ${event.phase}` : event.type))).toEqual([
      '0 sessionid before-choice',
      '1000 VISITOR_INFO1_LIVE before-choice',
      '3000 cookies_preferences after-accept',
      '5000 _ga after-accept',
      '5500 YSC after-accept',
    ]);
    // The finding is the same: set before the visitor chose.
    expect(
      buildReport(site, buildBundledRegistry(bundledOpenCookieDatabaseRows()), T + 6000).findings.map((f) => `${f.kind} ${f.cookie}`),
    ).toContain('before-consent VISITOR_INFO1_LIVE');
  });

  it('judges YouTube cookies told late after the record was dropped to make room by the choice it kept, never as before any choice (re-review rrTl 1)', async () => {
    const { recorder, store } = await setup();
    const T = Date.UTC(2026, 11, 6, 10, 0, 0);
    const pref = (ga: boolean, at: number) =>
      browserCookie({
        name: 'cookies_preferences',
        domain: 'data.tco.re',
        httpOnly: false,
        value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ga, timestamp: at })),
      });
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.tco.re' }), false, 'explicit', T);
    await recorder.cookieChanged(pref(true, T + 100), false, 'explicit', T + 100);
    // Both stored while accepted, matched to their responses later.
    const ysc = browserCookie({ name: 'YSC', domain: '.youtube.com', hostOnly: false });
    const yscOrder = recorder.heard(ysc);
    const visitor = browserCookie({ name: 'VISITOR_INFO1_LIVE', domain: '.youtube.com', hostOnly: false });
    const visitorOrder = recorder.heard(visitor);
    await recorder.cookieChanged(pref(false, T + 2000), false, 'explicit', T + 2000);
    await recorder.withSite('data.tco.re', '0', (site) => store.put(evictedRecord(site, T + 2500)));
    await recorder.thirdPartySet({ host: 'data.tco.re', page: '/', via: 'response', cookie: visitor, at: T + 1800, order: visitorOrder });
    await recorder.cookieChanged(pref(true, T + 3000), false, 'explicit', T + 3000);
    await recorder.thirdPartySet({ host: 'data.tco.re', page: '/', via: 'response', cookie: ysc, at: T + 1500, order: yscOrder });
    const site = await recorder.site('data.tco.re', '0');
    expect(site.timeline[0]?.type).toBe('evicted');
    expect(
      buildReport(site, buildBundledRegistry(bundledOpenCookieDatabaseRows()), T + 6000).findings.map((f) => `${f.kind} ${f.cookie}`),
    ).not.toContain('before-consent YSC');
  });

  it.each([
    ['in the order heard', true],
    ['by the clock (heard by a worker since stopped)', false],
  ])(
    'judges a cookie of embedded content told late after the record was dropped by the choice the drop kept, not one made meanwhile, %s (re-review rrEv 1)',
    async (_, ordered) => {
      const T = Date.UTC(2026, 11, 6, 10, 0, 0);
      const pref = (ga: boolean) =>
        browserCookie({ name: 'cookies_preferences', domain: 'data.tco.re', httpOnly: false, value: String(ga) });
      const ysc = browserCookie({ name: 'YSC', domain: '.youtube.com', hostOnly: false });
      const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
      /** YSC stored after the drop, told late after the visitor's next choice (`then`). */
      const toldLate = async (acceptedBefore: boolean, then: boolean) => {
        const { recorder, store } = await setup();
        const first = acceptedBefore ? pref(true) : browserCookie({ name: 'sessionid', domain: 'data.tco.re' });
        await recorder.cookieChanged(first, false, 'explicit', T + 100);
        await recorder.withSite('data.tco.re', '0', (site) => store.put(evictedRecord(site, T + 150)));
        const order = recorder.heard(ysc);
        await recorder.cookieChanged(pref(then), false, 'explicit', T + 300);
        await recorder.thirdPartySet({
          host: 'data.tco.re',
          page: '/',
          via: 'response',
          cookie: ysc,
          at: T + 250,
          ...(ordered ? { order } : {}),
        });
        const site = await recorder.site('data.tco.re', '0');
        const findings = buildReport(site, registry, T + 6000).findings.map((f) => `${f.kind} ${f.cookie} ${f.detail.how ?? ''}`.trim());
        return { phase: Object.values(site.cookies).find((c) => c.name === 'YSC')?.firstPhase, findings };
      };
      // Stored under the acceptance the drop kept, then refused: kept after the refusal, not set after it.
      const underAcceptance = await toldLate(true, false);
      expect(underAcceptance.phase).toBe('after-accept');
      expect(underAcceptance.findings).toContain('after-refusal YSC kept');
      expect(underAcceptance.findings).not.toContain('after-refusal YSC set');
      // Stored with no choice yet, then accepted: set before the visitor chose.
      const beforeChoice = await toldLate(false, true);
      expect(beforeChoice.phase).toBe('before-choice');
      expect(beforeChoice.findings).toContain('before-consent YSC');
    },
  );

  it('counts no choice heard at a removal of a consent cookie that records no event, after the record was dropped to make room (re-review rrTl2 1)', async () => {
    const { recorder, store } = await setup();
    const T = Date.UTC(2026, 11, 6, 10, 0, 0);
    const pref = (value: string, path: string) =>
      browserCookie({ name: 'cookies_preferences', domain: 'data.tco.re', path, httpOnly: false, value });
    // Refused on /explore, then accepted on /: the dropped record keeps both as holders of its choice.
    await recorder.cookieChanged(pref('false', '/explore'), false, 'explicit', T + 100);
    await recorder.cookieChanged(pref('true', '/'), false, 'explicit', T + 200);
    await recorder.withSite('data.tco.re', '0', (site) => store.put(evictedRecord(site, T + 250)));
    await recorder.cookieChanged(pref('false', '/'), false, 'explicit', T + 300);
    await recorder.cookieChanged(pref('true', '/'), false, 'explicit', T + 400);
    // Stored under the acceptance, matched to its response later.
    const ysc = browserCookie({ name: 'YSC', domain: '.youtube.com', hostOnly: false });
    const order = recorder.heard(ysc);
    // The /explore refusal goes: the acceptance on / stays in force, no event is recorded.
    await recorder.cookieChanged(pref('false', '/explore'), true, 'explicit', T + 500);
    await recorder.thirdPartySet({ host: 'data.tco.re', page: '/', via: 'response', cookie: ysc, at: T + 450, order });
    const site = await recorder.site('data.tco.re', '0');
    expect(site.consent.state).toBe('accepted');
    expect(Object.values(site.cookies).find((c) => c.name === 'YSC')?.firstPhase).toBe('after-accept');
    expect(
      buildReport(site, buildBundledRegistry(bundledOpenCookieDatabaseRows()), T + 6000).findings.map((f) => `${f.kind} ${f.cookie}`),
    ).not.toContain('after-refusal YSC');
  });

  it.each([
    ['accepted', true, 'after-accept', 'after-accept'],
    ['refused', false, 'after-refuse', 'after-choice'],
  ])(
    'judges a cookie of embedded content heard after the choice (%s) as after it, the clock set back an hour in between',
    async (_, flag, own, embedded) => {
      const { recorder } = await setup();
      const T = 1_780_000_000_000;
      const choice = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: flag, matomo: flag, timestamp: T }));
      await recorder.cookieChanged(browserCookie({ name: 'cookies_preferences', value: choice, httpOnly: false }), false, 'explicit', T);
      // NTP, a machine resumed: the clock goes back an hour; 5 s later the site's own `_ga` and a Disqus frame's cookie are written.
      const after = T - 3_600_000 + 5_000;
      await recorder.cookieChanged(browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 'explicit', after);
      const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });
      const order = recorder.heard(disqus);
      await recorder.thirdPartySet({ host: 'data.tco.re', page: '/explore/', via: 'response', cookie: disqus, at: after, order });
      const site = await recorder.site('data.tco.re', '0');
      const phases = Object.fromEntries(presentCookies(site).map((c) => [c.name, c.setPhases.join()]));
      expect(phases).toMatchObject({ _ga: own, disqus_unique: embedded });
      const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
      expect(buildReport(site, registry, after + 1000).findings.map((f) => `${f.kind} ${f.cookie}`)).not.toContain(
        'before-consent disqus_unique',
      );
    },
  );

  it('never lets another site’s `cookies_preferences` change a site’s consent, set or removed', async () => {
    const { recorder } = await setup();
    const foreign = browserCookie({
      name: 'cookies_preferences',
      domain: 'widget.example.net',
      value: '%7B%22matomo%22%3Atrue%7D',
      httpOnly: false,
    });
    await recorder.thirdPartySet({ host: 'data.tco.re', page: '/', via: 'frame', cookie: foreign, at: 1 });
    await recorder.thirdPartyRemoved(foreign, ['data.tco.re'], 2);
    expect((await recorder.site('data.tco.re', '0')).consent.state).toBe('none');
  });

  it('gives a cookie recorded before its page was known the page of the tab whose response set it', async () => {
    const { recorder } = await setup();
    const pageOfSessionid = async () =>
      Object.values((await recorder.site('data.tco.re', '0')).cookies).find((c) => c.name === 'sessionid')?.firstPage;
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.tco.re' }), false, 'explicit', 1000);
    expect(await pageOfSessionid()).toBeNull();
    // A response of another site, or in a tab showing no known page, says nothing of it.
    await recorder.responseOnPage({ host: 'data.tco.re', path: '/', storeId: '0' }, 'https://elsewhere.example/', ['sessionid'], 1200);
    await recorder.responseOnPage(null, 'https://data.tco.re/', ['sessionid'], 1200);
    expect(await pageOfSessionid()).toBeNull();
    await recorder.responseOnPage({ host: 'data.tco.re', path: '/', storeId: '0' }, 'https://data.tco.re/?q=1', ['sessionid'], 1200);
    expect(await pageOfSessionid()).toBe('/');
  });
});

describe('recorder: a scan that finds a cookie otherwise than recorded (its events went unheard: host access withheld, then given back)', () => {
  const DAY = 86_400;
  const T0 = 1_700_000_000_000;
  const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
  const choice = (flags: string, overrides: Partial<BrowserCookie> = {}) =>
    browserCookie({ name: 'cookies_preferences', value: encodeURIComponent(flags), httpOnly: false, ...overrides });
  const events = async (recorder: Awaited<ReturnType<typeof setup>>['recorder'], name: string, host = 'data.tco.re') =>
    (await recorder.site(host, '0')).timeline
      .filter((e) => 'name' in e && e.name === name)
      .map((e) => ('name' in e ? `${e.type} ${e.phase}${e.found ? ' found' : ''} ${e.at}` : ''));

  it('takes the expiry it reads: the row says the cookie lives on, with its new expiry', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(browserCookie({ name: 'keep', expirationDate: T0 / 1000 + DAY }), false, 'explicit', T0);
    const later = T0 + 2 * DAY * 1000;
    await recorder.scan(
      async () => [browserCookie({ name: 'keep', expirationDate: T0 / 1000 + 365 * DAY })],
      () => later,
    );
    const report = buildReport(await recorder.site('data.tco.re', '0'), registry, later);
    const row = report.cookies.find((c) => c.name === 'keep');
    // Not `expired` (the field is there only for one expired): present, with the expiry read.
    expect(row).toMatchObject({ expires: T0 / 1000 + 365 * DAY });
    expect(row?.expired).toBeUndefined();
    // A change found, of no phase: when it was written is not known. Its first time stays.
    expect(await events(recorder, 'keep')).toEqual([`set before-choice ${T0}`, `changed unknown found ${later}`]);
    expect(presentCookies(await recorder.site('data.tco.re', '0'))[0]).toMatchObject({ firstSeen: T0, lastChanged: later });
  });

  it('takes the flags it reads (Secure, HttpOnly, SameSite, a session cookie)', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 1000);
    const changed = browserCookie({ secure: false, httpOnly: false, sameSite: 'strict', session: true, expirationDate: undefined });
    await recorder.scan(
      async () => [changed],
      () => 5000,
    );
    expect(presentCookies(await recorder.site('data.tco.re', '0'))[0]).toMatchObject({
      secure: false,
      httpOnly: false,
      sameSite: 'strict',
      expires: null,
    });
  });

  it('does not take a choice it reads otherwise in cookies_preferences: the deletions a refusal made went unheard too, and would read "kept after a refusal"', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(choice('{"matomo":true}'), false, 'explicit', 1000);
    await recorder.cookieChanged(browserCookie({ name: '_pk_id.1.a' }), false, 'explicit', 2000);
    // Refused, and Matomo's cookie deleted, both unheard: the scan reads the refusal, not the deletion.
    await recorder.scan(
      async () => [choice('{"matomo":false}')],
      () => 5000,
    );
    const site = await recorder.site('data.tco.re', '0');
    expect(site.consent).toMatchObject({ state: 'accepted', trackers: { matomo: true } });
    expect(site.timeline).toHaveLength(2);
  });

  it('gives what it finds changed no phase: no "set after a refusal" it cannot date, the earlier phases kept', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(choice('{"matomo":true}'), false, 'explicit', 1000);
    await recorder.cookieChanged(browserCookie({ name: '_pk_id.1.a' }), false, 'explicit', 2000);
    // Matomo's cookie written again, unheard: when is not known.
    await recorder.scan(
      async () => [choice('{"matomo":true}'), browserCookie({ name: '_pk_id.1.a', expirationDate: 1_900_000_000 })],
      () => 5000,
    );
    const matomo = presentCookies(await recorder.site('data.tco.re', '0')).find((c) => c.name === '_pk_id.1.a');
    expect(matomo).toMatchObject({ firstPhase: 'after-accept', setPhases: ['after-accept'], expires: 1_900_000_000 });
    expect(matomo?.refusedBy).toBeUndefined();
    expect(await events(recorder, '_pk_id.1.a')).toEqual(['set after-accept 2000', 'changed unknown found 5000']);
  });

  it('records nothing more when a later scan reads the same again, nor when what it reads is as recorded', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(choice('{"matomo":true}'), false, 'explicit', 1000);
    await recorder.cookieChanged(browserCookie(), false, 'explicit', 1000);
    const unchanged = async () => [choice('{"matomo":true}'), browserCookie()];
    await recorder.scan(unchanged, () => 2000);
    expect((await recorder.site('data.tco.re', '0')).timeline).toHaveLength(2);
    const changed = async () => [choice('{"matomo":true}'), browserCookie({ expirationDate: 1_900_000_000 })];
    await recorder.scan(changed, () => 3000);
    await recorder.scan(changed, () => 4000);
    expect((await recorder.site('data.tco.re', '0')).timeline).toHaveLength(3);
  });

  it('two consent cookies that differ (the portal’s, the city’s on the parent domain) do not take turns at a scan', async () => {
    const { recorder, open } = await setup();
    open.add('0|data.tco.re');
    const own = choice('{"matomo":true}');
    const city = choice('{"matomo":false}', { domain: '.tco.re', hostOnly: false });
    await recorder.cookieChanged(own, false, 'explicit', 1000);
    await recorder.cookieChanged(city, false, 'explicit', 2000);
    await recorder.scan(
      async () => [own, city],
      () => 3000,
    );
    await recorder.scan(
      async () => [city, own],
      () => 4000,
    );
    const site = await recorder.site('data.tco.re', '0');
    expect(site.consent.state).toBe('refused');
    expect(site.timeline).toHaveLength(2);
  });

  it('leaves the consent cookie’s expiry as recorded too: recording its write would take the choice it holds', async () => {
    const { recorder } = await setup();
    await recorder.cookieChanged(choice('{"matomo":true}'), false, 'explicit', 1000);
    await recorder.scan(
      async () => [choice('{"matomo":false}', { expirationDate: 1_900_000_000 })],
      () => 5000,
    );
    const site = await recorder.site('data.tco.re', '0');
    expect(site.consent.state).toBe('accepted');
    expect(site.timeline).toHaveLength(1);
  });

  it('on a parent domain, another open site may have written it: the site’s own write stands, the read kept apart, once', async () => {
    const { recorder, open } = await setup();
    const ITIE = 'itie.opendatasoft.com';
    const ga = browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false });
    open.add(`0|${ITIE}`);
    await recorder.cookieChanged(ga, false, 'explicit', 1000);
    const rewritten = { ...ga, expirationDate: 1_900_000_000 };
    await recorder.scan(
      async () => [rewritten],
      () => 5000,
    );
    await recorder.scan(
      async () => [rewritten],
      () => 6000,
    );
    const gaOnItie = presentCookies(await recorder.site(ITIE, '0')).find((c) => c.name === '_ga');
    expect(gaOnItie).toMatchObject({ expires: 1_800_000_000, unclaimedWrite: { write: { expires: 1_900_000_000 } } });
    expect(await events(recorder, '_ga', ITIE)).toEqual(['set before-choice 1000', 'changed unknown found 5000']);
  });

  describe('two cookies of one record key (their paths differ only in a path parameter, recorded as `…`)', () => {
    const cart = (session: string, expirationDate: number) =>
      browserCookie({ name: 'cart', domain: 'data.tco.re', path: `/app;jsessionid=${session}/cart`, expirationDate });
    const a = cart('AAA', 1_800_000_000);
    const b = cart('BBB', 1_800_000_500);

    it('records nothing when scans read both as they are: neither is compared with what the other wrote', async () => {
      const { recorder } = await setup();
      await recorder.cookieChanged(a, false, 'explicit', 1000);
      await recorder.cookieChanged(b, false, 'explicit', 2000);
      for (let i = 1; i <= 3; i++)
        await recorder.scan(
          async () => [a, b],
          () => 10_000 * i,
        );
      await recorder.scan(
        async () => [b, a],
        () => 40_000,
      );
      const site = await recorder.site('data.tco.re', '0');
      expect(await events(recorder, 'cart')).toEqual(['set before-choice 1000', 'changed before-choice 2000']);
      expect(presentCookies(site)).toHaveLength(1);
      expect(presentCookies(site)[0]).toMatchObject({ path: '/app;…/cart', expires: 1_800_000_500, lastChanged: 2000 });
    });

    it('still compares the one a scan reads alone', async () => {
      const { recorder } = await setup();
      await recorder.cookieChanged(a, false, 'explicit', 1000);
      await recorder.scan(
        async () => [cart('AAA', 1_900_000_000)],
        () => 5000,
      );
      expect(await events(recorder, 'cart')).toEqual(['set before-choice 1000', 'changed unknown found 5000']);
    });
  });
});

describe('recorder: a cookie on a parent domain that several open sites share', () => {
  const [ITIE, DEMO] = ['itie.opendatasoft.com', 'demo.opendatasoft.com'];
  const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
  // Google Analytics' cookie_domain "auto" writes `_ga` on the registrable domain: every portal of the platform shares it.
  const ga = browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false });
  const gaOf = async (recorder: Awaited<ReturnType<typeof setup>>['recorder'], host: string) =>
    presentCookies(await recorder.site(host, '0')).find((c) => c.name === '_ga');
  const findingsOn = async (recorder: Awaited<ReturnType<typeof setup>>['recorder'], host: string) =>
    buildReport(await recorder.site(host, '0'), registry, 10_000)
      .findings.filter((f) => f.cookie === '_ga')
      .map((f) => `${f.kind} ${f.severity}`);

  it('is judged on the one site open under it, as its own', async () => {
    const { recorder, open } = await setup();
    open.add(`0|${DEMO}`);
    await recorder.cookieChanged(ga, false, 'explicit', 1000);
    expect(await gaOf(recorder, DEMO)).toMatchObject({ setPhases: ['before-choice'], firstPage: '/explore/' });
    expect((await gaOf(recorder, DEMO))?.originUnknown).toBeUndefined();
    expect(await findingsOn(recorder, DEMO)).toEqual(['before-consent high', 'undeclared medium']);
  });

  it('is blamed on neither of two open portals when nothing shows which set it', async () => {
    const { recorder, open } = await setup();
    open.add(`0|${ITIE}`).add(`0|${DEMO}`);
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: ITIE }), false, 'explicit', 900);
    await recorder.cookieChanged(ga, false, 'explicit', 1000);
    for (const host of [ITIE, DEMO]) {
      expect(await gaOf(recorder, host), host).toMatchObject({ setPhases: [], firstPage: null, originUnknown: { phase: 'before-choice' } });
      expect(await findingsOn(recorder, host), host).toEqual([]);
    }
    // The event is still in each timeline, with its phase.
    expect((await recorder.site(ITIE, '0')).timeline.map((e) => ('name' in e ? `${e.name} ${e.phase}` : e.type))).toEqual([
      'sessionid before-choice',
      '_ga before-choice',
    ]);
  });

  it('is blamed on neither the portal nor the city’s main site open beside it', async () => {
    const { recorder, open } = await setup();
    open.add('0|data.toulouse-metropole.fr').add('0|www.toulouse-metropole.fr');
    await recorder.cookieChanged(
      browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }),
      false,
      'explicit',
      1000,
    );
    expect(presentCookies(await recorder.site('data.toulouse-metropole.fr', '0'))[0]).toMatchObject({
      name: '_ga',
      originUnknown: { phase: 'before-choice' },
    });
  });

  it('found by a scan after the visitor accepted, the clock set back an hour, is set after the acceptance once the site’s response claims it', async () => {
    const { recorder, open } = await setup();
    open.add(`0|${ITIE}`);
    const C = 1_780_000_000_000;
    const value = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: C }));
    await recorder.cookieChanged(
      browserCookie({ name: 'cookies_preferences', domain: ITIE, value, httpOnly: false }),
      false,
      'explicit',
      C,
    );
    // NTP, a machine resumed: the clock goes back an hour; 5 s later a scan finds `_ga`, then the site's response claims it.
    const S = C - 3_600_000 + 5000;
    await recorder.scan(
      async () => [ga],
      () => S,
    );
    expect(await gaOf(recorder, ITIE)).toMatchObject({ setPhases: [], originUnknown: { phase: 'unknown' } });
    await recorder.responseOnPage({ host: ITIE, path: '/explore/', storeId: '0' }, `https://${ITIE}/explore/`, ['_ga'], S + 10);
    expect(await gaOf(recorder, ITIE)).toMatchObject({ firstPhase: 'after-accept', setPhases: ['after-accept'] });
    expect(await findingsOn(recorder, ITIE)).not.toContain('before-consent high');
  });

  it('is the site’s whose own response set it, the response heard first (Chromium) or after (Firefox)', async () => {
    const demoTab = { host: DEMO, path: '/explore/', storeId: '0' };
    for (const responseFirst of [true, false]) {
      const { recorder, open } = await setup();
      open.add(`0|${ITIE}`).add(`0|${DEMO}`);
      // Another site's response, or one the other portal sent long before, says nothing of it.
      await recorder.responseOnPage({ host: ITIE, path: '/', storeId: '0' }, 'https://itie.opendatasoft.com/', ['_ga'], 1000 - 60_000);
      if (responseFirst) await recorder.responseOnPage(demoTab, 'https://demo.opendatasoft.com/explore/', ['_ga'], 990);
      await recorder.cookieChanged(ga, false, 'explicit', 1000);
      if (!responseFirst) await recorder.responseOnPage(demoTab, 'https://demo.opendatasoft.com/explore/', ['_ga'], 1010);
      const own = await gaOf(recorder, DEMO);
      expect(own, String(responseFirst)).toMatchObject({ setPhases: ['before-choice'], firstPage: '/explore/' });
      expect(own?.originUnknown, String(responseFirst)).toBeUndefined();
      expect(await findingsOn(recorder, DEMO)).toEqual(['before-consent high', 'undeclared medium']);
      expect(await gaOf(recorder, ITIE)).toMatchObject({ originUnknown: { phase: 'before-choice' } });
      expect(await findingsOn(recorder, ITIE)).toEqual([]);
    }
  });

  it('is the site’s again once set while it is the only one open, and no earlier event counts against it', async () => {
    const { recorder, open } = await setup();
    open.add(`0|${ITIE}`).add(`0|${DEMO}`);
    await recorder.cookieChanged(ga, false, 'explicit', 1000);
    open.delete(`0|${DEMO}`);
    await recorder.cookieChanged(
      browserCookie({ name: 'cookies_preferences', domain: ITIE, value: encodeURIComponent('{"ga":true}'), httpOnly: false }),
      false,
      'explicit',
      2000,
    );
    await recorder.cookieChanged(ga, false, 'explicit', 3000);
    const own = await gaOf(recorder, ITIE);
    expect(own).toMatchObject({ firstPhase: 'before-choice', setPhases: ['after-accept'] });
    expect(own?.originUnknown).toBeUndefined();
    expect(await findingsOn(recorder, ITIE)).toEqual(['undeclared medium']);
  });

  it('blames no portal for what a scan finds there, even open alone: another portal may have written it earlier', async () => {
    const { recorder, open } = await setup();
    // Earlier, DEMO's Google Analytics wrote _ga while DEMO alone was open: DEMO's.
    open.add(`0|${DEMO}`);
    await recorder.cookieChanged(ga, false, 'explicit', 1000);
    open.delete(`0|${DEMO}`);
    // ITIE, which runs no Google Analytics, is opened later: its page load scans the cookies there.
    open.add(`0|${ITIE}`);
    await recorder.scan(
      async () => [ga],
      () => 5000,
    );
    expect(await gaOf(recorder, ITIE)).toMatchObject({ setPhases: [], firstPage: null, originUnknown: { phase: 'unknown' } });
    expect(await findingsOn(recorder, ITIE)).toEqual([]);
    expect(await findingsOn(recorder, DEMO)).toEqual(['before-consent high', 'undeclared medium']);
  });

  it('makes what a scan found there the site’s, judged as any other, once the site sets it or its response did', async () => {
    // ITIE's own page then writes the cookie, heard while it is the only site open.
    const heard = await setup();
    heard.open.add(`0|${ITIE}`);
    await heard.recorder.scan(
      async () => [ga],
      () => 5000,
    );
    await heard.recorder.cookieChanged(ga, false, 'explicit', 6000);
    expect(await gaOf(heard.recorder, ITIE)).toMatchObject({ setPhases: ['before-choice'], firstPage: '/explore/' });
    expect(await findingsOn(heard.recorder, ITIE)).toEqual(['before-consent high', 'undeclared medium']);
    // A response of ITIE's own set it, just before the scan (the event went unheard: the worker was starting) or just after.
    for (const responseFirst of [true, false]) {
      const { recorder, open } = await setup();
      open.add(`0|${ITIE}`);
      const tab = { host: ITIE, path: '/explore/', storeId: '0' };
      if (responseFirst) await recorder.responseOnPage(tab, `https://${ITIE}/explore/`, ['_ga'], 4990);
      await recorder.scan(
        async () => [ga],
        () => 5000,
      );
      if (!responseFirst) await recorder.responseOnPage(tab, `https://${ITIE}/explore/`, ['_ga'], 5010);
      expect((await gaOf(recorder, ITIE))?.originUnknown, String(responseFirst)).toBeUndefined();
      expect(await findingsOn(recorder, ITIE), String(responseFirst)).toEqual(['before-consent high', 'undeclared medium']);
    }
  });

  describe('filed as the one open site’s own, a tab of another site under its domain heard just after', () => {
    /** The platform's own site, no portal: its pages write `_ga` on `.opendatasoft.com` too. */
    const PLATFORM_SITE = 'opendatasoft.com';
    const choice = (ga: boolean) =>
      browserCookie({ name: 'cookies_preferences', domain: ITIE, httpOnly: false, value: encodeURIComponent(JSON.stringify({ ga })) });
    /** `_ga` written (or removed) at each time, after ITIE alone was open and the visitor accepted at 500; the platform's site open from 1000 when `platformOpen`. */
    async function heard(changes: Array<{ at: number; removed?: boolean }>, platformOpen = false) {
      const { recorder, open } = await setup();
      open.add(`0|${ITIE}`);
      await recorder.cookieChanged(choice(true), false, 'explicit', 500);
      for (const { at, removed = false } of changes) {
        if (platformOpen && at >= 1000) open.add(`0|${PLATFORM_SITE}`);
        await recorder.cookieChanged(ga, removed, 'explicit', at);
      }
      return { recorder, open };
    }
    const own = async (recorder: Awaited<ReturnType<typeof setup>>['recorder']) => {
      expect(await gaOf(recorder, ITIE)).toMatchObject({ setPhases: ['after-accept'], firstPage: '/explore/' });
      expect((await gaOf(recorder, ITIE))?.originUnknown).toBeUndefined();
    };

    it('is of unknown origin there: the page of that tab may have written it (Chromium reports its address after)', async () => {
      const { recorder, open } = await heard([{ at: 1000 }]);
      await own(recorder);
      open.add(`0|${PLATFORM_SITE}`);
      const changed = await recorder.openTabsChanged(1000 + OPEN_TAB_LAG_MS);
      expect(changed.map((site) => site.host)).toEqual([ITIE]);
      expect(await gaOf(recorder, ITIE)).toMatchObject({ setPhases: [], firstPage: null, originUnknown: { phase: 'after-accept' } });
      expect(await findingsOn(recorder, ITIE)).toEqual([]);
    });

    it.each([
      ['its first write', [{ at: 1000 }]],
      ['a write after the site’s own, heard long before', [{ at: 100 - OPEN_TAB_LAG_MS }, { at: 1000 }]],
      ['two writes, both just before', [{ at: 1000 }, { at: 1500 }]],
      ['a write, then its removal', [{ at: 1000 }, { at: 1100, removed: true }]],
    ])('%s: the entry is as if the tab had been heard before, the timeline as it was', async (_, changes) => {
      const { recorder, open } = await heard(changes);
      const timeline = (await recorder.site(ITIE, '0')).timeline;
      open.add(`0|${PLATFORM_SITE}`);
      await recorder.openTabsChanged(1000 + OPEN_TAB_LAG_MS);
      const both = await heard(changes, true);
      const entry = async (recorder: Awaited<ReturnType<typeof setup>>['recorder']) =>
        Object.values((await recorder.site(ITIE, '0')).cookies).find((c) => c.name === '_ga');
      expect(await entry(recorder)).toEqual(await entry(both.recorder));
      expect((await recorder.site(ITIE, '0')).timeline).toEqual(timeline);
      expect((await recorder.site(ITIE, '0')).timeline).toEqual((await both.recorder.site(ITIE, '0')).timeline);
    });

    it('stays the site’s own when that tab is heard later, opens no other site under the domain, or the site’s own response set it', async () => {
      const late = await heard([{ at: 1000 }]);
      late.open.add(`0|${PLATFORM_SITE}`);
      expect(await late.recorder.openTabsChanged(1000 + OPEN_TAB_LAG_MS + 1)).toEqual([]);
      await own(late.recorder);
      // Another site off the domain, or a tab in another store.
      const elsewhere = await heard([{ at: 1000 }]);
      elsewhere.open.add('0|example.org').add(`1|${PLATFORM_SITE}`);
      expect(await elsewhere.recorder.openTabsChanged(1200)).toEqual([]);
      await own(elsewhere.recorder);
      const responded = await heard([{ at: 1000 }]);
      await responded.recorder.responseOnPage({ host: ITIE, path: '/explore/', storeId: '0' }, `https://${ITIE}/explore/`, ['_ga'], 1010);
      responded.open.add(`0|${PLATFORM_SITE}`);
      expect(await responded.recorder.openTabsChanged(1200)).toEqual([]);
      await own(responded.recorder);
    });

    it('stays as a scan left it since', async () => {
      const { recorder, open } = await heard([{ at: 1000 }, { at: 1050, removed: true }]);
      // Found again by a scan: the record shows what the scan found, on the site's own history.
      await recorder.scan(
        async () => [ga],
        () => 1100,
      );
      const scanned = await gaOf(recorder, ITIE);
      open.add(`0|${PLATFORM_SITE}`);
      expect(await recorder.openTabsChanged(1200)).toEqual([]);
      expect(await gaOf(recorder, ITIE)).toEqual(scanned);
      await own(recorder);
    });

    it('does bounded work per event: a page writing `_ga` in a loop for 2 s costs each write a few entries worked out apart, not one per write before it', async () => {
      const writes = 200;
      const { recorder, open } = await setup();
      open.add(`0|${ITIE}`);
      await recorder.cookieChanged(choice(true), false, 'explicit', 500);
      let most = 0;
      for (let i = 0; i < writes; i++) {
        vi.mocked(entryApart).mockClear();
        await recorder.cookieChanged(ga, false, 'explicit', 1000 + Math.floor((i * OPEN_TAB_LAG_MS) / writes));
        most = Math.max(most, vi.mocked(entryApart).mock.calls.length);
      }
      // A step per OPEN_TAB_LAG_MS / 4 of the clock, within OPEN_TAB_LAG_MS either way of the write, and the write's own.
      expect(most).toBeLessThanOrEqual(11);
      // Still reconsidered: as if every write was heard with the platform's site open.
      open.add(`0|${PLATFORM_SITE}`);
      expect((await recorder.openTabsChanged(1000 + OPEN_TAB_LAG_MS)).map((site) => site.host)).toEqual([ITIE]);
      expect(await gaOf(recorder, ITIE)).toMatchObject({ setPhases: [], firstPage: null, originUnknown: { phase: 'after-accept' } });
      expect(await findingsOn(recorder, ITIE)).toEqual([]);
    });

    it.each([
      ['the consent given in between', [1000, 'write'], [1200, 'accept'], [1300, 'write']],
      ['a refusal in between', [1000, 'write'], [1200, 'refuse'], [1300, 'write']],
      ['its expiry in between', [1000, 'write'], [1200, 'expired'], [1300, 'write']],
      ['writes in several quarters of the lag, the tab heard late', [1000, 'write'], [1600, 'write'], [2100, 'write'], [2400, 'write']],
    ] as Array<[string, ...Array<[number, 'write' | 'accept' | 'refuse' | 'expired']>]>)(
      'writes heard close together, %s: the entry is as if the tab had been heard before the first',
      async (_, ...changes) => {
        const run = async (platformOpen: boolean) => {
          const { recorder, open } = await setup();
          open.add(`0|${ITIE}`);
          await recorder.cookieChanged(browserCookie({ name: 'x', domain: ITIE }), false, 'explicit', 900);
          if (platformOpen) open.add(`0|${PLATFORM_SITE}`);
          for (const [at, kind] of changes)
            if (kind === 'accept' || kind === 'refuse') await recorder.cookieChanged(choice(kind === 'accept'), false, 'explicit', at);
            else await recorder.cookieChanged(ga, kind === 'expired', kind === 'expired' ? 'expired' : 'explicit', at);
          if (!platformOpen) {
            open.add(`0|${PLATFORM_SITE}`);
            await recorder.openTabsChanged(2500);
          }
          const site = await recorder.site(ITIE, '0');
          return { entry: Object.values(site.cookies).find((c) => c.name === '_ga'), findings: await findingsOn(recorder, ITIE) };
        };
        const late = await run(false);
        expect(late.findings).toEqual([]);
        expect(late).toEqual(await run(true));
      },
    );

    it.each(['its event', 'a scan'])(
      'a choice recorded between the write and the late tab (by %s) forgets, in the entry of unknown origin too, a removal it answers no more',
      async (by) => {
        // ITIE alone: `_ga` written, refused, removed by the site; written again at 1000, accepted, refused again; the tab heard at 1500.
        const run = async (platformOpen: boolean) => {
          const { recorder, open } = await setup();
          open.add(`0|${ITIE}`);
          await recorder.cookieChanged(browserCookie({ name: 'x', domain: ITIE }), false, 'explicit', -20_000);
          await recorder.cookieChanged(ga, false, 'explicit', -19_000);
          await recorder.cookieChanged(choice(false), false, 'explicit', -18_000);
          await recorder.cookieChanged(ga, true, 'explicit', -17_000);
          // Its consent cookie removed: a scan records only a choice not held already.
          await recorder.cookieChanged(choice(false), true, 'explicit', -16_000);
          if (platformOpen) open.add(`0|${PLATFORM_SITE}`);
          await recorder.cookieChanged(ga, false, 'explicit', 1000);
          // A scan's choice last: the refusal after it would forget the removal in its turn.
          if (by === 'a scan')
            await recorder.scan(
              async () => [choice(true)],
              () => 1200,
            );
          else {
            await recorder.cookieChanged(choice(true), false, 'explicit', 1200);
            await recorder.cookieChanged(choice(false), false, 'explicit', 1300);
          }
          if (!platformOpen) {
            open.add(`0|${PLATFORM_SITE}`);
            await recorder.openTabsChanged(1500);
          }
          const site = await recorder.site(ITIE, '0');
          return { entry: Object.values(site.cookies).find((c) => c.name === '_ga'), findings: await findingsOn(recorder, ITIE) };
        };
        const tabFirst = await run(true);
        expect(tabFirst.entry?.unclaimedWrite?.siteRemoved).toBeNull();
        if (by === 'its event') expect(tabFirst.findings).toContain('after-refusal high');
        expect(await run(false)).toEqual(tabFirst);
      },
    );

    it('at a wake: the event of the write the scan found, which makes it the site’s own (recordFoundWrite), is reconsidered too', async () => {
      const run = async (platformOpen: boolean) => {
        const { recorder, open } = await setup();
        open.add(`0|${ITIE}`);
        await recorder.cookieChanged(browserCookie({ name: 'x', domain: ITIE }), false, 'explicit', 900);
        if (platformOpen) open.add(`0|${PLATFORM_SITE}`);
        await recorder.scan(
          async () => [ga],
          () => 1000,
        );
        await recorder.cookieChanged(ga, false, 'explicit', 1010);
        return { recorder, open };
      };
      const { recorder, open } = await run(false);
      expect(await gaOf(recorder, ITIE)).toMatchObject({ firstPage: '/explore/' });
      expect(await findingsOn(recorder, ITIE)).not.toEqual([]);
      open.add(`0|${PLATFORM_SITE}`);
      expect((await recorder.openTabsChanged(1500)).map((site) => site.host)).toEqual([ITIE]);
      expect(await findingsOn(recorder, ITIE)).toEqual([]);
      expect(await gaOf(recorder, ITIE)).toEqual(await gaOf((await run(true)).recorder, ITIE));
    });

    it('when more parent-domain cookies are filed as the site’s own within the lag than are kept, the first ones are kept, not pushed out by the later', async () => {
      const { recorder, open } = await setup();
      open.add(`0|${ITIE}`);
      await recorder.cookieChanged(browserCookie({ name: 'x', domain: ITIE }), false, 'explicit', 900);
      await recorder.cookieChanged(ga, false, 'explicit', 1000);
      for (let i = 0; i < 64; i++)
        await recorder.cookieChanged(
          browserCookie({ name: `_hj${i}`, domain: '.opendatasoft.com', hostOnly: false }),
          false,
          'explicit',
          1001 + i,
        );
      open.add(`0|${PLATFORM_SITE}`);
      await recorder.openTabsChanged(1500);
      expect(await gaOf(recorder, ITIE)).toMatchObject({ setPhases: [], firstPage: null, originUnknown: { phase: 'before-choice' } });
      expect(await findingsOn(recorder, ITIE)).toEqual([]);
    });

    it('asks the open hosts once per call, however many filings are kept', async () => {
      const store = createSiteStore(fakeSession(), 10);
      await store.load();
      const open = new Set([ITIE, ...Array.from({ length: 100 }, (_, i) => `other${i}.example`)]);
      let asked = 0;
      const recorder = createRecorder(
        store,
        (host) => isPortalHost(host, BUNDLED),
        (host) => open.has(host),
        () => (asked++, [...open]),
        (host) => (open.has(host) ? '/' : null),
      );
      await recorder.cookieChanged(browserCookie({ name: 'x', domain: ITIE }), false, 'explicit', 900);
      for (let i = 0; i < 64; i++)
        await recorder.cookieChanged(
          browserCookie({ name: `_hj${i}`, domain: '.opendatasoft.com', hostOnly: false }),
          false,
          'explicit',
          1000 + i,
        );
      asked = 0;
      open.add('unrelated.example');
      expect(await recorder.openTabsChanged(1100)).toEqual([]);
      expect(asked).toBe(1);
      // And still finds the filings a tab under their domain may have written.
      open.add(PLATFORM_SITE);
      asked = 0;
      expect(new Set((await recorder.openTabsChanged(1200)).map((site) => site.host))).toEqual(new Set([ITIE]));
      expect(asked).toBe(1);
      expect(presentCookies(await recorder.site(ITIE, '0')).filter((c) => c.originUnknown !== undefined)).toHaveLength(64);
    });

    it('a filing whose writes are all over OPEN_TAB_LAG_MS old makes room for a new one', async () => {
      const { recorder, open } = await setup();
      open.add(`0|${ITIE}`);
      await recorder.cookieChanged(browserCookie({ name: 'x', domain: ITIE }), false, 'explicit', 900);
      for (let i = 0; i < 64; i++)
        await recorder.cookieChanged(
          browserCookie({ name: `_hj${i}`, domain: '.opendatasoft.com', hostOnly: false }),
          false,
          'explicit',
          1000 + i,
        );
      const later = 1100 + OPEN_TAB_LAG_MS;
      await recorder.cookieChanged(ga, false, 'explicit', later);
      open.add(`0|${PLATFORM_SITE}`);
      await recorder.openTabsChanged(later + 100);
      expect(await gaOf(recorder, ITIE)).toMatchObject({ setPhases: [], firstPage: null, originUnknown: { phase: 'before-choice' } });
    });
  });

  describe('on a _ga the portal removed after a refusal, written again', () => {
    const choice = (ga: boolean) =>
      browserCookie({ name: 'cookies_preferences', domain: DEMO, httpOnly: false, value: encodeURIComponent(JSON.stringify({ ga })) });
    const refusals = async (recorder: Awaited<ReturnType<typeof setup>>['recorder']) =>
      buildReport(await recorder.site(DEMO, '0'), registry, 10_000)
        .findings.filter((f) => f.cookie === '_ga' && f.kind === 'after-refusal')
        .map((f) => f.evidence);
    const events = async (recorder: Awaited<ReturnType<typeof setup>>['recorder']) =>
      (await recorder.site(DEMO, '0')).timeline
        .filter((e) => 'name' in e && e.name === '_ga')
        .map((e) => ('name' in e ? `${e.type} ${e.phase}${e.found ? ' found' : ''}${e.byBrowser ? ' by the browser' : ''} ${e.at}` : ''));
    /** DEMO alone: accepted, its _ga set, then refused, and its _ga removed. */
    async function removedAfterRefusal() {
      const { recorder, open } = await setup();
      open.add(`0|${DEMO}`);
      await recorder.cookieChanged(choice(true), false, 'explicit', 1000);
      await recorder.cookieChanged(ga, false, 'explicit', 2000);
      await recorder.cookieChanged(choice(false), false, 'explicit', 3000);
      await recorder.cookieChanged(ga, true, 'explicit', 4000);
      return { recorder, open };
    }
    const setAfterRefusal = 'statistics cookie (Google) set after a refusal: Google Analytics refused (ga=false)';

    it('by the portal’s own response, another portal open: set after a refusal, the response heard first (Chromium) or after (Firefox)', async () => {
      const demoTab = { host: DEMO, path: '/explore/', storeId: '0' };
      for (const responseFirst of [true, false]) {
        const { recorder, open } = await removedAfterRefusal();
        open.add(`0|${ITIE}`);
        if (responseFirst) await recorder.responseOnPage(demoTab, `https://${DEMO}/explore/`, ['_ga'], 4990);
        await recorder.cookieChanged(ga, false, 'explicit', 5000);
        if (!responseFirst) await recorder.responseOnPage(demoTab, `https://${DEMO}/explore/`, ['_ga'], 5010);
        expect(await gaOf(recorder, DEMO), String(responseFirst)).toMatchObject({ removed: null, refusedBy: ['ga'] });
        expect(await refusals(recorder), String(responseFirst)).toEqual([setAfterRefusal]);
      }
    });

    it('by the other portal while the portal’s own responses only delete it: no finding; one that deletes then sets it is the portal’s', async () => {
      const demoTab = { host: DEMO, path: '/explore/', storeId: '0' };
      const deletes = [
        '_ga=; Max-Age=0; Domain=.opendatasoft.com; Path=/',
        '_ga=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=opendatasoft.com',
      ];
      // The response that removed it (heard before the removal, as Chromium does), or one after the other portal's write.
      for (const at of [3990, 5010]) {
        const { recorder, open } = await removedAfterRefusal();
        open.add(`0|${ITIE}`);
        if (at < 5000) await recorder.responseOnPage(demoTab, `https://${DEMO}/explore/`, setCookieNames(deletes, at), at);
        await recorder.cookieChanged(ga, false, 'explicit', 5000);
        if (at > 5000) await recorder.responseOnPage(demoTab, `https://${DEMO}/explore/`, setCookieNames(deletes, at), at);
        expect(await refusals(recorder), String(at)).toEqual([]);
        expect((await gaOf(recorder, DEMO))?.unclaimedWrite, String(at)).toMatchObject({ siteRemoved: 4000 });
      }
      // A logout then a login in one response: it sets the cookie again.
      const { recorder, open } = await removedAfterRefusal();
      open.add(`0|${ITIE}`);
      await recorder.cookieChanged(ga, false, 'explicit', 5000);
      await recorder.responseOnPage(
        demoTab,
        `https://${DEMO}/explore/`,
        setCookieNames([...deletes, '_ga=GA1; Domain=.opendatasoft.com'], 5010),
        5010,
      );
      expect(await gaOf(recorder, DEMO)).toMatchObject({ removed: null, refusedBy: ['ga'] });
      expect(await refusals(recorder)).toEqual([setAfterRefusal]);
    });

    it('by the portal’s own response whose Expires is after its server’s Date, the visitor’s clock further ahead: set after a refusal', async () => {
      // The server's clock 10 minutes behind the visitor's gives the cookie 5 minutes of its own: the browsers keep it (a review's M1).
      const at = Date.UTC(2026, 11, 5, 16, 45);
      const header = '_ga=GA1; Expires=Sat, 05 Dec 2026 16:40:00 GMT; Domain=.opendatasoft.com; Path=/';
      const { recorder, open } = await removedAfterRefusal();
      open.add(`0|${ITIE}`);
      const names = setCookieNames([header], at, 'Sat, 05 Dec 2026 16:35:00 GMT');
      await recorder.responseOnPage({ host: DEMO, path: '/explore/', storeId: '0' }, `https://${DEMO}/explore/`, names, 4990);
      await recorder.cookieChanged(ga, false, 'explicit', 5000);
      expect(await refusals(recorder)).toEqual([setAfterRefusal]);
    });

    it('from the other portal’s tab, maybe: present again, with its events, but no finding (reviewer’s case E)', async () => {
      const { recorder, open } = await removedAfterRefusal();
      open.add(`0|${ITIE}`);
      await recorder.cookieChanged(ga, false, 'explicit', 5000);
      // The page loads that follow find it there: nothing new.
      await recorder.scan(
        async () => [ga],
        () => 6000,
      );
      expect(await names(recorder, DEMO)).toContain('_ga');
      expect(await refusals(recorder)).toEqual([]);
      await recorder.cookieChanged(ga, true, 'expired', 7000);
      expect(await events(recorder)).toEqual([
        'set after-accept 2000',
        'removed after-refuse 4000',
        'set after-refuse 5000',
        'removed after-refuse by the browser 7000',
      ]);
    });

    it('found by a scan, the portal open alone: present again, in the timeline, no finding; its later removal too (reviewer’s R2, R5)', async () => {
      const { recorder } = await removedAfterRefusal();
      await recorder.scan(
        async () => [ga],
        () => 9000,
      );
      expect(await names(recorder, DEMO)).toContain('_ga');
      expect(await refusals(recorder)).toEqual([]);
      await recorder.cookieChanged(ga, true, 'expired', 10_000);
      expect((await events(recorder)).slice(-2)).toEqual(['set unknown found 9000', 'removed after-refuse by the browser 10000']);
    });
  });

  it('files what a scan finds there as of unknown origin too', async () => {
    const { recorder, open } = await setup();
    open.add(`0|${ITIE}`).add(`0|${DEMO}`);
    await recorder.scan(async () => [ga]);
    expect(await gaOf(recorder, ITIE)).toMatchObject({ originUnknown: { phase: 'unknown' } });
    expect(await findingsOn(recorder, ITIE)).toEqual([]);
  });

  describe('kept in a partition (CHIPS; in Firefox every third-party cookie)', () => {
    it('is no open portal’s own when kept in another site’s partition (a portal’s frame in that site’s page)', async () => {
      const { recorder, open } = await setup();
      // Firefox: tab 1 shows a portal, where the visitor refused; tab 2 the city's page, which embeds another portal.
      open.add(`0|${ITIE}`).add('0|www.ville.fr');
      const refuse = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, timestamp: 1000 }));
      await recorder.cookieChanged(
        browserCookie({ name: 'cookies_preferences', value: refuse, domain: ITIE, httpOnly: false }),
        false,
        'explicit',
        1000,
      );
      // The frame's Google Analytics writes _ga on .opendatasoft.com, kept in ville.fr's partition.
      const inFrame = browserCookie({
        name: '_ga',
        domain: '.opendatasoft.com',
        hostOnly: false,
        httpOnly: false,
        partitionKey: { topLevelSite: 'https://ville.fr' },
      });
      expect(await recorder.cookieChanged(inFrame, false, 'explicit', 2000)).toEqual([]);
      await recorder.scan(
        async () => [inFrame],
        () => 3000,
      );
      // Nor is a cookie of a portal's own host kept there (the frame of that portal set it).
      const ownHostInFrame = browserCookie({ domain: ITIE, partitionKey: { topLevelSite: 'https://ville.fr' } });
      expect(await recorder.cookieChanged(ownHostInFrame, false, 'explicit', 4000)).toEqual([]);
      expect(await names(recorder, ITIE)).toEqual(['cookies_preferences']);
    });

    it('is no portal’s own when isolated under another site’s first party (Firefox’s first-party isolation: a portal’s frame in that site’s page)', async () => {
      const { recorder, open } = await setup();
      open.add(`0|${ITIE}`).add('0|blog.example.net');
      const choice = (flag: boolean) => encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: flag, timestamp: 1000 }));
      const consent = (flag: boolean, firstPartyDomain: string) =>
        browserCookie({ name: 'cookies_preferences', value: choice(flag), domain: ITIE, httpOnly: false, firstPartyDomain });
      // The visitor refused on the portal: Firefox keeps that under the portal's own first party.
      await recorder.cookieChanged(consent(false, 'opendatasoft.com'), false, 'explicit', 1000);
      // The portal's frame in blog.example.net's page accepts, and writes a cookie of its own, under that site's first party.
      const inFrame = consent(true, 'example.net');
      expect(await recorder.cookieChanged(inFrame, false, 'explicit', 2000)).toEqual([]);
      const frameOnly = browserCookie({ name: 'frame_only_cookie', domain: ITIE, httpOnly: false, firstPartyDomain: 'example.net' });
      expect(await recorder.cookieChanged(frameOnly, false, 'explicit', 2001)).toEqual([]);
      await recorder.scan(
        async () => [inFrame, frameOnly],
        () => 3000,
      );
      expect(await recorder.cookieChanged(inFrame, true, 'explicit', 4000)).toEqual([]);
      const site = await recorder.site(ITIE, '0');
      expect(site.consent.state).toBe('refused');
      expect(presentCookies(site).map((c) => `${c.name} ${c.firstPartyDomain}`)).toEqual(['cookies_preferences opendatasoft.com']);
    });

    it('is the site’s when kept in its own partition (CHIPS on the portal’s own pages), as an unpartitioned one', async () => {
      const { recorder, open } = await setup();
      open.add(`0|${DEMO}`);
      const mine = { partitionKey: { topLevelSite: 'https://opendatasoft.com' } };
      await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: DEMO, ...mine }), false, 'explicit', 1000);
      await recorder.cookieChanged(
        browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false, ...mine }),
        false,
        'explicit',
        2000,
      );
      expect(await names(recorder, DEMO)).toEqual(['_ga', 'sessionid']);
      expect((await gaOf(recorder, DEMO))?.originUnknown).toBeUndefined();
    });
  });
});

describe('recorder, forgetting keys', () => {
  it('forgets in its turn: a cookie change queued before it is not written back after', async () => {
    const { session, recorder, store } = await setup();
    await recorder.cookieChanged(browserCookie({ domain: 'data.tco.re', storeId: '1' }), false, 'explicit', 1);
    await store.flush();
    // Beside it, the store's write counter (one number, naming no site).
    expect(Object.keys(session.data).sort()).toEqual([siteKey('1', 'data.tco.re'), 'storage:sequence'].sort());
    const change = recorder.cookieChanged(browserCookie({ name: '_ga', domain: 'data.tco.re', storeId: '1' }), false, 'explicit', 2);
    const forgotten = recorder.forget([siteKey('1', 'data.tco.re')]);
    await Promise.all([change, forgotten]);
    await store.flush();
    expect(Object.keys(session.data)).toEqual(['storage:sequence']);
    expect(await names(recorder, 'data.tco.re', '1')).toEqual([]);
  });
});
