/** The worker's side of messaging: answering the pages' requests, pushing to them (the pages' side is messaging.ts). */
import { browser, type Browser, type Runtime } from './browser.ts';
import type { Handlers, LiveMessage, RequestMessage, ResponseMessage } from '../core/message-contract.ts';
import { requestProblem, requestProblemText } from '../core/request-checks.ts';
import type { Translate } from '../core/ui-strings.ts';
import { DEVTOOLS_SESSION_PORT, isDevtoolsSession, type DevtoolsSession } from '../core/network/devtools-session.ts';

type RuntimeApi = Pick<Browser, 'runtime'>;

/**
 * True only for our own extension pages (the popup, also when opened in a full tab).
 * Content scripts report the web page's URL and other extensions another id: both are refused.
 */
export function isOwnPage(sender: Runtime.MessageSender, api: RuntimeApi = browser): boolean {
  const ownOrigin = api.runtime.getURL('');
  return sender.id === api.runtime.id && (sender.url ?? '').startsWith(ownOrigin);
}

/**
 * Answers requests with `handlers`. Registered synchronously by the caller at the top of the
 * worker; the handlers themselves wait for state to be ready. A request the contract refuses gets
 * its specific error (`translate`: the browser's language, a page shows it as it is), and no handler runs.
 */
export function serveRequests(handlers: Handlers, translate: Translate, api: RuntimeApi = browser): void {
  api.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (r: ResponseMessage) => void) => {
    if (!isOwnPage(sender, api)) {
      sendResponse({ ok: false, error: 'Refused: messages are only accepted from the extension’s own pages' });
      return false;
    }
    const problem = requestProblem(message);
    if (problem) {
      sendResponse({ ok: false, error: requestProblemText(problem, translate) });
      return false;
    }
    // requestProblem found nothing wrong with it.
    const request = message as RequestMessage;
    const handler = handlers[request.method] as (params: unknown) => Promise<unknown>;
    handler(request.params).then(
      (result) => sendResponse({ ok: true, result } as ResponseMessage),
      (error: unknown) => {
        // The browser stopping the worker as it worked: no answer, as a worker stopped before it
        // answered gives none, so that a page sends a read again (src/platform/messaging.ts).
        if (isStoppingError(error)) return sendResponse(undefined as never);
        sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
    // Keep the channel open for the asynchronous answer (works in every browser, unlike returning a promise).
    return true;
  }) as Parameters<RuntimeApi['runtime']['onMessage']['addListener']>[0]);
}

/**
 * Chrome's refusal of an extension API call a worker makes while the browser stops it ("No SW":
 * its process is gone, extension_function_dispatcher.cc). Seen in the end-to-end sweep of popups
 * opened as the worker stops (test/e2e/scenarios/restart.ts): the popup's report read failed with
 * "Could not read the recorded cookies: No SW" where a read sent again is answered.
 */
export const isStoppingError = (error: unknown): boolean => error instanceof Error && error.message === 'No SW';

/** Pushes a live message to every open extension page (no answer expected); resolves or rejects as runtime.sendMessage does (no page open: it rejects). */
export function broadcast(message: LiveMessage, api: RuntimeApi = browser): Promise<unknown> {
  return api.runtime.sendMessage(message);
}

/**
 * Calls `ended` with each DevTools session our DevTools page announced on its port, when that
 * port ends: the page closed (a port the worker's own stop ends runs nothing here). Registered at
 * the top of the worker, as every listener. Ports of other senders or names are left alone.
 */
export function onDevtoolsSessionEnded(ended: (session: DevtoolsSession, at: number) => void, api: RuntimeApi = browser): void {
  api.runtime.onConnect.addListener((port) => {
    if (port.name !== DEVTOOLS_SESSION_PORT || !port.sender || !isOwnPage(port.sender, api)) return;
    let session: DevtoolsSession | null = null;
    port.onMessage.addListener((message: unknown) => {
      if (session === null && isDevtoolsSession(message)) session = { tabId: message.tabId, openedAt: message.openedAt };
    });
    port.onDisconnect.addListener(() => {
      if (session !== null) ended(session, Date.now());
    });
  });
}
