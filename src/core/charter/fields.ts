/**
 * Charters that give one field per line instead of a table:
 *
 *     Nom du prestataire : Matomo
 *     Nom du cookie : _pk_id.*
 *     Finalité : Mesure d'audience
 *
 * A record ends where a field it already has comes again, or where the run of fields ends.
 */
import { roleOfFieldLabel, type ColumnRole } from './columns.ts';
import { collapseWhitespace, isBlank } from './normalise.ts';
import type { RowCells } from './segment.ts';

/** One "Label : value" line. */
export type FieldLine = {
  /** Role its label names. */
  role: ColumnRole;
  /** Value after the colon, whitespace collapsed; may be empty. */
  value: string;
};

/** The fields of one cookie, with the line it starts on. */
export type FieldRecord = {
  /** 1-based line number of its first field. */
  line: number;
  /** Values by role. */
  cells: RowCells;
};

/** Records read from consecutive field lines, and the index of the first line after them. */
export type FieldRun = {
  records: FieldRecord[];
  /** Index (0-based) of the line after the last field line read. */
  next: number;
  /** False when no record has two fields: a lone "Cookies : ..." line is prose, not a table. */
  isTable: boolean;
};

/** Longest label looked at, so prose with a colon far in is not read as a field. */
const MAX_LABEL_LENGTH = 60;

/** Roles of labels already read: a charter repeats its few labels on every record. */
const LABEL_ROLES = new Map<string, ColumnRole | null>();
const MAX_CACHED_LABELS = 256;

function cachedRoleOfFieldLabel(label: string): ColumnRole | null {
  const cached = LABEL_ROLES.get(label);
  if (cached !== undefined) return cached;
  const role = roleOfFieldLabel(label);
  if (LABEL_ROLES.size >= MAX_CACHED_LABELS) LABEL_ROLES.clear();
  LABEL_ROLES.set(label, role);
  return role;
}

/** Reads "Nom du cookie : _pk_id" or "**Cookie name:** _ga" (list bullets allowed); null otherwise. */
export function readFieldLine(line: string): FieldLine | null {
  const text = line.trim().replace(/^(?:[-*•+]\s+|\d{1,2}[.)]\s+)/, '');
  const colon = text.search(/[:：]/);
  if (colon <= 0 || colon > MAX_LABEL_LENGTH) return null;
  const label = text.slice(0, colon).replace(/\*\*|__/g, '');
  const role = cachedRoleOfFieldLabel(label);
  if (role === null) return null;
  const value = collapseWhitespace(text.slice(colon + 1).replace(/^\s*(?:\*\*|__)/, ''));
  return { role, value };
}

/**
 * Reads the run of field lines starting at `start` (blank lines allowed inside); null when the
 * line at `start` is not a field. When the run is not a table, no later start inside it is
 * either (every line repeats the same label), so callers can skip to `next`.
 */
export function readFieldRun(lines: readonly string[], start: number): FieldRun | null {
  const records: FieldRecord[] = [];
  let current: FieldRecord | null = null;
  let next = start;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (isBlank(line)) continue;
    const field = readFieldLine(line);
    if (field === null) break;
    if (current === null || current.cells[field.role] !== undefined) {
      current = { line: index + 1, cells: {} };
      records.push(current);
    }
    current.cells[field.role] = field.value;
    next = index + 1;
  }
  if (records.length === 0) return null;
  const isTable = records.some((record) => Object.keys(record.cells).length >= 2);
  return { records, next, isTable };
}
