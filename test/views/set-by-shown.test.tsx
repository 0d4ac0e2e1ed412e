// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { NetworkLog } from '../../src/core/network/network-log.ts';
import type { CookieEvent, NetworkAttribution } from '../../src/core/network/set-by.ts';
import { useNetworkLog, useSetBy, type HeardNetwork } from '../../src/views/set-by-shown.ts';
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

  it('reads the log again when the window of an event heard long after the last read closes', () => {
    vi.useFakeTimers();
    try {
      let clock = 2_100;
      const answer = vi.fn(() => () => null);
      const attribution = { setByOfTimeline: answer, windowMs: 1_000 } as unknown as NetworkAttribution;
      const { rerender } = renderHook(({ shown }) => useSetBy(shown, { log, attribution, now: () => clock }), {
        initialProps: { shown: timeline },
      });
      // Nothing pending for long: then an event is heard, far past the clock the hook last read.
      clock = 100_000;
      const later = { ...event, at: 100_000 };
      rerender({ shown: { droppedEvents: 0, events: [event, later] } });
      clock = 101_100;
      void act(() => void vi.advanceTimersByTime(1_100));
      expect(answer).toHaveBeenLastCalledWith([event, later], log, 101_100);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the log again when the first window closes, though an event before it in the list is dated ahead (a clock set back)', () => {
    vi.useFakeTimers();
    try {
      let clock = 10_000;
      const answer = vi.fn(() => () => null);
      const attribution = { setByOfTimeline: answer, windowMs: 3_000 } as unknown as NetworkAttribution;
      const ahead = { ...event, name: 'x', at: 12_500 };
      const heard = { ...event, name: 'b', at: 10_000 };
      const shown = { droppedEvents: 0, events: [ahead, heard] };
      renderHook(() => useSetBy(shown, { log, attribution, now: () => clock }));
      clock = 13_100;
      void act(() => void vi.advanceTimersByTime(3_100));
      expect(answer).toHaveBeenLastCalledWith(shown.events, log, 13_100);
    } finally {
      vi.useRealTimers();
    }
  });

  // A clock set back (an event dated after it) or a corrupt time: a timer past 2^31-1 ms fires at
  // once in browsers and Node, so one per event would redraw the timeline without pause.
  for (const ahead of [30 * 86_400_000, 1e300, Number.NaN]) {
    it(`reads the log a handful of times, not without pause, for an event dated ${ahead} ms after the clock`, async () => {
      vi.useFakeTimers();
      try {
        const future = { ...event, at: Date.now() + ahead };
        const answer = vi.fn(() => () => null);
        const attribution = { setByOfTimeline: answer, windowMs: 10_000 } as unknown as NetworkAttribution;
        const network = { log, attribution, now: Date.now };
        renderHook(() => useSetBy({ droppedEvents: 0, events: [future] }, network));
        // Fake timers fire a delay past 2^31-1 ms at once, as browsers and Node do: 300 ms of them.
        for (let step = 0; step < 30; step++) await act(() => void vi.advanceTimersByTime(10));
        expect(answer.mock.calls.length).toBeLessThan(5);
      } finally {
        vi.useRealTimers();
      }
    });
  }

  describe('useNetworkLog', () => {
    const attribution = {} as NetworkAttribution;
    const heardNetwork = (load: HeardNetwork['load'], heard = 0): HeardNetwork => ({ load, heard, attribution, now: Date.now });

    it('reads nothing outside the DevTools panel', () => {
      const { result } = renderHook(() => useNetworkLog(undefined));
      expect(result.current).toMatchObject({ log: null, failed: null });
    });

    it('reads the log, and again at each change heard', async () => {
      const load = vi.fn(async () => log);
      const { result, rerender } = renderHook(({ heard }) => useNetworkLog(heardNetwork(load, heard)), { initialProps: { heard: 0 } });
      await waitFor(() => expect(result.current.log).toBe(log));
      rerender({ heard: 1 });
      await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    });

    it('tells why a read failed, keeping the log read before, and reads again on retry', async () => {
      const error = new Error('worker gone');
      const load = vi.fn<HeardNetwork['load']>().mockResolvedValueOnce(log).mockRejectedValueOnce(error).mockResolvedValue(log);
      const { result, rerender } = renderHook(({ heard }) => useNetworkLog(heardNetwork(load, heard)), { initialProps: { heard: 0 } });
      await waitFor(() => expect(result.current.log).toBe(log));
      rerender({ heard: 1 });
      await waitFor(() => expect(result.current.failed).toEqual({ error }));
      expect(result.current.log).toBe(log);
      void act(() => result.current.retry());
      expect(result.current.asking).toBe(true);
      await waitFor(() => expect(result.current).toMatchObject({ log, failed: null, asking: false }));
      expect(load).toHaveBeenCalledTimes(3);
    });

    it('drops an answer older than one applied (a burst of changes answered out of order)', async () => {
      const newer: NetworkLog = { ...log, responses: [] };
      let answerFirst: (value: NetworkLog) => void = () => undefined;
      const load = vi
        .fn<HeardNetwork['load']>()
        .mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)))
        .mockResolvedValueOnce(newer);
      const { result, rerender } = renderHook(({ heard }) => useNetworkLog(heardNetwork(load, heard)), { initialProps: { heard: 0 } });
      rerender({ heard: 1 });
      await waitFor(() => expect(result.current.log).toBe(newer));
      await act(async () => answerFirst(log));
      expect(result.current.log).toBe(newer);
    });
  });
});
