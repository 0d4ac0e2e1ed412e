/**
 * Column roles: which header wording means provider, service, cookie name, duration or purpose,
 * in French and English, for both templates:
 * old (provider, service and location, cookie name, purpose) and new (provider, cookie name,
 * duration, function).
 */
import { lazy } from '../lazy.ts';
import { collapseWhitespace, foldForMatching } from './normalise.ts';

/** What a table column (or a one-field-per-line label) holds; 'category' is a "Catégorie" or "Type" column of a tab or pipe table. */
export type ColumnRole = 'provider' | 'service' | 'cookie' | 'duration' | 'purpose' | 'category';

/** A header column: its role, or null for a column the parser reads past ("Consent", "Domain"). */
export type Column = ColumnRole | null;

/** Keywords that mark a header cell; tried in this order, because "Service provider's name" is a provider. */
const CELL_KEYWORDS: ReadonlyArray<readonly [ColumnRole, RegExp]> = [
  ['provider', /prestataire|fournisseur|provider|supplier|vendor|editeur|emetteur|societe|compan|\boutils?\b|\btools?\b/],
  ['service', /emplacement|location|\bservices?\b/],
  ['duration', /duree|duration|lifetime|expir|retention|conservation|validit/],
  ['purpose', /finalite|purpose|function|fonction|description|objet|objectif|usage|utilite|\broles?\b/],
  ['cookie', /cookie|traceur|tracker|\bnoms?\b|\bnames?\b/],
];

/** A column giving each row's category ("Nécessaire", "Mesure d'audience"). */
const CATEGORY_CELL = /\btypes?\b|categor/;

/** Header columns the parser knows but does not read. */
const IGNORED_CELL = /consent|\bdomaines?\b|\bdomains?\b|base legale|legal basis|exemple|example|opt-?out|information/;

/** Longest text a header cell has; a longer cell is data that happens to contain a keyword. */
const MAX_HEADER_CELL_LENGTH = 60;

/** Characters header wording never has but data does (numbers, cookie-name punctuation): "cookie_3", "Service 2". */
const DATA_CHARACTERS = /[0-9_*<>{}[\]=@]/;

/**
 * Role of one header cell of a tab or pipe table: a role, null for a known but unread column,
 * or 'unknown' when the cell is not header wording.
 */
export function roleOfHeaderCell(cell: string): Column | 'unknown' {
  const folded = foldForMatching(cell)
    .replace(/\*\*|__/g, '')
    .replace(/\(s\)/g, 's')
    .trim();
  if (folded === '' || folded.length > MAX_HEADER_CELL_LENGTH || DATA_CHARACTERS.test(folded)) return 'unknown';
  if (CATEGORY_CELL.test(folded)) return 'category';
  if (IGNORED_CELL.test(folded)) return null;
  for (const [role, keywords] of CELL_KEYWORDS) {
    if (keywords.test(folded)) return role;
  }
  return 'unknown';
}

/** Most words in a header cell the reader has no word for ("Données collectées", "Plus d'informations"). */
const MAX_UNKNOWN_HEADER_WORDS = 4;

/**
 * True for a cell that reads like a column's title though the reader has no word for it: a few
 * words without data characters or sentence punctuation. A sentence or a row's data is not one.
 */
export function looksLikeHeaderWording(cell: string): boolean {
  const text = cell.replace(/\*\*|__/g, '').trim();
  if (text === '' || text.length > MAX_HEADER_CELL_LENGTH || DATA_CHARACTERS.test(text) || /[:;.!?()]/.test(text)) return false;
  return text.split(/\s+/).length <= MAX_UNKNOWN_HEADER_WORDS;
}

/**
 * Whole header phrases for text without cell separators, and the labels of one-field-per-line
 * records (roleOfFieldLabel), longest wording first within a role. Roles are tried in this order:
 * the category comes before the cookie name, so "Cookie type" is one category column.
 */
const HEADER_PHRASES: Record<ColumnRole, readonly string[]> = {
  provider: [
    "service providers?'?s? names?",
    'service providers?',
    'noms? (?:du|des|de) (?:prestataires?|fournisseurs?)',
    "noms? de l'editeur",
    "providers?'?s? names?",
    "suppliers?'?s? names?",
    'prestataires?',
    'fournisseurs?',
    'providers?',
    'suppliers?',
    'vendors?',
    'editeurs?',
    'emetteurs?',
  ],
  service: [
    'services? et emplacements?',
    'services? and locations?',
    'functions? and locations?',
    'fonctions? et emplacements?',
    'emplacements?',
    'locations?',
    'services?',
  ],
  category: [
    '(?:categor(?:y|ies?)|types?) (?:de|du|des) (?:cookies?|traceurs?)',
    'cookies? (?:categor(?:y|ies?)|types?)',
    'categor(?:y|ies?)',
    'types?',
  ],
  cookie: [
    'noms? (?:du|des|de) (?:cookies?|traceurs?)',
    'names? of (?:the )?cookies?',
    'cookies? names?',
    'cookies?',
    'traceurs?',
    'noms?',
    'names?',
  ],
  duration: [
    'durees? de conservation',
    'durees? de validite',
    'durees? de vie',
    "dates? d'expiration",
    'expiration dates?',
    'expiry dates?',
    'validity periods?',
    'retention periods?',
    'durees?',
    'durations?',
    'lifetimes?',
    'validite',
    'validity',
    'expiry',
    'expiration',
    'expires?',
    'retention',
  ],
  purpose: ['finalites?', 'purposes?', 'functions?', 'fonctions?', 'descriptions?', 'objectifs?', 'objets?', 'usages?'],
};

// Built on first use (see ../lazy.ts).
const phrasePatterns = lazy((): ReadonlyArray<{ role: ColumnRole; sticky: RegExp; whole: RegExp }> =>
  (Object.entries(HEADER_PHRASES) as Array<[ColumnRole, readonly string[]]>).map(([role, phrases]) => ({
    role,
    sticky: new RegExp(`(?:${phrases.join('|')})`, 'y'),
    whole: new RegExp(`^(?:${phrases.join('|')})$`),
  })),
);

/** A phrase of each role found anywhere in a text: a test a line must pass to be worth covering (readTablePhraseHeader). */
const phraseAnywhere = lazy(
  (): Record<ColumnRole, RegExp> =>
    Object.fromEntries(Object.entries(HEADER_PHRASES).map(([role, phrases]) => [role, new RegExp(`(?:${phrases.join('|')})`)])) as Record<
      ColumnRole,
      RegExp
    >,
);

/** Header read from text whose cells are not separated by tabs or pipes. */
export type PhraseHeader = {
  /** Roles in the order the phrases appear. */
  columns: ColumnRole[];
  /** True when at least two phrases touch (no space between): the rows are read without separators. */
  glued: boolean;
};

/** Stands for a lower-to-upper case change ("prestataireService"), which ends a glued cell. */
const CASE_BOUNDARY = '\u0001';

/**
 * Reads a header written as consecutive phrases ("Nom du prestataire Service et emplacement ...",
 * or with no space at all between them). Null unless the phrases cover the whole text.
 */
export function readPhraseHeader(text: string): PhraseHeader | null {
  const folded = foldForMatching(text.replace(/(\p{Ll})(\p{Lu})/gu, `$1${CASE_BOUNDARY}$2`))
    .replace(/\*\*|__/g, '')
    .replace(/\(s\)/g, 's');
  const dead = new Set<number>();
  const header = coverWithPhrases(folded, skipSeparators(folded, 0), dead);
  return header === null || header.columns.length === 0 ? null : header;
}

/**
 * A phrase header a table can be read under (isUsableColumnSet), or null. A text that names no
 * provider or no purpose anywhere cannot be one, and most lines of a charter do not: one test of
 * each says so before the whole text is covered with phrases (readPhraseHeader), which costs a
 * line many more.
 */
export function readTablePhraseHeader(text: string): PhraseHeader | null {
  // readPhraseHeader's text without its case-change marks, which no phrase holds: any phrase it finds is found here.
  const folded = foldForMatching(text)
    .replace(/\*\*|__/g, '')
    .replace(/\(s\)/g, 's');
  const anywhere = phraseAnywhere();
  if (!anywhere.provider.test(folded) || !anywhere.purpose.test(folded)) return null;
  const header = readPhraseHeader(text);
  return header !== null && isUsableColumnSet(header.columns) ? header : null;
}

/**
 * Covers `folded` from `position` with phrases; tries shorter plural-less endings when the greedy
 * one leads nowhere. Positions in `dead` are known to lead nowhere, so each is tried once.
 */
function coverWithPhrases(folded: string, position: number, dead: Set<number>): PhraseHeader | null {
  if (position >= folded.length) return { columns: [], glued: false };
  if (dead.has(position)) return null;
  for (const { role, sticky, whole } of phrasePatterns()) {
    sticky.lastIndex = position;
    const match = sticky.exec(folded);
    if (!match) continue;
    const greedyEnd = position + match[0].length;
    const ends = [greedyEnd];
    // "prestataireservice": the greedy "prestataires" ate the next cell's first letter.
    if (folded[greedyEnd - 1] === 's' && whole.test(folded.slice(position, greedyEnd - 1))) ends.push(greedyEnd - 1);
    for (const end of ends) {
      const next = skipSeparators(folded, end);
      const rest = coverWithPhrases(folded, next, dead);
      if (rest === null) continue;
      const touching = next < folded.length && (next === end || folded.slice(end, next).includes(CASE_BOUNDARY));
      return { columns: [role, ...rest.columns], glued: rest.glued || touching };
    }
  }
  dead.add(position);
  return null;
}

function skipSeparators(text: string, position: number): number {
  let index = position;
  while (index < text.length && /[\s|\u0001]/.test(text[index] ?? '')) index++;
  return index;
}

/** Role named by a one-field-per-line label ("Nom du cookie", "Cookie name", "Durée de validité", "Catégorie"), or null. */
export function roleOfFieldLabel(label: string): ColumnRole | null {
  return roleOfFoldedFieldLabel(collapseWhitespace(foldForMatching(label)));
}

/** roleOfFieldLabel for a label already folded (foldForMatching) with its whitespace collapsed: fields.ts folds each label once. */
export function roleOfFoldedFieldLabel(folded: string): ColumnRole | null {
  const text = folded.replace(/\*\*|__/g, '').replace(/\(s\)/g, 's');
  const header = coverWithPhrases(text, skipSeparators(text, 0), new Set());
  if (header === null || header.columns.length !== 1) return null;
  return header.columns[0] ?? null;
}

/** True when the columns can make entries: a provider, a cookie name and a purpose, and no role twice. */
export function isUsableColumnSet(columns: readonly Column[]): boolean {
  const roles = columns.filter((column): column is ColumnRole => column !== null);
  if (new Set(roles).size !== roles.length) return false;
  return roles.includes('provider') && roles.includes('cookie') && roles.includes('purpose');
}
