import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { trackerName } from '../core/consent/tracker-names.ts';
import type { TimelineEvent } from '../core/cookies/site-record.ts';
import type { CookieEvent, SetBy } from '../core/network/set-by.ts';
import type { Report } from '../core/report/report.ts';
import { markLiveRow } from '../core/timing-marks.ts';
import { messageKey, type Translate } from '../core/ui-strings.ts';
import { countText } from './count-text.ts';
import { formatCount } from './time-format.ts';
import { dayOf, shownTime } from './day-time.ts';
import { CookieName } from './CookieName.tsx';
import { consentStateKey } from './ConsentSummary.tsx';

/** A site's timeline as a page shows it: the report's events, then those pushed since (see core/live-timeline.ts). */
export type ShownTimeline = Report['timeline'] & {
  /**
   * Events the worker pushed, by place, with when the worker heard each, until its row is shown
   * (taken out then): the benchmark marks that moment. A push can reach the screen in a report
   * that overtook it, so this is kept apart from where its row comes from.
   */
  heard?: Map<number, number>;
};

type TimelineViewProps = {
  /** The site. */
  host: string;
  /** Its cookie events, oldest first. */
  timeline: ShownTimeline;
  /** When the page opened (ms since the epoch): events heard since are marked new; null marks none. */
  newSince?: number | null;
  /** What set a cookie event (the DevTools panel only: it hears the tab's responses); absent elsewhere. */
  setBy?: ((event: CookieEvent) => SetBy | null) | undefined;
  /**
   * A cookie's name as people are shown it: the report's view passes core/cookies/nameless.ts's
   * visibleCookieName (a character that shows nothing as its code). Imported here, that module
   * would be a file of its own, shared with the report's view, that the report waits for.
   */
  showName: (name: string) => string;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
};

/** "Accepted (Matomo: accepted · Google Analytics: refused)", the choice a consent event recorded. */
function choiceText(consent: NonNullable<CookieEvent['consent']>, t: Translate): string {
  const trackers = Object.entries(consent.trackers);
  const state = t(consentStateKey(consent));
  if (trackers.length === 0) return state;
  const each = trackers.map(([key, accepted]) => t(accepted ? 'trackerAccepted' : 'trackerRefused', trackerName(key)));
  return `${state} (${each.join(' · ')})`;
}

/**
 * Which response made a cookie event, said plainly; for a removal, which one removed the cookie
 * (core/network/set-by.ts credits a removal only to a Set-Cookie expiring it, or else a script).
 */
function SetByLine({ setBy, removal, t }: { setBy: SetBy; removal: boolean; t: Translate }) {
  const text =
    setBy.kind === 'response'
      ? t('setByResponse', setBy.response.method, setBy.response.url, String(setBy.response.status))
      : setBy.kind === 'script'
        ? t(removal ? 'setByScriptRemoved' : 'setByScript')
        : setBy.kind === 'unseen'
          ? t('setByUnseen')
          : t(removal ? 'setByPendingRemoved' : 'setByPending');
  return (
    <span class="set-by" data-set-by={setBy.kind}>
      {text}
    </span>
  );
}

/** When a row's event was, with its date when `withDate`, machine-readable in `datetime`; "unknown time" for a time of another shape. */
function Time({ at, withDate, t, language }: { at: number; withDate: boolean; t: Translate; language: string }) {
  const { text, datetime } = shownTime(at, language, withDate, t);
  return <time dateTime={datetime}>{text}</time>;
}

/** One cookie event: a consent choice is a divider with the choice it recorded, tracker by tracker. */
function EventRow({
  event,
  withDate,
  isNew,
  setBy,
  showName,
  t,
  language,
}: {
  event: CookieEvent;
  withDate: boolean;
  isNew: boolean;
  setBy: SetBy | null;
  showName: (name: string) => string;
  t: Translate;
  language: string;
}) {
  const time = <Time at={event.at} withDate={withDate} t={t} language={language} />;
  const common = {
    'data-event': event.type,
    'data-phase': event.phase,
    'data-cookie-event': event.name,
    ...(event.found ? { 'data-found': 'true' } : {}),
    ...(isNew ? { 'data-new': 'true' } : {}),
  };
  const badge = isNew && <span class="new-badge">{t('eventNew')}</span>;
  const by = setBy && <SetByLine setBy={setBy} removal={event.type === 'removed'} t={t} />;
  // Only events of the consent cookie carry the choice they recorded (core/cookies/site-record.ts).
  if (event.consent) {
    // A removal carries the choice in force after it: another copy of the cookie (another path or domain) may keep it.
    const gone = event.type === 'removed' && event.consent.state === 'none';
    const label = gone
      ? t('choiceRemoved')
      : event.type === 'removed'
        ? t('choiceRemovedKept', choiceText(event.consent, t))
        : // A cookie a scan found already there holds a choice made at a time not known: found, never made (README).
          t(
            // Saved again before made: a record saved on 2026-12-06 may mark it on a 'set' (a write over a consent cookie a dropped record kept).
            event.found ? 'choiceFound' : event.sameChoice ? 'choiceSavedAgain' : event.type !== 'changed' ? 'choiceMade' : 'choiceChanged',
            choiceText(event.consent, t),
          );
    return (
      <li {...common} class="divider" data-divider={gone ? 'removed' : event.consent.state}>
        {time} {badge} <strong>{label}</strong> <span class={`pill phase-${event.phase}`}>{t(messageKey('phase', event.phase))}</span>
        {by}
      </li>
    );
  }
  return (
    <li {...common}>
      {time} {badge} <span class={`event-${event.type}`}>{event.found ? t('event_found') : t(messageKey('event', event.type))}</span>{' '}
      <CookieName name={showName(event.name)} t={t} />{' '}
      <span class={`pill phase-${event.phase}`}>{t(messageKey('phase', event.phase))}</span>
      {by}
    </li>
  );
}

function MarkerRow({
  event,
  withDate,
  t,
  language,
}: {
  event: Exclude<TimelineEvent, CookieEvent>;
  withDate: boolean;
  t: Translate;
  language: string;
}) {
  return (
    <li class="marker" data-marker={event.type}>
      <Time at={event.at} withDate={withDate} t={t} language={language} />{' '}
      {event.type === 'evicted'
        ? t('markerEvicted', countText(t, language, 'cookieCount', event.cookies), countText(t, language, 'eventCount', event.events))
        : // A kind this version does not know (a record of another version) is said so, not taken for a restart.
          t(event.type === 'cleared' ? 'markerCleared' : event.type === 'worker-restart' ? 'markerRestart' : 'markerUnknown')}
    </li>
  );
}

/**
 * Why the older events are not shown: the 1,000-event cap, the record's size limit (fitRecord), or
 * both, as many as each dropped. A count of the limit's of another shape, or more than were dropped
 * in all, is as good as none (a record of an earlier version has none).
 */
function droppedText({ droppedEvents, droppedToFit }: ShownTimeline, t: Translate, language: string): string {
  const fit = Number.isSafeInteger(droppedToFit) && droppedToFit! > 0 && droppedToFit! <= droppedEvents ? droppedToFit! : 0;
  if (fit === 0) return countText(t, language, 'markerDropped', droppedEvents);
  if (fit === droppedEvents) return countText(t, language, 'markerDroppedToFit', droppedEvents);
  return countText(t, language, 'markerDroppedBoth', droppedEvents, formatCount(fit, language));
}

/**
 * The site's events in order, each with its phase as the worker recorded it: consent choices as
 * dividers, markers where recording was interrupted, events heard since the page opened marked
 * new (a cookie found already there never is), and, in the DevTools panel, what set each one.
 * Follows the newest event while the list is scrolled to its end.
 */
export function TimelineView({ host, timeline, newSince = null, setBy, showName, t, language }: TimelineViewProps) {
  const list = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  // The day the page opened, which its first row's time is told against (a page is short-lived).
  const [today] = useState(() => dayOf(Date.now()));

  useLayoutEffect(() => {
    const element = list.current;
    if (element && atEnd.current) element.scrollTop = element.scrollHeight;
    // Measured by `npm run bench`: each pushed event's row is in the document now.
    const heard = timeline.heard;
    if (!heard) return;
    const lastShown = timeline.droppedEvents + timeline.events.length;
    for (const [seq, heardAt] of heard) {
      if (seq > timeline.droppedEvents && seq <= lastShown) {
        markLiveRow(seq, heardAt);
        heard.delete(seq);
      }
    }
  }, [timeline]);

  if (timeline.events.length === 0 && timeline.droppedEvents === 0) return <p class="status">{t('timelineEmpty')}</p>;
  // A row's time says its date when it is not the day of the row before (of the first row: today),
  // so a choice at 10:00 on the 4th followed by an event at 9:00 on the 5th does not read as going back.
  let previousDay = today;
  // An event dated after the clock was recorded before it was set back, maybe before the page opened: not
  // new. Read at each drawing on purpose: an event pushed since is dated before it.
  // eslint-disable-next-line react-hooks/purity
  const drawnAt = Date.now();
  const withDate = timeline.events.map((event) => {
    const day = dayOf(event.at);
    if (day === null) return false;
    const changed = day !== previousDay;
    previousDay = day;
    return changed;
  });
  return (
    <ol
      class="events"
      ref={list}
      aria-label={t('timelineLabel', host)}
      // A scrollable list must be reachable by keyboard (axe: scrollable-region-focusable).
      tabIndex={0}
      onScroll={(scrolled) => {
        const element = scrolled.currentTarget;
        atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < 8;
      }}
    >
      {timeline.droppedEvents > 0 && (
        <li class="marker" data-marker="dropped">
          {droppedText(timeline, t, language)}
        </li>
      )}
      {timeline.events.map((event, index) =>
        'name' in event ? (
          <EventRow
            key={timeline.droppedEvents + index}
            event={event}
            withDate={withDate[index]!}
            isNew={newSince !== null && !event.found && event.at >= newSince && event.at <= drawnAt}
            setBy={setBy ? setBy(event) : null}
            showName={showName}
            t={t}
            language={language}
          />
        ) : (
          <MarkerRow key={timeline.droppedEvents + index} event={event} withDate={withDate[index]!} t={t} language={language} />
        ),
      )}
    </ol>
  );
}
