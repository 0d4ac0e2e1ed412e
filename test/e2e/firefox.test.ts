import { describe, expect, it } from 'vitest';
import { launchedForBlock } from './scenarios/launched.ts';
import { PORTAL_HOSTS } from '../../scripts/demo-portal/server.ts';
import { describeExtension } from './scenarios/describe-extension.ts';
import { launchFirefox, openFirefoxToolbox } from '../../scripts/browsers/firefox.ts';
import {
  extensionPage,
  grantedPermissions,
  hasPermission,
  presentNames,
  request,
  tabIdOf,
  waitForReport,
} from '../../scripts/browsers/extension-api.ts';
import { openPopup, seenRow } from './scenarios/context.ts';
import { describeEmbeddedContent } from './scenarios/embedded-content.ts';

describe('Firefox ESR', () => describeExtension((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port } })));

describe('Firefox ESR', () =>
  describeEmbeddedContent('firefox', (extensionDir, port) =>
    launchFirefox({ extensionDir, hostMap: { hosts: PORTAL_HOSTS, port }, pinCookiePolicy: true }),
  ));

// Firefox can grant optional permissions without its prompt (a pref), so the grant path runs for real here.
describe('Firefox ESR: the person grants access to a portal on its own domain', () => {
  const { browser } = launchedForBlock((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port } }));

  it('offers access, gets it from the popup, then inspects the site like a portal', async () => {
    const host = 'opendata.example.org';
    const popup = await openPopup(browser(), host);
    await popup.waitFor('[data-access="site"] button');
    await popup.click('[data-access="site"] button');
    await popup.waitFor('[data-charter]');

    const site = await browser().newPage();
    await site.goto(`http://${host}/`);
    const api = await extensionPage(browser());
    const report = await waitForReport(api, host, (r) => r.charter.kind === 'live' && presentNames(r).includes('sessionid'));
    expect(report.cookies.find((c) => c.name === 'sessionid')?.status).toBe('declared');
    await popup.waitFor(seenRow('sessionid'));
    await Promise.all([site.close(), api.close(), popup.close()]);
  });

  it('offers the DevTools panel as an optional permission, and gets it from the popup', async () => {
    const api = await extensionPage(browser());
    expect(await hasPermission(api, 'devtools')).toBe(false);
    const popup = await openPopup(browser(), 'data.tco.re');
    await popup.waitFor('[data-action="enable-devtools"]');
    await popup.click('[data-action="enable-devtools"]');
    await popup.waitFor('[data-tools-status]');
    expect(await popup.texts('[data-tools-status]')).toEqual([
      'Done: the “Cookie charter” panel is in DevTools the next time you open it.',
    ]);
    expect(await hasPermission(api, 'devtools')).toBe(true);
    // Granted: no longer offered, in the popup or the side panel.
    const again = await openPopup(browser(), 'data.tco.re');
    // The tools come once the browser has answered; Firefox's sidebar is there from the start.
    await again.waitFor('[data-action="open-side-panel"]');
    expect(await again.texts('[data-action="enable-devtools"]')).toEqual([]);
    await Promise.all([popup.close(), again.close(), api.close()]);
  });

  it('runs the DevTools page once granted: the real toolbox shows our panel, and its page hears which response set a cookie', async () => {
    const host = 'data.tco.re';
    const api = await extensionPage(browser());
    if (!(await hasPermission(api, 'devtools'))) {
      const popup = await openPopup(browser(), host);
      await popup.waitFor('[data-action="enable-devtools"]');
      await popup.click('[data-action="enable-devtools"]');
      await popup.waitFor('[data-tools-status]');
      await popup.close();
    }
    const site = await browser().newPage();
    await site.goto(`http://${host}/`);
    const tabId = await tabIdOf(api, `http://${host}/*`);
    expect(await openFirefoxToolbox(browser(), `http://${host}/`, 'Cookie charter')).toContain('webext-devtools-panel');
    // The DevTools page runs once the toolbox is open: it has said so to the worker.
    await expect.poll(async () => (await request(api, 'getNetworkLog', { tabId }))?.tabId ?? null).toBe(tabId);
    // A page load with DevTools open: the portal's Set-Cookie headers are heard, names only.
    await site.goto(`http://${host}/explore/dataset/demo/`);
    await expect
      .poll(async () => (await request(api, 'getNetworkLog', { tabId }))?.responses.flatMap((r) => r.cookies.map((c) => c.name)) ?? [])
      .toContain('sessionid');
    const log = await request(api, 'getNetworkLog', { tabId });
    expect(JSON.stringify(log)).not.toMatch(/fixture-session-|fixture-csrf-/);
    // The panel's page for that tab names the response.
    const panel = await browser().newPage();
    await panel.setViewport(1100, 800);
    await panel.goto(browser().extensionUrl(`src/panel/index.html?tabId=${tabId}`));
    await panel.waitFor(`[data-cookie-event="sessionid"][data-event="changed"] [data-set-by="response"]`);
    expect((await panel.texts(`[data-cookie-event="sessionid"][data-event="changed"] [data-set-by="response"]`)).at(-1)).toBe(
      `by GET http://${host}/explore/dataset/demo/ (200)`,
    );
    await Promise.all([site.close(), panel.close(), api.close()]);
  });
});

// The shipped build: the grant is optional, asked from the popup; Firefox grants it without its prompt (a pref).
describe('Firefox ESR: the person grants access to cookies of embedded content', () => {
  const { browser } = launchedForBlock((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port } }));

  it('asks from the popup, then files Disqus’s cookies under the portal that embeds them', async () => {
    const host = 'data.commentaires.opendatasoft.com';
    const popup = await openPopup(browser(), host);
    await popup.click('[data-embedded-access="offered"] button');
    await popup.waitFor('main[data-state="ready"] .report');
    const api = await extensionPage(browser());
    await expect
      .poll(() => grantedPermissions(api))
      .toMatchObject({ permissions: expect.arrayContaining(['webRequest']), origins: expect.arrayContaining(['*://*/*']) });
    expect(await popup.attributes('[data-embedded-access]', 'data-embedded-access')).toEqual([]);

    const site = await browser().newPage();
    await site.goto(`http://${host}/explore/dataset/arbres-remarquables/map/`);
    const report = await waitForReport(api, host, (r) => r.cookies.some((c) => c.name === 'disqus_unique' && c.thirdParty !== null));
    expect(report.cookies.find((c) => c.name === 'disqus_unique')).toMatchObject({
      domain: '.disqus.com',
      thirdParty: { via: 'response' },
    });
    await Promise.all([site.close(), api.close(), popup.close()]);
  });
});
