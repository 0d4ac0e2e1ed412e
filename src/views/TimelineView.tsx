import { useState } from 'preact/hooks';
import type { Report } from '../core/report/report.ts';
import { messageKey, type Translate } from '../core/ui-strings.ts';
import { formatTime } from './time-format.ts';

type TimelineViewProps = {
  /** The site. */
  host: string;
  /** Its cookie events. */
  timeline: Report['timeline'];
  /** Clears the site's cookies, reloads its tabs and records afresh; resolves to how many were deleted. */
  recordConsentFlow: () => Promise<number>;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
};

/** The "Record consent flow" action (with a confirmation), then the site's events in order. */
export function TimelineView({ host, timeline, recordConsentFlow, t, language }: TimelineViewProps) {
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  const record = () => {
    setConfirming(false);
    recordConsentFlow().then(
      (count) => setOutcome(t('recordFlowStarted', String(count))),
      (error: unknown) => setOutcome(t('loadError', String(error))),
    );
  };

  return (
    <div class="timeline">
      <div class="record-flow">
        {!confirming ? (
          <button type="button" class="primary" data-action="record-flow" onClick={() => setConfirming(true)}>
            {t('recordFlow')}
          </button>
        ) : (
          <div role="alertdialog" aria-labelledby="record-flow-text" class="confirm">
            <p id="record-flow-text">{t('recordFlowExplain', host)}</p>
            <button type="button" class="danger" data-action="record-flow-confirm" onClick={record} autoFocus>
              {t('recordFlowConfirm')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        )}
        {outcome && (
          <p role="status" class="small">
            {outcome}
          </p>
        )}
      </div>
      {timeline.events.length === 0 && timeline.droppedEvents === 0 ? (
        <p class="status">{t('timelineEmpty')}</p>
      ) : (
        <ol class="events">
          {timeline.droppedEvents > 0 && (
            <li class="marker" data-marker="dropped">
              {t('markerDropped', String(timeline.droppedEvents))}
            </li>
          )}
          {timeline.events.map((event, index) =>
            event.type === 'evicted' ? (
              <li key={index} class="marker" data-marker={event.type}>
                <time>{formatTime(event.at, language)}</time> {t('markerEvicted', String(event.cookies), String(event.events))}
              </li>
            ) : !('name' in event) ? (
              <li key={index} class="marker" data-marker={event.type}>
                <time>{formatTime(event.at, language)}</time> {t(event.type === 'cleared' ? 'markerCleared' : 'markerRestart')}
              </li>
            ) : (
              <li key={index} data-event={event.type} data-phase={event.phase}>
                <time>{formatTime(event.at, language)}</time>{' '}
                <span class={`event-${event.type}`}>{t(messageKey('event', event.type))}</span> <code>{event.name}</code>{' '}
                <span class={`pill phase-${event.phase}`}>{t(messageKey('phase', event.phase))}</span>
              </li>
            ),
          )}
        </ol>
      )}
    </div>
  );
}
