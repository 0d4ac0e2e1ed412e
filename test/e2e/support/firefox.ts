/**
 * Real headless Firefox ESR (Debian's /usr/bin/firefox-esr) with the built extension installed
 * as a temporary add-on, driven by puppeteer-core over WebDriver BiDi. Portal host names reach
 * the local fixture through a PAC proxy; the extension's internal UUID is pinned by a pref so
 * its pages have a known moz-extension:// address.
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  extensionDir,
  geckoId,
  FIXTURE_HOSTS,
  popupPath,
  scratchDir,
  type BrowserUnderTest,
  type PageUnderTest,
} from './browser-under-test.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

function wrapPage(page: Page): PageUnderTest {
  return {
    goto: async (url) => {
      if (url.startsWith('moz-extension:')) {
        // Extension pages send no load event over BiDi: start the navigation, let callers wait for a selector.
        await page.goto(url, { waitUntil: [], timeout: 15_000 }).catch(() => undefined);
      } else {
        await page.goto(url, { waitUntil: 'load' });
      }
    },
    waitFor: async (selector, timeout = 15_000) => void (await page.waitForSelector(selector, { timeout })),
    click: (selector) => page.click(selector),
    texts: (selector) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent ?? '')),
    attributes: (selector, name) => page.$$eval(selector, (nodes, attr) => nodes.map((n) => n.getAttribute(attr) ?? ''), name),
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as never, arg) as Promise<R>,
    evaluateScript: (source) => page.evaluate(source),
    press: async (selector, key) => {
      await page.focus(selector);
      await page.keyboard.press(key as never);
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    innerHtml: (selector) => page.$eval(selector, (node) => node.innerHTML),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png`, fullPage: true })),
    close: () => page.close(),
  };
}

/** A PAC script sending the fixture's portal hosts to the local server, everything else nowhere. */
function pacScript(port: number): string {
  const hosts = JSON.stringify(FIXTURE_HOSTS);
  return `function FindProxyForURL(url, host) { return ${hosts}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${port}" : "DIRECT"; }`;
}

export async function launchFirefox(portalPort: number): Promise<BrowserUnderTest & { browser: Browser }> {
  const dir = extensionDir('firefox');
  const profile = scratchDir('firefox');
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile.path,
    // Firefox upgrades the extension's http fetches to https; the fixture's certificate is self-signed.
    acceptInsecureCerts: true,
    // Without it, navigation to moz-extension:// pages is refused.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': `data:text/javascript,${encodeURIComponent(pacScript(portalPort))}`,
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(dir)]: uuid }),
      // The fixture is plain http: keep Firefox from upgrading portal pages to https.
      'dom.security.https_first': false,
      'dom.security.https_only_mode': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  await browser.installExtension(dir);
  const popup = popupPath(dir);
  return {
    name: 'firefox',
    browser,
    newPage: async () => wrapPage(await browser.newPage()),
    popupUrl: (query = '') => `moz-extension://${uuid}/${popup}${query}`,
    close: async () => {
      await browser.close();
      profile.remove();
    },
  };
}
