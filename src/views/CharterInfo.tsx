import type { Report } from '../core/report/report.ts';
import { isUnchanged } from '../core/charter/diff.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';

type CharterInfoProps = {
  /** The report's charter section. */
  charter: Report['charter'];
  /** True while the live charter is being read. */
  pending: boolean;
  /** Reads the live charter again. */
  onRefresh: () => void;
  /** UI strings. */
  t: Translate;
  /** UI language, for the date. */
  language: string;
};

const KIND_LABEL: Record<Exclude<Report['charter']['kind'], 'live'>, MessageKey> = {
  bundled: 'charterBundled',
  'platform-default': 'charterPlatformDefault',
  none: 'charterNone',
};

/** Which charter the report uses (bundled, live with its date, platform default, none), and what changed. */
export function CharterInfo({ charter, pending, onRefresh, t, language }: CharterInfoProps) {
  const { live, changes } = charter;
  const date = live ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(live.fetchedAt) : '';
  return (
    <div class="charter" data-charter={charter.kind}>
      <p>{charter.kind === 'live' ? t('charterLive', live?.url ?? '', date) : t(KIND_LABEL[charter.kind])}</p>
      {pending && (
        <p class="muted small" role="status">
          <span class="spinner" aria-hidden="true" /> {t('charterPending')}
        </p>
      )}
      {!pending && live?.problem && (
        <p class="small" data-live-problem>
          {t('charterLiveUnavailable', live.problem)} {charter.kind === 'bundled' && t('charterFallbackBundled')}
        </p>
      )}
      {changes &&
        (!isUnchanged(changes) ? (
          <details class="changes" data-charter-changes>
            <summary>
              {t('charterChanged', String(changes.added.length), String(changes.removed.length), String(changes.changed.length))}
            </summary>
            <ul>
              {changes.added.map((entry) => (
                <li key={`a${entry.cookie}`} data-change="added" data-change-cookie={entry.cookie}>
                  + <code>{entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie}</code> ({t('change_added')}): {entry.purpose}
                </li>
              ))}
              {changes.removed.map((entry) => (
                <li key={`r${entry.cookie}`} data-change="removed" data-change-cookie={entry.cookie}>
                  − <code>{entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie}</code> ({t('change_removed')})
                </li>
              ))}
              {changes.changed.map((change) => (
                <li key={`c${change.cookie}`} data-change="changed" data-change-cookie={change.cookie}>
                  ~ <code>{change.cookie}</code> ({t('change_changed')}):{' '}
                  {change.fields
                    .map((field) => `${t(messageKey('field', field.field))} “${field.before ?? '—'}” → “${field.after ?? '—'}”`)
                    .join('; ')}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p class="small muted">{t('charterSame')}</p>
        ))}
      {charter.kind !== 'none' || live ? (
        <button type="button" class="link small" data-action="refresh-charter" onClick={onRefresh} disabled={pending}>
          {t('refreshCharter')}
        </button>
      ) : null}
    </div>
  );
}
