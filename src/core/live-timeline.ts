/**
 * A page's view of a site's timeline, kept live: the last report's events, then the events the
 * worker pushed since (see LiveMessage). An event is placed only where it belongs: right after the
 * last one shown, which it names (`previous`); anything else (a gap, a timeline that started
 * again after a clear, a restart whose marker was never pushed) asks for the report, which is the
 * truth as the worker recorded it. So events are always shown in the order the worker recorded
 * them, each with the phase it recorded.
 */
import type { TimelineEvent } from './cookies/site-record.ts';
import { LIVE_MESSAGE_TYPE, signatureOf, type EventSignature, type LiveMessage } from './message-contract.ts';
import type { Report } from './report/report.ts';

/** An event pushed by the worker, with its place and when the worker heard it. */
export type PushedEvent = { seq: number; previous: EventSignature | null; event: TimelineEvent; heardAt: number };

/** What a page shows of a site's timeline. */
export type LiveTimeline = {
  /** The site and cookie store it follows. */
  host: string;
  storeId: string;
  /** The report's timeline. */
  base: Report['timeline'];
  /** Events pushed since the report, in order, each following the one before. */
  pushed: PushedEvent[];
};

/** What to do with a push. */
export type LiveStep =
  /** Show this timeline (the push was placed). */
  | { kind: 'placed'; timeline: LiveTimeline }
  /** Nothing changes: another site's event, or one already shown. */
  | { kind: 'ignored' }
  /** The push cannot be placed: fetch the report again. */
  | { kind: 'resync' };

const same = (a: EventSignature | null, b: EventSignature | null) =>
  a === b || (a !== null && b !== null && a.type === b.type && a.at === b.at && a.name === b.name);

/** The position of the last event of a report's timeline (0 when it holds none). */
const lastSeqOf = (base: Report['timeline']) => base.droppedEvents + base.events.length;

/** The event shown at position `seq`, or undefined when it is not shown (dropped, or not there yet). */
function eventAt(timeline: LiveTimeline, seq: number): TimelineEvent | undefined {
  const index = seq - timeline.base.droppedEvents - 1;
  if (index < 0) return undefined;
  if (index < timeline.base.events.length) return timeline.base.events[index];
  return timeline.pushed[index - timeline.base.events.length]?.event;
}

/** A live timeline starting from a report. */
export function liveTimelineOf(report: Report): LiveTimeline {
  return { host: report.host, storeId: report.storeId, base: report.timeline, pushed: [] };
}

/** Every event shown, in order. */
export function shownEvents(timeline: LiveTimeline): TimelineEvent[] {
  return timeline.pushed.length === 0 ? timeline.base.events : [...timeline.base.events, ...timeline.pushed.map((p) => p.event)];
}

/** Places a push of the worker's, or says why it cannot. */
export function applyLive(timeline: LiveTimeline, message: LiveMessage): LiveStep {
  if (message.kind === 'network' || message.host !== timeline.host || message.storeId !== timeline.storeId) return { kind: 'ignored' };
  // An event placed before others (a cookie of embedded content told late): only the report shows where.
  if (message.kind === 'resync') return { kind: 'resync' };
  const last = lastSeqOf(timeline.base) + timeline.pushed.length;
  if (message.seq <= last) {
    // Already shown (the report was built after the worker recorded it): only if it is that very event.
    const shown = eventAt(timeline, message.seq);
    return shown && same(signatureOf(shown), signatureOf(message.event)) ? { kind: 'ignored' } : { kind: 'resync' };
  }
  const lastEvent = eventAt(timeline, last);
  if (message.seq !== last + 1 || !same(message.previous, lastEvent ? signatureOf(lastEvent) : null)) return { kind: 'resync' };
  const pushed: PushedEvent = { seq: message.seq, previous: message.previous, event: message.event, heardAt: message.heardAt };
  return { kind: 'placed', timeline: { ...timeline, pushed: [...timeline.pushed, pushed] } };
}

/**
 * The timeline once a new report arrived: its events, then the pushes it does not hold yet that
 * follow it (a push can arrive before the answer to a request sent earlier). Pushes that do not
 * follow it are dropped: the next push then finds the gap and asks again.
 */
export function rebase(timeline: LiveTimeline, report: Report): LiveTimeline {
  const fresh = liveTimelineOf(report);
  if (fresh.host !== timeline.host || fresh.storeId !== timeline.storeId) return fresh;
  let result = fresh;
  for (const push of timeline.pushed) {
    const step = applyLive(result, { type: LIVE_MESSAGE_TYPE, kind: 'event', host: fresh.host, storeId: fresh.storeId, ...push });
    if (step.kind === 'placed') result = step.timeline;
  }
  return result;
}
