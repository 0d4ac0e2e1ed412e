/**
 * What the end-to-end tests and the audit command need from a browser, whichever drives it:
 * Playwright for Chromium, Puppeteer over WebDriver BiDi for Firefox. Written once against this.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../build-if-needed.ts';

export type PageUnderTest = {
  /** Navigates and waits for the document to be there (extension pages: see each driver). */
  goto(url: string): Promise<void>;
  /** Waits until `selector` matches a node. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** Waits until `selector` matches a visible node (a view loaded on demand may come a moment later), then clicks the first. */
  click(selector: string): Promise<void>;
  /** textContent of every node matching `selector`. */
  texts(selector: string): Promise<string[]>;
  /** An attribute of every node matching `selector`. */
  attributes(selector: string, name: string): Promise<string[]>;
  /** Runs `fn(arg)` in the page (for extension pages: with the extension's API) and returns its result. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Evaluates a script's source in the page as the debugger does (page CSP does not apply): injects test tools. */
  evaluateScript(source: string): Promise<unknown>;
  /** Focuses `selector` and presses a key ("ArrowRight", "Enter"). */
  press(selector: string, key: string): Promise<void>;
  /** Types `text` into the field `selector` key by key, as a person does, over what it held (selected first). */
  typeInto(selector: string, text: string): Promise<void>;
  /** Resizes the viewport (a popup is about 460 px wide). */
  setViewport(width: number, height: number): Promise<void>;
  /** innerHTML of the first node matching `selector` (to prove text was not parsed as markup). */
  innerHtml(selector: string): Promise<string>;
  /** Saves a PNG of the page. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
};

export type BrowserUnderTest = {
  name: 'chromium' | 'firefox';
  newPage(): Promise<PageUnderTest>;
  /** URL of the extension's popup page, with an optional query string. */
  popupUrl(query?: string): string;
  /** The browser's main process id (its memory is the tree under it); null when it cannot be told. */
  processId(): Promise<number | null>;
  /** The browser's version ("Chromium 156.0.8078.108", "Firefox 153.8.0esr"). */
  version(): Promise<string>;
  /** URL of any page of the extension's package (`src/panel/index.html?tabId=3`). */
  extensionUrl(path: string): string;
  /**
   * Stops the extension's background (Chromium: its service worker, over the DevTools protocol;
   * Firefox: its event page, as about:debugging's "Terminate background script" does). The next
   * event or message starts it again, with only what storage holds.
   */
  stopBackground(): Promise<void>;
  close(): Promise<void>;
};

/** Page reads both drivers share, written once over `evaluate` (plain arrows: see audit/consent-banner.ts on named functions). */
export function domReads(evaluate: PageUnderTest['evaluate']): Pick<PageUnderTest, 'texts' | 'attributes' | 'innerHtml'> {
  return {
    texts: (selector) => evaluate((sel) => [...document.querySelectorAll(sel)].map((n) => n.textContent ?? ''), selector),
    attributes: (selector, name) =>
      evaluate(([sel, attr]) => [...document.querySelectorAll(sel)].map((n) => n.getAttribute(attr) ?? ''), [selector, name] as const),
    innerHtml: (selector) =>
      evaluate((sel) => {
        const node = document.querySelector(sel);
        if (!node) throw new Error(`no node matches ${sel}`);
        return node.innerHTML;
      }, selector),
  };
}

/** Unpacked build of the extension for a browser; tests run against what users install. */
export function extensionDir(target: 'chrome' | 'firefox' | 'chrome-audit' | 'firefox-audit'): string {
  // The package's build, wherever the command runs from (an audit typed in a subfolder).
  const dir = resolve(PACKAGE_ROOT, 'dist', target);
  try {
    readFileSync(join(dir, 'manifest.json'));
  } catch {
    throw new Error(`No build in ${dir}: run \`npm run build\` first (npm test does).`);
  }
  return dir;
}

/** The popup path the manifest declares (action.default_popup). */
export function popupPath(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { action: { default_popup: string } };
  return manifest.action.default_popup;
}

/** The Firefox add-on id the build declares (browser_specific_settings.gecko.id). */
export function geckoId(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
}

/** The scratch folders made and not removed yet. */
const scratchDirsLeft = new Set<string>();

/** The folder Chromium makes in TMPDIR for its SingletonSocket (mkdtemp's six characters). */
const CHROMIUM_SINGLETON_DIR = /^org\.chromium\.Chromium\.[A-Za-z0-9]{6}$/;

/** Whether `path` is a folder of this user's, itself and not a link to one: TMPDIR is shared. */
function isOwnFolder(path: string): boolean {
  try {
    const stats = lstatSync(path);
    return stats.isDirectory() && stats.uid === process.getuid?.();
  } catch {
    return false;
  }
}

/**
 * Removes a scratch folder and, when it is a Chromium profile, the folder in TMPDIR its
 * SingletonSocket links to: Chromium removes that one on a clean exit only, so a browser killed
 * (its run over time, its output closed, a signal) left it behind. Found by the profile's own
 * link, never by its name alone: another browser's is not ours.
 */
function removeScratch(path: string): void {
  let singleton: string | null = null;
  try {
    singleton = dirname(readlinkSync(join(path, 'SingletonSocket')));
  } catch {
    // No link: not a Chromium profile, or one its browser closed cleanly.
  }
  // Only a folder right inside TMPDIR, where Chromium makes it, named by an absolute link: a link
  // made by hand elsewhere (or relative, read from the current folder) names nothing of ours.
  const ours = singleton !== null && isAbsolute(singleton) && dirname(singleton) === tmpdir() && isOwnFolder(singleton);
  if (ours && CHROMIUM_SINGLETON_DIR.test(basename(singleton!))) rmSync(singleton!, { recursive: true, force: true });
  rmSync(path, { recursive: true, force: true });
}

/** A temporary folder owned by one test run; `remove` deletes it and everything the browser left. */
export function scratchDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `cci-${prefix}-`));
  scratchDirsLeft.add(path);
  return {
    path,
    remove: () => {
      removeScratch(path);
      scratchDirsLeft.delete(path);
    },
  };
}

/** A browser profile's folder: the browser and the id of the process that made it (`cci-chromium-p4242-Ab12Cd`). */
const PROFILE_DIR = /^cci-(?:chromium|firefox)-p(\d{1,10})-[A-Za-z0-9]{6}$/;

/** Whether the process `pid` has ended (EPERM: it runs, as another user). */
function processEnded(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * A browser profile for this process, named by its id, after removing the profiles of runs that
 * have ended without removing theirs: a SIGKILL cannot be caught, and its profile holds cookie
 * values. A folder whose process still runs is left, and any other user's.
 */
export function profileDir(browser: 'chromium' | 'firefox'): { path: string; remove: () => void } {
  for (const name of readdirSync(tmpdir())) {
    const pid = PROFILE_DIR.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || !processEnded(Number(pid))) continue;
    // Named so by anyone: only a folder of this user's is a profile of this user's runs.
    if (!isOwnFolder(join(tmpdir(), name))) continue;
    try {
      removeScratch(join(tmpdir(), name));
    } catch {
      // Another user's, or removed meanwhile by another run: not ours to mind.
    }
  }
  return scratchDir(`${browser}-p${process.pid}`);
}

/**
 * Removes every scratch folder not removed yet: for a command ending at once (its output closed,
 * a signal: scripts/audit/closed-output.ts), so a browser profile, cookie values and all, is not left in /tmp.
 */
export function removeScratchDirsLeft(): void {
  for (const path of scratchDirsLeft) removeScratch(path);
  scratchDirsLeft.clear();
}

/** How to launch: which build, and which host names to send to a local server instead of the network. */
export type LaunchOptions = {
  /** Unpacked build to load; defaults to dist/<browser>. */
  extensionDir?: string;
  /** More unpacked extensions loaded beside it (the benchmark's floor), with the same flags; Firefox's need a gecko id. */
  besideExtensions?: string[];
  /** Host names resolved to 127.0.0.1:port (the demo or test portal); none for real sites. */
  hostMap?: { hosts: readonly string[]; port: number };
  /** Browser interface language ("fr"), which the extension's strings follow; the browser's default otherwise. */
  language?: string;
  /**
   * The system's colour scheme, set as a dark desktop would set it (Chromium's --force-dark-mode,
   * Firefox's ui.systemUsesDarkTheme): pages that follow the system (prefers-color-scheme,
   * light-dark()) turn dark. Light, the headless browsers' own, otherwise.
   */
  colorScheme?: 'dark';
  /**
   * Pins the browser's third-party cookie policy (COOKIE_POLICY) rather than taking the profile's
   * default, which differs between versions: every audit of a census runs under the same one.
   */
  pinCookiePolicy?: boolean;
};

/**
 * The third-party cookie policy each browser runs audits with. Chromium: third-party cookies
 * allowed, as before its third-party cookie phase-out (`profile.cookie_controls_mode` 0; a
 * fresh Chromium 156 profile blocks them unless partitioned, measured). Firefox: its default,
 * Total Cookie Protection (`network.cookie.cookieBehavior` 5: each site's third-party cookies
 * kept apart, partitioned by the top-level site). Both report what was stored and under which
 * partition; README, "Third-party cookies".
 */
export const COOKIE_POLICY = {
  chromium: 'third-party cookies allowed (profile.cookie_controls_mode 0)',
  firefox: 'Total Cookie Protection (network.cookie.cookieBehavior 5)',
} as const;

/** Raised when a browser binary is missing: the message says how to install it. */
export class MissingBrowserError extends Error {}
