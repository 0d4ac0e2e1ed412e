/** Text the charter CLI prints: the parse JSON and the `check` summary. Pure, so it is tested directly. */
import {
  type Category,
  charterProblem,
  type CharterReading,
  describeColumns,
  type ParsedCharter,
  type TableSummary,
  unreadLineCount,
  unreadReasonText,
} from '../../src/core/charter/index.ts';
import { terminalText } from '../../src/core/terminal-text.ts';

/**
 * DEL, C1 controls (U+009B is a CSI on some terminals), line separators and bidi controls:
 * JSON.stringify leaves them raw, so the printed JSON carries them as `\uXXXX` escapes instead
 * (the same JSON value, inert on a terminal).
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The parse result as JSON with keys in a fixed order (portal, language, entries; each entry's fields in type order). */
export function formatParsedCharter(charter: ParsedCharter): string {
  const ordered = {
    portal: charter.portal,
    language: charter.language,
    entries: charter.entries.map((entry) => ({
      provider: entry.provider,
      service: entry.service,
      cookie: entry.cookie,
      match: entry.match,
      purpose: entry.purpose,
      duration: entry.duration,
      category: entry.category,
    })),
  };
  const json = JSON.stringify(ordered, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${json}\n`;
}

const CATEGORIES: readonly Category[] = ['necessary', 'statistics', 'third-party', 'other'];

const LAYOUT_NAMES: Record<TableSummary['layout'], string> = {
  tab: 'tab-separated',
  pipe: 'markdown pipes',
  space: 'single spaces',
  glued: 'no separator',
  fields: 'one field per line',
};

/** Result of checking one file: what was read, or why nothing could be. */
export type CheckedFile = { file: string; reading: CharterReading } | { file: string; error: string };

/** True when the file cannot feed the registry. */
export function checkFailed(checked: CheckedFile): boolean {
  return 'error' in checked || charterProblem(checked.reading) !== null;
}

/**
 * Human-readable summary of one checked file, for people writing a charter. Every line goes
 * through terminalText: file names, titles and rows are outside text.
 */
export function formatCheckReport(checked: CheckedFile): string {
  if ('error' in checked) return `${terminalText(checked.file)}\n  FAILED: ${terminalText(checked.error)}\n`;
  const { reading } = checked;
  const lines = [checked.file];
  lines.push(`  title:    ${reading.title ?? '(none found)'}`);
  lines.push(`  portal:   ${reading.portal ?? '(none found)'}`);
  lines.push(`  language: ${reading.language ?? '(undetermined)'}`);
  for (const table of reading.tables) {
    const origin = table.continues === null ? '' : `, continues the columns of line ${table.continues}`;
    const shape = `${LAYOUT_NAMES[table.layout]}, ${describeColumns(table.columns)}${origin}`;
    lines.push(`  table at line ${table.line}: ${shape}: ${plural(table.entries, 'entry', 'entries')}`);
  }
  const counts = CATEGORIES.map((category) => {
    const count = reading.entries.filter((entry) => entry.category === category).length;
    return count > 0 ? `${category} ${count}` : null;
  }).filter((count) => count !== null);
  lines.push(`  entries:  ${reading.entries.length}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`);
  if (reading.unreadRows.length === 0) {
    lines.push('  unread rows: none');
  } else {
    // Lines, as the popup and the export count them: a note may stand for many (`and N more lines not read`).
    lines.push(`  unread rows: ${unreadLineCount(reading.unreadRows)}`);
    for (const row of reading.unreadRows) {
      lines.push(`    line ${row.line}: ${unreadReasonText(row.reason)}`, `      ${truncate(terminalText(row.text), 100)}`);
    }
  }
  const problem = charterProblem(reading);
  if (problem !== null) lines.push(`  FAILED: ${problem}`);
  return `${lines.map((line) => terminalText(line)).join('\n')}\n`;
}

/** The CLI's one-line error about a file (its name and the reason are outside text). */
export function formatFailure(file: string, reason: string): string {
  return `charter: ${terminalText(file)}: ${terminalText(reason)}\n`;
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
