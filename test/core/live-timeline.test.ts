import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/core/cookies/site-record.ts';
import { applyLive, liveTimelineOf, rebase, shownEvents, type LiveTimeline } from '../../src/core/live-timeline.ts';
import { LIVE_MESSAGE_TYPE, signatureOf, type LiveMessage } from '../../src/core/message-contract.ts';
import { report } from '../support/reports.ts';

const set = (name: string, at: number): TimelineEvent => ({ type: 'set', at, name, domain: 'data.tco.re', phase: 'before-choice' });
const withEvents = (events: TimelineEvent[], droppedEvents = 0) => report([], { timeline: { droppedEvents, events } });
const push = (seq: number, event: TimelineEvent, previous: TimelineEvent | null, overrides: Partial<LiveMessage> = {}): LiveMessage =>
  ({
    type: LIVE_MESSAGE_TYPE,
    kind: 'event',
    host: 'data.tco.re',
    storeId: '0',
    seq,
    previous: previous && signatureOf(previous),
    event,
    heardAt: 1,
    ...overrides,
  }) as LiveMessage;

const names = (timeline: LiveTimeline) => shownEvents(timeline).map((e) => ('name' in e ? e.name : e.type));
const placed = (timeline: LiveTimeline, message: LiveMessage): LiveTimeline => {
  const step = applyLive(timeline, message);
  if (step.kind !== 'placed') throw new Error(`not placed: ${step.kind}`);
  return step.timeline;
};

describe('live timeline', () => {
  const a = set('a', 1);
  const b = set('b', 2);
  const c = set('c', 3);

  it('places pushes that follow the last event shown, in order', () => {
    let timeline = liveTimelineOf(withEvents([a]));
    timeline = placed(timeline, push(2, b, a));
    timeline = placed(timeline, push(3, c, b));
    expect(names(timeline)).toEqual(['a', 'b', 'c']);
  });

  it('places the first event of an empty timeline, and counts dropped events in positions', () => {
    expect(names(placed(liveTimelineOf(withEvents([])), push(1, a, null)))).toEqual(['a']);
    expect(names(placed(liveTimelineOf(withEvents([a], 999)), push(1001, b, a)))).toEqual(['a', 'b']);
  });

  it('asks for the report on a gap, or when the event before is not the one shown (the timeline started again)', () => {
    const timeline = liveTimelineOf(withEvents([a]));
    expect(applyLive(timeline, push(3, c, b))).toEqual({ kind: 'resync' });
    const cleared: TimelineEvent = { type: 'cleared', at: 5 };
    expect(applyLive(timeline, push(2, b, cleared))).toEqual({ kind: 'resync' });
  });

  it('ignores an event already in the report, and another site’s or store’s', () => {
    const timeline = liveTimelineOf(withEvents([a, b]));
    expect(applyLive(timeline, push(2, b, a))).toEqual({ kind: 'ignored' });
    expect(applyLive(timeline, push(3, c, b, { host: 'itie.opendatasoft.com' }))).toEqual({ kind: 'ignored' });
    expect(applyLive(timeline, push(3, c, b, { storeId: 'firefox-private' }))).toEqual({ kind: 'ignored' });
    expect(applyLive(timeline, { type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 3 })).toEqual({ kind: 'ignored' });
  });

  it('asks for the report when the worker placed an event before others in the site’s timeline, and only for that site (re-review rrTl 2)', () => {
    const timeline = liveTimelineOf(withEvents([a, b]));
    const reordered: LiveMessage = { type: LIVE_MESSAGE_TYPE, kind: 'resync', host: 'data.tco.re', storeId: '0' };
    expect(applyLive(timeline, reordered)).toEqual({ kind: 'resync' });
    expect(applyLive(timeline, { ...reordered, host: 'itie.opendatasoft.com' })).toEqual({ kind: 'ignored' });
    expect(applyLive(timeline, { ...reordered, storeId: 'firefox-private' })).toEqual({ kind: 'ignored' });
  });

  it('asks for the report when the event at a known position is another one (a record started again)', () => {
    expect(applyLive(liveTimelineOf(withEvents([a, b])), push(2, set('x', 9), a))).toEqual({ kind: 'resync' });
  });

  it('keeps, on a new report, the pushes that follow it and drops the ones it holds', () => {
    let timeline = liveTimelineOf(withEvents([a]));
    timeline = placed(timeline, push(2, b, a));
    timeline = placed(timeline, push(3, c, b));
    const rebased = rebase(timeline, withEvents([a, b]));
    expect(names(rebased)).toEqual(['a', 'b', 'c']);
    expect(rebased.pushed.map((p) => p.seq)).toEqual([3]);
  });

  it('drops, on a new report, pushes that do not follow it (the record was cleared meanwhile)', () => {
    const timeline = placed(liveTimelineOf(withEvents([a])), push(2, b, a));
    const cleared = rebase(timeline, withEvents([{ type: 'cleared', at: 5 }]));
    expect(names(cleared)).toEqual(['cleared']);
  });

  it('starts afresh for a report of another site', () => {
    const timeline = placed(liveTimelineOf(withEvents([a])), push(2, b, a));
    const other = rebase(timeline, report([], { host: 'itie.opendatasoft.com', timeline: { droppedEvents: 0, events: [c] } }));
    expect(names(other)).toEqual(['c']);
  });
});
