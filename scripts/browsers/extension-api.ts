/**
 * Talks to the background worker the way the popup does, from inside an extension page:
 * the same message contract, the same sender checks.
 */
import type { Method, Params, ResponseMessage, Result } from '../../src/core/message-contract.ts';
import type { Report } from '../../src/core/report/index.ts';
import type { BrowserUnderTest, PageUnderTest } from './browser-under-test.ts';

/** The few extension APIs the tests call from inside an extension page (Chrome: `chrome`, Firefox: `browser`). */
type PageExtensionApi = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: {
    query(query: { url: string }): Promise<Array<{ id?: number }>>;
    // Chrome resolves to the tab (its id may have changed), Firefox to nothing.
    discard(tabId: number): Promise<{ id?: number } | undefined>;
    get(tabId: number): Promise<{ discarded?: boolean }>;
    remove(tabId: number): Promise<void>;
  };
  permissions: {
    contains(permissions: { permissions: string[] }): Promise<boolean>;
    getAll(): Promise<{ permissions?: string[]; origins?: string[] }>;
  };
  cookies: {
    getAll(details: { partitionKey: object }): Promise<Array<{ name: string; domain: string; partitionKey?: { topLevelSite?: string } }>>;
  };
  action: {
    getBadgeText(details: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(details: { tabId: number }): Promise<BadgeColor>;
  };
};
declare const chrome: PageExtensionApi;

/**
 * Sends one request from an extension page and returns its result, or throws its error. The
 * response crosses from the page as JSON text: WebDriver BiDi (Puppeteer over Firefox) reads an
 * object the result holds twice as undefined the second time (two findings of one cookie share
 * one `detail`), and a string is carried whole by both drivers.
 */
export async function request<M extends Method>(page: PageUnderTest, method: M, params: Params<M>): Promise<Result<M>> {
  const text: string | undefined = await page.evaluate(
    async (message) => {
      const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
      // undefined when no listener answered: JSON.stringify gives back undefined, not text.
      return JSON.stringify(await api.runtime.sendMessage(message));
    },
    { method, params },
  );
  if (typeof text !== 'string') throw new Error(`the extension sent no answer to ${method}`);
  const typed = JSON.parse(text) as ResponseMessage<M>;
  if (!typed.ok) throw new Error(typed.error);
  return typed.result;
}

/** The report of a portal (fails the test if the worker says it is not one). */
export async function reportOf(page: PageUnderTest, host: string): Promise<Report> {
  const view = await request(page, 'getReport', { host });
  if (view.kind !== 'report') throw new Error(`The extension has no access to ${host}`);
  return view.report;
}

/**
 * Polls the report until `condition` holds: a wait on a condition (the worker's own answer),
 * bounded in time, never a fixed sleep.
 */
export async function waitForReport(
  page: PageUnderTest,
  host: string,
  condition: (report: Report) => boolean,
  timeoutMs = 15_000,
): Promise<Report> {
  const deadline = Date.now() + timeoutMs;
  let last: Report | undefined;
  while (Date.now() < deadline) {
    last = await reportOf(page, host);
    if (condition(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting on the report of ${host}; last: ${JSON.stringify(last?.cookies.map((c) => c.name))}`);
}

/** Names of the cookies a report shows as present. */
export const presentNames = (report: Report) =>
  report.cookies
    .filter((c) => c.removed === null)
    .map((c) => c.name)
    .sort();

/** `kind cookie` for each finding. */
export const findingKeys = (report: Report) => report.findings.map((f) => `${f.kind} ${f.cookie}`);

/** An extension page to talk from, opened once the worker has answered it (the handshake). */
export async function extensionPage(browser: BrowserUnderTest): Promise<PageUnderTest> {
  const page = await browser.newPage();
  await page.goto(browser.popupUrl('?host=example.org'));
  await page.waitFor('main[data-state="ready"]');
  return page;
}

/** The toolbar badge text of the tab showing `url`. */
export function badgeText(page: PageUnderTest, url: string): Promise<string> {
  return badgeOf(page, url, 'getBadgeText') as Promise<string>;
}

/** A badge's background colour as both browsers give it: red, green, blue and alpha, 0 to 255. */
export type BadgeColor = [number, number, number, number];

/** The toolbar badge background colour of the tab showing `url`. */
export function badgeColor(page: PageUnderTest, url: string): Promise<BadgeColor> {
  return badgeOf(page, url, 'getBadgeBackgroundColor') as Promise<BadgeColor>;
}

/** One of the badge's getters, for the tab showing `url`. */
function badgeOf(page: PageUnderTest, url: string, getter: 'getBadgeText' | 'getBadgeBackgroundColor'): Promise<string | BadgeColor> {
  return page.evaluate(
    async ([pattern, get]) => {
      const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
      const [tab] = await api.tabs.query({ url: pattern });
      if (tab?.id === undefined) throw new Error(`no tab at ${pattern}`);
      return api.action[get]({ tabId: tab.id });
    },
    [url, getter] as const,
  );
}

/** The permissions the extension holds now (required and granted). */
export async function grantedPermissions(page: PageUnderTest): Promise<{ permissions: string[]; origins: string[] }> {
  const all = await page.evaluate(async () => {
    const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
    return api.permissions.getAll();
  }, null);
  return { permissions: all.permissions ?? [], origins: all.origins ?? [] };
}

/** The id of the tab showing `url` (a match pattern), read from inside an extension page. */
export async function tabIdOf(page: PageUnderTest, url: string): Promise<number> {
  return page.evaluate(async (pattern) => {
    const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
    const [tab] = await api.tabs.query({ url: pattern });
    if (tab?.id === undefined) throw new Error(`no tab at ${pattern}`);
    return tab.id;
  }, url);
}

/**
 * Unloads tab `tabId` as the browser does under memory pressure (tabs.discard), from inside an
 * extension page, and waits until the browser says it is; resolves to its id then.
 */
export async function discardTab(page: PageUnderTest, tabId: number): Promise<number> {
  return page.evaluate(async (id) => {
    const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
    const discarded = (await api.tabs.discard(id))?.id ?? id;
    for (let tries = 0; tries < 50; tries++) {
      if ((await api.tabs.get(discarded)).discarded) return discarded;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`tab ${id} not unloaded`);
  }, tabId);
}

/** Closes tab `tabId` from inside an extension page: one the driver's page no longer reaches (unloaded). */
export async function closeTab(page: PageUnderTest, tabId: number): Promise<void> {
  await page.evaluate(async (id) => {
    const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
    await api.tabs.remove(id);
  }, tabId);
}

/** Whether the extension holds an API permission (`devtools`), read from inside an extension page. */
export async function hasPermission(page: PageUnderTest, permission: string): Promise<boolean> {
  return page.evaluate(async (name) => {
    const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
    return api.permissions.contains({ permissions: [name] });
  }, permission);
}

/**
 * The cookies the browser itself holds now in the normal windows' store, partitioned ones too
 * (`partitionKey: {}`), read from inside an extension page: name, domain and partition's site,
 * never a value.
 */
export async function browserCookies(page: PageUnderTest): Promise<Array<{ name: string; domain: string; partition: string | null }>> {
  return page.evaluate(async () => {
    const api = (globalThis as { browser?: PageExtensionApi }).browser ?? chrome;
    const cookies = await api.cookies.getAll({ partitionKey: {} });
    return cookies.map(({ name, domain, partitionKey }) => ({ name, domain, partition: partitionKey?.topLevelSite ?? null }));
  }, null);
}

/** Every key storage.session holds now, read from inside an extension page (values are not brought back). */
export async function storedKeys(page: PageUnderTest): Promise<string[]> {
  return page.evaluate(async () => {
    type SessionGet = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
    const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as SessionGet;
    return Object.keys(await api.storage.session.get(null)).sort();
  }, null);
}
