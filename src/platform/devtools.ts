/**
 * The DevTools glue: the inspected tab, DevTools' theme, the panel, the network log. Chrome and
 * Firefox differ here (measured in Chrome 156 and Firefox ESR 153): Chrome tells a theme change
 * only through `panels.setThemeChangeHandler(fn)` and names the light theme "default", Firefox
 * only through the `panels.onThemeChanged` event and names it "light". Both give
 * `network.onRequestFinished` HAR entries with the Set-Cookie headers, values included (they are
 * dropped in core/network at once); Chrome often gives a redirect's only later (`harEntries`).
 * Each function takes the API as a defaulted parameter; the type below is both browsers' shape,
 * each member optional where one browser lacks it.
 */
import { browser, type Browser } from './browser.ts';
import { onTabNavigated } from './tabs.ts';
import type { HarEntryLike } from '../core/network/network-log.ts';
import type { BarePair, RepeatedLine } from '../core/network/set-cookie-header.ts';
import { barePairOfBrowserVersion } from '../core/network/bare-pair.ts';
import { DEVTOOLS_SESSION_PORT, type DevtoolsSession } from '../core/network/devtools-session.ts';
import { answerWithin } from '../core/message-contract.ts';
import { callBackground } from './messaging.ts';

/** A browser event as both browsers give it. */
type BrowserEvent<Listener> = { addListener(listener: Listener): void; removeListener(listener: Listener): void };

/** What of `devtools` these functions use, in either browser. */
export type DevtoolsApi = {
  devtools?: {
    inspectedWindow?: { tabId?: number };
    panels?: {
      themeName?: string;
      create?: (title: string, iconPath: string, pagePath: string) => unknown;
      setThemeChangeHandler?: (handler: (themeName: string) => void) => void;
      onThemeChanged?: BrowserEvent<(themeName: string) => void>;
    };
    network?: {
      onRequestFinished?: BrowserEvent<(entry: HarEntryLike) => void>;
      getHAR?: (callback: (log: unknown) => void) => unknown;
      onNavigated?: BrowserEvent<(url: string) => void>;
    };
  };
};

const api = () => browser as unknown as DevtoolsApi;

/**
 * How this browser reads a Set-Cookie pair without `=` (core/network `BarePair`): Chromium, and a
 * Firefox of unknown version, as a nameless cookie's value; Firefox (its extension pages are
 * `moz-extension:` ones) as its version does (core/network `barePairOfFirefoxVersion`). Firefox
 * gives its DevTools page no runtime.getBrowserInfo: the worker is asked. No answer reads as a
 * value, so a value is never kept as a name.
 */
export async function barePairReading(
  page: Pick<Location, 'protocol'> = location,
  firefoxVersion: () => Promise<string | null> = () => answerWithin(callBackground('getBrowserVersion', {}), 'getBrowserVersion'),
): Promise<BarePair> {
  if (page.protocol !== 'moz-extension:') return 'value';
  try {
    return barePairOfBrowserVersion(await firefoxVersion());
  } catch {
    return 'value';
  }
}

/**
 * Whether this browser tells a cookie event for a Set-Cookie line repeating its cookie's previous
 * one (core/network `RepeatedLine`): Chromium does, Firefox (`moz-extension:` pages) does not.
 */
export const repeatedLineReading = (page: Pick<Location, 'protocol'> = location): RepeatedLine =>
  page.protocol === 'moz-extension:' ? 'silent' : 'heard';

/** The tab DevTools inspects, or null outside DevTools (a panel page opened in a tab). */
export function inspectedTabId(devtools: DevtoolsApi = api()): number | null {
  const tabId = devtools.devtools?.inspectedWindow?.tabId;
  return typeof tabId === 'number' ? tabId : null;
}

/** The light or dark theme of a DevTools theme name ("dark", or Chrome's "default" and Firefox's "light"). */
export const themeOfName = (name: string): 'light' | 'dark' => (name === 'dark' ? 'dark' : 'light');

/** DevTools' theme, or null outside DevTools (follow the system's then). */
export function devtoolsTheme(devtools: DevtoolsApi = api()): 'light' | 'dark' | null {
  const name = devtools.devtools?.panels?.themeName;
  return typeof name === 'string' ? themeOfName(name) : null;
}

/** Calls `listener` when DevTools' theme changes, in whichever way the browser tells it. */
export function onDevtoolsThemeChanged(listener: (theme: 'light' | 'dark') => void, devtools: DevtoolsApi = api()): void {
  const panels = devtools.devtools?.panels;
  const handler = (name: string) => listener(themeOfName(name));
  if (panels?.onThemeChanged) panels.onThemeChanged.addListener(handler);
  else panels?.setThemeChangeHandler?.(handler);
}

/**
 * Adds the "Cookie charter" panel to DevTools. `pagePath` from the extension's root
 * ('/src/panel/index.html'): both browsers resolve it so. Resolves once created; a browser that
 * answers with a promise may refuse, which rejects.
 */
export async function createDevtoolsPanel(title: string, iconPath: string, pagePath: string, devtools: DevtoolsApi = api()): Promise<void> {
  const create = devtools.devtools?.panels?.create;
  if (!create) throw new Error('No DevTools panels API here');
  await create(title, iconPath, pagePath);
}

/** Calls `listener` with each request of the inspected tab as it completes (a HAR entry). */
export function onHarEntry(listener: (entry: HarEntryLike) => void, devtools: DevtoolsApi = api()): void {
  devtools.devtools?.network?.onRequestFinished?.addListener(listener);
}

/**
 * The HAR entries DevTools holds for the inspected tab now (since its page loaded, unless its log is
 * preserved). Chrome answers getHAR by callback, Firefox with a promise: either is taken.
 */
export function harEntries(devtools: DevtoolsApi = api()): Promise<HarEntryLike[]> {
  const getHAR = devtools.devtools?.network?.getHAR;
  if (!getHAR) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const answer = (log: unknown) => {
      const entries = (log as { entries?: unknown } | null)?.entries;
      resolve(Array.isArray(entries) ? (entries as HarEntryLike[]) : []);
    };
    const promised = getHAR(answer) as PromiseLike<unknown> | undefined;
    if (typeof promised?.then === 'function') promised.then(answer, reject);
  });
}

/** Calls `listener` when the inspected tab goes to another page; returns the unsubscribe function. */
export function onInspectedPageNavigated(listener: () => void, devtools: DevtoolsApi = api()): () => void {
  const event = devtools.devtools?.network?.onNavigated;
  const handler = () => listener();
  event?.addListener(handler);
  return () => event?.removeListener(handler);
}

/**
 * Calls `listener` when inspected tab `tabId` goes to another page, or may have; returns the
 * unsubscribe function, which removes every listener it added. Chrome does not tell DevTools of a
 * page extensions are kept off (chrome://version, chrome://settings: measured in Chrome 156, no
 * `onNavigated`): where the page has the tabs API (Chrome's panel; Firefox's has none), the tab's
 * own updates are heard too. One navigation is then heard more than once: the listener finds the
 * site afresh each time, and the App reloads the report only when the site changed (views/App.tsx).
 */
export function onInspectedTabNavigated(
  tabId: number,
  listener: () => void,
  devtools: DevtoolsApi = api(),
  tabsApi: Partial<Pick<Browser, 'tabs'>> = browser,
): () => void {
  const stopDevtools = onInspectedPageNavigated(listener, devtools);
  const stopTab = tabsApi.tabs ? onTabNavigated(tabId, listener, { tabs: tabsApi.tabs }) : () => undefined;
  return () => {
    stopDevtools();
    stopTab();
  };
}

/** After the worker ended the port (it stops when idle, and its ports with it), the wait before connecting again. */
export const RECONNECT_AFTER_MS = 1000;

/**
 * Keeps a port to the worker open while this DevTools page lives, with `session` on it: when the
 * page closes, the worker hears the port end. The worker ends it too when it stops (idle): the
 * page connects again, which wakes it, after a second (a loop of instant failures would spin).
 * A page whose extension was reloaded can no longer connect: it stops trying.
 */
export function holdDevtoolsSession(session: DevtoolsSession, api: Pick<Browser, 'runtime'> = browser): void {
  const connect = () => {
    let port: ReturnType<Browser['runtime']['connect']>;
    try {
      port = api.runtime.connect({ name: DEVTOOLS_SESSION_PORT });
    } catch {
      return;
    }
    port.onDisconnect.addListener(() => void setTimeout(connect, RECONNECT_AFTER_MS));
    port.postMessage(session);
  };
  connect();
}
