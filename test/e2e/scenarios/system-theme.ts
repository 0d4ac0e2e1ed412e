/**
 * The extension's pages follow the system's colour scheme when their address names no theme
 * (src/views/views.css: light-dark() under `color-scheme: light dark`): dark in a browser launched
 * with the system dark (LaunchOptions.colorScheme: Chromium's --force-dark-mode, Firefox's
 * ui.systemUsesDarkTheme), light in the ordinary launch; `?theme=` still wins. Run in both browsers.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserUnderTest, PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { visitPortal, type E2eContext } from './context.ts';
import { launchedForBlock } from './launched.ts';
import { PANEL_PAGE, SIDE_PANEL_PAGE } from './panels.ts';
import { SCREENSHOT_DIR } from './popup.ts';

/** The body's colours in each theme: views.css's --bg and --fg. */
const LIGHT = { systemDark: false, background: 'rgb(255, 255, 255)', text: 'rgb(29, 31, 33)' };
const DARK = { systemDark: true, background: 'rgb(27, 29, 32)', text: 'rgb(232, 234, 237)' };

const HOST = 'data.tco.re';

/** The pages a person sees, each by a short name and its address for `query` (`?host=…` and more). */
const PAGES: Array<{ name: string; url: (browser: BrowserUnderTest, query: string) => string }> = [
  { name: 'popup', url: (browser, query) => browser.popupUrl(query) },
  { name: 'side-panel', url: (browser, query) => browser.extensionUrl(`${SIDE_PANEL_PAGE}${query}`) },
  { name: 'devtools-panel', url: (browser, query) => browser.extensionUrl(`${PANEL_PAGE}${query}`) },
];

/** Opens `url` and waits until the page has drawn its report (the worker answered). */
async function openReady(browser: BrowserUnderTest, url: string): Promise<PageUnderTest> {
  const page = await browser.newPage();
  await page.setViewport(460, 700);
  await page.goto(url);
  await page.waitFor('main[data-state="ready"]');
  return page;
}

/** Whether the page sees the system dark, and its body's computed colours. */
function painted(page: PageUnderTest): Promise<typeof LIGHT> {
  return page.evaluate(
    () => ({
      systemDark: matchMedia('(prefers-color-scheme: dark)').matches,
      background: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
    }),
    null,
  );
}

/** On the ordinary launch (a light system): the same pages, with no theme named, are light; `?theme=dark` makes them dark. */
export function systemThemeScenarios(ctx: E2eContext): void {
  describe('system theme', () => {
    it('paints the popup, side panel and DevTools panel pages light in a light system, with no ?theme', async () => {
      for (const { name, url } of PAGES) {
        const page = await openReady(ctx.browser(), url(ctx.browser(), `?host=${HOST}`));
        expect(await painted(page), name).toEqual(LIGHT);
        await page.close();
      }
    });

    it('paints the popup, side panel and DevTools panel pages dark with ?theme=dark, in a light system', async () => {
      for (const { name, url } of PAGES) {
        const page = await openReady(ctx.browser(), url(ctx.browser(), `?host=${HOST}&theme=dark`));
        expect(await painted(page), name).toEqual({ ...DARK, systemDark: false });
        await page.close();
      }
    });
  });
}

/** The dark-system scenario, in a browser `launch` starts with the system's colour scheme dark. */
export function describeInDarkSystem(launch: (port: number) => Promise<BrowserUnderTest>): void {
  describe('in a dark system', () => {
    const { browser } = launchedForBlock(launch);

    it('paints the popup, side panel and DevTools panel pages dark, with no ?theme', async () => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await (await visitPortal(browser(), HOST)).close();
      for (const { name, url } of PAGES) {
        const page = await openReady(browser(), url(browser(), `?host=${HOST}`));
        // systemDark says whether the launch's dark system reached the page at all: a launcher's fault, not the CSS's.
        expect(await painted(page), name).toEqual(DARK);
        await page.screenshot(`${SCREENSHOT_DIR}/${browser().name}-system-dark-${name}.png`);
        await page.close();
      }
    });

    it('lets ?theme=light win over the dark system', async () => {
      const popup = await openReady(browser(), browser().popupUrl(`?host=${HOST}&theme=light`));
      expect(await painted(popup)).toEqual({ ...LIGHT, systemDark: true });
      await popup.close();
    });
  });
}
