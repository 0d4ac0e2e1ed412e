import type { Report } from '../core/report/report.ts';
import type { UnreadReason } from '../core/charter/unread-reason.ts';
import type { Translate } from '../core/ui-strings.ts';
import { oneParagraph } from '../core/one-paragraph.ts';
import { countText } from './count-text.ts';
import { foreignLanguage } from './own-words.ts';
import { formatCount } from './time-format.ts';
import { unreadReasonWords } from './unread-reason-words.ts';

type UnreadRowsProps = {
  /** The live charter's rows its parser could not read (at least one), as the report has them. */
  rows: NonNullable<Report['charter']['unreadRows']>;
  /** The charter's language, which its rows' text is in (null when unknown). */
  charterLanguage: string | null;
  /** UI strings. */
  t: Translate;
  /** UI language, for numbers, plurals and the parser's reasons. */
  language: string;
};

/**
 * The live charter's lines its parser could not read, each with its text and why, under
 * CharterInfo's count of them. A view of its own, loaded only for a charter that has some (rare):
 * its reasons' words are not in the report's view, which the popup loads for every report.
 */
export function UnreadRows({ rows, charterLanguage, t, language }: UnreadRowsProps) {
  // The charter's own words, marked with its language where it is not the page's (own-words.ts), as CharterInfo's are.
  const own = (words: string) => {
    const lang = foreignLanguage(charterLanguage, language);
    return lang ? <span lang={lang}>{words}</span> : words;
  };
  const english = foreignLanguage('en', language);
  const reasonWords = (reason: UnreadReason) => {
    const words = unreadReasonWords(reason, t, language);
    return typeof words === 'string' ? oneParagraph(words) : words.map((part) => part && oneParagraph(part));
  };
  return (
    <ul>
      {rows.map((row, index) =>
        // The note ending a list cut short: a count in the page's language, not a line of the charter.
        row.more !== undefined ? (
          <li key={index} data-unread-more={row.more}>
            {/* Rows left out on lines already listed (a second problem of one line): no line more, but not all said. */}
            {row.more === 0 ? t('charterUnreadCut') : countText(t, language, 'charterUnreadMore', row.more)}
          </li>
        ) : (
          <li key={index} data-unread-line={row.line}>
            {t('charterUnreadLine', formatCount(row.line, language))}{' '}
            {row.text && (
              <>
                <code>{own(oneParagraph(row.text))}</code>{' '}
              </>
            )}
            {typeof row.reason === 'string' ? (
              // A record an older version stored keeps the parser's reason as English text.
              <span lang={english ?? undefined}>({oneParagraph(row.reason)})</span>
            ) : (
              <span>({reasonWords(row.reason)})</span>
            )}
          </li>
        ),
      )}
    </ul>
  );
}
