import { describe, expect, it } from 'vitest';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { presentCookies } from '../../src/core/cookies/site-record.ts';
import { isPortalHost } from '../../src/core/portals.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';

const BUNDLED = new Set(['data.toulouse-metropole.fr', 'data.tco.re']);

async function setup(session = fakeSession()) {
  const store = createSiteStore(session, 10);
  await store.load();
  return { session, store, recorder: createRecorder(store, (host) => isPortalHost(host, BUNDLED) || host === 'granted.example') };
}

const names = (recorder: Awaited<ReturnType<typeof setup>>['recorder'], host: string, storeId = '0') =>
  presentCookies(recorder.site(host, storeId)).map((c) => c.name);

describe('recorder', () => {
  it('files a host-only cookie under its portal', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie({ domain: 'data.tco.re' }), false, 'explicit', 1);
    expect(names(recorder, 'data.tco.re')).toEqual(['sessionid']);
    expect(names(recorder, 'data.toulouse-metropole.fr')).toEqual([]);
  });

  it('files a parent-domain cookie under the portals being recorded that it is sent to', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'data.toulouse-metropole.fr' }), false, 'explicit', 1);
    recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }), false, 'explicit', 2);
    expect(names(recorder, 'data.toulouse-metropole.fr')).toEqual(['_ga', 'sessionid']);
    expect(names(recorder, 'data.tco.re')).toEqual([]);
  });

  it('does not blame a portal never visited for a cookie on its parent domain', async () => {
    const { recorder, store } = await setup();
    recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: 'demo.opendatasoft.com' }), false, 'explicit', 1);
    recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false }), false, 'explicit', 2);
    expect(names(recorder, 'demo.opendatasoft.com')).toEqual(['_ga', 'sessionid']);
    expect([...store.hosts()]).toEqual(['demo.opendatasoft.com']);
  });

  it('reads the consent a scan finds first, and does not guess when the others were set', async () => {
    const { recorder } = await setup();
    const consent = browserCookie({ name: 'cookies_preferences', value: encodeURIComponent('{"matomo":true}') });
    recorder.cookiesPresent([browserCookie({ name: '_pk_id.1.a' }), consent], 5);
    const site = recorder.site('data.tco.re', '0');
    expect(site.consent.state).toBe('accepted');
    expect(Object.values(site.cookies).map((c) => [c.name, c.firstPhase, c.setPhases])).toEqual([
      ['cookies_preferences', 'unknown', []],
      ['_pk_id.1.a', 'unknown', []],
    ]);
  });

  it('learns when a cookie found by a scan was set from the event that reports it', async () => {
    const { recorder } = await setup();
    const consent = browserCookie({ name: 'cookies_preferences', value: encodeURIComponent('{"matomo":true}') });
    recorder.cookiesPresent([consent, browserCookie({ name: '_pk_id.1.a' })], 10);
    // The event that woke the worker, processed after the wake-up scan.
    recorder.cookieChanged(browserCookie({ name: '_pk_id.1.a' }), false, 'explicit', 8);
    const matomo = Object.values(recorder.site('data.tco.re', '0').cookies).find((c) => c.name === '_pk_id.1.a');
    expect(matomo).toMatchObject({ firstPhase: 'after-accept', setPhases: ['after-accept'], firstSeen: 8 });
  });

  it('knows cookies a scan finds before any choice were set before the choice', async () => {
    const { recorder } = await setup();
    recorder.cookiesPresent([browserCookie({ name: '_pk_id.1.a' })], 5);
    expect(Object.values(recorder.site('data.tco.re', '0').cookies)[0]).toMatchObject({ firstPhase: 'before-choice', setPhases: ['before-choice'] });
  });

  it('starts a record for a platform portal or granted site it meets, and ignores other sites', async () => {
    const { recorder, store } = await setup();
    recorder.cookieChanged(browserCookie({ domain: 'demo.opendatasoft.com' }), false, 'explicit', 1);
    recorder.cookieChanged(browserCookie({ domain: 'granted.example' }), false, 'explicit', 1);
    recorder.cookieChanged(browserCookie({ domain: 'example.org' }), false, 'explicit', 1);
    expect(store.all().map((site) => site.host)).toEqual(['demo.opendatasoft.com', 'granted.example']);
  });

  it('keeps private windows and containers apart', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie({ storeId: '0' }), false, 'explicit', 1);
    recorder.cookieChanged(browserCookie({ name: 'csrftoken', storeId: '1' }), false, 'explicit', 1);
    expect(names(recorder, 'data.tco.re', '0')).toEqual(['sessionid']);
    expect(names(recorder, 'data.tco.re', '1')).toEqual(['csrftoken']);
  });

  it('records an overwrite once, as a change', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    recorder.cookieChanged(browserCookie(), true, 'overwrite', 2);
    recorder.cookieChanged(browserCookie(), false, 'explicit', 2);
    expect(recorder.site('data.tco.re', '0').timeline.map((e) => e.type)).toEqual(['set', 'changed']);
  });

  it('keeps first-seen times when a scan finds cookies it already has', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    recorder.cookiesPresent([browserCookie(), browserCookie({ name: 'csrftoken' })], 50);
    expect(presentCookies(recorder.site('data.tco.re', '0')).map((c) => [c.name, c.firstSeen])).toEqual([
      ['csrftoken', 50],
      ['sessionid', 1],
    ]);
  });

  it('survives a worker restart: a new store reads back what the old one wrote, marks it, and holds no value', async () => {
    const { session, store, recorder } = await setup();
    recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    recorder.cookieChanged(browserCookie({ name: 'cookies_preferences', value: '%7B%22matomo%22%3Atrue%7D' }), false, 'explicit', 2);
    await store.flush();
    expect(JSON.stringify(session.data)).not.toContain('SECRET-VALUE');
    // The consent value is not kept: only the choice read from it (its per-tracker flags).
    expect(JSON.stringify(session.data)).not.toContain('%7B%22matomo');

    const before = recorder.site('data.tco.re', '0');
    const restarted = await setup(session);
    restarted.recorder.workerStarted(10);
    const after = restarted.recorder.site('data.tco.re', '0');
    expect(after.cookies).toEqual(before.cookies);
    expect(after.consent).toEqual({ state: 'accepted', changedAt: 2, trackers: { matomo: true } });
    expect(after.timeline.at(-1)).toEqual({ type: 'worker-restart', at: 10 });
  });

  it('starts a site afresh with a marker', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie(), false, 'explicit', 1);
    recorder.restart('data.tco.re', '0', 5);
    const site = recorder.site('data.tco.re', '0');
    expect(site.cookies).toEqual({});
    expect(site.timeline).toEqual([{ type: 'cleared', at: 5 }]);
    // Removal events of the cleared cookies arrive later: nothing to record.
    recorder.cookieChanged(browserCookie(), true, 'explicit', 6);
    expect(recorder.site('data.tco.re', '0').timeline).toHaveLength(1);
  });
});
