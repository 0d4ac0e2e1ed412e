/**
 * The lines of the portal's charter its parser could not read, as the reports keep them
 * (Report.charter.unreadRows): a cookie declared in one is not among the charter's entries, so
 * the draft lists each line for the operator to copy by hand, and says of a cookie it adds whose
 * name such a line holds that the charter may declare it there, not that it does not (the popup
 * says of the same lines that a cookie shown as not in the charter may be declared there).
 */
import { looksLikeCookieName, readNameCell, stripWrapping, toCookieName, type CellText, type CookieName } from '../charter/cells.ts';
import type { CharterEntry } from '../charter/types.ts';
import type { EntryRange } from '../charter/parse.ts';
import { MAX_LIVE_UNREAD_ROWS } from '../charter/unread-lines.ts';
import { siteMatcher } from '../registry/match.ts';
import { buildRegistry, withSiteCharter } from '../registry/registry.ts';
import type { RunCookie, RunReport } from '../report/compare-runs.ts';

/**
 * A line not read: its 1-based number and its text as the report keeps it (whitespace collapsed,
 * at most 300 characters and a cut mark "…"); `gave` when the parser read entries from it all the
 * same (`sessionid, *` gives `sessionid`; UnreadRow.gave): their positions in the charter of each
 * report (its index among the reports) that says so. None for a line that gave no entry.
 */
export type UnreadLine = { line: number; text: string; gave?: Array<EntryRange & { report: number }> };

/** The lines the draft lists, and how many more were not read (not listed: past what a report keeps, or what the draft lists). */
export type UnreadLines = { lines: UnreadLine[]; more: number };

/** Known trackers only, no charter: whether a line's name declares a cookie is the matcher's word, as for a read entry. */
const BARE_REGISTRY = buildRegistry({}, { openCookieDatabase: [] });

/** What separates a line's cells: a pipe not escaped (the report shows a tab row's tabs as " | "). */
const CELL_SEPARATOR = /(?<!\\)\|/u;

/** What separates the names of a name cell, as the parser splits one (core/charter/cells.ts). */
const NAME_LIST_SEPARATOR = /[,;/]|\s(?:et|and|ou|or|&|\+|-)\s/iu;

/**
 * The lines not read of every report, in line order, each once (a line with two problems is two
 * rows; two runs of one charter give the same lines); at most MAX_LIVE_UNREAD_ROWS, as a report
 * keeps, the rest counted with the lines a report's own note counts (the larger run's count).
 */
export function gatherUnreadLines(reports: readonly RunReport[]): UnreadLines {
  const byKey = new Map<string, UnreadLine>();
  let more = 0;
  reports.forEach((report, reportIndex) => {
    let counted = 0;
    for (const { line, text, gave, more: notListed } of report.charter.unreadRows ?? []) {
      if (notListed !== undefined) {
        counted += notListed;
        continue;
      }
      const key = `${line}\u0000${text}`;
      const known = byKey.get(key) ?? { line, text };
      // The parser's word: a problem of the name cell (`*`) says nothing of a row that gave no entry (its provider empty).
      // A line with two problems gives its range twice: once is enough.
      const given = known.gave ?? [];
      if (gave !== undefined && !given.some((range) => range.report === reportIndex))
        known.gave = [...given, { report: reportIndex, first: gave.first, count: gave.count }];
      byKey.set(key, known);
    }
    more = Math.max(more, counted);
  });
  const lines = [...byKey.values()].sort((a, b) => a.line - b.line || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { lines: lines.slice(0, MAX_LIVE_UNREAD_ROWS), more: more + Math.max(0, lines.length - MAX_LIVE_UNREAD_ROWS) };
}

/**
 * The line not read that may declare a cookie, read as the charter would have been: each name of
 * each line (namesOfLine) an entry in every section, matched as the extension matches (`_pk_id`
 * declares `_pk_id.3.1fff`); null when none does. Null for every cookie when there are no lines.
 * On a line read in part (`gave`: `sessionid, *` gives the entry `sessionid`, and the line is
 * listed for its `*`), a name the charter did read (`read`: its entries) is not one of them: what
 * the read entry does not cover (embedded content's `sessionid`, which only the third-party
 * section declares) the line does not either. On a line that gave no entry, every name is: the
 * charter's reading of the same name elsewhere may be in another section.
 */
export function unreadLineMatcher(
  host: string,
  lines: readonly UnreadLine[],
  read: readonly Pick<CharterEntry, 'cookie' | 'match'>[] = [],
): (cookie: RunCookie) => number | null {
  const readNames = new Set(read.map((entry) => `${entry.match}:${entry.cookie}`));
  const entries: CharterEntry[] = [];
  const lineOf: number[] = [];
  for (const { line, text, gave } of lines) {
    for (const name of namesOfLine(text)) {
      if (gave && readNames.has(`${name.match}:${name.cookie}`)) continue;
      // Both sides: embedded content's cookie answers to the third-party section, the portal's own to any (core/registry/match.ts).
      for (const category of ['other', 'third-party'] as const) {
        entries.push({ provider: '', service: null, cookie: name.cookie, match: name.match, purpose: '', duration: null, category });
        lineOf.push(line);
      }
    }
  }
  if (entries.length === 0) return () => null;
  const match = siteMatcher(withSiteCharter(BARE_REGISTRY, host, { portal: null, language: null, entries }, 'live'), host);
  return (cookie) => {
    const found = match({ name: cookie.name, domain: cookie.domain, thirdParty: cookie.thirdParty !== null });
    return found.reference?.kind === 'charter' ? (lineOf[found.reference.entryIndex] ?? null) : null;
  };
}

/**
 * The names a line holds, which column it came from unknown: a cell that lists single words
 * (`_pk_id.*, _pk_ses.*`, `vuid`) is read as the parser reads a name cell, but a prefix only when
 * what it fixes is shaped like a cookie name (`_ga*`, `xtan*`; not "Mesure…"); any other cell is
 * prose, of which only a word shaped like a cookie name is read, as an exact name (a footnote's
 * "cookies*" or "cookies[1]" is no prefix `cookies`), or as a prefix written after a separator
 * (`_ga_<ID>`), or as code (`` `_hj*` ``). Linear in the line.
 */
function namesOfLine(text: string): CookieName[] {
  // A Markdown table's row, as the parser reads one (its italics and links are markup); a tab row's shows its asterisks.
  const cellText: CellText = text.trimStart().startsWith('|') ? 'markdown' : 'text';
  const names: CookieName[] = [];
  for (const cell of withoutCutWord(text).split(CELL_SEPARATOR)) {
    if (listsNames(cell)) names.push(...readNameCell(cell, cellText).names.filter(fixesNamePart));
    else for (const word of cell.split(/\s+/u)) names.push(...proseNames(word, cellText));
  }
  return names;
}

/** True for a cell of names alone: some text, and no space inside any part its name separators leave. */
function listsNames(cell: string): boolean {
  return cell.trim() !== '' && cell.split(NAME_LIST_SEPARATOR).every((item) => !/\s/u.test(item.trim()));
}

/** A name is kept, a prefix only when its fixed part is shaped like a cookie name or ends on a separator (`intercom-session-`). */
function fixesNamePart(name: CookieName): boolean {
  return name.match === 'exact' || (/\p{L}/u.test(name.cookie) && (looksLikeCookieName(name.cookie) || /[._-]$/u.test(name.cookie)));
}

/** What may open or close a word of prose around a name: brackets, quotes, sentence punctuation, an ellipsis. */
const PROSE_OPENING = new Set(['(', '"', "'", '“', '‘', '«', '„']);
const PROSE_CLOSING = new Set([')', '"', "'", '”', '’', '»', '.', ',', ';', ':', '!', '?', '…']);

/**
 * The name a word of prose gives: code read as a name cell; else the word without its markup (a
 * link's text, bold or italics, a footnote `[1]`) and punctuation, when shaped like a cookie name:
 * as an exact name, or a prefix written after a separator (`_ga_<ID>`).
 */
function proseNames(word: string, cellText: CellText): CookieName[] {
  const code = /^[^`]*`([^`]+)`[^`]*$/u.exec(word)?.[1];
  if (code !== undefined) return readNameCell(code, cellText).names.filter(fixesNamePart);
  let bare = word.replace(/\\(.)/gu, '$1').replace(/^([(“‘«"']*)\[([^[\]]+)\]\([^()\s]*\)/u, '$1$2');
  bare = stripWrapping(bare, PROSE_OPENING, PROSE_CLOSING).replace(/\[\d{1,3}\]$/u, '');
  bare = stripWrapping(/^(\*{1,2})([^*]+)\1$/u.exec(bare)?.[2] ?? bare, PROSE_OPENING, PROSE_CLOSING);
  const name = toCookieName(bare, false);
  if ('kind' in name || !looksLikeCookieName(name.cookie)) return [];
  return name.match === 'exact' || /[._-]$/u.test(name.cookie) ? [name] : [];
}

/**
 * The line without the word the parser may have cut it in, and its cut mark: a line longer than
 * UNREAD_TEXT_LENGTH (or whose whitespace ran past twice that) is kept as its first characters
 * and "…", a wildcard that would make the cut word a prefix ("… à un t…" declaring
 * `tarteaucitron`). Any line ending with "…" loses its last word: a line the parser kept whole
 * that ends so ends on prose ("etc…"), not a name.
 */
function withoutCutWord(text: string): string {
  if (!text.endsWith('…')) return text;
  return text.slice(0, Math.max(0, text.lastIndexOf(' ', text.length - 2)));
}
