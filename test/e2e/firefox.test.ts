import { describe, expect, it } from 'vitest';
import type { Browser, Frame } from 'puppeteer-core';
import { launchedForBlock } from './scenarios/launched.ts';
import {
  BARE_COOKIE_PAGE,
  BARE_COOKIE_TEXT,
  CHARTER_PAGE,
  DUP_COOKIE,
  DUP_COOKIE_PAGE,
  heldCharterReadCount,
  LOGIN_COOKIE,
  LOGIN_PAGE,
  PORTAL_HOSTS,
  setCharterPageFault,
} from '../../scripts/demo-portal/server.ts';
import { EMBEDDING_SITE } from '../../scripts/demo-portal/census-portals.ts';
import { auditExtension } from '../../scripts/audit/audit-extension.ts';
import { clickConsent } from '../../scripts/audit/consent-banner.ts';
import type { Report } from '../../src/core/report/index.ts';
import { describeExtension } from './scenarios/describe-extension.ts';
import { closeFirefoxToolbox, launchFirefox, openFirefoxToolbox, readFirefoxToolPanel } from '../../scripts/browsers/firefox.ts';
import { evaluateInParentProcess } from '../../scripts/browsers/firefox-rdp.ts';
import {
  extensionPage,
  findingKeys,
  grantedPermissions,
  hasPermission,
  presentNames,
  reportOf,
  request,
  tabIdOf,
  waitForReport,
} from '../../scripts/browsers/extension-api.ts';
import { FORGOTTEN, openPopup, seenRow, visitPortal } from './scenarios/context.ts';
import { eventRow, PANEL_PAGE, pastDevtoolsOpening } from './scenarios/panels.ts';
import { localeTranslate } from '../support/locale-translate.ts';
import { firefoxSidebar, openFirefoxToolbarPopup, showFirefoxTab } from '../../scripts/browsers/firefox-toolbar.ts';
import { isolated } from '../../src/platform/i18n.ts';
import { poll } from '../../scripts/browsers/toolbar-action.ts';
import { extensionDir, geckoId, type PageUnderTest } from '../../scripts/browsers/browser-under-test.ts';
import { describeEmbeddedContent } from './scenarios/embedded-content.ts';
import { describeInFrench } from './scenarios/french.ts';
import { describeInDarkSystem } from './scenarios/system-theme.ts';
import { privateWindowScenarios } from './scenarios/private-window.ts';

describe('Firefox ESR', () => describeExtension((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port } })));

describe('Firefox ESR', () =>
  describeEmbeddedContent('firefox', (extensionDir, port) =>
    launchFirefox({ extensionDir, hostMap: { hosts: PORTAL_HOSTS, port }, pinCookiePolicy: true }),
  ));

// Its French language pack is Debian's firefox-esr-l10n-fr (scripts/setup.sh).
describe('Firefox ESR', () => describeInFrench((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port }, language: 'fr' })));

describe('Firefox ESR', () =>
  describeInDarkSystem((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port }, colorScheme: 'dark' })));

// A launch of its own: the add-on allowed in private windows, as a person allows it in about:addons
// (firefox.ts, allowInPrivateWindows); the other launches keep Firefox's default, not allowed.
describe('Firefox ESR: private windows', () =>
  privateWindowScenarios(
    launchedForBlock((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port }, allowPrivateBrowsing: true })),
  ));

// The other tests open the popup as a page named with ?host=; these click the toolbar button, whose
// popup finds its site from the active tab (the address the browser shows it only through
// activeTab), and click in that popup as a person does (firefox-toolbar.ts).
describe('Firefox ESR: the popup the toolbar button opens, and the sidebar it opens', () => {
  const { browser } = launchedForBlock((port) => launchFirefox({ hostMap: { hosts: PORTAL_HOSTS, port } }));
  const addon = () => geckoId(extensionDir('firefox'));

  it('shows the cookies of the portal in the active tab', async () => {
    const site = await visitPortal(browser(), 'data.tco.re');
    const api = await extensionPage(browser());
    const popup = await openFirefoxToolbarPopup(browser(), addon(), api, 'http://data.tco.re/');
    await popup.waitFor(seenRow('sessionid'));
    await popup.close();
    await Promise.all([site.close(), api.close()]);
  });

  it('on a site it has no access to, offers the grant and gets it with a click, never that the tab shows no web page', async () => {
    const host = 'opendata.example.org';
    const api = await extensionPage(browser());
    const site = await browser().newPage();
    await site.goto(`http://${host}/`);
    const popup = await openFirefoxToolbarPopup(browser(), addon(), api, `http://${host}/`);
    await popup.waitFor('[data-access="site"] button');
    expect((await popup.texts('[data-access="site"] button'))[0]).toContain(host);
    // Firefox asks for a permission only during a user gesture: the click is the person's.
    await popup.click('[data-access="site"] button');
    await popup.waitFor('main[data-state="ready"] [data-charter]');
    expect((await grantedPermissions(api)).origins).toEqual(expect.arrayContaining([expect.stringContaining(host)]));
    await popup.close();
    await Promise.all([site.close(), api.close()]);
  });

  it('on an empty tab, says the tab shows no page it can read', async () => {
    const api = await extensionPage(browser());
    const blank = await browser().newPage();
    const popup = await openFirefoxToolbarPopup(browser(), addon(), api, 'about:blank');
    await popup.waitFor('main[data-state="no-site"]');
    expect(await popup.texts('main[data-state="no-site"] > p.status')).toEqual([localeTranslate('en')('noSite')]);
    await popup.close();
    await Promise.all([blank.close(), api.close()]);
  });

  it('on a tab still loading a portal (its server slow to answer), shows the portal once its page is there', async () => {
    const host = 'data.tco.re';
    const start = 'data:text/html,before-the-portal';
    const api = await extensionPage(browser());
    const site = await browser().newPage();
    await site.goto(start);
    setCharterPageFault(host, 'hold');
    try {
      const loading = site.goto(`http://${host}${CHARTER_PAGE}`);
      // Heard if the test fails first, never an unhandled rejection.
      loading.catch(() => undefined);
      await poll('the tab asked for the portal’s page', 10_000, async () => (heldCharterReadCount(host) > 0 ? true : undefined));
      // Firefox names no page a tab is loading (no pendingUrl; measured): the popup says the tab
      // shows no page it can read, then follows its tab there once the page commits.
      const popup = await openFirefoxToolbarPopup(browser(), addon(), api, start);
      await popup.waitFor('main[data-state="no-site"]');
      setCharterPageFault(host, null);
      await loading;
      await popup.waitFor(`main[data-state="ready"] .report[data-host="${host}"]`);
      await popup.close();
    } finally {
      setCharterPageFault(host, null);
      await Promise.all([site.close(), api.close()]);
    }
  });

  it('opens the sidebar with a click in the popup; the sidebar follows the tab shown in its window, live', async () => {
    const first = await visitPortal(browser(), 'itie.opendatasoft.com');
    const api = await extensionPage(browser());
    const popup = await openFirefoxToolbarPopup(browser(), addon(), api, 'http://itie.opendatasoft.com/');
    // Firefox opens a sidebar only during a user gesture, as Chrome does its side panel.
    await popup.click('main[data-state="ready"] [data-action="open-side-panel"]');
    const sidebar = firefoxSidebar(browser(), addon(), api);
    await sidebar.waitFor('main[data-state="ready"] .report[data-host="itie.opendatasoft.com"]');
    expect(await sidebar.texts(seenRow('sessionid'))).toHaveLength(1);
    const second = await browser().newPage();
    await second.goto('http://data.nantesmetropole.fr/');
    await showFirefoxTab(browser(), addon(), 'http://data.nantesmetropole.fr/');
    await sidebar.waitFor('main[data-state="ready"] .report[data-host="data.nantesmetropole.fr"]');
    // Its timeline tab (in a narrow sidebar), clicked through the extension's page that reads it: no gesture needed.
    await api.evaluate(() => {
      const views = (globalThis as unknown as { browser: { extension: { getViews(filter: { type: string }): Window[] } } }).browser;
      views.extension.getViews({ type: 'sidebar' })[0]?.document.querySelector<HTMLElement>('#tab-timeline')?.click();
    }, null);
    await sidebar.waitFor(eventRow('sessionid'));
    await second.evaluate(() => void (document.cookie = 'late_in_sidebar=1; path=/'), null);
    await sidebar.waitFor(`${eventRow('late_in_sidebar')}[data-new="true"]`);
    await sidebar.close();
    await Promise.all([first.close(), second.close(), api.close()]);
  });
});

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

  it('runs the DevTools page once granted: the real toolbox shows our panel, and its page hears which response set a cookie, or a script', async () => {
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
    // A page load with DevTools open (past the moments right after it opened, which no log covers):
    // the portal's Set-Cookie headers are heard, names only.
    await pastDevtoolsOpening(api, tabId);
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
    await panel.waitFor(`${eventRow('sessionid')}[data-event="changed"] [data-set-by="response"]`);
    expect((await panel.texts(`${eventRow('sessionid')}[data-event="changed"] [data-set-by="response"]`)).at(-1)).toBe(
      `by ${isolated('GET')} ${isolated(`http://${host}/explore/dataset/demo/`)} (${isolated('200')})`,
    );
    // Heard before the toolbox was opened: no response can be named.
    await panel.waitFor(`${eventRow('sessionid')}[data-event="set"] [data-set-by="unseen"]`);
    // The portal's widget sets its cookie by script on every page (scripts/demo-portal/server.ts,
    // portalPage's forgetful widget): once its window is over, no response of the tab set it.
    await panel.waitFor(`${eventRow(FORGOTTEN)}[data-event="changed"] [data-set-by="script"]`, 10_000);
    // A Set-Cookie without '=': Firefox ESR 153 names the cookie by its text, ESR 140 keeps it
    // nameless, the text its value (measured: scenarios/popup.ts). The DevTools page reads it as
    // the browser's version says (asked of the worker), and the panel names its response; the
    // text of a nameless one never reaches the log.
    await site.goto(`http://${host}${BARE_COOKIE_PAGE}`);
    const seen = await waitForReport(api, host, (r) => presentNames(r).includes(BARE_COOKIE_TEXT) || presentNames(r).includes(''));
    const bare = presentNames(seen).includes(BARE_COOKIE_TEXT) ? BARE_COOKIE_TEXT : '';
    await panel.waitFor(`${eventRow(bare)} [data-set-by="response"]`, 10_000);
    expect((await panel.texts(`${eventRow(bare)} [data-set-by="response"]`)).at(-1)).toBe(
      `by ${isolated('GET')} ${isolated(`http://${host}${BARE_COOKIE_PAGE}`)} (${isolated('200')})`,
    );
    if (bare === '') expect(JSON.stringify(await request(api, 'getNetworkLog', { tabId }))).not.toContain(BARE_COOKIE_TEXT);
    // A sign-in's redirect that sets a cookie: named as any response (Chrome's late Set-Cookie: chromium.test.ts).
    await site.goto(`http://${host}${LOGIN_PAGE}`);
    await panel.waitFor(`${eventRow(LOGIN_COOKIE)} [data-set-by="response"]`, 10_000);
    expect(await panel.texts(`${eventRow(LOGIN_COOKIE)} [data-set-by]`)).toEqual([
      `by ${isolated('GET')} ${isolated(`http://${host}${LOGIN_PAGE}`)} (${isolated('302')})`,
    ]);
    // The same cookie set twice alike (the second line written otherwise), then a script's change:
    // Firefox tells one event for both lines (two re-reviews), so the change is the script's once
    // its window is over.
    await site.goto(`http://${host}${DUP_COOKIE_PAGE}`);
    await panel.waitFor(`${eventRow(DUP_COOKIE)}[data-event="changed"] [data-set-by="script"]`, 10_000);
    expect(await panel.texts(`${eventRow(DUP_COOKIE)}[data-event="set"] [data-set-by]`)).toEqual([
      `by ${isolated('GET')} ${isolated(`http://${host}${DUP_COOKIE_PAGE}`)} (${isolated('200')})`,
    ]);
    // DevTools closed: the worker hears its page's port end, and the tab's log says when (what
    // comes after is no longer said to be a script's).
    expect((await request(api, 'getNetworkLog', { tabId }))?.closedAt).toBeUndefined();
    await closeFirefoxToolbox(browser(), `http://${host}/`);
    await expect.poll(async () => (await request(api, 'getNetworkLog', { tabId }))?.closedAt ?? null, { timeout: 10_000 }).not.toBeNull();
    await Promise.all([site.close(), panel.close(), api.close()]);
  });
});

/** The body's background in each theme: views.css's --bg. */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(27, 29, 32)' } as const;

/** What the DevTools panel's page shows of its theme: the one it applied (none: the system's), and its body's background. */
const panelLook = (window: Window) => ({
  state: window.document.querySelector('main')?.getAttribute('data-state') ?? null,
  theme: window.document.documentElement.getAttribute('data-theme'),
  background: window.getComputedStyle(window.document.body).backgroundColor,
});

// DevTools' theme is its own (the `devtools.theme` pref its settings write), apart from the system's:
// the panel in the real toolbox follows it (devtools.panels.themeName, then onThemeChanged), while
// the tab's page and the same panel page opened in a tab follow the system. Firefox also gives the
// panel's page DevTools' colour scheme (prefers-color-scheme, measured in ESR 140): the background
// alone would not tell the page's own choice, its data-theme does.
for (const { system, devtools, changedTo } of [
  { system: 'light', devtools: 'dark', changedTo: 'light' },
  { system: 'dark', devtools: 'light', changedTo: 'dark' },
] as const) {
  describe(`Firefox ESR: the real DevTools panel, DevTools ${devtools} in a ${system} system`, () => {
    const { browser } = launchedForBlock((port) =>
      launchFirefox({
        hostMap: { hosts: PORTAL_HOSTS, port },
        devtoolsTheme: devtools,
        ...(system === 'dark' ? { colorScheme: 'dark' } : {}),
      }),
    );

    it(`is ${devtools} as DevTools is, the page and the panel's page in a tab ${system}; then ${changedTo} when DevTools' theme changes`, async () => {
      const host = 'data.tco.re';
      const url = `http://${host}/`;
      const popup = await openPopup(browser(), host);
      await popup.waitFor('[data-action="enable-devtools"]');
      await popup.click('[data-action="enable-devtools"]');
      await popup.waitFor('[data-tools-status]');
      await popup.close();
      const site = await visitPortal(browser(), host);
      const tool = await openFirefoxToolbox(browser(), url, 'Cookie charter');
      const look = () => readFirefoxToolPanel(browser(), url, tool, panelLook);
      await expect.poll(async () => (await look())?.state ?? null, { timeout: 15_000 }).toBe('ready');
      expect(await look()).toEqual({ state: 'ready', theme: devtools, background: BACKGROUND[devtools] });
      // The same page outside DevTools, and the tab's page, follow the system.
      expect(await site.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches, null)).toBe(system === 'dark');
      const inTab = await browser().newPage();
      await inTab.goto(browser().extensionUrl(`${PANEL_PAGE}?host=${host}`));
      await inTab.waitFor('main[data-state="ready"]');
      expect(await inTab.evaluate(() => getComputedStyle(document.body).backgroundColor, null)).toBe(BACKGROUND[system]);
      // The person picks the other theme in DevTools' settings (which write this pref): the open panel follows.
      await evaluateInParentProcess(
        await browser().rdp(),
        'set the DevTools theme',
        `Services.prefs.setCharPref('devtools.theme', '${changedTo}')`,
      );
      await expect.poll(async () => (await look())?.theme ?? null, { timeout: 15_000 }).toBe(changedTo);
      expect(await look()).toEqual({ state: 'ready', theme: changedTo, background: BACKGROUND[changedTo] });
      await closeFirefoxToolbox(browser(), url);
      await Promise.all([site.close(), inTab.close()]);
    });
  });
}

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

/** The part of Firefox's `browser` namespace the first-party isolation tests read in an extension page. */
interface FirefoxCookiesApi {
  cookies: {
    getAll(details: { domain: string; firstPartyDomain: null }): Promise<{ name: string; domain: string; firstPartyDomain: string }[]>;
  };
}

/** The frame of a page showing `host` inside another site's page, once it has loaded. */
async function embeddedFrame(browser: Browser, host: string): Promise<Frame> {
  for (const page of await browser.pages()) {
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame() && candidate.url().startsWith(`http://${host}/`));
    if (frame) return frame;
  }
  throw new Error(`no frame of ${host}`);
}

/**
 * The reports of `hosts` once one of them holds what `heard` looks for: what the worker did with a
 * cookie event, wherever it filed it (a wait on its answer, never a fixed sleep).
 */
async function reportsOnceHeard(api: PageUnderTest, hosts: readonly string[], heard: (report: Report) => boolean): Promise<Report[]> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const reports = await Promise.all(hosts.map((host) => reportOf(api, host)));
    if (reports.some(heard)) return reports;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`none of ${hosts.join(', ')} heard it`);
}

// Tor Browser and Mullvad Browser isolate every cookie under the first party of the page it was
// set in: a frame of the portal in another site's page writes under that site's, and the portal's
// own pages never read it. The audit build (every site granted) records the embedding site too:
// its report says when the worker heard the frame's cookies.
describe('Firefox ESR: first-party isolation', () => {
  const { browser } = launchedForBlock((port) =>
    launchFirefox({ extensionDir: auditExtension('firefox').dir, hostMap: { hosts: PORTAL_HOSTS, port }, firstPartyIsolation: true }),
  );

  it('keeps the portal’s refusal and cookies its own when a frame of it in another site’s page accepts, writes a cookie, then deletes its choice', async () => {
    const portal = 'demo.huwise.com';
    const api = await extensionPage(browser());
    const site = await browser().newPage();
    await site.goto(`http://${portal}/`);
    expect(await clickConsent(site, 'refuse')).toBe('tout refuser');
    const refused = await waitForReport(
      api,
      portal,
      (r) => r.consent.state === 'refused' && findingKeys(r).includes(`after-refusal ${FORGOTTEN}`),
    );
    const ownChoice = (report: Report) => report.cookies.find((c) => c.name === 'cookies_preferences' && c.removed === null);
    // Isolated under the portal's registrable domain, as Firefox names it.
    expect(ownChoice(refused)?.firstPartyDomain).toBe('huwise.com');
    const notSeen = (report: Report) => report.findings.filter((f) => f.kind === 'not-seen').length;

    const blog = await browser().newPage();
    await blog.goto(`http://${EMBEDDING_SITE}/`);
    await blog.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          const frame = document.createElement('iframe');
          frame.onload = () => resolve();
          frame.src = src;
          document.body.append(frame);
        }),
      `http://${portal}/`,
    );
    const frame = await embeddedFrame(browser().browser, portal);
    const accepted = encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: true, ga: true, timestamp: Date.now() }));
    await frame.evaluate((value) => {
      document.cookie = `cookies_preferences=${value}; path=/; max-age=3600`;
      document.cookie = 'frame_only_cookie=1; path=/; max-age=3600';
    }, accepted);
    const hasFrameCookie = (report: Report) => report.cookies.some((c) => c.name === 'frame_only_cookie');
    const [afterWrite, blogs] = await reportsOnceHeard(api, [portal, EMBEDDING_SITE], hasFrameCookie);
    // Filed under the site whose page the frame is in, isolated under that site's first party.
    expect(blogs!.cookies.find((c) => c.name === 'frame_only_cookie')?.firstPartyDomain).toBe('example.net');
    expect(presentNames(afterWrite!)).not.toContain('frame_only_cookie');
    expect(afterWrite!.consent.state).toBe('refused');
    expect(findingKeys(afterWrite!)).toContain(`after-refusal ${FORGOTTEN}`);
    expect(findingKeys(afterWrite!).filter((f) => f.includes('frame_only_cookie'))).toEqual([]);
    expect(notSeen(afterWrite!)).toBe(notSeen(refused));

    await frame.evaluate(() => {
      document.cookie = 'cookies_preferences=; path=/; max-age=0';
    });
    const frameChoiceRemoved = (report: Report) =>
      report.cookies.some((c) => c.name === 'cookies_preferences' && c.firstPartyDomain === 'example.net' && c.removed !== null);
    const [afterDelete] = await reportsOnceHeard(api, [portal, EMBEDDING_SITE], (r) => frameChoiceRemoved(r) || r.consent.state === 'none');
    // Firefox still holds the portal's own refusal.
    expect(afterDelete!.consent.state).toBe('refused');
    expect(ownChoice(afterDelete!)?.firstPartyDomain).toBe('huwise.com');
    // The popup says which first party each row's cookie is kept under.
    const popup = await openPopup(browser(), portal);
    const firstParty = `${seenRow('cookies_preferences')} [data-first-party]`;
    await popup.waitFor(firstParty);
    // The site is isolated from the words around it (bidi isolates), as every outside text in a message.
    expect(await popup.texts(firstParty)).toEqual(['First party: \u2068huwise.com\u2069']);
    await Promise.all([blog.close(), site.close(), api.close(), popup.close()]);
  });

  // Both portals' cookies are isolated under one first party, opendatasoft.com (f68dbbd: clearing
  // one used to delete the other's, its session and its choice among them).
  it('"Record consent flow" on one portal keeps the cookies of another portal isolated under the same first party', async () => {
    const cleared = 'itie.opendatasoft.com';
    const other = 'anglet-opendatapaysbasque.opendatasoft.com';
    const pages = [await visitPortal(browser(), cleared), await visitPortal(browser(), other)];
    const api = await extensionPage(browser());
    const cookiesOf = (host: string) =>
      api.evaluate(
        async (domain) =>
          (await (globalThis as unknown as { browser: FirefoxCookiesApi }).browser.cookies.getAll({ domain, firstPartyDomain: null }))
            .filter((cookie) => cookie.domain.replace(/^\./, '') === domain)
            .map((cookie) => `${cookie.name} ${cookie.firstPartyDomain}`)
            .sort(),
        host,
      );
    const othersBefore = await cookiesOf(other);
    expect(othersBefore).toContain('sessionid opendatasoft.com');
    expect(await cookiesOf(cleared)).toContain('sessionid opendatasoft.com');

    await request(api, 'clearSite', { host: cleared });
    expect(await cookiesOf(cleared)).toEqual([]);
    expect(await cookiesOf(other)).toEqual(othersBefore);
    await Promise.all([...pages.map((page) => page.close()), api.close()]);
  });
});
