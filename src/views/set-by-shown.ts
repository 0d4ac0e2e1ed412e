import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NetworkLog } from '../core/network/network-log.ts';
import type { CookieEvent, NetworkAttribution, SetBy } from '../core/network/set-by.ts';
import type { ShownTimeline } from './TimelineView.tsx';

/**
 * DevTools' network log of the inspected tab, as the DevTools panel gives it (views/App.tsx
 * `network`): read here, with the report's view, so the code that reads it and says when it
 * could not be is not in the scripts the popup loads at open.
 */
export type HeardNetwork = {
  /** Reads the tab's network log (asks the worker). */
  load: () => Promise<NetworkLog | null>;
  /** How many changes of the log the worker has told of: each is read again. */
  heard: number;
  attribution: NetworkAttribution;
  /** The clock. */
  now: () => number;
};

/** The log read, to say which response set each cookie event. */
export type ReadNetwork = {
  log: NetworkLog | null;
  attribution: NetworkAttribution;
  /** The clock. */
  now: () => number;
};

/** The longest delay setTimeout keeps (2^31-1 ms): browsers and Node fire a longer one at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The network log as last read; `failed`: why the last read failed (the log read before it is kept), `asking`: read again on Retry. */
export type NetworkRead = { log: NetworkLog | null; failed: { error: unknown } | null; asking: boolean };

/**
 * Reads the network log when the view shows, again at each change heard and on `retry`. Answers
 * can come back out of order during a burst of changes: one older than the last applied is dropped.
 */
export function useNetworkLog(network: HeardNetwork | undefined): NetworkRead & { retry: () => void } {
  const [read, setRead] = useState<NetworkRead>({ log: null, failed: null, asking: false });
  const [tries, setTries] = useState(0);
  const asked = useRef(0);
  const applied = useRef(0);
  const load = network?.load;
  const heard = network?.heard;
  useEffect(() => {
    if (!load) return;
    const request = ++asked.current;
    const apply = (next: (shown: NetworkRead) => NetworkRead) => {
      if (request < applied.current) return;
      applied.current = request;
      setRead(next);
    };
    load().then(
      (log) => apply(() => ({ log, failed: null, asking: false })),
      (error: unknown) => apply((shown) => ({ ...shown, failed: { error }, asking: false })),
    );
  }, [load, heard, tries]);
  return {
    ...read,
    retry: () => {
      setRead((shown) => ({ ...shown, asking: true }));
      setTries((count) => count + 1);
    },
  };
}

/**
 * Which response set each event, as DevTools heard it; an event still in its window is looked at
 * again when it closes. With the report's view, not in the scripts a page loads at open.
 */
export function useSetBy(timeline: ShownTimeline, network: ReadNetwork | undefined): ((event: CookieEvent) => SetBy | null) | undefined {
  const log = network?.log;
  const attribution = network?.attribution;
  const now = network?.now ?? Date.now;
  const [clock, setClock] = useState(now);
  useEffect(() => {
    if (!log || !attribution) return;
    // The timer waits for the window that closes first, of the events still in theirs (not the
    // first in the list: one dated ahead of a clock set back would hold back those after it). One
    // dated past the clock's window (a clock set back, a corrupt time) or at no time gets no
    // timer: a delay past LONGEST_TIMER_MS fires at once, which would read the log again without pause.
    const current = now();
    const windowMs = attribution.windowMs;
    let firstClose = Infinity;
    for (const event of timeline.events)
      if ('name' in event && Number.isFinite(event.at) && event.at + windowMs > clock && event.at <= current + windowMs)
        firstClose = Math.min(firstClose, event.at + windowMs);
    if (firstClose === Infinity) return;
    const timer = setTimeout(() => setClock(now()), Math.min(LONGEST_TIMER_MS, Math.max(0, firstClose - current) + 20));
    return () => clearTimeout(timer);
  }, [log, attribution, timeline, clock, now]);
  return useMemo(
    () => (log && attribution ? attribution.setByOfTimeline(timeline.events, log, clock) : undefined),
    [log, attribution, timeline, clock],
  );
}
