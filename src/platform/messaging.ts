/** The pages' side of messaging (the worker's is worker-messaging.ts: a page loads none of it). */
import { browser, type Browser } from './browser.ts';
import {
  isLiveMessage,
  NoAnswer,
  type LiveMessage,
  type Method,
  type Params,
  type RequestMessage,
  type ResponseMessage,
  type Result,
} from '../core/message-contract.ts';

type RuntimeApi = Pick<Browser, 'runtime'>;

/**
 * Sends a request to the background worker and returns its result, or throws its error. A worker
 * stopped before it answered is no answer in both browsers: Firefox resolves to nothing, Chrome
 * rejects with its own English words ("the message channel closed before a response was received").
 */
export async function callBackground<M extends Method>(method: M, params: Params<M>, api: RuntimeApi = browser): Promise<Result<M>> {
  const request: RequestMessage<M> = { method, params };
  const sent: Promise<ResponseMessage<M> | undefined> = api.runtime.sendMessage(request);
  const response = await sent.catch(() => undefined);
  if (!response) throw new NoAnswer(method);
  if (!response.ok) throw new Error(response.error);
  return response.result;
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
