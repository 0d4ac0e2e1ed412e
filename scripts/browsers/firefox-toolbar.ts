/**
 * Firefox's real toolbar popup and sidebar, driven as a person drives them. WebDriver BiDi lists
 * neither among its browsing contexts, so the button is clicked through Firefox's own code in its
 * parent process (over the debugging server: firefox-rdp.ts), by the path a click takes
 * (`browserActionFor(extension).triggerAction`, which grants `activeTab` for the tab as a click
 * does), and a click inside the popup is a real mouse event sent to the browser window over the
 * popup, so the page hears it as the person's (Firefox opens a sidebar only then). Their
 * documents are read from one of the extension's own pages (`reader`), which runs in the same
 * process: `browser.extension.getViews({ type })`. These are Firefox internals, not an API for
 * tests (checked on Firefox ESR 140.12 and 153.8); the helpers fail with what they did not find.
 */
import { evaluateInParentProcess, type RdpClient } from './firefox-rdp.ts';
import type { PageUnderTest } from './browser-under-test.ts';
import { poll, type ToolbarPopup } from './toolbar-action.ts';

type FirefoxUnderTest = { rdp: () => Promise<RdpClient> };

/** The toolbar popup, read from outside (its DOM only), and clicked. */
export type FirefoxPopup = ToolbarPopup & {
  /** Clicks the element `selector` matches with the mouse, as a person does (a user gesture). */
  click(selector: string): Promise<void>;
};

type ViewKind = 'popup' | 'sidebar';

/** Firefox's chrome code that names the extensions' popups (`ViewPopup.for(extension, win)`: the one open, or none). */
const VIEW_POPUP = "const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');";

/**
 * Runs `body` in Firefox's parent process with `extension` (the add-on `extensionId`) and `win`
 * (the browser window: the one with a tab at `tabUrl`, exactly, when given, so a private window's
 * tab is found beside the normal window's; else the most recent) at hand; resolves to what it
 * returns (JSON).
 */
function inParent(firefox: FirefoxUnderTest, extensionId: string, what: string, body: string, tabUrl?: string): Promise<unknown> {
  return firefox.rdp().then((rdp) =>
    evaluateInParentProcess(
      rdp,
      what,
      `(async () => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(extensionId)});
        if (!extension) throw new Error('no add-on ' + ${JSON.stringify(extensionId)});
        const tabUrl = ${JSON.stringify(tabUrl ?? null)};
        const win =
          (tabUrl === null ? null : [...Services.wm.getEnumerator('navigator:browser')].find((candidate) =>
            candidate.gBrowser.tabs.some((tab) => tab.linkedBrowser.currentURI.spec === tabUrl))) ??
          Services.wm.getMostRecentWindow('navigator:browser');
        ${body}
      })()`,
    ),
  );
}

/** Shows the tab at `tabUrl` (exactly) in the browser window, as a click on that tab does. */
export async function showFirefoxTab(firefox: FirefoxUnderTest, extensionId: string, tabUrl: string): Promise<void> {
  await inParent(
    firefox,
    extensionId,
    `show the tab at ${tabUrl}`,
    `const tab = win.gBrowser.tabs.find((candidate) => candidate.linkedBrowser.currentURI.spec === ${JSON.stringify(tabUrl)});
     if (!tab) throw new Error('no tab shows ' + ${JSON.stringify(tabUrl)});
     // The window brought to the front first, as the person's click does: a popup asked for on a
     // window behind another (a private window's, once a normal tab was opened after it) never opened (measured).
     win.focus();
     win.gBrowser.selectedTab = tab;
     return true;`,
    tabUrl,
  );
}

/** An extension view's window, with the mark a click that reached its element leaves (centreInPopup). */
type ExtensionView = Window & { e2eClickReached?: string };
/** An extension page's global, as the functions run in `reader` read it (a type only: nothing crosses to the page). */
type ExtensionGlobal = { browser: { extension: { getViews(filter: { type: string }): ExtensionView[] } } };

/** Runs in `reader`: whether `selector` matches in the extension's first view of `kind`, and each match's text. */
function readView(reader: PageUnderTest, kind: ViewKind, selector: string): Promise<string[] | null> {
  return reader.evaluate(
    ({ kind, selector }) => {
      const api = (globalThis as unknown as ExtensionGlobal).browser;
      const view = api.extension.getViews({ type: kind })[0];
      if (!view) return null;
      return [...view.document.querySelectorAll(selector)].map((element) => element.textContent ?? '');
    },
    { kind, selector },
  );
}

/** The view of `kind`, read through `reader`; `close` acts in the parent process. */
function viewOf(reader: PageUnderTest, kind: ViewKind, close: () => Promise<unknown>): ToolbarPopup {
  return {
    async waitFor(selector, timeoutMs = 15_000) {
      await poll(`firefox ${kind}: nothing matched ${selector}`, timeoutMs, async () =>
        ((await readView(reader, kind, selector))?.length ?? 0) > 0 ? true : undefined,
      );
    },
    texts: async (selector) => (await readView(reader, kind, selector)) ?? [],
    close: async () => void (await close()),
  };
}

/**
 * Runs in `reader`: the centre of the element `selector` matches in the popup, scrolled into view,
 * in the popup's coordinates; and a one-shot listener on it that notes `token` on the popup's
 * window when a click reaches it (clickReached).
 */
function centreInPopup(reader: PageUnderTest, selector: string, token: string): Promise<{ x: number; y: number } | null> {
  return reader.evaluate(
    ({ selector, token }) => {
      const api = (globalThis as unknown as ExtensionGlobal).browser;
      const view = api.extension.getViews({ type: 'popup' })[0];
      const element = view?.document.querySelector(selector);
      if (!view || !element) return null;
      element.addEventListener('click', () => (view.e2eClickReached = token), { once: true, capture: true });
      element.scrollIntoView({ block: 'nearest' });
      const box = element.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    },
    { selector, token },
  );
}

/** Runs in `reader`: whether the click `token` names reached its element; true too when the popup has closed (nothing left to click). */
function clickReached(reader: PageUnderTest, token: string): Promise<boolean> {
  return reader.evaluate((token) => {
    const api = (globalThis as unknown as ExtensionGlobal).browser;
    const view = api.extension.getViews({ type: 'popup' })[0];
    return !view || view.e2eClickReached === token;
  }, token);
}

/** How many times a click is sent before it is said to miss, and how long each waits to reach its element. */
const CLICK_ATTEMPTS = 3;
const CLICK_REACH_MS = 1_000;

/**
 * Clicks the extension's toolbar button on the tab at `tabUrl` (exactly) and returns its popup.
 * @param extensionId the add-on's id (geckoId)
 * @param reader a page of the extension's (extensionPage), through which the popup is read
 */
export async function openFirefoxToolbarPopup(
  firefox: FirefoxUnderTest,
  extensionId: string,
  reader: PageUnderTest,
  tabUrl: string,
): Promise<FirefoxPopup> {
  await showFirefoxTab(firefox, extensionId, tabUrl);
  await inParent(
    firefox,
    extensionId,
    'click the toolbar button',
    // A popup left open (a test that failed before closing it) would be closed by this click, not opened.
    `${VIEW_POPUP}
     ViewPopup.for(extension, win)?.closePopup();
     ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(win);
     return true;`,
    tabUrl,
  );
  await poll('firefox popup: none opened', 10_000, async () => ((await readView(reader, 'popup', 'body')) ? true : undefined));
  const popup: ToolbarPopup = viewOf(reader, 'popup', () =>
    inParent(
      firefox,
      extensionId,
      'close the popup',
      `${VIEW_POPUP}
       ViewPopup.for(extension, win)?.closePopup();
       return true;`,
      tabUrl,
    ),
  );
  return {
    ...popup,
    async click(selector) {
      // The popup may still move its content between reading where the element is and the click
      // (it sizes itself to what it shows): a click that did not reach the element is sent again.
      for (let attempt = 1; attempt <= CLICK_ATTEMPTS; attempt++) {
        await popup.waitFor(selector);
        const token = `${selector} #${attempt} ${Date.now()}`;
        const centre = await centreInPopup(reader, selector, token);
        if (!centre) throw new Error(`firefox popup: ${selector} went away before the click`);
        await sendClick(selector, centre);
        const reached = await poll(`firefox popup: the click on ${selector}`, CLICK_REACH_MS, async () =>
          (await clickReached(reader, token)) ? true : undefined,
        ).catch(() => false);
        if (reached) return;
        // Said in the run's log: a flaky run then shows where the popup moved under the click.
        if (attempt < CLICK_ATTEMPTS) console.warn(`firefox popup: the click on ${selector} did not reach it; sent again`);
      }
      throw new Error(`firefox popup: ${CLICK_ATTEMPTS} clicks on ${selector} never reached it`);
    },
  };

  /** A press and a release over the popup's browser at `centre` (the popup's coordinates), in the window's. */
  async function sendClick(selector: string, centre: { x: number; y: number }): Promise<void> {
    await inParent(
      firefox,
      extensionId,
      `click ${selector} in the popup`,
      `${VIEW_POPUP}
         const shown = ViewPopup.for(extension, win);
         if (!shown) throw new Error('no popup open');
         const box = shown.browser.getBoundingClientRect();
         const x = box.left + ${centre.x};
         const y = box.top + ${centre.y};
         // Left button, one click, no modifier, mouse as source, as a synthesized (test) event.
         // Firefox ESR 140.12: nsIDOMWindowUtils.sendMouseEvent(type, x, y, button, clickCount, modifiers).
         // Firefox ESR 153.8 has no sendMouseEvent; its own WebDriver code (omni.ja,
         // chrome/remote/content/external/EventUtils.js, synthesizeMouseAtPoint) calls the chrome-only
         // Window.synthesizeMouseEvent(type, x, y, { identifier, button, clickCount, ... }, { isDOMEventSynthesized, ... }).
         const send =
           typeof win.windowUtils.sendMouseEvent === 'function'
             ? (type) => win.windowUtils.sendMouseEvent(type, x, y, 0, 1, 0)
             : typeof win.synthesizeMouseEvent === 'function'
               ? (type) =>
                   win.synthesizeMouseEvent(
                     type,
                     x,
                     y,
                     { identifier: win.windowUtils.DEFAULT_MOUSE_POINTER_ID, button: 0, clickCount: 1, modifiers: 0, inputSource: win.MouseEvent.MOZ_SOURCE_MOUSE },
                     { isDOMEventSynthesized: true, isWidgetEventSynthesized: false, isAsyncEnabled: false },
                   )
               : null;
         if (!send) throw new Error('neither windowUtils.sendMouseEvent nor Window.synthesizeMouseEvent in Firefox ' + Services.appinfo.version);
         for (const type of ['mousedown', 'mouseup']) send(type);
         return true;`,
      tabUrl,
    );
  }
}

/** The extension's sidebar (its `waitFor` waits for it to open), read through `reader`; `close` hides it. */
export function firefoxSidebar(firefox: FirefoxUnderTest, extensionId: string, reader: PageUnderTest): ToolbarPopup {
  return viewOf(reader, 'sidebar', () => inParent(firefox, extensionId, 'close the sidebar', `win.SidebarController.hide(); return true;`));
}
