/**
 * How much of a charter the parser reads. Real charters are a few kilobytes with a few dozen
 * rows; these limits are far above that and keep the worst input (a hostile or broken page)
 * cheap to read. Past each one the parser says so: a CharterError, or an unread row that names
 * the limit. README.md, "Limits", lists them.
 */

/** Largest charter page fetched or read from a file, in bytes: larger pages are refused (CharterError 'too-large'). */
export const MAX_CHARTER_PAGE_BYTES = 2_000_000;

/** Largest charter text read, in characters: longer text is refused (CharterError 'too-large'). */
export const MAX_CHARTER_TEXT_LENGTH = 2_000_000;

/** Longest table cell, in characters: a row with a longer cell is not read, and listed as unread. */
export const MAX_CELL_LENGTH = 10_000;

/** Most cookie names read from one cell: the rest are not read, and the row is listed as unread. */
export const MAX_NAMES_PER_CELL = 200;

/**
 * Most parts (what separators split a name cell into: names, words, repeats) read from one cell:
 * the rest are not read, and the row is listed as unread. Twice the names a cell may give, so a
 * cell of names with some words among them is read whole; a cell of thousands of parts that are
 * no names, or one name repeated, is not read to its end (each part costs a name's reading).
 */
export const MAX_PARTS_PER_CELL = 2 * MAX_NAMES_PER_CELL;

/** Most table rows (and one-field-per-line records) read from one charter: the rest of the document is not read, with a note. */
export const MAX_TABLE_ROWS = 5_000;

/** Most entries read from one charter: reading stops there, with a note. */
export const MAX_ENTRIES = 5_000;

/** Most unread rows listed one by one; past it, one note counts the rest. */
export const MAX_UNREAD_ROWS_LISTED = 1_000;
