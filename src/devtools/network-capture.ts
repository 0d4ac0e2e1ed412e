/**
 * What the DevTools page does with the inspected tab's requests: each response that set cookies
 * is reduced at once to names and attributes (core/network: the header values go no further),
 * and sent to the worker in small batches with the DevTools session it belongs to. The first
 * batch, empty, is sent when DevTools opens: from then on, a cookie no response set was set by a
 * script.
 */
import type { NetworkResponse } from '../core/network/network-log.ts';
import { responseOfHarEntry, type HarEntryLike } from '../core/network/network-log.ts';
import type { BarePair } from '../core/network/set-cookie-header.ts';

/** How long responses wait to go together (a page load sets its cookies in a burst of requests). */
export const BATCH_DELAY_MS = 50;

export type NetworkCapture = {
  /** A request of the inspected tab completed. */
  heard(entry: HarEntryLike): void;
};

/**
 * @param send hands a batch to the worker (noteNetwork), for this DevTools session
 * @param later a timer (tests pass their own)
 * @param bare how this browser reads a Set-Cookie without `=` (platform/devtools.ts `barePairReading`)
 */
export function createNetworkCapture(
  send: (responses: NetworkResponse[]) => Promise<unknown>,
  later: (run: () => void, ms: number) => unknown = setTimeout,
  bare: BarePair = 'value',
): NetworkCapture {
  let batch: NetworkResponse[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const responses = batch;
    batch = [];
    // A batch no worker received is sent again (callBackground); one a stopping worker had and did
    // not answer is lost, never sent twice (noteNetwork would log it twice): nothing else keeps it.
    send(responses).catch(() => undefined);
  };
  // DevTools is open from now on: say so at once.
  flush();
  return {
    heard(entry) {
      const response = responseOfHarEntry(entry, bare);
      if (!response) return;
      batch.push(response);
      if (!scheduled) {
        scheduled = true;
        later(flush, BATCH_DELAY_MS);
      }
    },
  };
}
