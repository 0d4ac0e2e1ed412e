import { describe, expect, it } from 'vitest';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';

const BUNDLED = new Set(['data.toulouse-metropole.fr', 'data.tco.re']);

async function setup(session = fakeSession()) {
  const store = createSiteStore(session, 10);
  await store.load();
  return { session, store, recorder: createRecorder(store, BUNDLED) };
}

describe('recorder', () => {
  it('files a host-only cookie under its portal', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie({ domain: 'data.tco.re' }), false, 1);
    expect(recorder.snapshot('data.tco.re').cookies.map((c) => c.name)).toEqual(['sessionid']);
    expect(recorder.snapshot('data.toulouse-metropole.fr').cookies).toEqual([]);
  });

  it('files a parent-domain cookie under the portal it is sent to', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie({ name: '_ga', domain: '.toulouse-metropole.fr', hostOnly: false }), false, 1);
    expect(recorder.snapshot('data.toulouse-metropole.fr').cookies.map((c) => c.name)).toEqual(['_ga']);
    expect(recorder.snapshot('data.tco.re').cookies).toEqual([]);
  });

  it('starts a record for a platform portal it meets, and ignores other sites', async () => {
    const { recorder, store } = await setup();
    recorder.cookieChanged(browserCookie({ domain: 'demo.opendatasoft.com' }), false, 1);
    recorder.cookieChanged(browserCookie({ domain: 'example.org' }), false, 1);
    expect(store.hosts()).toEqual(['demo.opendatasoft.com']);
    expect(recorder.snapshot('demo.opendatasoft.com')).toMatchObject({ isPortal: true });
    expect(recorder.snapshot('example.org')).toEqual({ host: 'example.org', isPortal: false, cookies: [] });
  });

  it('keeps first-seen times when a scan finds cookies it already has', async () => {
    const { recorder } = await setup();
    recorder.cookieChanged(browserCookie(), false, 1);
    recorder.cookiesPresent([browserCookie(), browserCookie({ name: 'csrftoken' })], 50);
    const cookies = recorder.snapshot('data.tco.re').cookies;
    expect(cookies.map((c) => [c.name, c.firstSeen])).toEqual([
      ['csrftoken', 50],
      ['sessionid', 1],
    ]);
  });

  it('survives a worker restart: a new store reads back what the old one wrote, without values', async () => {
    const { session, store, recorder } = await setup();
    recorder.cookieChanged(browserCookie(), false, 1);
    recorder.cookieChanged(browserCookie({ name: 'csrftoken' }), false, 2);
    await store.flush();
    expect(JSON.stringify(session.data)).not.toContain('SECRET-VALUE');

    const restarted = await setup(session);
    expect(restarted.recorder.snapshot('data.tco.re')).toEqual(recorder.snapshot('data.tco.re'));
  });
});
