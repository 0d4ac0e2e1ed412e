/** The pages' side of messaging (the worker's is worker-messaging.ts: a page loads none of it). */
import { browser, type Browser } from './browser.ts';
import {
  isLiveMessage,
  NoAnswer,
  SAFE_TO_SEND_AGAIN,
  type LiveMessage,
  type Method,
  type Params,
  type RequestMessage,
  type ResponseMessage,
  type Result,
} from '../core/message-contract.ts';

type RuntimeApi = Pick<Browser, 'runtime'>;

/**
 * What Chrome and Firefox say when no listener was there to receive a message: the worker was
 * stopping (measured in Chromium 150: a message sent in the few ms of a stop is refused so, or
 * answered with nothing, and the next one wakes the worker). Nothing was done: it is sent again.
 */
const NOT_RECEIVED = 'Receiving end does not exist';

/**
 * The waits before each new attempt at a request no worker had: the worker that missed it is
 * stopping, and the next message starts it again once it has stopped. That stop takes
 * milliseconds on an idle machine, longer on a loaded one: three attempts (after 20, 200 and
 * 1,000 ms) still left one popup of 26 saying the worker did not answer in the end-to-end sweep
 * (Chromium, a fresh-clone CI on 2 cores running both browsers), twice. So: soon at first (most
 * stops are short), then each second, 4.3 s in all, well within the pages' own limit
 * (WORKER_WAIT_LIMIT_MS, 15 s): a worker that cannot start at all is still said within seconds.
 * The wait before attempt `attempt + 1` (20, 40, 80, 160, 320, 640, then 1,000 ms four times), or
 * undefined after the last: a rule, not a table, as it is in the popup's first script (its bytes
 * are budgeted).
 */
export const sendAgainAfterMs = (attempt: number): number | undefined => (attempt < 10 ? Math.min(20 << attempt, 1000) : undefined);

/**
 * Sends a request to the background worker and returns its result, or throws its error. A worker
 * stopped before it answered is no answer in both browsers: Firefox resolves to nothing, Chrome
 * rejects with its own English words ("the message channel closed before a response was
 * received"). Such a request is sent again (sendAgainAfterMs) when it was never received, or
 * when it is one the page reads on its own (SAFE_TO_SEND_AGAIN); then no answer is NoAnswer.
 */
export async function callBackground<M extends Method>(
  method: M,
  params: Params<M>,
  api: RuntimeApi = browser,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Result<M>> {
  const request: RequestMessage<M> = { method, params };
  for (let attempt = 0; ; attempt++) {
    const sent: Promise<ResponseMessage<M> | undefined> = api.runtime.sendMessage(request);
    const { response, notReceived } = await sent.then(
      (answer) => ({ response: answer, notReceived: false }),
      (error: unknown) => ({ response: undefined, notReceived: error instanceof Error && error.message.includes(NOT_RECEIVED) }),
    );
    if (response) {
      if (!response.ok) throw new Error(response.error);
      return response.result;
    }
    const pause = sendAgainAfterMs(attempt);
    if (pause === undefined || !(notReceived || SAFE_TO_SEND_AGAIN.has(method))) throw new NoAnswer(method);
    await wait(pause);
  }
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
