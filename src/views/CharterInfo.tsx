import type { Report } from '../core/report/report.ts';
import { isUnchanged } from '../core/charter/diff.ts';
import { redirectedToAnotherSite, type LiveCharterProblem, type PageFailure } from '../core/charter/live-problem.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';
import { countText } from './count-text.ts';
import { formatDateTime } from './time-format.ts';

type CharterInfoProps = {
  /** The report's charter section. */
  charter: Report['charter'];
  /** True while the live charter is being read. */
  pending: boolean;
  /** Reads the live charter again. */
  onRefresh: () => void;
  /** UI strings. */
  t: Translate;
  /** UI language, for the date, numbers and plurals. */
  language: string;
};

const KIND_LABEL: Record<Exclude<Report['charter']['kind'], 'live'>, MessageKey> = {
  bundled: 'charterBundled',
  'platform-default': 'charterPlatformDefault',
  none: 'charterNone',
};

/** Why one page gave no charter, in the UI language. */
function pageFailureWords(failure: PageFailure, t: Translate, language: string): string {
  switch (failure.kind) {
    case 'network':
      return t('liveProblemNetwork');
    case 'redirected':
      if (failure.to === null) return t('liveProblemRedirectedInvalid');
      return t(redirectedToAnotherSite(failure.to) ? 'liveProblemRedirectedOtherSite' : 'liveProblemRedirectedNotHttps', failure.to);
    case 'http':
      return t('liveProblemHttp', String(failure.status));
    case 'too-large':
      return t('liveProblemTooLarge', new Intl.NumberFormat(language).format(failure.limit));
    case 'no-table':
      return t('liveProblemNoTable');
    case 'not-text':
      return t('liveProblemNotText');
    case 'unreadable':
      return t('liveProblemUnreadable');
  }
}

/** Why the live charter could not be read, in the UI language, with the path it happened at. */
function liveProblemWords(problem: LiveCharterProblem, t: Translate, language: string): string {
  if (problem.kind === 'unknown') return t('liveProblemUnknown');
  const words = pageFailureWords(problem, t, language);
  return problem.path === undefined ? words : t('liveProblemAtPath', words, problem.path);
}

/** Which charter the report uses (bundled, live with its date, platform default, none), and what changed. */
export function CharterInfo({ charter, pending, onRefresh, t, language }: CharterInfoProps) {
  const { live, changes } = charter;
  const date = live ? formatDateTime(live.fetchedAt, language) : '';
  // The platform's default stands in for a portal's own charter: one that could not be read, or is not read yet.
  const used =
    charter.kind === 'live'
      ? t('charterLive', live?.url ?? '', date)
      : t(charter.kind === 'platform-default' && live?.problem ? 'charterLivePlatform' : KIND_LABEL[charter.kind]);
  const quoted = (text: string | null) => (text === null ? '—' : t('charterQuoted', text));
  // A category is a code ("third-party"): said by the name the report's sections give it.
  const said = (field: string, value: string | null) => (field === 'category' && value !== null ? t(messageKey('category', value)) : value);
  return (
    <div class="charter" data-charter={charter.kind}>
      <p>{used}</p>
      {pending && (
        <p class="muted small" role="status">
          <span class="spinner" aria-hidden="true" /> {t('charterPending')}
        </p>
      )}
      {!pending && live?.problem && (
        <p class="small" data-live-problem>
          {live.failedAt === undefined ? (
            <>
              {t('charterLiveUnavailable', liveProblemWords(live.problem, t, language))}{' '}
              {charter.kind === 'bundled' && t('charterFallbackBundled')}
            </>
          ) : (
            // A blip (offline, a server error) after a good read: the charter read before still stands.
            t('charterLiveKept', formatDateTime(live.failedAt, language), liveProblemWords(live.problem, t, language))
          )}
        </p>
      )}
      {changes &&
        (!isUnchanged(changes) ? (
          <details class="changes" data-charter-changes>
            <summary>
              {t(
                'charterChanged',
                countText(t, language, 'changesAdded', changes.added.length),
                countText(t, language, 'changesRemoved', changes.removed.length),
                countText(t, language, 'changesChanged', changes.changed.length),
              )}
            </summary>
            <ul>
              {changes.added.map((entry) => (
                <li key={`a${entry.cookie}`} data-change="added" data-change-cookie={entry.cookie}>
                  + <code>{entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie}</code> {t('change_added', entry.purpose)}
                </li>
              ))}
              {changes.removed.map((entry) => (
                <li key={`r${entry.cookie}`} data-change="removed" data-change-cookie={entry.cookie}>
                  − <code>{entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie}</code> {t('change_removed')}
                </li>
              ))}
              {changes.changed.map((change) => (
                <li key={`c${change.cookie}`} data-change="changed" data-change-cookie={change.cookie}>
                  ~ <code>{change.cookie}</code>{' '}
                  {t(
                    'change_changed',
                    change.fields
                      .map(
                        ({ field, before, after }) =>
                          `${t(messageKey('field', field))} ${quoted(said(field, before))} → ${quoted(said(field, after))}`,
                      )
                      .join(t('listSeparator')),
                  )}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p class="small muted">{t('charterSame')}</p>
        ))}
      {charter.kind !== 'none' || live ? (
        <button type="button" class="link-button" data-action="refresh-charter" onClick={onRefresh} disabled={pending}>
          {t('refreshCharter')}
        </button>
      ) : null}
    </div>
  );
}
