import type { SiteRecord } from '../core/cookies/site-record.ts';
import { LIVE_MESSAGE_TYPE, signatureOf, type LiveMessage } from '../core/message-contract.ts';

/** Tells the open pages what just happened, as it happens. */
export type LivePush = {
  /**
   * `site` just got an event, from a browser change the worker heard at `heardAt` (high-resolution
   * clock): its last, unless `placedLast` is false (a cookie of embedded content told late goes
   * before the choices heard after it).
   */
  eventRecorded(site: SiteRecord, heardAt: number, placedLast?: boolean): void;
  /** DevTools heard more responses in tab `tabId`. */
  networkChanged(tabId: number): void;
};

/**
 * Pushes to every open extension page with `send` (runtime.sendMessage): the popup, the side
 * panel and the DevTools panel place the event at once, where a storage change would wait for the
 * write's debounce and a round trip for the report. No page open is the common case: `send`
 * then fails ("no receiving end"), which is fine. No Port is kept open: an idle Port does not keep
 * a worker alive (measured in Chrome and Firefox, README "Live updates"), and an event that wakes
 * the worker reaches the open pages anyway.
 */
export function createLivePush(send: (message: LiveMessage) => Promise<unknown>): LivePush {
  const post = (message: LiveMessage) => void send(message).catch(() => undefined);
  return {
    eventRecorded(site, heardAt, placedLast = true) {
      // A page places an event after the last it shows, and events are signed without their
      // domain: the last event pushed again could pass for a new one. It reads the report instead.
      if (!placedLast) return post({ type: LIVE_MESSAGE_TYPE, kind: 'resync', host: site.host, storeId: site.storeId });
      const { timeline } = site;
      const event = timeline.at(-1);
      if (!event) return;
      // The event before it, when the record still holds it (a record trimmed to its limit may not).
      const before = timeline.length > 1 ? timeline[timeline.length - 2]! : null;
      const previous = before ? signatureOf(before) : site.droppedEvents === 0 ? null : undefined;
      // Unknown: a page cannot check where the event goes, and asks for the report (a gap it cannot fill).
      if (previous === undefined) return;
      post({
        type: LIVE_MESSAGE_TYPE,
        kind: 'event',
        host: site.host,
        storeId: site.storeId,
        seq: site.droppedEvents + timeline.length,
        previous,
        event,
        heardAt,
      });
    },
    networkChanged(tabId) {
      post({ type: LIVE_MESSAGE_TYPE, kind: 'network', tabId });
    },
  };
}
