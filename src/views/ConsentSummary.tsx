import type { Report } from '../core/report/report.ts';
import { trackerName } from '../core/consent/tracker-names.ts';
import { messageKey, type Translate } from '../core/ui-strings.ts';

type ConsentSummaryProps = {
  /** The report's consent: state and per-tracker flags. */
  consent: Report['consent'];
  /** UI strings. */
  t: Translate;
};

/**
 * The visitor's choice: its overall state, then each tracker's, as the platform's banner
 * recorded them ("Matomo: refused · Google Analytics: accepted"). A mixed choice reads "per
 * tracker" rather than "choice recorded". Tracker keys come from the page's cookie: text only.
 */
export function ConsentSummary({ consent, t }: ConsentSummaryProps) {
  const trackers = Object.entries(consent.trackers);
  const label = consent.state === 'choice' && trackers.length > 0 ? t('consentPerTracker') : t(messageKey('consent', consent.state));
  return (
    <div class="consent">
      <p>
        {t('consentLabel')}{' '}
        <span class={`pill consent-${consent.state}`} data-consent={consent.state}>
          {label}
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
