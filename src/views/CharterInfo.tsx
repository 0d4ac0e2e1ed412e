import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Report } from '../core/report/report.ts';
import { isUnchanged } from '../core/charter/diff.ts';
import { redirectedToAnotherSite, type LiveCharterProblem, type PageFailure } from '../core/charter/live-problem.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';
import { countText } from './count-text.ts';
import { formatDateTime } from './day-time.ts';
import { unreadLineCount } from '../core/charter/unread-lines.ts';
import { oneParagraph } from '../core/one-paragraph.ts';
import { around, foreignLanguage } from './own-words.ts';
import { UnreadRows } from './lazy-tabs.tsx';

type CharterInfoProps = {
  /** The report's charter section. */
  charter: Report['charter'];
  /** True while the worker reads the live charter (at open, or as asked). */
  pending: boolean;
  /** Reads the live charter again; rejects when the worker could not. */
  refresh: () => Promise<void>;
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
    case 'timeout':
      return t('liveProblemTimeout');
    case 'redirected':
      if (failure.to === null) return t('liveProblemRedirectedInvalid');
      return t(redirectedToAnotherSite(failure.to) ? 'liveProblemRedirectedOtherSite' : 'liveProblemRedirectedNotHttps', failure.to);
    case 'http':
      return t('liveProblemHttp', String(failure.status));
    case 'too-large':
      return t('liveProblemTooLarge', new Intl.NumberFormat(language).format(failure.limit));
    case 'too-large-to-keep':
      return t('liveProblemTooLargeToKeep', new Intl.NumberFormat(language).format(failure.limit));
    case 'empty':
      return t('liveProblemEmpty');
    case 'no-table':
      return t('liveProblemNoTable');
    case 'no-rows':
      return t('liveProblemNoRows'); // the rows not read are listed below, each with the parser's reason
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

/** What the charter line says of the last read when it failed: unavailable (and what stands in), or the charter read before kept. */
function failedReadWords(charter: Report['charter'], t: Translate, language: string): string | null {
  const { live } = charter;
  if (!live?.problem) return null;
  const words = liveProblemWords(live.problem, t, language);
  // A blip (offline, a server error) after a good read: the charter read before still stands.
  if (live.failedAt !== undefined) return t('charterLiveKept', formatDateTime(live.failedAt, language, t), words);
  const unavailable = t('charterLiveUnavailable', words);
  return charter.kind === 'bundled' ? `${unavailable} ${t('charterFallbackBundled')}` : unavailable;
}

/** A charter's language by its name in the UI language ("English", "anglais"). */
function languageName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
}

/** "Check again" as the person asked for it: the attempt the report showed then, whether the worker has answered, and whether it could not. */
type Check = { since: string | null; answered: boolean; failed: boolean };

/**
 * Which charter the report uses (bundled, live with its date, platform default, none), the live
 * charter's lines its parser could not read (a cookie shown as not in it may be declared there),
 * what changed, and "check again". A read under way, then what came of it, is said in a status line
 * that is always there, only its text changing (a live region inserted with its text is often not
 * read); the button is aria-disabled meanwhile, not disabled, so it keeps the focus.
 */
export function CharterInfo({ charter, pending, refresh, t, language }: CharterInfoProps) {
  const { live, changes } = charter;
  const date = live ? formatDateTime(live.fetchedAt, language, t) : '';
  // Every attempt stored has a name of its own (background/live-charters.ts): a new one means a read
  // ended, even in the same millisecond as the one before. A report without one (an older worker's
  // record) has the attempt's times.
  const attemptAt = live ? (live.attempt ?? `${live.failedAt ?? live.fetchedAt}`) : null;
  const [check, setCheck] = useState<Check | null>(null);
  // A read seen under way while shown (at open, or asked for): its outcome is then said.
  const [watched, setWatched] = useState(pending);
  useEffect(() => {
    if (pending) setWatched(true);
  }, [pending]);
  // The report read after the worker's answer shows the new attempt: until then, it is still read.
  const readSince = check !== null && check.since !== attemptAt;
  // A failed try is said while the charter shown is the one read before it.
  const failed = check !== null && check.failed && !readSince;
  const reading = pending || (check !== null && !check.failed && !readSince);
  const busy = pending || (check !== null && !check.answered);
  const failedRead = failedReadWords(charter, t, language);
  const outcome =
    reading || failed || !live || !(watched || check) ? '' : (failedRead ?? t('charterRead', formatDateTime(live.fetchedAt, language, t)));
  const readAgain = () => {
    if (busy) return;
    setCheck({ since: attemptAt, answered: false, failed: false });
    refresh().then(
      () => setCheck((asked) => asked && { ...asked, answered: true }),
      () => setCheck((asked) => asked && { ...asked, answered: true, failed: true }),
    );
  };
  // The platform's default stands in for a portal's own charter: one that could not be read, or is not read yet.
  const used =
    charter.kind === 'live'
      ? t('charterLive', live?.url ?? '', date)
      : t(charter.kind === 'platform-default' && live?.problem ? 'charterLivePlatform' : KIND_LABEL[charter.kind]);
  // The charter's own words, marked with its language where it is not the page's (own-words.ts), as the cookie rows' are.
  const ownIn = (wordsLanguage: string | null, words: string) => {
    const lang = foreignLanguage(wordsLanguage, language);
    return lang ? <span lang={lang}>{words}</span> : words;
  };
  const own = (words: string) => ownIn(charter.language, words);
  // Across a translation, a changed value before is in the bundled entries' language and after in the live ones', whatever the page's.
  const beforeLanguage = changes?.translated?.from ?? charter.language;
  const afterLanguage = changes?.translated?.to ?? charter.language;
  // The live charter the report uses has them, or one whose table gave no row (beside the charter fallen back on); a report an older version made has none.
  const unreadRows = ((charter.kind === 'live' || live?.problem?.kind === 'no-rows') && charter.unreadRows) || [];
  const unreadLines = unreadLineCount(unreadRows);
  // A category is a code ("third-party"): said by its name for one cookie (one entry changed), not the sections' plural heading.
  const quoted = (field: string, value: string | null, wordsLanguage: string | null) =>
    value === null
      ? '—'
      : field === 'category'
        ? t('charterQuoted', t(messageKey('categoryOne', value)))
        : around((mark) => t('charterQuoted', mark), ownIn(wordsLanguage, oneParagraph(value)));
  return (
    <div class="charter" data-charter={charter.kind}>
      <p>{used}</p>
      <p
        class={reading ? 'muted small' : 'visually-hidden'}
        role="status"
        data-charter-status={reading ? 'reading' : outcome ? 'read' : 'idle'}
      >
        {reading ? (
          <>
            <span class="spinner" aria-hidden="true" /> {t('charterPending')}
          </>
        ) : (
          outcome
        )}
      </p>
      {!pending && failedRead && (
        // Once the status says it (a read seen under way failed), a screen reader meets it there, not twice.
        <p class="small" data-live-problem aria-hidden={outcome === failedRead ? 'true' : undefined}>
          {failedRead}
        </p>
      )}
      {unreadRows.length > 0 && (
        // Said where the charter is: a cookie reported not in it may be declared in a line not read.
        <details class="unread" data-charter-unread={unreadLines}>
          <summary>{countText(t, language, 'charterUnread', unreadLines)}</summary>
          {/* Their list, with the parser's reasons, is loaded only now (a loading line meanwhile): rare, and not in the report's view. */}
          <UnreadRows rows={unreadRows} charterLanguage={charter.language} t={t} language={language} />
        </details>
      )}
      {changes?.translated && (
        // A translation is no change: said, so "it matches" reads as what it is.
        <p class="small muted" data-charter-language>
          {t('charterOtherLanguage', languageName(changes.translated.to, language), languageName(changes.translated.from, language))}
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
                  + <code>{oneParagraph(entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie)}</code>{' '}
                  {around((mark) => t('change_added', mark), own(oneParagraph(entry.purpose)))}
                </li>
              ))}
              {changes.removed.map((entry) => (
                <li key={`r${entry.cookie}`} data-change="removed" data-change-cookie={entry.cookie}>
                  − <code>{oneParagraph(entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie)}</code> {t('change_removed')}
                </li>
              ))}
              {changes.changed.map((change) => (
                <li key={`c${change.cookie}`} data-change="changed" data-change-cookie={change.cookie}>
                  ~ <code>{oneParagraph(change.cookie)}</code>{' '}
                  {around(
                    (mark) => t('change_changed', mark),
                    change.fields.map(({ field, before, after }, index) => (
                      <Fragment key={field}>
                        {index > 0 && t('listSeparator')}
                        {t(messageKey('field', field))} {quoted(field, before, beforeLanguage)} → {quoted(field, after, afterLanguage)}
                      </Fragment>
                    )),
                  )}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p class="small muted">{t('charterSame')}</p>
        ))}
      {charter.kind !== 'none' || live ? (
        <button
          type="button"
          class="link-button"
          data-action="refresh-charter"
          aria-disabled={busy ? 'true' : undefined}
          onClick={readAgain}
        >
          {t('refreshCharter')}
        </button>
      ) : null}
      {failed && (
        <p class="small error" role="alert" data-problem="charter-refresh">
          {t('charterRefreshFailed')}
        </p>
      )}
    </div>
  );
}
