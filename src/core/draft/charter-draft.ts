/**
 * A corrected charter drafted from one report, or from the reports of an "accept" and a "refuse"
 * run together (gathered by gather-runs.ts): every declared entry that was seen, in the charter's
 * own words; every cookie observed but not declared, added with its provider, the duration
 * observed and a fallback's purpose (a known tracker's in French in a French draft), marked "to
 * review" (embedded content's under third parties, with the domains that set it); declared
 * entries never seen kept, marked where the report calls them missing; a declared duration
 * shorter than observed replaced by the observed one, marked;
 * the platform's own cookies of the portal always strictly necessary, in the platform's words
 * when the charter has none; a tracker the charter files as necessary, and an entry it repeats,
 * marked but left as they are (a repeat that would come before the entry that applies left out,
 * and listed); in a draft of another language than the charter's, the charter's
 * words a row keeps marked to translate. Cookies of unknown origin are not added, only listed.
 * Built from reports only, which hold no cookie value.
 *
 * It reads back: every row is checked to read back, alone in a draft, as exactly the entry it
 * declares, in both formats, through the parser the extension reads live charters with
 * (readCharterPageReading). A row that would not (a name with spaces, quotes or invisible
 * characters, which no charter cell can hold) is set aside and listed at the top instead.
 */
import type { Category, CharterEntry } from '../charter/types.ts';
import { MAX_CHARTER_PAGE_BYTES, MAX_ENTRIES } from '../charter/limits.ts';
import { readCharterPageReading } from '../charter/live.ts';
import { INVISIBLE_FORMAT_CHARACTERS } from '../charter/normalise.ts';
import { lazy } from '../lazy.ts';
import { PLATFORM_DEFAULT_CHARTER } from '../registry/platform-default.ts';
import { isPlatformCookie } from '../report/platform-cookies.ts';
import { markdownText } from '../report/markdown.ts';
import type { RunReport } from '../report/compare-runs.ts';
import { terminalText } from '../terminal-text.ts';
import type { DraftLanguage } from './draft-formats.ts';
import { draftHtml, htmlRow, htmlSection, htmlText, setApart as setApartHtml } from './draft-html.ts';
import { draftMarkdown, markdownRow, markdownSection, setApart as setApartMarkdown } from './draft-markdown.ts';
import { CATEGORY_ORDER, cookieLabel, reviewItems, SET_ASIDE_LISTED, SHOWN_NAME_LENGTH } from './draft-layout.ts';
import { observedDuration } from './observed-duration.ts';
import { trackerFiledAsNecessary } from './tracker-filed-necessary.ts';
import { DRAFT_WORDS } from './draft-words.ts';
import { entryKey, gatherRuns, nameOf, type Added, type Declared, type SideSeen } from './gather-runs.ts';
import type { UnreadLine } from './lines-not-read.ts';
import type { CharterDraft, CutPart, DraftMark, DraftNote, DraftRow, DraftSource, SetAsideCookie } from './draft-types.ts';

/**
 * Bytes a draft may take in either format: what the extension and the CLI read of a charter page
 * (the parser refuses more). Everything is charged as the format writes it, escaped: a name of
 * quotes takes six bytes a character in HTML (`&quot;`), an ampersand five in either.
 */
const DRAFT_PAGE_BYTES = MAX_CHARTER_PAGE_BYTES;
/** Bytes the page's lines take beyond what is measured of them (the review list's heading and wrapper, line breaks). */
const PAGE_SLACK_BYTES = 1_000;
/**
 * Characters a name shown in the list takes the most bytes for, escaped: `"` in HTML (`&quot;`),
 * `&` (`&amp;`) and `@` in Markdown (`@&#8288;`: the word joiner keeps GitHub from making a link).
 */
const COSTLIEST_CHARACTERS = ['"', '&', '@'];
/** Longest escaped text of a cell: a row of four stays within what the parser reads (10,000 a cell). */
const MAX_ESCAPED_CELL = 9_000;

/** What a cut text ends with. */
const ELLIPSIS = '…';
/** What a cut never splits: a code point (never half a surrogate pair), or the code terminalText shows a control as (`<U+202E>`). */
const PIECES = /<U\+[0-9A-F]{4,6}>|[\s\S]/gu;

/** Characters past a cut segmented with what is kept: more than the next character (two UTF-16 units) needs. */
const GRAPHEME_LOOKAHEAD = 16;
/** Splits text into what a reader sees as one character (`e` + U+0301, 👍🏽, 🇫🇷); built on first use. */
export const graphemeSegmenter = lazy(() => new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

/** Characters a piece takes escaped within a text (`&` five: `&amp;`; `_` two: `\_`), kept per piece: a cut walks a cell's worth. */
const escapedCosts = new Map<string, number>();
function escapedCost(piece: string): number {
  let cost = escapedCosts.get(piece);
  if (cost === undefined) {
    // Between letters: neither trimmed as a space at an end nor escaped as markup at a line's start.
    cost = markdownText(`a${piece}a`).length - 2;
    if (escapedCosts.size < 4_096) escapedCosts.set(piece, cost);
  }
  return cost;
}

/**
 * Outside text as a draft's cell holds it: what the parser will read back from either format
 * (controls out, bidi controls shown, invisible format characters out as the parser drops them, whitespace collapsed); when its
 * escaped form would not fit a cell, as much of it as fits, escaped, with "…" (`cut`: true). The
 * cut is made by what each character takes escaped, between graphemes (what a reader sees as one
 * character: a letter and its combining accents, an emoji and its modifier, a flag's two halves),
 * so never inside an escape, a grapheme or a code shown for a control; it reads, and segments
 * once, at most a cell's worth past the cleaning and escaping of the whole.
 */
export function draftCell(text: string): { text: string; cut: boolean } {
  const clean = terminalText(text).replace(INVISIBLE_FORMAT_CHARACTERS, '').replace(/\s+/g, ' ').trim();
  if (markdownText(clean).length <= MAX_ESCAPED_CELL) return { text: clean, cut: false };
  const room = MAX_ESCAPED_CELL - ELLIPSIS.length;
  /** Where each piece kept ends. */
  const ends: number[] = [];
  let used = 0;
  for (const [piece] of clean.matchAll(PIECES)) {
    used += escapedCost(piece);
    if (used > room) break;
    ends.push((ends.at(-1) ?? 0) + piece.length);
  }
  const keptTo = (count: number) => `${clean.slice(0, ends[count - 1] ?? 0).trimEnd()}${ELLIPSIS}`;
  // Graphemes of what could be kept and the few characters after it, segmented once: whether a cut is a boundary
  // depends on what comes before it (a run of flags pairs from its start) and on the next character.
  const graphemes = graphemeSegmenter().segment(clean.slice(0, (ends.at(-1) ?? 0) + GRAPHEME_LOOKAHEAD));
  /** `count` pieces, fewer when the last would end inside a grapheme: a letter is kept with all its accents or not at all. */
  const onGraphemeBoundary = (count: number) => {
    const cut = ends[count - 1] ?? 0;
    const start = cut === 0 ? 0 : (graphemes.containing(cut)?.index ?? cut);
    while (count > 0 && (ends[count - 1] ?? 0) > start) count--;
    return count;
  };
  // The one cost not counted piece by piece, a backslash before a leading `#`, `+`, `-` or `=`: a piece less, if need be.
  let count = onGraphemeBoundary(ends.length);
  while (count > 0 && markdownText(keptTo(count)).length > MAX_ESCAPED_CELL) count = onGraphemeBoundary(count - 1);
  return { text: keptTo(count), cut: true };
}

/** draftCell's text alone. */
export function draftText(text: string): string {
  return draftCell(text).text;
}

/** The order a row's cut words are listed in: its cells'. */
const CUT_ORDER: readonly CutPart[] = ['provider', 'purpose', 'duration'];

const PLATFORM_WORDS = new Map(PLATFORM_DEFAULT_CHARTER.entries.map((entry) => [entry.cookie, entry]));

/**
 * The platform's own cookies are strictly necessary, whatever a charter says; but an entry of the
 * charter's third-party section that only embedded content's cookies matched (a frame's
 * `sessionid`) is that content's, and stays where it is.
 */
function declaredCategory({ entry, seenOwn }: Declared): Category {
  const platformCookie = entry.match === 'exact' && isPlatformCookie(entry.cookie);
  return platformCookie && !(entry.category === 'third-party' && !seenOwn) ? 'necessary' : entry.category;
}

/** The longer of two lifetimes of one entry (null: session cookies only; undefined: not known). */
function longestOf(lifetime: number | null, judged: number | null | undefined): number | null {
  if (judged === undefined || judged === null) return lifetime;
  return lifetime === null ? judged : Math.max(lifetime, judged);
}

/**
 * A declared row; `platformWords` when its charter is the platform's default (its published
 * policy, in English) standing in for the site's. In a draft of another language than the one of
 * the charter its words come from (Declared.language; none when unknown), what the row keeps of
 * them is marked to translate.
 */
function declaredRow(known: Declared, language: DraftLanguage, platformWords: boolean): DraftRow {
  const charterLanguage = known.language;
  const { entry } = known;
  const words = DRAFT_WORDS[language];
  const marks: DraftMark[] = [];
  const category = declaredCategory(known);
  let duration = entry.duration;
  // Written twice: word for word (one row says both), or in other words under an earlier entry that always applies instead.
  if (known.repeated || (!known.seen && known.shadowed)) marks.push('declared-twice');
  if (!known.seen) {
    if (!known.shadowed && known.missing) marks.push('not-observed');
  } else if (known.lifetime !== undefined && (known.tooShort || entry.duration === null)) {
    // The longer of the rounded and the unrounded lifetime: the duration written is never below what was observed,
    // nor below what the finding it answers judged (185 days and 0.4 s is not "6 mois", read as at most 185 days).
    duration = observedDuration(longestOf(known.lifetime, known.judgedLifetime), language);
    marks.push('duration-observed');
  }
  if (category !== entry.category) marks.push('moved-to-necessary');
  // Not moved: the charter may have its reasons; the list asks.
  const tracker = trackerFiledAsNecessary(entry, known.trackerSeen);
  if (tracker) marks.push('tracker-in-necessary');
  if (platformWords && language === 'fr') marks.push('in-english');
  const cut = new Set<CutPart>();
  const cell = (part: CutPart, text: string) => {
    const written = draftCell(text);
    if (written.cut) cut.add(part);
    return written.text;
  };
  const provider = cell('provider', entry.provider);
  const purpose = cell('purpose', entry.purpose);
  const durationText = duration === null ? '' : cell('duration', duration);
  // Only the list quotes the duration replaced: a quote cut ends with "…", and the row's own duration is whole.
  const statedDuration = marks.includes('duration-observed') && entry.duration !== null ? draftText(entry.duration) : null;
  // The charter's words kept as they are: its purpose, and its duration unless the observed one replaced it.
  // (The platform's policy is its own case above; a provider is a name, the same in any language.)
  const carried = purpose !== '' || (durationText !== '' && !marks.includes('duration-observed'));
  const translateFrom = !platformWords && charterLanguage !== null && charterLanguage !== language && carried ? charterLanguage : null;
  if (translateFrom) marks.push('to-translate');
  if (cut.size > 0) marks.push('text-cut');
  const row: DraftRow = {
    entry: {
      provider: provider || words.unknownProvider,
      service: null,
      cookie: entry.cookie,
      match: entry.match,
      purpose: purpose || words.unknownPurpose,
      duration: durationText === '' ? null : durationText,
      category,
    },
    marks,
    source: platformWords ? 'platform' : 'charter',
    statedDuration,
  };
  if (translateFrom) row.translateFrom = translateFrom;
  // The words kept are the platform's policy's (English) or the charter's: said when not the draft's language.
  const wordsLanguage = platformWords ? 'en' : charterLanguage;
  if (wordsLanguage !== null && wordsLanguage !== language) {
    const other: DraftRow['otherLanguage'] = {};
    if (purpose !== '') other.purpose = wordsLanguage;
    if (durationText !== '' && !marks.includes('duration-observed')) other.duration = wordsLanguage;
    if (other.purpose || other.duration) row.otherLanguage = other;
  }
  if (cut.size > 0) row.cut = CUT_ORDER.filter((part) => cut.has(part));
  if (tracker) row.tracker = { provider: tracker.provider, category: tracker.category };
  return row;
}

/**
 * The row of a cookie no entry declares. One of the platform's own cookies set by a portal itself
 * takes the platform's words (its published policy, platform-default.ts) and is strictly
 * necessary; a cookie only embedded content set is filed as third-party content, under the
 * domains that set it when its source names no provider (and always for a name like the
 * platform's, which is not the platform's here); any other keeps its source's words.
 */
function addedRow(cookie: Added, language: DraftLanguage): DraftRow {
  const words = DRAFT_WORDS[language];
  const platform = cookie.platform ? PLATFORM_WORDS.get(cookie.cookie) : undefined;
  const source: DraftSource = platform ? 'platform' : cookie.source === 'charter' ? 'unknown' : cookie.source;
  const domains = cookie.embeddedBy.join(', ');
  const provider =
    platform?.provider ?? (cookie.own || (cookie.provider !== '' && !isPlatformCookie(cookie.cookie)) ? cookie.provider : domains);
  const category: Category = platform ? 'necessary' : cookie.own ? cookie.category : 'third-party';
  // A known tracker's purpose has French words of its own: a French draft takes them, nothing to translate.
  const french = !platform && language === 'fr' ? cookie.purposeFr : null;
  const providerCell = draftCell(provider);
  const purposeCell = draftCell(platform?.purpose ?? french ?? cookie.purpose);
  const cut: CutPart[] = [...(providerCell.cut ? (['provider'] as const) : []), ...(purposeCell.cut ? (['purpose'] as const) : [])];
  const row: DraftRow = {
    entry: {
      provider: providerCell.text || words.unknownProvider,
      service: null,
      cookie: cookie.cookie,
      match: cookie.match,
      purpose: purposeCell.text || words.unknownPurpose,
      duration: observedDuration(cookie.lifetime, language),
      category,
    },
    marks: cut.length > 0 ? ['to-review', 'text-cut'] : ['to-review'],
    source,
    statedDuration: null,
  };
  if (french) row.purposeInFrench = true;
  // The platform's policy, a known tracker and the Open Cookie Database write in English (a tracker's own French aside).
  const englishPurpose = platform !== undefined || cookie.source === 'known-tracker' || cookie.source === 'open-cookie-database';
  if (language !== 'en' && englishPurpose && !french && purposeCell.text !== '') row.otherLanguage = { purpose: 'en' };
  if (cut.length > 0) row.cut = cut;
  if (!cookie.own) row.embeddedBy = [...cookie.embeddedBy];
  if (cookie.unreadLine !== null) row.unreadLine = cookie.unreadLine;
  return row;
}

/**
 * True for an exact entry of a platform cookie's name in the third-party section that the portal's
 * own cookie matched: the portal's is one of the platform's cookies, strictly necessary, and
 * embedded content's answers to the third-party section alone (core/registry/match.ts), so the
 * entry is written twice, once for each (Declared.sides). When no embedded content's was seen, the
 * third-party row is kept as declared only if the charter has a section outside the third-party
 * one (`otherSections`): moved alone, a frame's cookie it declared (Disqus's `sessionid` beside a
 * necessary `csrftoken`) would read back undeclared. A charter whose only section is third-party
 * ("Cookies propriétaires et tiers") files the portal's own cookies there: a row kept for embedded
 * content's would be one never seen, a "not-seen" finding the charter did not make.
 */
function writtenForBothSides(known: Declared, otherSections: boolean): boolean {
  const { entry, sides } = known;
  const platformRow = entry.match === 'exact' && entry.category === 'third-party' && isPlatformCookie(entry.cookie);
  return !known.shadowed && platformRow && sides.own.seen && (sides.embedded.seen || otherSections);
}

/** The entry as the cookies of one side alone showed it. */
const onSide = (known: Declared, side: SideSeen): Declared => ({
  ...known,
  seen: side.seen,
  seenOwn: side === known.sides.own,
  lifetime: side.lifetime,
  judgedLifetime: side.judgedLifetime,
  tooShort: side.tooShort,
});

/** What of a row's marks concerns its words, which a row written apart in them shares. */
const MARKS_OF_WORDS: ReadonlySet<DraftMark> = new Set(['to-translate', 'in-english', 'text-cut']);

/**
 * The portal's own `cookie`, one of the platform's, declared by the entry of row `from` (a prefix),
 * written apart under its exact name in that row's words (Gathered.writtenApart): strictly
 * necessary, as the platform's cookies always are, and marked moved when the prefix is filed
 * elsewhere, as an exact entry of that name would be (declaredCategory).
 */
function writtenApartRow(cookie: string, from: DraftRow): DraftRow {
  const moved = from.entry.category !== 'necessary';
  const row: DraftRow = {
    entry: { ...from.entry, cookie, match: 'exact', category: 'necessary' },
    marks: ['written-apart', ...(moved ? (['moved-to-necessary'] as const) : []), ...from.marks.filter((mark) => MARKS_OF_WORDS.has(mark))],
    source: from.source,
    statedDuration: null,
    writtenApartFrom: cookieLabel(from.entry),
  };
  if (from.translateFrom) row.translateFrom = from.translateFrom;
  if (from.otherLanguage) row.otherLanguage = { ...from.otherLanguage };
  if (from.cut) row.cut = [...from.cut];
  return row;
}

const sameEntries = (read: readonly CharterEntry[], meant: CharterEntry) => read.length === 1 && entryKey(read[0]!) === entryKey(meant);

/**
 * True when a section holding only this row reads back, as Markdown and as HTML, as exactly the
 * entry it declares: the parser's own verdict on the name cell, the remarks and the row. A row is
 * read on its own line whatever surrounds it, and the draft's other lines are fixed words or notes
 * that no reading takes for a row (see draft-words.ts), so what holds alone holds in the draft.
 */
function readsBack(row: DraftRow, language: DraftLanguage): boolean {
  const tables: Array<[string, string]> = [
    [markdownSection(row.entry.category, [row], language), 'text/markdown'],
    [htmlSection(row.entry.category, [row], language), 'text/html'],
  ];
  return tables.every(([table, type]) => {
    try {
      return sameEntries(readCharterPageReading(table, type).entries, row.entry);
    } catch {
      return false;
    }
  });
}

/** Every reason a cookie is set aside for, each worded apart (DraftWords.review): the budget keeps room for the longest. */
const SET_ASIDE_REASONS = ['limit', 'size', 'unreadable'] as const satisfies readonly SetAsideCookie['reason'][];

const utf8 = new TextEncoder();
const bytes = (texts: readonly string[]) => texts.reduce((sum, text) => sum + utf8.encode(text).length + 12, 0);

/** What a row takes of the budget: its line and its notes in the list (`notes`: the note on it, if any), in the larger of the two formats. */
function rowCost(draft: CharterDraft, row: DraftRow, notes: DraftNote[]): number {
  const alone: CharterDraft = { ...draft, rows: [row], setAside: [], notes };
  return Math.max(
    bytes([markdownRow(row, draft.language), ...reviewItems(alone, markdownText, setApartMarkdown)]),
    bytes([htmlRow(row, draft.language), ...reviewItems(alone, htmlText, setApartHtml)]),
  );
}

/** What a note takes of the budget, in the larger of the two formats. */
function noteCost(draft: CharterDraft, note: DraftNote): number {
  const alone: CharterDraft = { ...draft, rows: [], setAside: [], notes: [note] };
  return Math.max(bytes(reviewItems(alone, markdownText, setApartMarkdown)), bytes(reviewItems(alone, htmlText, setApartHtml)));
}

/**
 * What the rows of `draft` (holding no row, nothing set aside, and its notes of unknown origin)
 * may take, escaped, in either format: a charter page, less the page around them with every
 * category's paragraph and table header, the notes of unknown origin, and room for the list of
 * cookies set aside at its longest (SET_ASIDE_LISTED names, each as costly to write as a name can
 * be once cut, and the line that counts the others). The page a draft is written as is then never
 * one the parser refuses.
 */
function rowsBudget(draft: CharterDraft): number {
  const { language } = draft;
  const frame: CharterDraft = { ...draft, notes: [] };
  // The line counting the cookies set aside past the list: the draft's own words and a count.
  const more = bytes([DRAFT_WORDS[language].review.more(Number.MAX_SAFE_INTEGER)]);
  const around = (page: string, sections: string[], escape: (text: string) => string, setApart: (words: string) => string) => {
    /** The most a listed cookie set aside can take: the costlier reason, a name of the costliest characters, cut. */
    const setAsideItem = Math.max(
      ...COSTLIEST_CHARACTERS.flatMap((character) =>
        SET_ASIDE_REASONS.map((reason) =>
          bytes(reviewItems({ ...frame, setAside: [{ name: character.repeat(SHOWN_NAME_LENGTH + 1), reason }] }, escape, setApart)),
        ),
      ),
    );
    return bytes([page, ...sections]) + bytes(reviewItems(draft, escape, setApart)) + SET_ASIDE_LISTED * setAsideItem + more;
  };
  const markdown = around(
    draftMarkdown(frame),
    CATEGORY_ORDER.map((category) => markdownSection(category, [], language)),
    markdownText,
    setApartMarkdown,
  );
  const html = around(
    draftHtml(frame),
    CATEGORY_ORDER.map((category) => htmlSection(category, [], language)),
    htmlText,
    setApartHtml,
  );
  return DRAFT_PAGE_BYTES - PAGE_SLACK_BYTES - Math.max(markdown, html);
}

export type DraftOptions = {
  /** The draft's language; by default the charter's, else English. */
  language?: DraftLanguage;
};

/**
 * The draft of a corrected charter from the reports of one site (one run, or an "accept" and a
 * "refuse" run). Throws when given no report.
 */
export function draftCharter(reports: readonly RunReport[], options: DraftOptions = {}): CharterDraft {
  const first = reports[0];
  if (!first) throw new Error('a charter draft needs at least one report');
  const {
    charterKind,
    language: charterLanguage,
    declared,
    added,
    originUnknown,
    writtenApart,
    unreadLines,
    readFromLine,
  } = gatherRuns(reports);
  const language = options.language ?? charterLanguage ?? 'en';
  // The platform's own cookies declared but not seen, that the report does not call missing: a note says when the platform sets them
  // (not one a run may have lost to storage: the report says only that it was not among the cookies kept).
  const platformUnseen = new Set<DraftRow>();
  /** The row of the entry that applies, by name (gather-runs.ts nameOf). */
  const applying = new Map<string, DraftRow>();
  /** Rows written right after a declared row: embedded content's of an entry written for both sides, the portal's own written apart. */
  const following = new Map<DraftRow, DraftRow[]>();
  const follow = (row: DraftRow, next: DraftRow) => following.set(row, [...(following.get(row) ?? []), next]);
  /** The rows of each declared entry's own name: its row, and embedded content's of an entry written for both sides. */
  const rowsOf = new Map<Declared, DraftRow[]>();
  const otherSections = declared.some((known) => known.entry.category !== 'third-party');
  const declaredRows = declared.map((known) => {
    const bothSides = writtenForBothSides(known, otherSections);
    const row = declaredRow(bothSides ? onSide(known, known.sides.own) : known, language, charterKind === 'platform-default');
    rowsOf.set(known, [row]);
    if (bothSides) {
      const embedded = declaredRow(onSide(known, known.sides.embedded), language, charterKind === 'platform-default');
      follow(row, embedded);
      rowsOf.get(known)!.push(embedded);
    }
    const platformCookie = known.entry.match === 'exact' && isPlatformCookie(known.entry.cookie) && row.entry.category === 'necessary';
    if (platformCookie && !known.seen && !known.missing && !known.shadowed && !known.mayHaveBeenLost) platformUnseen.add(row);
    // The first: a later one that applies as well (embedded content's cookie matched it) is not the one a repeat gives way to.
    if (!known.shadowed && !applying.has(nameOf(known.entry))) applying.set(nameOf(known.entry), row);
    return row;
  });
  /** A repeat that never applies, with the row of the entry that does. */
  const appliesInstead = new Map<DraftRow, DraftRow>();
  declared.forEach((known, index) => {
    const applies = applying.get(nameOf(known.entry));
    if (known.shadowed && applies) appliesInstead.set(declaredRows[index]!, applies);
  });
  // The portal's own cookies written apart, each after the row whose words it takes.
  for (const { cookie, declared: known } of writtenApart) {
    const from = declaredRows[declared.indexOf(known)]!;
    follow(from, writtenApartRow(cookie, from));
  }
  const candidates = [
    ...declaredRows.flatMap((row) => [row, ...(following.get(row) ?? [])]),
    ...added.map((cookie) => addedRow(cookie, language)),
  ];
  const ordered = CATEGORY_ORDER.flatMap((category) => candidates.filter((row) => row.entry.category === category));

  const draft: CharterDraft = {
    host: first.host,
    language,
    generatedAt: reports.reduce((latest, report) => Math.max(latest, report.generatedAt), first.generatedAt),
    consents: reports.map((report) => report.consent.state),
    charterKind,
    rows: [],
    setAside: [],
    notes: [],
  };
  const unknownOrigin: DraftNote[] = originUnknown.map((cookie) => ({ kind: 'origin-unknown', ...cookie }));
  // The charter's lines not read, for the operator to copy by hand: what they declare is in no row,
  // but the names the parser read from a line read in part, which its note says when a row of them
  // is written (not when each was left out as a repeat, or set aside): known once rows are placed.
  const unreadNote = ({ line, text }: UnreadLine, inPart: boolean): DraftNote =>
    inPart ? { kind: 'unread-line', line, text, inPart } : { kind: 'unread-line', line, text };
  const unreadMore: DraftNote[] = unreadLines.more > 0 ? [{ kind: 'unread-more', count: unreadLines.more }] : [];
  // Room for the costlier wording of a line that may be said read in part.
  const unreadRoom = unreadLines.lines.map((line) => {
    const plain = unreadNote(line, false);
    if (!readFromLine.has(line)) return plain;
    const inPart = unreadNote(line, true);
    return noteCost(draft, inPart) > noteCost(draft, plain) ? inPart : plain;
  });
  let budget = rowsBudget({ ...draft, notes: [...unreadRoom, ...unreadMore, ...unknownOrigin] });
  /** The rows written so far. */
  const placed = new Set<DraftRow>();
  /** Repeats left out, in the order they would have been written, with the row that applies. */
  const repeats: Array<[DraftRow, DraftRow]> = [];
  for (const row of ordered) {
    // Read back, a repeat written before the row that applies would apply instead (sections come in
    // CATEGORY_ORDER): left out, and the list says so once the rows are placed.
    const applies = appliesInstead.get(row);
    if (applies && !placed.has(applies)) {
      repeats.push([row, applies]);
      continue;
    }
    const cost = rowCost(draft, row, platformUnseen.has(row) ? [{ kind: 'platform-unseen', name: row.entry.cookie }] : []);
    const setAside = (reason: SetAsideCookie['reason']) => draft.setAside.push({ name: cookieLabel(row.entry), reason });
    // The number of rows first: past it, a row would not be read however small the page.
    if (draft.rows.length >= MAX_ENTRIES) setAside('limit');
    else if (cost > budget) setAside('size');
    else if (!readsBack(row, language)) setAside('unreadable');
    else {
      draft.rows.push(row);
      placed.add(row);
      budget -= cost;
    }
  }
  // The notes on the repeats left out take the room the rows left: a note never names a row the
  // draft does not hold. A repeat whose row that applies was set aside is listed already, by that row's name.
  const leftOut: DraftNote[] = [];
  for (const [row, applies] of repeats) {
    if (!placed.has(applies)) continue;
    const note: DraftNote = {
      kind: 'declared-twice-left-out',
      name: cookieLabel(row.entry),
      category: row.entry.category,
      appliesIn: applies.entry.category,
    };
    const cost = noteCost(draft, note);
    if (cost <= budget) {
      leftOut.push(note);
      budget -= cost;
    } else draft.setAside.push({ name: note.name, reason: 'size' });
  }
  for (const row of draft.rows) if (platformUnseen.has(row)) draft.notes.push({ kind: 'platform-unseen', name: row.entry.cookie });
  const written = (line: UnreadLine) =>
    readFromLine.get(line)?.some((known) => rowsOf.get(known)?.some((row) => placed.has(row)) ?? false) ?? false;
  const unread = unreadLines.lines.map((line) => unreadNote(line, written(line)));
  draft.notes.push(...leftOut, ...unread, ...unreadMore, ...unknownOrigin);
  return draft;
}
