// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { NetworkLog } from '../../src/core/network/network-log.ts';
import type { CookieEvent, NetworkAttribution } from '../../src/core/network/set-by.ts';
import { useSetBy } from '../../src/views/set-by-shown.ts';
import type { ShownTimeline } from '../../src/views/TimelineView.tsx';

const event = { type: 'set', at: 1_000, name: '_ga', domain: '.tco.re', phase: 'before-choice' } as CookieEvent;
const timeline = { droppedEvents: 0, events: [event] } as ShownTimeline;
const log: NetworkLog = { tabId: 4, openedAt: 0, responses: [] };

describe('useSetBy', () => {
  it('says nothing without DevTools’ network log (the popup, the side panel)', () => {
    const { result } = renderHook(() => useSetBy(timeline, undefined));
    expect(result.current).toBeUndefined();
  });

  it('reads the log for the timeline, and again once an event’s window has closed', () => {
    vi.useFakeTimers();
    try {
      let clock = 1_500;
      const answer = vi.fn(() => () => null);
      const attribution = { setByOfTimeline: answer, windowMs: 1_000 } as unknown as NetworkAttribution;
      const { result } = renderHook(() => useSetBy(timeline, { log, attribution, now: () => clock }));
      expect(typeof result.current).toBe('function');
      expect(answer).toHaveBeenLastCalledWith(timeline.events, log, 1_500);
      // The event's window (1,000 ms after it) closes at 2,000: it is looked at again then.
      clock = 2_100;
      void act(() => void vi.advanceTimersByTime(1_000));
      expect(answer).toHaveBeenLastCalledWith(timeline.events, log, 2_100);
    } finally {
      vi.useRealTimers();
    }
  });
});
