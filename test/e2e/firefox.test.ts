import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, startPortalServer, type PortalServer } from '../../scripts/demo-portal/server.ts';
import { describeExtension } from './scenarios/describe-extension.ts';
import { launchFirefox } from '../../scripts/browsers/firefox.ts';
import { extensionPage, hasPermission, presentNames, waitForReport } from '../../scripts/browsers/extension-api.ts';
import { openPopup, seenRow } from './scenarios/context.ts';

describe('Firefox ESR', () => describeExtension((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port } })));

// Firefox can grant optional permissions without its prompt (a pref), so the grant path runs for real here.
describe('Firefox ESR: the person grants access to a portal on its own domain', () => {
  let portal: PortalServer;
  let browser: Awaited<ReturnType<typeof launchFirefox>>;

  beforeAll(async () => {
    portal = await startPortalServer();
    browser = await launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port: portal.port } });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('offers access, gets it from the popup, then inspects the site like a portal', async () => {
    const host = 'opendata.example.org';
    const popup = await openPopup(browser, host);
    await popup.waitFor('[data-access="site"] button');
    await popup.click('[data-access="site"] button');
    await popup.waitFor('[data-charter]');

    const site = await browser.newPage();
    await site.goto(`http://${host}/`);
    const api = await extensionPage(browser);
    const report = await waitForReport(api, host, (r) => r.charter.kind === 'live' && presentNames(r).includes('sessionid'));
    expect(report.cookies.find((c) => c.name === 'sessionid')?.status).toBe('declared');
    await popup.waitFor(seenRow('sessionid'));
    await Promise.all([site.close(), api.close(), popup.close()]);
  });

  it('offers the DevTools panel as an optional permission, and gets it from the popup', async () => {
    const api = await extensionPage(browser);
    expect(await hasPermission(api, 'devtools')).toBe(false);
    const popup = await openPopup(browser, 'data.tco.re');
    await popup.waitFor('[data-action="enable-devtools"]');
    await popup.click('[data-action="enable-devtools"]');
    await popup.waitFor('[data-tools-status]');
    expect(await popup.texts('[data-tools-status]')).toEqual([
      'Done: the “Cookie charter” panel is in DevTools the next time you open it.',
    ]);
    expect(await hasPermission(api, 'devtools')).toBe(true);
    // Granted: no longer offered, in the popup or the side panel.
    const again = await openPopup(browser, 'data.tco.re');
    // The tools come once the browser has answered; Firefox's sidebar is there from the start.
    await again.waitFor('[data-action="open-side-panel"]');
    expect(await again.texts('[data-action="enable-devtools"]')).toEqual([]);
    await Promise.all([popup.close(), again.close(), api.close()]);
  });
});
