/**
 * core/charter's public API for Node code (the charter CLI, the registry build): charter text or
 * a charter page in, entries out. The extension's own code imports the files it needs directly,
 * so its bundles carry only those.
 */
export type { Category, CharterEntry, ParsedCharter } from './types.ts';
export { CharterError, type CharterErrorKind } from './errors.ts';
export { MAX_CHARTER_PAGE_BYTES } from './limits.ts';
export { assertReadableText, decodeCharterBytes, isBlankText } from './normalise.ts';
export { decodePage, pageEncoding } from './page-encoding.ts';
export { charterProblem, parseCharter, readCharter, type CharterReading, type TableSummary, type UnreadRow } from './parse.ts';
export {
  charterTextOfPage,
  isHtmlPage,
  fetchCharterPage,
  pageFailureOfError,
  readCharterPage,
  readCharterPageReading,
  type CharterPage,
  type FetchLike,
  type LiveCharterRecord,
  type PageProblem,
} from './live.ts';
export { liveProblemText, pageFailureText, type LiveCharterProblem, type PageFailure } from './live-problem.ts';
export { unreadLineCount } from './unread-lines.ts';
export { describeColumns, unreadReasonText, type UnreadReason } from './unread-reason.ts';
