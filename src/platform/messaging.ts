import { browser, type Browser, type Runtime } from './browser.ts';
import {
  isLiveMessage,
  isRequestMessage,
  type Handlers,
  type LiveMessage,
  type Method,
  type Params,
  type RequestMessage,
  type ResponseMessage,
  type Result,
} from '../core/message-contract.ts';

type RuntimeApi = Pick<Browser, 'runtime'>;

/** Sends a request to the background worker and returns its result, or throws its error. */
export async function callBackground<M extends Method>(method: M, params: Params<M>, api: RuntimeApi = browser): Promise<Result<M>> {
  const request: RequestMessage<M> = { method, params };
  const response: ResponseMessage<M> | undefined = await api.runtime.sendMessage(request);
  if (!response) throw new Error(`No answer from the background worker to ${method}`);
  if (!response.ok) throw new Error(response.error);
  return response.result;
}

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
 * worker; the handlers themselves wait for state to be ready.
 */
export function serveRequests(handlers: Handlers, api: RuntimeApi = browser): void {
  api.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (r: ResponseMessage) => void) => {
    if (!isOwnPage(sender, api)) {
      sendResponse({ ok: false, error: 'Refused: messages are only accepted from the extension’s own pages' });
      return false;
    }
    if (!isRequestMessage(message)) {
      sendResponse({ ok: false, error: 'Unknown request' });
      return false;
    }
    const handler = handlers[message.method] as (params: unknown) => Promise<unknown>;
    handler(message.params).then(
      (result) => sendResponse({ ok: true, result } as ResponseMessage),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    // Keep the channel open for the asynchronous answer (works in every browser, unlike returning a promise).
    return true;
  }) as Parameters<RuntimeApi['runtime']['onMessage']['addListener']>[0]);
}

/** Pushes a live message to every open extension page (no answer expected); resolves or rejects as runtime.sendMessage does (no page open: it rejects). */
export function broadcast(message: LiveMessage, api: RuntimeApi = browser): Promise<unknown> {
  return api.runtime.sendMessage(message);
}

/**
 * Calls `listener` with each live message the worker pushes; returns the unsubscribe function.
 * Every other message a page hears (another page's request to the worker) is left alone and
 * never answered here: the worker answers those.
 */
export function onLiveMessage(listener: (message: LiveMessage) => void, api: RuntimeApi = browser): () => void {
  const handler = (message: unknown) => {
    if (isLiveMessage(message)) listener(message);
    // No return value: this page does not answer.
  };
  api.runtime.onMessage.addListener(handler);
  return () => api.runtime.onMessage.removeListener(handler);
}
