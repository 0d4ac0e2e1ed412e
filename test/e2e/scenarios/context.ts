import type { BrowserUnderTest, PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { extensionPage, presentNames, waitForReport } from '../../../scripts/browsers/extension-api.ts';

/** What each scenario module gets: the browser under test, launched once per browser. */
export type E2eContext = { browser: () => BrowserUnderTest };

/** Cookies the fixture portal sets on every page, like the platform. */
export const PLATFORM_COOKIES = ['sessionid', 'csrftoken', 'django_language'];
/** The fixture's consent-ignoring widget cookie, which no bundled charter declares. */
export const FORGOTTEN = '_hjSessionUser_1234';
/** Matomo's cookies, set by the fixture only after "accept". */
export const MATOMO = ['_pk_id.1.a1b2', '_pk_ses.1.a1b2'];
/** The platform's four own cookies: the three it sets on every page, and the consent choice. */
export const ALL_PLATFORM_COOKIES = [...PLATFORM_COOKIES, 'cookies_preferences'];

/** Opens the popup page for `host` and waits until the background worker has answered it. */
export async function openPopup(browser: BrowserUnderTest, host: string, query = ''): Promise<PageUnderTest> {
  const popup = await browser.newPage();
  await popup.goto(browser.popupUrl(`?host=${encodeURIComponent(host)}${query}`));
  // Handshake: `ready` means the worker answered a message, so its listeners are registered.
  await popup.waitFor('main[data-state="ready"]');
  return popup;
}

/** Rows of cookies seen (the popup also lists declared entries not seen). */
export const SEEN_ROWS = '[data-cookie]:not([data-status="not-seen"])';

/** The row of a seen cookie. */
export const seenRow = (name: string) => `[data-cookie="${name}"]:not([data-status="not-seen"])`;

/**
 * Visits a portal page once the worker has answered (so its listeners are live), and waits until
 * its platform cookies are recorded: each scenario sets up what it needs, and runs alone too.
 */
export async function visitPortal(browser: BrowserUnderTest, host: string, path = '/'): Promise<PageUnderTest> {
  const api = await extensionPage(browser);
  const site = await browser.newPage();
  await site.goto(`http://${host}${path}`);
  await waitForReport(api, host, (report) => presentNames(report).includes('sessionid'));
  await api.close();
  return site;
}

/** Opens the popup's list of findings (closed at first when there are many) and waits for it. */
export async function showFindings(popup: PageUnderTest): Promise<void> {
  await popup.waitFor('.findings details');
  const open = await popup.evaluate(() => (document.querySelector('.findings details') as HTMLDetailsElement).open, null);
  if (!open) await popup.click('.findings summary');
  await popup.waitFor('.finding-list');
}
