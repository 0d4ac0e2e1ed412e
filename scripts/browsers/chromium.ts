/**
 * Real headless Chromium (Debian's /usr/bin/chromium) with the built extension loaded, driven by
 * playwright-core. Portal host names resolve to the local fixture with --host-resolver-rules.
 */
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  domReads,
  extensionDir,
  MissingBrowserError,
  popupPath,
  profileDir,
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
    typeInto: async (selector, text) => {
      const field = page.locator(selector).first();
      await field.selectText();
      await field.pressSequentially(text);
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    close: () => page.close(),
  };
}

/**
 * The id Chromium gives the unpacked extension in `dir`: the SHA-256 of its absolute path, the
 * first 32 hex digits written with the letters a-p. Two builds of ours name the same worker file,
 * so the id cannot be told from the worker's URL: it was, and a second build took the first's id.
 */
export function unpackedExtensionId(dir: string): string {
  const digest = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...digest].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** Each extension's id (in the order of `dirs`), once a service worker of each is up. */
async function extensionIds(context: BrowserContext, dirs: string[]): Promise<string[]> {
  const ids = dirs.map(unpackedExtensionId);
  const running = (id: string) => context.serviceWorkers().some((worker) => new URL(worker.url()).host === id);
  const deadline = Date.now() + 30_000;
  while (ids.some((id) => !running(id))) {
    if (Date.now() > deadline) throw new Error(`no service worker of ${dirs.filter((_dir, i) => !running(ids[i]!)).join(', ')}`);
    await context.waitForEvent('serviceworker', { timeout: 1_000 }).catch(() => undefined);
  }
  return ids;
}

/**
 * Stops the extension's service worker as Chrome does when it idles (DevTools protocol, through
 * `page`); resolves once it is stopped. The next event or message wakes it. The protocol stops
 * every worker, another extension's too (the bench's floor): only a worker of `extensionOrigin`
 * reporting 'stopped' counts (by default the origin of `page`, one of the extension's pages).
 * Any worker's did until 2026-12-03, and the first report after `enable` lists a worker already
 * stopped (the floor's, between the bench's wakes) beside ours still running: this returned
 * before ours had stopped.
 */
export async function stopServiceWorker(page: Page, extensionOrigin: string = extensionOriginOf(page.url())): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopped = new Promise<void>((resolve, reject) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.scriptURL.startsWith(extensionOrigin) && version.runningStatus === 'stopped')) resolve();
    });
    timer = setTimeout(() => reject(new Error(`no service worker of ${extensionOrigin} reported stopped within 15 s`)), 15_000);
  });
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    clearTimeout(timer);
    await cdp.detach();
  }
}

/** `chrome-extension://<id>/` of an extension page's address (URL.origin is "null" for that scheme). */
function extensionOriginOf(address: string): string {
  const { protocol, host } = new URL(address);
  if (protocol !== 'chrome-extension:') throw new Error(`not an extension page: ${address}`);
  return `${protocol}//${host}/`;
}

/**
 * Opens DevTools on `page`, docked as a person would, and shows the extension's panel in it
 * (`panelPath`, its page). Resolves to DevTools' own page and the panel's frame, the real
 * container with `chrome.devtools` and the inspected tab.
 *
 * Playwright attaches to DevTools' window only with PW_CHROMIUM_ATTACH_TO_OTHER set (an internal
 * switch it reads as each target attaches): set just for this. The panel's tab sits in the
 * "More tabs" overflow of a docked DevTools, which automation cannot open; Ctrl+] moves to the
 * next panel until ours is shown (its frame loads only then).
 */
export async function openDevtoolsPanel(context: BrowserContext, page: Page, panelPath: string): Promise<{ devtools: Page; panel: Frame }> {
  const pageSession = await context.newCDPSession(page);
  const { targetInfo } = (await pageSession.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
  await pageSession.detach();
  const browserSession = await context.browser()!.newBrowserCDPSession();
  const previous = process.env.PW_CHROMIUM_ATTACH_TO_OTHER;
  process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';
  let devtools: Page;
  try {
    const opened = context.waitForEvent('page', { predicate: (candidate) => candidate.url().startsWith('devtools://'), timeout: 15_000 });
    await browserSession.send('Target.openDevTools', { targetId: targetInfo.targetId });
    devtools = await opened;
  } finally {
    if (previous === undefined) delete process.env.PW_CHROMIUM_ATTACH_TO_OTHER;
    else process.env.PW_CHROMIUM_ATTACH_TO_OTHER = previous;
    await browserSession.detach();
  }
  const panelFrame = () => devtools.frames().find((frame) => frame.url().includes(panelPath));
  for (let attempt = 0; attempt < 40 && !panelFrame(); attempt++) {
    await devtools.keyboard.press('Control+]');
    // Each press shows the next panel; ours has a frame once shown.
    await devtools.waitForEvent('frameattached', { timeout: 500 }).catch(() => undefined);
  }
  const panel = panelFrame();
  if (!panel) throw new Error(`DevTools never showed the panel ${panelPath}`);
  return { devtools, panel };
}

/** A page Playwright does not attach to (Chrome's side panel), driven over the DevTools protocol. */
export type ProtocolPage = {
  /** Evaluates `expression` in the page and returns its value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Waits until `selector` matches a node (polled: a wait on a condition, bounded in time). */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** Clicks the first node matching `selector`. */
  click(selector: string): Promise<void>;
  /** Saves a PNG of what the page shows. */
  screenshot(path: string): Promise<void>;
};

/**
 * The page target whose URL contains `urlPart`, once it exists. Chrome's side panel is a page
 * target Playwright does not attach to (headless Chromium 156): it is reached through a session
 * of its own over the browser's DevTools protocol (messages passed through Target.sendMessageToTarget).
 */
export async function protocolPage(context: BrowserContext, urlPart: string, timeoutMs = 15_000): Promise<ProtocolPage> {
  const browserSession = await context.browser()!.newBrowserCDPSession();
  const deadline = Date.now() + timeoutMs;
  let targetId: string | undefined;
  while (!targetId) {
    const { targetInfos } = (await browserSession.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    targetId = targetInfos.find((target) => target.type === 'page' && target.url.includes(urlPart))?.targetId;
    if (!targetId && Date.now() > deadline) throw new Error(`no page at ${urlPart}`);
    if (!targetId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId, flatten: false });
  let lastId = 0;
  const answers = new Map<number, (message: { result?: Record<string, unknown>; error?: { message: string } }) => void>();
  browserSession.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    if (message.id !== undefined) answers.get(message.id)?.(message);
  });
  const send = async (method: string, params: object): Promise<Record<string, unknown>> => {
    const id = ++lastId;
    const answer = new Promise<{ result?: Record<string, unknown>; error?: { message: string } }>((resolve) => answers.set(id, resolve));
    await browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const { result, error } = await answer;
    if (error) throw new Error(`${method}: ${error.message}`);
    return result!;
  };
  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value: T };
      exceptionDetails?: { text: string };
    };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value;
  };
  return {
    evaluate,
    async waitFor(selector, timeout = 15_000) {
      const until = Date.now() + timeout;
      while (!(await evaluate<boolean>(`document.querySelector(${JSON.stringify(selector)}) !== null`))) {
        if (Date.now() > until) throw new Error(`Timed out waiting for ${selector}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async click(selector) {
      await evaluate(`document.querySelector(${JSON.stringify(selector)}).click()`);
    },
    async screenshot(path) {
      const { data } = (await send('Page.captureScreenshot', { format: 'png' })) as { data: string };
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
  };
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

export async function launchChromium(
  options: LaunchOptions = {},
): Promise<BrowserUnderTest & { context: BrowserContext; /** The ids of `options.besideExtensions`, in order. */ besideIds: string[] }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new MissingBrowserError(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``);
  }
  const dir = options.extensionDir ?? extensionDir('chrome');
  const loaded = [dir, ...(options.besideExtensions ?? [])].join(',');
  const profile = profileDir('chromium');
  if (options.pinCookiePolicy) {
    // Read by Chromium at start-up from a fresh profile (see COOKIE_POLICY).
    mkdirSync(join(profile.path, 'Default'), { recursive: true });
    writeFileSync(join(profile.path, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  const hostRules = options.hostMap
    ? [`--host-resolver-rules=${options.hostMap.hosts.map((host) => `MAP ${host} 127.0.0.1:${options.hostMap!.port}`).join(', ')}`]
    : [];
  const launched = chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No emulated prefers-color-scheme: Playwright's default ('light') would hide the system's
    // scheme from every page, --force-dark-mode included (measured in Chromium 150). Headless
    // Chromium's own system scheme is light.
    colorScheme: null,
    args: [
      `--disable-extensions-except=${loaded}`,
      `--load-extension=${loaded}`,
      ...hostRules,
      ...(options.language ? [`--lang=${options.language}`] : []),
      // The system's dark mode as Chromium's native theme reports it to every page, extension pages included.
      ...(options.colorScheme === 'dark' ? ['--force-dark-mode'] : []),
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
  const context = await launched.catch((error: unknown) => {
    profile.remove();
    throw error;
  });
  // A launch that fails half-way (no service worker within 30 s, no popup declared) leaves neither its browser nor its profile.
  const ready = async () => [await extensionIds(context, [dir, ...(options.besideExtensions ?? [])]), popupPath(dir)] as const;
  const [[id, ...besideIds], popup] = await ready().catch(async (error: unknown) => {
    await context.close().catch(() => undefined);
    profile.remove();
    throw error;
  });
  return {
    name: 'chromium',
    context,
    besideIds,
    newPage: async () => wrapPage(await context.newPage()),
    popupUrl: (query = '') => `chrome-extension://${id}/${popup}${query}`,
    processId: () => chromiumProcessId(context),
    version: () => Promise.resolve(execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim()),
    extensionUrl: (path) => `chrome-extension://${id}/${path}`,
    async stopBackground() {
      // The DevTools protocol's ServiceWorker domain, from a blank page: opening one of ours would ask the worker something.
      const page = await context.newPage();
      try {
        await stopServiceWorker(page, `chrome-extension://${id}/`);
      } finally {
        await page.close();
      }
    },
    close: async () => {
      await context.close();
      profile.remove();
    },
  };
}
