import type { Report } from '../core/report/report.ts';
import { trackerName } from '../core/consent/tracker-names.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';

type ConsentSummaryProps = {
  /** The report's consent: state and per-tracker flags. */
  consent: Report['consent'];
  /** UI strings. */
  t: Translate;
};

/**
 * The words for a choice's state, one rule wherever a choice is named (summary, runs compared,
 * confirmation, news, timeline): a mixed choice (a flag per tracker) reads "per tracker", not
 * "choice recorded", which is left for a choice whose trackers could not be read.
 */
export function consentStateKey(consent: Pick<Report['consent'], 'state' | 'trackers'>): MessageKey {
  return consent.state === 'choice' && Object.keys(consent.trackers).length > 0
    ? 'consentPerTracker'
    : messageKey('consent', consent.state);
}

/**
 * The visitor's choice: its overall state, then each tracker's, as the platform's banner
 * recorded them ("Matomo: refused · Google Analytics: accepted"). A mixed choice reads "per
 * tracker" (consentStateKey). Tracker keys come from the page's cookie: text only.
 */
export function ConsentSummary({ consent, t }: ConsentSummaryProps) {
  const trackers = Object.entries(consent.trackers);
  return (
    <div class="consent">
      <p>
        {t('consentLabel')}{' '}
        <span class={`pill consent-${consent.state}`} data-consent={consent.state}>
          {t(consentStateKey(consent))}
        </span>
      </p>
      {trackers.length > 0 && (
        <ul class="consent-trackers" aria-label={t('consentTrackersLabel')}>
          {trackers.map(([key, accepted]) => (
            <li key={key} data-tracker={key} data-accepted={String(accepted)} class={accepted ? 'accepted' : 'refused'}>
              {t(accepted ? 'trackerAccepted' : 'trackerRefused', trackerName(key))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
