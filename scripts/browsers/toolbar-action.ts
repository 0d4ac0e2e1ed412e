/**
 * Chromium's real toolbar popup, opened the way a click on the extension's button opens it: the
 * DevTools protocol's `Extensions.triggerAction` on a tab target, which also grants `activeTab` for
 * that tab as a click does (the popups the other tests open are extension pages in a tab, named
 * with `?host=`: they never go through the button). Playwright does not list the popup among its
 * pages, so it is read over the protocol, through the browser's own session.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';

/** The toolbar popup, read from outside: its DOM only. */
export type ToolbarPopup = {
  /** Waits until `selector` matches in the popup. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** The text of each element `selector` matches. */
  texts(selector: string): Promise<string[]>;
  close(): Promise<void>;
};

type TargetInfo = { targetId: string; type: string; url: string };

const POLL_MS = 100;

async function targets(session: CDPSession, filter: Array<Record<string, unknown>>): Promise<TargetInfo[]> {
  const { targetInfos } = (await session.send('Target.getTargets' as never, { filter } as never)) as { targetInfos: TargetInfo[] };
  return targetInfos;
}

/** Tries `attempt` until it finds something, or fails with `what` after `timeoutMs`. */
export async function poll<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await attempt();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Clicks the extension's toolbar button on the tab showing `tabUrl` (exactly) and returns its popup.
 * @param extensionId the extension whose button is clicked
 */
export async function openToolbarPopup(context: BrowserContext, extensionId: string, tabUrl: string): Promise<ToolbarPopup> {
  const browser = context.browser();
  if (!browser) throw new Error('toolbar popup: the context has no browser to ask');
  const session = await browser.newBrowserCDPSession();
  // The action runs on a tab target, which Target.getTargets lists only when asked for tabs.
  const tab = (await targets(session, [{ type: 'tab' }])).find((target) => target.url === tabUrl);
  if (!tab) throw new Error(`toolbar popup: no tab shows ${tabUrl}`);
  const popupUrl = `chrome-extension://${extensionId}/`;
  const extensionPages = async () =>
    (await targets(session, [{}])).filter((target) => target.type === 'page' && target.url.startsWith(popupUrl));
  // The extension's pages already open (a test's page talking to the worker) are not the popup.
  const before = new Set((await extensionPages()).map((target) => target.targetId));
  await session.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  const popup = await poll('toolbar popup: none opened', 10_000, async () =>
    (await extensionPages()).find((target) => !before.has(target.targetId)),
  );
  const { sessionId } = (await session.send('Target.attachToTarget' as never, { targetId: popup.targetId, flatten: false } as never)) as {
    sessionId: string;
  };

  // Answers to the messages sent to the popup's session, by id.
  type Answer = { id?: number; result?: { result?: { value?: unknown } }; error?: { message: string } };
  let lastId = 0;
  const waiting = new Map<number, (message: Answer) => void>();
  session.on(
    'Target.receivedMessageFromTarget' as never,
    ((event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as Answer;
      if (message.id !== undefined) waiting.get(message.id)?.(message);
    }) as never,
  );

  async function evaluate(expression: string): Promise<unknown> {
    const id = ++lastId;
    const answer = new Promise<Answer>((resolve) => waiting.set(id, resolve));
    const message = JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } });
    await session.send('Target.sendMessageToTarget' as never, { sessionId, message } as never);
    const { result, error } = await answer;
    waiting.delete(id);
    if (error) throw new Error(`toolbar popup: ${error.message}`);
    return result?.result?.value;
  }

  return {
    async waitFor(selector, timeoutMs = 15_000) {
      await poll(`toolbar popup: nothing matched ${selector}`, timeoutMs, async () =>
        (await evaluate(`document.querySelector(${JSON.stringify(selector)}) !== null`)) === true ? true : undefined,
      );
    },
    texts: async (selector) =>
      (await evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((element) => element.textContent)`)) as string[],
    async close() {
      await session.send('Target.closeTarget' as never, { targetId: popup.targetId } as never).catch(() => undefined);
      await session.detach();
    },
  };
}
