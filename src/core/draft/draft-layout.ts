/**
 * What both formats of a draft write, apart from their markup: the sections in order, the text
 * of a cookie-name cell with its remarks, the list of things to review, the notice. Each takes
 * the format's escaping for outside text (names, providers, a charter's words).
 */
import type { Category, CharterEntry } from '../charter/types.ts';
import { isoTime } from '../report/export.ts';
import { DRAFT_WORDS, type DraftBasis, type DraftWords } from './draft-words.ts';
import type { CharterKind } from '../registry/registry.ts';
import type { CharterDraft, DraftRow, DraftSource } from './draft-types.ts';
import { trackerFiledAsNecessary } from './tracker-filed-necessary.ts';
import { beginsCodeText, characterCode, isHiddenSpace, NAMELESS_COOKIE, trailingSpacesFrom } from '../cookies/nameless.ts';

/** The categories in the order their sections appear. */
export const CATEGORY_ORDER: readonly Category[] = ['necessary', 'statistics', 'third-party', 'other'];

/** The draft's rows by category, in section order; categories without rows are left out. */
export function draftSections(draft: CharterDraft): Array<{ category: Category; rows: DraftRow[] }> {
  return CATEGORY_ORDER.map((category) => ({ category, rows: draft.rows.filter((row) => row.entry.category === category) })).filter(
    (section) => section.rows.length > 0,
  );
}

/** A name as charters write it: a prefix with `*` after it (`_pk_id.*`). */
export function cookieLabel(entry: Pick<CharterEntry, 'cookie' | 'match'>): string {
  return entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie;
}

/** What French typography puts before `:` `;` `!` `?` and inside « », in the draft's French words. */
const NARROW_NO_BREAK_SPACE = '\u202f';

/**
 * The draft's own words (a label, a remark) through a format's escaping, which makes any
 * whitespace a plain space, as outside text needs: their narrow no-break spaces are kept.
 */
export function escapeWords(words: string, escape: (text: string) => string): string {
  return words.split(NARROW_NO_BREAK_SPACE).map(escape).join(NARROW_NO_BREAK_SPACE);
}

/** The remarks written after a row's cookie name, each in parentheses, in the draft's language. */
export function rowRemarks(row: DraftRow, words: DraftWords): string[] {
  return row.marks.map((mark) => `(${words.marks[mark]})`);
}

/** What a draft of this charter kind starts from. */
export function draftBasis(kind: CharterKind): DraftBasis {
  return kind === 'platform-default' || kind === 'none' ? kind : 'site';
}

/**
 * Sources whose words are in English: the known-tracker table (but for a purpose it gives in
 * French, `purposeInFrench`), the Open Cookie Database, the platform's published policy.
 */
const ENGLISH_SOURCES: ReadonlySet<DraftSource> = new Set(['known-tracker', 'open-cookie-database', 'platform']);

/** `https://host` for a host name that can be written as it is; null for anything else. */
export function portalUrl(host: string): string | null {
  return /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i.test(host) ? `https://${host.toLowerCase()}` : null;
}

/** The notice's sentence, with `host` as the format writes it. */
export function noticeText(draft: CharterDraft, host: string): string {
  const words = DRAFT_WORDS[draft.language];
  // Two runs that ended alike are said once ("before any consent choice", not twice over).
  const states = [...new Set(draft.consents)];
  const runs = states.length > 0 ? states.map((state) => words.runs[state]).join(words.and) : words.runs.unknown;
  const basis = draftBasis(draft.charterKind);
  return words.notice(host, words.day(isoTime(draft.generatedAt).slice(0, 10)), runs, basis === 'site' ? '' : words.basis[basis]);
}

/** Cookies set aside that the list names, and cookies of unknown origin; the others are counted. */
export const SET_ASIDE_LISTED = 200;
/** Longest name (or domain) the list shows of a cookie set aside or of unknown origin: a name is never cut silently, "…" says so. */
export const SHOWN_NAME_LENGTH = 200;
/** Longest text the list quotes of a charter's line not read: what the parser keeps of one (UNREAD_TEXT_LENGTH). */
export const SHOWN_LINE_LENGTH = 300;

/**
 * A character a name holds that would not show, or not as itself: a control (a line break, a
 * tab), a format character (zero-width, bidi, soft hyphen, tags), a line or paragraph separator,
 * a space other than U+0020 (a no-break space reads as one), a lone surrogate, any other
 * default-ignorable mark (U+034F, variation selectors, Hangul fillers) and the blank Braille pattern.
 */
const INVISIBLE = /^(?:[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]|[^\P{Zs} ])$/u;

/**
 * A name (or domain) as the list shows it, for someone to declare it by hand: each invisible or
 * control character as its code point (`a<U+200B>b`, `a<U+000A>b`), as bidi controls are shown
 * (terminalText), a `<` beginning the text `<U+` as one too (`<U+003C>`: a name `a<U+200B>b` is not
 * `a\u200Bb`), and cut at SHOWN_NAME_LENGTH characters with "…", never inside a code point shown.
 * Reads at most that many characters of the name and the spaces it ends with: linear in its length.
 */
export function visibleName(text: string, length = SHOWN_NAME_LENGTH): string {
  // A space the formats would merge or trim is shown too (isHiddenSpace): `a  b` is not `a b`.
  const trailingFrom = trailingSpacesFrom(text);
  let shown = '';
  let at = 0;
  for (const character of text) {
    const piece =
      isHiddenSpace(text, at, trailingFrom) || INVISIBLE.test(character) || beginsCodeText(text, at) ? characterCode(character) : character;
    if (shown.length + piece.length > length) return `${shown}…`;
    shown += piece;
    at += character.length;
  }
  return shown;
}

/**
 * The list of things to review, in row order, then the cookies of unknown origin, then those set
 * aside; `escape` makes outside text safe for the format, `setApart` sets the (escaped) words
 * standing for an empty name apart from names (italics), so that a cookie named "(no name)" does
 * not read as a nameless one.
 */
export function reviewItems(draft: CharterDraft, escape: (text: string) => string, setApart: (words: string) => string): string[] {
  const words = DRAFT_WORDS[draft.language];
  const basis = draftBasis(draft.charterKind);
  const undeclared = words.undeclared[basis];
  const statedBy = words.statedBy[basis === 'none' ? 'site' : basis];
  const items: string[] = [];
  // Two rows of one name (an entry written for both sides) may say the same of it: once is enough.
  const rowItems = new Set<string>();
  for (const row of draft.rows) {
    const name = escape(cookieLabel(row.entry));
    const provider = escape(row.entry.provider);
    for (const mark of row.marks) {
      switch (mark) {
        case 'to-review': {
          // A line not read may declare it: "not declared" would say more than the charter read does.
          const notDeclared = row.unreadLine === undefined ? undeclared : words.maybeInUnreadLine(String(row.unreadLine));
          const english = draft.language === 'fr' && ENGLISH_SOURCES.has(row.source) && !row.purposeInFrench;
          const source = row.source === 'unknown' ? null : `${words.sources[row.source]}${english ? ` (${words.inEnglish})` : ''}`;
          rowItems.add(
            row.embeddedBy?.length
              ? words.review.embedded(name, provider, escape(row.embeddedBy.join(', ')), source, notDeclared)
              : words.review.toReview(name, provider, source, notDeclared),
          );
          break;
        }
        case 'not-observed':
          rowItems.add(words.review.notObserved(name, provider));
          break;
        case 'duration-observed':
          rowItems.add(
            row.statedDuration === null
              ? words.review.durationAdded(name, escape(row.entry.duration ?? ''))
              : words.review.longer(name, escape(row.entry.duration ?? ''), escape(row.statedDuration), statedBy),
          );
          break;
        case 'moved-to-necessary':
          rowItems.add(words.review.moved(name));
          break;
        case 'tracker-in-necessary': {
          // The row's own (a tracker seen under a prefix); else what its entry names.
          const tracker = row.tracker ?? trackerFiledAsNecessary(row.entry);
          if (tracker) rowItems.add(words.review.trackerInNecessary(name, escape(tracker.provider), words.trackerKinds[tracker.category]));
          break;
        }
        case 'declared-twice':
          rowItems.add(words.review.declaredTwice(name));
          break;
        case 'in-english':
          rowItems.add(words.review.inEnglish(name));
          break;
        case 'to-translate':
          if (row.translateFrom) rowItems.add(words.review.toTranslate(name, words.inLanguage[row.translateFrom]));
          break;
        case 'text-cut':
          for (const part of row.cut ?? []) rowItems.add(words.review.cut(name, words.cutParts[part]));
          break;
        case 'written-apart':
          if (row.writtenApartFrom !== undefined) rowItems.add(words.review.writtenApart(name, escape(row.writtenApartFrom)));
          break;
      }
    }
  }
  items.push(...rowItems);
  for (const note of draft.notes) {
    if (note.kind === 'platform-unseen') items.push(words.review.platformUnseen(escape(note.name), note.name === 'django_language'));
    else if (note.kind === 'declared-twice-left-out') {
      const label = (category: Category) => words.categories[category].label;
      // The name is a charter's: shown as a name to declare by hand is, every character visible.
      items.push(words.review.declaredTwiceLeftOut(escape(visibleName(note.name)), label(note.appliesIn), label(note.category)));
    } else if (note.kind === 'unread-line') {
      // The charter's line as written, to copy by hand: every character visible, cut as the parser keeps it.
      const line = [String(note.line), escape(visibleName(note.text, SHOWN_LINE_LENGTH))] as const;
      items.push(note.inPart ? words.review.readInPart(...line) : words.review.unreadLine(...line));
    } else if (note.kind === 'unread-more') items.push(words.review.unreadMore(note.count));
  }
  // A name to declare by hand: every character visible, an empty one said in words set apart.
  const shownName = (name: string) => (name === '' ? setApart(escape(NAMELESS_COOKIE[draft.language])) : escape(visibleName(name)));
  const originUnknown = draft.notes.filter((note) => note.kind === 'origin-unknown');
  for (const cookie of originUnknown.slice(0, SET_ASIDE_LISTED)) {
    items.push(words.review.originUnknown(shownName(cookie.name), escape(visibleName(cookie.domain))));
  }
  if (originUnknown.length > SET_ASIDE_LISTED) items.push(words.review.moreOriginUnknown(originUnknown.length - SET_ASIDE_LISTED));
  for (const cookie of draft.setAside.slice(0, SET_ASIDE_LISTED)) {
    const name = shownName(cookie.name);
    items.push(words.review[cookie.reason](name));
  }
  if (draft.setAside.length > SET_ASIDE_LISTED) items.push(words.review.more(draft.setAside.length - SET_ASIDE_LISTED));
  return items;
}
