/** A corrected charter drafted from what was observed: its rows and what to review in them. */
import type { Category, CharterEntry } from '../charter/types.ts';
import type { CharterKind } from '../registry/registry.ts';
import type { ConsentState } from '../consent/consent-choice.ts';
import type { DraftLanguage } from './draft-formats.ts';

/**
 * Why a row needs a look before the draft is published. Each is written beside the cookie name,
 * in parentheses (the parser drops a remark in parentheses from a name cell, so the row reads
 * back as the entry it declares), and listed at the top of the draft.
 */
export type DraftMark =
  /** Observed but not in the charter: added with the observed duration and a fallback's purpose. */
  | 'to-review'
  /** Declared but never observed during the audit, and the report calls it missing: kept, to be removed unless still used. */
  | 'not-observed'
  /** The charter's duration was shorter than observed (or missing): the observed one replaces it. */
  | 'duration-observed'
  /** One of the platform's own cookies the charter filed elsewhere: strictly necessary. */
  | 'moved-to-necessary'
  /** A tracker the known-tracker table files as statistics or third-party that the charter files as necessary: left there, to be looked at. */
  | 'tracker-in-necessary'
  /** An entry the charter repeats: an earlier entry of the same name always applies instead, so it was never seen. */
  | 'declared-twice'
  /** In a French draft, words from the platform's published cookie policy, which is in English (its default charter stood in). */
  | 'in-english'
  /** A declared row whose purpose or duration is the charter's own words, in another language than the draft's: kept, to translate. */
  | 'to-translate'
  /** Words (a purpose, a provider, a duration) longer than a table cell can hold and be read back: only their beginning is kept, with "…". */
  | 'text-cut'
  /**
   * The portal's own cookie a prefix declares, written apart under its exact name in the prefix's
   * words: embedded content's cookie of that name gets a third-party row, which would otherwise
   * declare the portal's own too (an exact name comes before a prefix).
   */
  | 'written-apart';

/** A row's words that can be cut to fit a cell (see DraftRow.cut). */
export type CutPart = 'provider' | 'purpose' | 'duration';

/** Where a row's words come from. */
export type DraftSource = 'charter' | 'known-tracker' | 'open-cookie-database' | 'platform' | 'unknown';

/** One row of the draft: one cookie name or prefix. */
export type DraftRow = {
  /** The entry the row declares, exactly as the charter parser reads it back (no service: the new template has none). */
  entry: CharterEntry;
  /** What to review in it, in the order written; empty when the charter's words stand as they were. */
  marks: DraftMark[];
  /** Where provider and purpose come from. */
  source: DraftSource;
  /**
   * True in a French draft for a row whose purpose is its source's own French words (a known
   * tracker's): not in English, nothing to translate, though the source's other words are.
   */
  purposeInFrench?: true;
  /** For 'to-translate': the language the charter's words it carries are in. */
  translateFrom?: DraftLanguage;
  /**
   * The language of its purpose or duration cell when it is not the draft's (a French charter's
   * words in an English draft, a known tracker's English in a French one), for the HTML page to say
   * so (WCAG 3.1.2); absent when every cell is in the draft's language or its language is not known.
   */
  otherLanguage?: Partial<Record<'purpose' | 'duration', DraftLanguage>>;
  /** For 'duration-observed': the charter's own duration it replaces (null when the charter gave none). */
  statedDuration: string | null;
  /** For 'text-cut': which of its words were cut, in the order provider, purpose, duration. */
  cut?: CutPart[];
  /** For 'tracker-in-necessary': the known tracker's vendor and what the table files it as. */
  tracker?: { provider: string; category: 'statistics' | 'third-party' };
  /** For a cookie only embedded content set (another site's, in the portal's tab): the domains that set it. */
  embeddedBy?: string[];
  /** For 'written-apart': the entry whose words it takes, as the list names it (`csrf*`). */
  writtenApartFrom?: string;
  /** For 'to-review': a line of the charter not read that may declare it, so the list does not say the charter does not. */
  unreadLine?: number;
};

/** A cookie observed that the draft cannot declare in its tables (listed at the top instead). */
export type SetAsideCookie = {
  /** The cookie name, or the prefix with `*`. */
  name: string;
  /**
   * 'unreadable': no table cell reads back as this name (spaces, quotes, separators, invisible
   * characters); 'limit': past the rows a charter is read up to (5,000); 'size': its row would take
   * the page past the bytes a charter page is read up to (2 MB).
   */
  reason: 'unreadable' | 'limit' | 'size';
};

/** Something the list to review says that no mark beside a name says. */
export type DraftNote =
  /** Seen on a parent domain other open sites share, and nothing shows this site set it: not added (the report judges none of these). */
  | { kind: 'origin-unknown'; name: string; domain: string }
  /** One of the platform's own cookies, declared, not seen, that the report does not call missing: when the platform sets it (no mark). */
  | { kind: 'platform-unseen'; name: string }
  /**
   * An entry the charter repeats that never applies, in a section the draft writes before the one
   * of the entry that does (`appliesIn`): not written, as read back it would apply instead.
   */
  | { kind: 'declared-twice-left-out'; name: string; category: Category; appliesIn: Category }
  /**
   * A line of the portal's charter its parser could not read (its text as the report keeps it): to
   * copy by hand. `inPart` when it read names from it all the same (`sessionid, *`): those are in the rows.
   */
  | { kind: 'unread-line'; line: number; text: string; inPart?: true }
  /** Lines of the charter not read that the list does not quote. */
  | { kind: 'unread-more'; count: number };

/** The whole draft, before it is written as Markdown or HTML. */
export type CharterDraft = {
  /** The site the reports are about. */
  host: string;
  /** The language it is written in. */
  language: DraftLanguage;
  /** When the reports were made: the latest (ms since the epoch). */
  generatedAt: number;
  /** The consent state each run ended in, in the reports' order. */
  consents: Array<ConsentState | 'unknown'>;
  /**
   * The charter its declared rows come from: the site's own ('live' or 'bundled') when a report
   * was checked against it, else the platform's default standing in for it, else none.
   */
  charterKind: CharterKind;
  /** Rows in document order: necessary, statistics, third-party, other; in each, the charter's order, then added cookies by name. */
  rows: DraftRow[];
  /** Cookies observed that no row can declare. */
  setAside: SetAsideCookie[];
  /**
   * What else the list to review says: the platform's cookies not seen, in row order, the repeats
   * left out, in the order they would have been written, the charter's lines not read, in line
   * order, then the cookies of unknown origin.
   */
  notes: DraftNote[];
};
