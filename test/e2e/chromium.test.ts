import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, startPortalServer, type PortalServer } from '../../scripts/demo-portal/server.ts';
import { describeExtension } from './scenarios/describe-extension.ts';
import { firstExtensionPage, launchChromium, stopServiceWorker } from '../../scripts/browsers/chromium.ts';
import { extensionPage, presentNames, reportOf, waitForReport } from '../../scripts/browsers/extension-api.ts';
import { openPopup, SEEN_ROWS, seenRow } from './scenarios/context.ts';
import { SCREENSHOT_DIR } from './scenarios/popup.ts';
import { describeEmbeddedContent } from './scenarios/embedded-content.ts';

describe('Chromium', () => describeExtension((port) => launchChromium({ hostMap: { hosts: PORTAL_HOSTS, port } })));

describe('Chromium', () =>
  describeEmbeddedContent('chrome', (extensionDir, port) =>
    launchChromium({ extensionDir, hostMap: { hosts: PORTAL_HOSTS, port }, pinCookiePolicy: true }),
  ));

describe('Chromium: the worker is stopped in the middle of a consent flow', () => {
  let portal: PortalServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    portal = await startPortalServer();
    browser = await launchChromium({ hostMap: { hosts: PORTAL_HOSTS, port: portal.port } });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('loses nothing recorded, marks the restart, and keeps recording', async () => {
    const host = 'anglet-opendatapaysbasque.opendatasoft.com';
    const api = await extensionPage(browser);
    const site = await browser.newPage();
    await site.goto(`http://${host}/`);
    const before = await waitForReport(
      api,
      host,
      (r) => presentNames(r).includes('_hjSessionUser_1234') && presentNames(r).includes('sessionid'),
    );
    // Wait until the record is in storage.session, which is all a restarted worker has.
    await expect
      .poll(() =>
        api.evaluate(
          async () =>
            JSON.stringify(
              await (
                globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<unknown> } } } }
              ).chrome.storage.session.get(null),
            ),
          null,
        ),
      )
      .toContain('_hjSessionUser_1234');

    // Stop the service worker the way Chrome does when it is idle (DevTools protocol).
    await stopServiceWorker(firstExtensionPage(browser.context));

    // The page goes on: the cookie events of the choice wake the worker up again.
    await site.click('#consent-accept');
    const after = await waitForReport(api, host, (r) => presentNames(r).includes('_pk_ses.1.a1b2'));

    for (const cookie of before.cookies) {
      const kept = after.cookies.find((c) => c.name === cookie.name && c.domain === cookie.domain);
      expect(kept, cookie.name).toMatchObject({ firstSeen: cookie.firstSeen, firstPhase: cookie.firstPhase });
    }
    expect(after.timeline.events.slice(0, before.timeline.events.length)).toEqual(before.timeline.events);
    expect(after.timeline.events.map((e) => e.type)).toContain('worker-restart');
    expect(after.consent.state).toBe('accepted');
    expect(after.cookies.find((c) => c.name === '_pk_id.1.a1b2')?.firstPhase).toBe('after-accept');

    // A popup opened afterwards shows the same report.
    const popup = await browser.newPage();
    await popup.goto(browser.popupUrl(`?host=${host}`));
    await popup.waitFor(seenRow('_pk_ses.1.a1b2'));
    expect((await popup.attributes(SEEN_ROWS, 'data-cookie')).sort()).toEqual(presentNames(await reportOf(api, host)));
    await popup.close();
    await site.close();
    await api.close();
  });
});

describe('Chromium in French', () => {
  let portal: PortalServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    portal = await startPortalServer();
    browser = await launchChromium({ hostMap: { hosts: PORTAL_HOSTS, port: portal.port }, language: 'fr' });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('speaks French, charter texts staying in their own words', async () => {
    const host = 'data.toulouse-metropole.fr';
    // Handshake first: the worker answers, so its listeners see the page's cookies as they come.
    const popup = await openPopup(browser, host);
    const site = await browser.newPage();
    await site.goto(`http://${host}/`);
    await site.click('#consent-refuse');
    await popup.waitFor('[data-consent="refused"]');
    await popup.setViewport(460, 900);
    const text = (await popup.texts('main'))[0]!;
    expect(text).toContain('Consentement :');
    expect(text).toContain('Refusé');
    expect(text).toContain('Constats');
    expect(text).toContain('Nécessaires');
    expect(text).toContain('déposé avant le choix du visiteur');
    expect(text).toContain("Se souvenir de l'utilisateur d'une page à une autre.");
    expect(await popup.evaluate(() => document.documentElement.lang, null)).toBe('fr');
    await popup.screenshot(`${SCREENSHOT_DIR}/chromium-fr.png`);
    await Promise.all([site.close(), popup.close()]);
  });
});
