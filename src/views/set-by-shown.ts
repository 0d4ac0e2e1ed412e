import { useEffect, useMemo, useState } from 'preact/hooks';
import type { NetworkLog } from '../core/network/network-log.ts';
import type { CookieEvent, NetworkAttribution, SetBy } from '../core/network/set-by.ts';
import type { ShownTimeline } from './TimelineView.tsx';

/** What DevTools heard, to say which response set each cookie event: the DevTools panel only (views/App.tsx `network`). */
export type HeardNetwork = {
  log: NetworkLog | null;
  attribution: NetworkAttribution;
  /** The clock. */
  now: () => number;
};

/**
 * Which response set each event, as DevTools heard it; an event still in its window is looked at
 * again when it closes. With the report's view, not in the scripts a page loads at open.
 */
export function useSetBy(timeline: ShownTimeline, network: HeardNetwork | undefined): ((event: CookieEvent) => SetBy | null) | undefined {
  const log = network?.log;
  const attribution = network?.attribution;
  const now = network?.now ?? Date.now;
  const [clock, setClock] = useState(now);
  useEffect(() => {
    if (!log || !attribution) return;
    // Events are in order: the first still in its window closes first.
    const pending = timeline.events.find((event) => 'name' in event && event.at + attribution.windowMs > clock);
    if (!pending) return;
    const timer = setTimeout(() => setClock(now()), Math.max(0, pending.at + attribution.windowMs - now()) + 20);
    return () => clearTimeout(timer);
  }, [log, attribution, timeline, clock, now]);
  return useMemo(
    () => (log && attribution ? attribution.setByOfTimeline(timeline.events, log, clock) : undefined),
    [log, attribution, timeline, clock],
  );
}
