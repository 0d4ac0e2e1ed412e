/** Row cells -> charter entries: one entry per cookie name in the name cell. */
import type { Category, CharterEntry } from './types.ts';
import type { ColumnRole } from './columns.ts';
import { readNameCell, type CellText } from './cells.ts';
import { MAX_CELL_LENGTH } from './limits.ts';
import { collapseWhitespace } from './normalise.ts';
import { categoryOfHeading } from './sections.ts';
import type { RowCells } from './segment.ts';
import type { UnreadReason } from './unread-reason.ts';

/** Entries a row gives, and why it gave none or fewer than its cell lists. */
export type RowReading = {
  entries: CharterEntry[];
  /** Reasons for skipped names or a skipped row; empty when everything was read. */
  problems: UnreadReason[];
};

/**
 * Makes entries from one row. A row without provider or purpose gives none; service and
 * duration are null when the table has no such column or the cell is empty. The row's own
 * category cell ("Nécessaire", "Mesure d'audience"), when it names one, beats the section's.
 * `cellText` says whether the cells are a markdown table's or text shown as written.
 */
export function entriesFromRow(cells: RowCells, sectionCategory: Category, cellText: CellText = 'text'): RowReading {
  for (const [role, cell] of Object.entries(cells) as Array<[ColumnRole, string]>) {
    if (cell.length > MAX_CELL_LENGTH)
      return { entries: [], problems: [{ kind: 'cell-too-long', role, length: cell.length, limit: MAX_CELL_LENGTH }] };
  }
  const provider = collapseWhitespace(cells.provider ?? '');
  const purpose = collapseWhitespace(cells.purpose ?? '');
  const names = readNameCell(cells.cookie ?? '', cellText);
  const problems: UnreadReason[] = [];
  // A one-field-per-line record can lack a field altogether, which is not the same mistake as an empty cell.
  if (provider === '') problems.push({ kind: cells.provider === undefined ? 'no-field' : 'empty-cell', field: 'provider' });
  if (purpose === '') problems.push({ kind: cells.purpose === undefined ? 'no-field' : 'empty-cell', field: 'purpose' });
  problems.push(...(cells.cookie === undefined ? [{ kind: 'no-field', field: 'cookie' } as const] : names.problems));
  if (provider === '' || purpose === '') return { entries: [], problems };

  const category = (cells.category === undefined ? null : categoryOfHeading(cells.category)) ?? sectionCategory;
  const service = optionalCell(cells.service);
  const duration = optionalCell(cells.duration);
  const entries = names.names.map((name): CharterEntry => ({
    provider,
    service,
    cookie: name.cookie,
    match: name.match,
    purpose,
    duration,
    category,
  }));
  return { entries, problems };
}

function optionalCell(cell: string | undefined): string | null {
  const text = collapseWhitespace(cell ?? '');
  return text === '' ? null : text;
}
