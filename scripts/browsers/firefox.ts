/**
 * Real headless Firefox ESR (Debian's /usr/bin/firefox-esr) with the built extension installed
 * as a temporary add-on, driven by puppeteer-core over WebDriver BiDi. Portal host names reach
 * the local fixture through a PAC proxy; the extension's internal UUID is pinned by a pref so
 * its pages have a known moz-extension:// address. What BiDi cannot do (stop the background
 * script, open the DevTools toolbox) goes through Firefox's debugging server (firefox-rdp.ts).
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import {
  connectRdp,
  debuggerServerArgs,
  evaluateInParentProcess,
  freeLocalPort,
  terminateBackgroundScript,
  type RdpClient,
} from './firefox-rdp.ts';
import {
  domReads,
  extensionDir,
  geckoId,
  MissingBrowserError,
  popupPath,
  profileDir,
  type BrowserUnderTest,
  type LaunchOptions,
  type PageUnderTest,
} from './browser-under-test.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** What of puppeteer's page frame over WebDriver BiDi setViewport uses. */
type BidiFrame = { browsingContext: { setViewport(options: { viewport: { width: number; height: number } }): Promise<void> } };

/** Puppeteer's page as the scenarios drive a page (a page found among `browser.pages()`, a private window's tab). */
export function wrapPage(page: Page): PageUnderTest {
  const evaluate: PageUnderTest['evaluate'] = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as never, arg);
  return {
    ...domReads(evaluate),
    evaluate,
    goto: async (url) => {
      if (url.startsWith('moz-extension:')) {
        // Extension pages send no load event over BiDi: start the navigation, let callers wait for a selector.
        await page.goto(url, { waitUntil: [], timeout: 15_000 }).catch(() => undefined);
      } else {
        await page.goto(url, { waitUntil: 'load' });
      }
    },
    waitFor: async (selector, timeout = 15_000) => void (await page.waitForSelector(selector, { timeout })),
    // Playwright's click (Chromium) waits for its element; puppeteer's does not: wait as it does.
    click: async (selector) => {
      await page.waitForSelector(selector, { visible: true, timeout: 15_000 });
      await page.click(selector);
    },
    evaluateScript: (source) => page.evaluate(source),
    press: async (selector, key) => {
      await page.focus(selector);
      await page.keyboard.press(key as never);
    },
    typeInto: async (selector, text) => {
      await page.focus(selector);
      await page.$eval(selector, (field) => (field as HTMLInputElement).select());
      await page.keyboard.type(text);
    },
    // The viewport alone, over BiDi: puppeteer's setViewport also sends
    // emulation.setScreenOrientationOverride, a command Firefox ESR 140.12 does not know (153 does).
    setViewport: (width, height) => (page.mainFrame() as unknown as BidiFrame).browsingContext.setViewport({ viewport: { width, height } }),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    close: () => page.close(),
  };
}

/** Firefox's chrome code that finds the tab showing `url` (`tab`) and DevTools' manager (`gDevTools`), for the toolbox scripts below. */
function toolboxPrelude(url: string): string {
  return `const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
    const { gDevTools } = require('devtools/client/framework/devtools');
    const tab = gBrowser.tabs.find((candidate) => candidate.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(url)}));
    if (!tab) throw new Error('no tab at ' + ${JSON.stringify(url)});`;
}

/**
 * Opens Firefox's Web Developer Tools on the tab showing `url` and selects the extension's tool
 * `label`, as a person would. A smoke test only: this goes through Firefox's own chrome code
 * (gDevTools, evaluated in the parent process over the debugging server: firefox-rdp.ts), not
 * through an API meant for tests. Resolves to the tool's id (readFirefoxToolPanel reads its page).
 */
export async function openFirefoxToolbox(firefox: { rdp: () => Promise<RdpClient> }, url: string, label: string): Promise<string> {
  const id = await evaluateInParentProcess(
    await firefox.rdp(),
    'toolbox',
    `(async () => {
    ${toolboxPrelude(url)}
    gBrowser.selectedTab = tab;
    const toolbox = await gDevTools.showToolboxForTab(tab);
    const deadline = Date.now() + 15000;
    let tool;
    while (!tool && Date.now() < deadline) {
      tool = [...toolbox.additionalToolDefinitions.values()].find((definition) => definition.label === ${JSON.stringify(label)});
      if (!tool) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!tool) throw new Error('no tool ' + ${JSON.stringify(label)});
    await toolbox.selectTool(tool.id);
    return tool.id;
  })()`,
  );
  return id as string;
}

/** Closes Firefox's Web Developer Tools on the tab showing `url`, as a person does (the same chrome code as openFirefoxToolbox). */
export async function closeFirefoxToolbox(firefox: { rdp: () => Promise<RdpClient> }, url: string): Promise<void> {
  await evaluateInParentProcess(
    await firefox.rdp(),
    'close the toolbox',
    `(async () => {
    ${toolboxPrelude(url)}
    await gDevTools.closeToolboxForTab(tab);
    return true;
  })()`,
  );
}

/**
 * Reads the page of the extension's tool `toolId` as the toolbox on the tab showing `url` shows
 * it: `read` (self-contained: it goes as source) runs on that page's window and its value, which
 * must survive JSON, comes back; null while the toolbox has not made the tool's browser yet. The
 * page lives in the extension's process, inside a <browser> of the toolbox's chrome iframe
 * (webext-panels.xhtml), out of reach of BiDi and of the tab's debugging targets: the parent
 * process loads a frame script into that browser (its message manager, as Firefox's own
 * extension code does), which reads the window as chrome code does (through Xray wrappers: DOM
 * properties, not the page's own expandos) and sends the value back.
 */
export async function readFirefoxToolPanel<T>(
  firefox: { rdp: () => Promise<RdpClient> },
  url: string,
  toolId: string,
  read: (window: Window) => T,
): Promise<T | null> {
  const message = `e2e:tool-panel:${randomUUID()}`;
  const frameScript = `try { sendAsyncMessage(${JSON.stringify(message)}, { value: (${read.toString()})(content) }); }
    catch (error) { sendAsyncMessage(${JSON.stringify(message)}, { error: String(error) }); }`;
  const outcome = (await evaluateInParentProcess(
    await firefox.rdp(),
    'read the tool panel',
    `(async () => {
    ${toolboxPrelude(url)}
    const toolbox = gDevTools.getToolboxForTab(tab);
    const frame = toolbox?.doc.getElementById('toolbox-panel-iframe-' + ${JSON.stringify(toolId)});
    const panel = frame?.contentDocument?.querySelector('browser[webextension-view-type="devtools_panel"]');
    if (!panel?.messageManager) return null;
    const manager = panel.messageManager;
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => { manager.removeMessageListener(${JSON.stringify(message)}, listener); reject(new Error('no answer from the panel')); }, 5000);
      const listener = (answer) => { clearTimeout(timer); manager.removeMessageListener(${JSON.stringify(message)}, listener); resolve(answer.data); };
      manager.addMessageListener(${JSON.stringify(message)}, listener);
      manager.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(frameScript)}), false);
    });
  })()`,
  )) as { value: T } | { error: string } | null;
  if (outcome === null) return null;
  if ('error' in outcome) throw new Error(`the tool panel: ${outcome.error}`);
  return outcome.value;
}

/** A PAC script sending the mapped hosts to the local server, everything else directly. */
function pacScript(hosts: readonly string[], port: number): string {
  return `function FindProxyForURL(url, host) { return ${JSON.stringify(hosts)}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${port}" : "DIRECT"; }`;
}

/** Firefox's launch options: the common ones, and what only Firefox can be launched with. */
export type FirefoxLaunchOptions = LaunchOptions & {
  /** DevTools' own theme (the `devtools.theme` pref, which the toolbox's settings change), apart from the system's; Firefox's default ("auto", the system's) otherwise. */
  devtoolsTheme?: 'light' | 'dark';
  /**
   * The add-on allowed in private windows, as about:addons' "Run in Private Windows" allows it
   * (allowInPrivateWindows); not allowed otherwise, as Firefox installs every add-on.
   */
  allowPrivateBrowsing?: boolean;
  /**
   * Firefox's first-party isolation (privacy.firstparty.isolate), as Tor Browser and Mullvad
   * Browser run: every cookie kept under the registrable domain of the top-level page it was set
   * in (the cookies API's firstPartyDomain). Off otherwise, Firefox's default.
   */
  firstPartyIsolation?: boolean;
};

/**
 * Allows the add-on `addonId` in private windows and reloads it, as Firefox's own remote agent
 * does for WebDriver BiDi's webExtension.install with "moz:allowPrivateBrowsing" (remote/shared/
 * Addon.sys.mjs in ESR 153's omni.ja: ExtensionPermissions.add of the internal permission
 * "internal:privateBrowsingAllowed", then addon.reload()), and as about:addons' switch does. A
 * temporary add-on is not allowed by itself (Extension.sys.mjs's _setupStartupPermissions grants
 * it only to privileged add-ons not temporarily installed; measured: isAllowedIncognitoAccess()
 * false, windows.create({ incognito: true }) refused with "Extension does not have permission for
 * incognito mode"), no pref allows it (extensions.allowPrivateBrowsingByDefault is gone), and
 * puppeteer's installExtension sends no "moz:allowPrivateBrowsing". The reload starts the
 * background afresh before any test has run; the pinned UUID keeps the pages' address.
 */
async function allowInPrivateWindows(rdp: RdpClient, addonId: string): Promise<void> {
  const allowed = await evaluateInParentProcess(
    rdp,
    'allow the add-on in private windows',
    `(async () => {
    const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
    const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
    await ExtensionPermissions.add(${JSON.stringify(addonId)}, { permissions: ['internal:privateBrowsingAllowed'], origins: [] });
    await (await AddonManager.getAddonByID(${JSON.stringify(addonId)})).reload();
    return WebExtensionPolicy.getByID(${JSON.stringify(addonId)})?.privateBrowsingAllowed ?? false;
  })()`,
  );
  if (allowed !== true) throw new Error(`the add-on ${addonId} is not allowed in private windows after its reload`);
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<
  BrowserUnderTest & {
    browser: Browser;
    rdp: () => Promise<RdpClient>;
    /** The internal UUIDs of `options.besideExtensions` (their moz-extension:// hosts), in order. */
    besideIds: string[];
  }
> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new MissingBrowserError(`Firefox ESR not found at ${FIREFOX_PATH}: install it with \`apt-get install -y firefox-esr\``);
  }
  const dir = options.extensionDir ?? extensionDir('firefox');
  const proxy = options.hostMap
    ? {
        'network.proxy.type': 2,
        'network.proxy.autoconfig_url': `data:text/javascript,${encodeURIComponent(pacScript(options.hostMap.hosts, options.hostMap.port))}`,
        'network.proxy.allow_hijacking_localhost': true,
      }
    : {};
  const uuid = randomUUID();
  const beside = (options.besideExtensions ?? []).map((besideDir) => ({ dir: besideDir, uuid: randomUUID() }));
  // Read from the builds' manifests before the profile is made: a bad build leaves nothing behind.
  const uuids = JSON.stringify(
    Object.fromEntries([[geckoId(dir), uuid], ...beside.map((extension) => [geckoId(extension.dir), extension.uuid])]),
  );
  // The debugging server, for what the tests ask of Firefox's own code (firefox-rdp.ts): local only.
  const debuggerPort = await freeLocalPort();
  const debuggerServer = debuggerServerArgs(debuggerPort);
  const profile = profileDir('firefox');
  const launched = puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile.path,
    // Firefox upgrades the extension's http fetches to https; the local portal's certificate is self-signed.
    acceptInsecureCerts: true,
    // Without it, navigation to moz-extension:// pages is refused.
    args: ['--remote-allow-system-access', ...debuggerServer.args],
    extraPrefsFirefox: {
      ...debuggerServer.prefs,
      ...proxy,
      // Optional host permissions are granted without a prompt a headless browser could not answer.
      'extensions.webextOptionalPermissionPrompts': false,
      'extensions.webextensions.uuids': uuids,
      // The fixture is plain http: keep Firefox from upgrading portal pages to https.
      'dom.security.https_first': false,
      // Private windows have their own switch, on by default (measured: a private window's
      // http://demo.huwise.com/ showed https://); the private-window scenario wants the same page.
      'dom.security.https_first_pbm': false,
      'dom.security.https_only_mode': false,
      'browser.shell.checkDefaultBrowser': false,
      // Containers on, as Multi-Account Containers turns them on (ESR 140's default is off): with
      // them off, tabs.create refuses a cookieStoreId ("Contextual identities are currently
      // disabled"), and the containers scenario opens its tab so. The default store is unchanged.
      'privacy.userContext.enabled': true,
      // See COOKIE_POLICY: Firefox's default, pinned.
      ...(options.pinCookiePolicy ? { 'network.cookie.cookieBehavior': 5 } : {}),
      ...(options.firstPartyIsolation ? { 'privacy.firstparty.isolate': true } : {}),
      // The interface's language, which the extension's strings follow: its language pack
      // (Debian's firefox-esr-l10n-*, installed by scripts/setup.sh) must be there, or Firefox
      // keeps its own.
      ...(options.language ? { 'intl.locale.requested': options.language } : {}),
      // The desktop's dark mode as Firefox reads it from the system (its look-and-feel override):
      // prefers-color-scheme follows, in web and extension pages alike.
      ...(options.colorScheme === 'dark' ? { 'ui.systemUsesDarkTheme': 1 } : {}),
      ...(options.devtoolsTheme ? { 'devtools.theme': options.devtoolsTheme } : {}),
    },
  });
  const browser = await launched.catch((error: unknown) => {
    profile.remove();
    throw error;
  });
  // A launch that fails half-way (an add-on refused, no popup declared) leaves neither its browser nor its profile.
  // Connected when first needed: most runs never ask.
  let rdp: Promise<RdpClient> | undefined;
  const rdpClient = () => (rdp ??= connectRdp(debuggerPort));
  const install = async () => {
    await browser.installExtension(dir);
    if (options.allowPrivateBrowsing) await allowInPrivateWindows(await rdpClient(), geckoId(dir));
    for (const extension of beside) await browser.installExtension(extension.dir);
    return popupPath(dir);
  };
  const popup = await install().catch(async (error: unknown) => {
    if (rdp) (await rdp.catch(() => null))?.close();
    await browser.close().catch(() => undefined);
    profile.remove();
    throw error;
  });
  return {
    name: 'firefox',
    browser,
    newPage: async () => wrapPage(await browser.newPage()),
    popupUrl: (query = '') => `moz-extension://${uuid}/${popup}${query}`,
    processId: () => Promise.resolve(browser.process()?.pid ?? null),
    version: async () => `Firefox ${(await browser.version()).replace(/^firefox\//i, '')}`,
    extensionUrl: (path) => `moz-extension://${uuid}/${path}`,
    rdp: rdpClient,
    besideIds: beside.map((extension) => extension.uuid),
    stopBackground: async () => terminateBackgroundScript(await rdpClient(), geckoId(dir)),
    close: async () => {
      if (rdp) (await rdp.catch(() => null))?.close();
      await browser.close();
      profile.remove();
    },
  };
}
