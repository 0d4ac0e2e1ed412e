/**
 * Charters that give one field per line instead of a table:
 *
 *     Nom du prestataire : Matomo
 *     Nom du cookie : _pk_id.*
 *     Finalité : Mesure d'audience
 *
 * A record ends where a field it already has comes again, or where the run of fields ends. A
 * field the reader does not use ("Domaine : .example.fr", "Hôte : …") is read past within its
 * record, so the run goes on and the next record keeps its own fields.
 */
import { roleOfFoldedFieldLabel, type ColumnRole } from './columns.ts';
import { collapseWhitespace, foldForMatching, isBlank } from './normalise.ts';
import type { RowCells } from './segment.ts';
import { couldTitleSection, readHeading } from './sections.ts';
import { readTableHeader } from './table.ts';

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

/** Roles of labels already read, by folded label: a charter repeats its few labels on every record. */
const LABEL_ROLES = new Map<string, ColumnRole | null>();
const MAX_CACHED_LABELS = 256;

/** The role a folded label names (columns.ts reads "Durée de validité", "Catégorie" as a table header does). */
function cachedRoleOfFieldLabel(folded: string): ColumnRole | null {
  const cached = LABEL_ROLES.get(folded);
  if (cached !== undefined) return cached;
  const role = roleOfFoldedFieldLabel(folded);
  if (LABEL_ROLES.size >= MAX_CACHED_LABELS) LABEL_ROLES.clear();
  LABEL_ROLES.set(folded, role);
  return role;
}

/** Reads "Nom du cookie : _pk_id" or "**Cookie name:** _ga" (list bullets allowed); null otherwise. */
export function readFieldLine(line: string): FieldLine | null {
  const field = readLabelLine(line);
  return field?.role ? { role: field.role, value: field.value } : null;
}

/**
 * A label the reader does not use, read past inside a record (never starting one): a few plain
 * words ("Domaine", "Hôte", "Third party", "Type de données collectées", "Base légale du
 * traitement"), nothing naming a section ("Cookies statistiques : …" opens one) and no sentence
 * ("Nous utilisons les outils suivants : …" says who does what; a longer line is prose).
 */
const MAX_SKIPPED_LABEL_WORDS = 8;
const MAX_SKIPPED_LABEL_LENGTH = 50;
const NAMES_SECTION = /cookie|traceur|tracker|necessa|essenti|statisti|audience|analytic|tiers|third/;
/** Words of a sentence, not of a label: a pronoun or a verb saying who does what. */
const SENTENCE_WORD =
  /\b(?:je|j'|nous|vous|on|il|ils|elle|elles|we|you|i|they|it|est|sont|sera|seront|peut|peuvent|pouvez|utilisons|utilise|deposons|is|are|was|will|can|may|use|uses)\b/;

/** A "Label : value" line: the role its label names, or null for a short label the reader does not use; null for other lines. */
function readLabelLine(line: string): { role: ColumnRole | null; value: string } | null {
  const text = line.trim().replace(/^(?:[-*•+]\s+|\d{1,2}[.)]\s+)/, '');
  const colon = text.search(/[:：]/);
  if (colon <= 0 || colon > MAX_LABEL_LENGTH) return null;
  const label = text.slice(0, colon).replace(/\*\*|__/g, '');
  const value = collapseWhitespace(text.slice(colon + 1).replace(/^\s*(?:\*\*|__)/, ''));
  // Folded once, for the role it names and, when it names none, for whether it is read past.
  const folded = collapseWhitespace(foldForMatching(label));
  const role = cachedRoleOfFieldLabel(folded);
  if (role !== null) return { role, value };
  const plain = /^[a-z][a-z' -]*$/.test(folded) && folded.length <= MAX_SKIPPED_LABEL_LENGTH;
  if (!plain || folded.split(' ').length > MAX_SKIPPED_LABEL_WORDS || NAMES_SECTION.test(folded) || SENTENCE_WORD.test(folded)) return null;
  return { role: null, value };
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
  /** The field on the line just before, which an unlabelled line goes on (null for one read past); undefined after a blank line. */
  let lastField: { role: ColumnRole | null } | undefined;
  /** The lines going on with the current record's field `role`, joined once (joining each as it comes was quadratic). */
  let continued: { role: ColumnRole; lines: string[] } | null = null;
  const joinContinued = () => {
    if (continued !== null && current !== null) {
      current.cells[continued.role] = collapseWhitespace([current.cells[continued.role] ?? '', ...continued.lines].join(' '));
    }
    continued = null;
  };
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (isBlank(line)) {
      lastField = undefined;
      continue;
    }
    const field = readLabelLine(line);
    if (field === null) {
      // "Finalité : Mesure d'audience" then "anonyme et agrégée.": one value on two lines. Only in a
      // record of two fields or more: after a lone "Cookies : …" line, the next line is prose.
      if (current === null || lastField === undefined || Object.keys(current.cells).length < 2 || !continuesValue(line, index)) break;
      const role = lastField.role;
      if (role !== null) {
        continued ??= { role, lines: [] };
        continued.lines.push(line);
        next = index + 1;
      }
      continue;
    }
    joinContinued();
    lastField = { role: field.role };
    // A field the reader does not use stays inside its record; the run ends at the last field read.
    if (field.role === null) {
      if (current === null) break;
      continue;
    }
    if (current === null || current.cells[field.role] !== undefined) {
      current = { line: index + 1, cells: {} };
      records.push(current);
    }
    current.cells[field.role] = field.value;
    next = index + 1;
  }
  joinContinued();
  if (records.length === 0) return null;
  const isTable = records.some((record) => Object.keys(record.cells).length >= 2);
  return { records, next, isTable };
}

/**
 * True when a line without a label, right after a field, goes on with that field's value: plain
 * text, neither a heading (markdown or plain: "Cookies tiers", "User experience"), nor a table's
 * header or row, nor a "Label : text" line of any kind.
 */
function continuesValue(line: string, index: number): boolean {
  const text = line.trim();
  if (/[\t|:：]/.test(text) || text.startsWith('#')) return false;
  return readHeading(text) === null && !couldTitleSection(text) && readTableHeader(text, index + 1) === null;
}
