/**
 * Real headless Chromium (Debian's /usr/bin/chromium) with the built extension loaded, driven by
 * playwright-core. Portal host names resolve to the local fixture with --host-resolver-rules.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  domReads,
  extensionDir,
  MissingBrowserError,
  popupPath,
  scratchDir,
  type BrowserUnderTest,
  type LaunchOptions,
  type PageUnderTest,
} from './browser-under-test.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function wrapPage(page: Page): PageUnderTest {
  const evaluate: PageUnderTest['evaluate'] = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate<R, A>(fn as never, arg);
  return {
    ...domReads(evaluate),
    evaluate,
    goto: async (url) => void (await page.goto(url)),
    waitFor: async (selector, timeout = 15_000) => void (await page.waitForSelector(selector, { timeout, state: 'attached' })),
    click: (selector) => page.click(selector),
    evaluateScript: (source) => page.evaluate(source),
    press: (selector, key) => page.press(selector, key),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    close: () => page.close(),
  };
}

/** The extension's id, read from its service worker's URL once the worker is up. */
async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/**
 * Stops the extension's service worker as Chrome does when it idles (DevTools protocol, through
 * one of the extension's pages); resolves once it is stopped. The next event or message wakes it.
 */
export async function stopServiceWorker(extensionPage: Page): Promise<void> {
  const cdp = await extensionPage.context().newCDPSession(extensionPage);
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

/** The first open page of the extension's own (the handle the DevTools protocol needs). */
export function firstExtensionPage(context: BrowserContext): Page {
  const page = context.pages().find((p) => p.url().startsWith('chrome-extension://'));
  if (!page) throw new Error('no extension page is open');
  return page;
}

/**
 * The browser process, as the DevTools protocol names it (SystemInfo.getProcessInfo, asked of the
 * browser target: a page's session is refused). Null when the protocol does not tell.
 */
async function chromiumProcessId(context: BrowserContext): Promise<number | null> {
  const browser = context.browser();
  if (!browser) return null;
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
    return processInfo.find((info) => info.type === 'browser')?.id ?? null;
  } finally {
    await session.detach();
  }
}

export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserUnderTest & { context: BrowserContext }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new MissingBrowserError(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``);
  }
  const dir = options.extensionDir ?? extensionDir('chrome');
  const profile = scratchDir('chromium');
  if (options.pinCookiePolicy) {
    // Read by Chromium at start-up from a fresh profile (see COOKIE_POLICY).
    mkdirSync(join(profile.path, 'Default'), { recursive: true });
    writeFileSync(join(profile.path, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  const hostRules = options.hostMap
    ? [`--host-resolver-rules=${options.hostMap.hosts.map((host) => `MAP ${host} 127.0.0.1:${options.hostMap!.port}`).join(', ')}`]
    : [];
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      ...hostRules,
      ...(options.language ? [`--lang=${options.language}`] : []),
      // The local portal's TLS side uses a throw-away self-signed certificate.
      ...(options.hostMap ? ['--ignore-certificate-errors'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      // This machine has no network: keep Chromium from trying its own services.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const id = await extensionId(context);
  const popup = popupPath(dir);
  return {
    name: 'chromium',
    context,
    newPage: async () => wrapPage(await context.newPage()),
    popupUrl: (query = '') => `chrome-extension://${id}/${popup}${query}`,
    processId: () => chromiumProcessId(context),
    version: () => Promise.resolve(execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim()),
    close: async () => {
      await context.close();
      profile.remove();
    },
  };
}
