import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, startPortalServer, type PortalServer } from '../../scripts/demo-portal/server.ts';
import { describeExtension } from './scenarios/describe-extension.ts';
import { launchFirefox } from '../../scripts/browsers/firefox.ts';
import { extensionPage, grantedPermissions, presentNames, waitForReport } from '../../scripts/browsers/extension-api.ts';
import { openPopup, seenRow } from './scenarios/context.ts';
import { describeEmbeddedContent } from './scenarios/embedded-content.ts';

describe('Firefox ESR', () => describeExtension((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port } })));

describe('Firefox ESR', () =>
  describeEmbeddedContent('firefox', (extensionDir, port) =>
    launchFirefox({ extensionDir, hostMap: { hosts: PORTAL_HOSTS, port }, pinCookiePolicy: true }),
  ));

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
});

// The shipped build: the grant is optional, asked from the popup; Firefox grants it without its prompt (a pref).
describe('Firefox ESR: the person grants access to cookies of embedded content', () => {
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

  it('asks from the popup, then files Disqus’s cookies under the portal that embeds them', async () => {
    const host = 'data.commentaires.opendatasoft.com';
    const popup = await openPopup(browser, host);
    await popup.click('[data-embedded-access="offered"] button');
    await popup.waitFor('main[data-state="ready"] .report');
    const api = await extensionPage(browser);
    await expect
      .poll(() => grantedPermissions(api))
      .toMatchObject({ permissions: expect.arrayContaining(['webRequest']), origins: expect.arrayContaining(['*://*/*']) });
    expect(await popup.attributes('[data-embedded-access]', 'data-embedded-access')).toEqual([]);

    const site = await browser.newPage();
    await site.goto(`http://${host}/explore/dataset/arbres-remarquables/map/`);
    const report = await waitForReport(api, host, (r) => r.cookies.some((c) => c.name === 'disqus_unique' && c.thirdParty !== null));
    expect(report.cookies.find((c) => c.name === 'disqus_unique')).toMatchObject({
      domain: '.disqus.com',
      thirdParty: { via: 'response' },
    });
    await Promise.all([site.close(), api.close(), popup.close()]);
  });
});
