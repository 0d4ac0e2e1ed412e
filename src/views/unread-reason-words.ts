/**
 * Why the charter parser did not read a row, in the UI language (core/charter/unread-reason.ts
 * has it as data, and in English for the CLI and the exports): numbers grouped as the UI's
 * language writes them, a quoted token from the page put in as text (`around`), never markup.
 */
import type { Column } from '../core/charter/columns.ts';
import type { NeededField, NotANameWhy, UnreadReason } from '../core/charter/unread-reason.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';
import { countText } from './count-text.ts';
import { around } from './own-words.ts';
import { formatCount } from './time-format.ts';

const NOT_A_NAME_KEYS: Record<NotANameWhy, MessageKey> = {
  'none-found': 'unreadReasonNoNameFound',
  prose: 'unreadReasonProse',
  'wildcard-first': 'unreadReasonWildcardFirst',
  invalid: 'unreadReasonInvalidCharacters',
  invisible: 'unreadReasonInvisibleOnly',
  separators: 'unreadReasonSeparators',
};

/** A column by its name in the UI language; the cookie column's is "cookie name", as a field is named elsewhere. */
function columnName(column: Column | NeededField, t: Translate): string {
  if (column === null) return t('unreadColumnIgnored');
  return column === 'cookie' ? t('unreadColumnCookie') : t(messageKey('field', column));
}

/** The table's columns in the UI language: "prestataire / service / nom du cookie / finalité". */
function columnsWords(columns: readonly Column[], t: Translate): string {
  return columns.map((column) => columnName(column, t)).join(' / ');
}

/** The reason in the UI language: a string, or a sentence around a token from the page (text). */
export function unreadReasonWords(reason: UnreadReason, t: Translate, language: string): string | [string, string | null, string] {
  const count = (value: number) => formatCount(value, language);
  switch (reason.kind) {
    case 'stopped-rows':
      return t('unreadReasonStoppedRows', count(reason.limit));
    case 'stopped-entries':
      return t('unreadReasonStoppedEntries', count(reason.limit));
    case 'row-entries-limit':
      return t('unreadReasonRowEntriesLimit', count(reason.limit));
    case 'lines-after-limit':
      return countText(t, language, 'unreadReasonLinesAfterLimit', reason.count);
    case 'rows-not-listed':
      return countText(t, language, 'unreadReasonRowsNotListed', reason.count, count(reason.listed));
    case 'rows-not-kept':
      return countText(t, language, 'unreadReasonRowsNotKept', reason.count, count(reason.kept));
    case 'not-a-row':
      return t('unreadReasonNotARow', count(reason.headerLine));
    case 'row-too-long':
      return t('unreadReasonRowTooLong', count(reason.length), count(reason.cells), count(reason.cellLimit));
    case 'cells-count':
      return t(
        reason.separator === 'tabs' ? 'unreadReasonCellsTabs' : 'unreadReasonCellsPipes',
        count(reason.expected),
        columnsWords(reason.columns, t),
        count(reason.found),
      );
    case 'unsplit': {
      const unsplit = t('unreadReasonUnsplit', columnsWords(reason.columns, t));
      return reason.unknownProvider ? t('unreadReasonUnknownProvider', unsplit) : unsplit;
    }
    case 'cell-too-long':
      return t('unreadReasonCellTooLong', columnName(reason.role, t), count(reason.length), count(reason.limit));
    case 'no-field':
      return t('unreadReasonNoField', columnName(reason.field, t));
    case 'empty-cell':
      return t('unreadReasonEmptyCell', columnName(reason.field, t));
    case 'name-cell-too-long':
      return t('unreadReasonNameCellTooLong', count(reason.length), count(reason.limit));
    case 'no-name-after':
      // The prose is the reader's own words as the page wrote them ("tout cookie commençant par"); the cell's text is the page's.
      return around((mark) => t('unreadReasonNoNameAfter', mark, reason.prose), reason.text);
    case 'parts-limit':
      return t('unreadReasonPartsLimit', count(reason.limit));
    case 'names-limit':
      return t('unreadReasonNamesLimit', count(reason.limit));
    case 'parts-left-out':
      return countText(t, language, 'unreadReasonPartsLeftOut', reason.count);
    case 'not-a-name':
      return around((mark) => t(NOT_A_NAME_KEYS[reason.why], mark), reason.token);
    case 'unknown':
      return t('unreadReasonUnknown');
  }
}
