/** Text the charter CLI prints: the parse JSON and the `check` summary. Pure, so it is tested directly. */
import type { Category, ParsedCharter } from './types.ts';
import { charterProblem, type CharterReading, type TableSummary } from './parse.ts';
import { describeColumns } from './table.ts';

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
  return `${JSON.stringify(ordered, null, 2)}\n`;
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

/** Human-readable summary of one checked file, for people writing a charter. */
export function formatCheckReport(checked: CheckedFile): string {
  if ('error' in checked) return `${checked.file}\n  FAILED: ${checked.error}\n`;
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
    lines.push(`  unread rows: ${reading.unreadRows.length}`);
    for (const row of reading.unreadRows) {
      lines.push(`    line ${row.line}: ${row.reason}`, `      ${truncate(row.text, 100)}`);
    }
  }
  const problem = charterProblem(reading);
  if (problem !== null) lines.push(`  FAILED: ${problem}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
