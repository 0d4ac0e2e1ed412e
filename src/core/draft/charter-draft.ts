/**
 * A corrected charter drafted from one report, or from the reports of an "accept" and a "refuse"
 * run together: every declared entry that was seen, in the charter's own words; every cookie
 * observed but not declared, added with its provider, the duration observed and a fallback's
 * purpose, marked "to review"; declared entries never seen kept and marked; a declared duration
 * shorter than observed replaced by the observed one, marked; the platform's own cookies always
 * strictly necessary. Built from reports only, which hold no cookie value.
 *
 * It reads back: every row is checked to read back, alone in a draft, as exactly the entry it
 * declares, in both formats, through the parser the extension reads live charters with
 * (readCharterPageReading). A row that would not (a name with spaces, quotes or invisible
 * characters, which no charter cell can hold) is set aside and listed at the top instead.
 */
import type { Category, CharterEntry } from '../charter/types.ts';
import { MAX_ENTRIES } from '../charter/limits.ts';
import { readCharterPageReading } from '../charter/live.ts';
import { KNOWN_TRACKERS, type KnownTracker } from '../registry/known-trackers.ts';
import { PLATFORM_DEFAULT_CHARTER } from '../registry/platform-default.ts';
import type { MatchSource } from '../registry/match.ts';
import { isPlatformCookie } from '../report/platform-cookies.ts';
import { markdownText } from '../report/markdown.ts';
import type { Report, ReportCookie } from '../report/report.ts';
import { terminalText } from '../terminal-text.ts';
import { compareText } from '../compare.ts';
import type { DraftLanguage } from './draft-formats.ts';
import { htmlRow, htmlSection, htmlText } from './draft-html.ts';
import { markdownRow, markdownSection } from './draft-markdown.ts';
import { CATEGORY_ORDER, cookieLabel, reviewItems } from './draft-layout.ts';
import { observedDuration } from './observed-duration.ts';
import { DRAFT_WORDS } from './draft-words.ts';
import type { CharterDraft, DraftMark, DraftRow, DraftSource, SetAsideCookie } from './draft-types.ts';

/**
 * Bytes the rows of a draft, with their notes, may take in either format: with the rest of the
 * page (a few kilobytes, and at most 200 cookies set aside, each name shown up to 200 characters)
 * the page stays within what the extension and the CLI read (2,000,000 bytes).
 */
export const DRAFT_ROWS_BUDGET = 1_500_000;
/** Longest escaped text of a cell: a row of four stays within what the parser reads (10,000 a cell). */
const MAX_ESCAPED_CELL = 9_000;
/** Zero-width characters, which the parser drops from any text it reads. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Outside text as a draft's cell holds it: what the parser will read back from either format
 * (controls out, bidi controls shown, zero-width characters out, whitespace collapsed), cut with
 * "…" when its escaped form would not fit a cell.
 */
export function draftText(text: string): string {
  const clean = terminalText(text).replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
  if (markdownText(clean).length <= MAX_ESCAPED_CELL) return clean;
  // An escaped character takes at most five (`&amp;`): this many always fit.
  return `${Array.from(clean)
    .slice(0, MAX_ESCAPED_CELL / 5 - 1)
    .join('')
    .trim()}…`;
}

/** The longer of two observed lifetimes: a persistent cookie outlives a session one (null). */
function longest(known: number | null | undefined, seen: number | null): number | null {
  if (seen === null) return known ?? null;
  return Math.max(known ?? 0, seen);
}

/** A declared entry, gathered over the reports. */
type Declared = {
  entry: CharterEntry;
  /** Its place in the charter: [report, entry index]. */
  order: [number, number];
  seen: boolean;
  /** Longest lifetime of a cookie it matched (null: only session cookies); undefined when none. */
  lifetime: number | null | undefined;
  /** True when a cookie it matched makes a "lives longer than declared" finding. */
  tooShort: boolean;
};

/** A cookie (or a prefix family) observed but not declared, gathered over the reports. */
type Added = {
  cookie: string;
  match: 'exact' | 'prefix';
  provider: string;
  purpose: string;
  category: Category;
  source: MatchSource;
  lifetime: number | null;
};

const TRACKERS_BY_ID = new Map<string, KnownTracker>(KNOWN_TRACKERS.map((tracker) => [tracker.id, tracker]));
const PLATFORM_WORDS = new Map(PLATFORM_DEFAULT_CHARTER.entries.map((entry) => [entry.cookie, entry]));

const entryKey = (entry: CharterEntry) =>
  JSON.stringify([entry.cookie, entry.match, entry.provider, entry.service, entry.purpose, entry.duration, entry.category]);

/**
 * The name an undeclared cookie is added under: the known-tracker table's prefix when it says the
 * cookie is one of a family (`_pk_id.1.a1b2` and `_pk_id.2.c3d4` are `_pk_id.*`), else its own.
 */
function addedName(cookie: ReportCookie): { cookie: string; match: 'exact' | 'prefix' } {
  if (cookie.source === 'known-tracker' && cookie.rule === 'prefix' && cookie.reference?.kind === 'known-tracker') {
    const tracker = TRACKERS_BY_ID.get(cookie.reference.id);
    if (tracker?.match === 'prefix' && tracker.cookie !== '' && cookie.name.startsWith(tracker.cookie)) {
      return { cookie: tracker.cookie, match: 'prefix' };
    }
  }
  return { cookie: cookie.name, match: 'exact' };
}

/** The charter entry a seen cookie matched, as the charter states it (the category before the platform's inference). */
function declaredEntry(cookie: ReportCookie): { entry: CharterEntry; index: number } | null {
  if (cookie.source !== 'charter' || cookie.reference?.kind !== 'charter') return null;
  return {
    index: cookie.reference.entryIndex,
    entry: {
      provider: cookie.provider,
      service: cookie.service,
      cookie: cookie.reference.cookie,
      match: cookie.reference.match,
      purpose: cookie.purpose,
      duration: cookie.duration,
      category: cookie.categoryInferred === 'platform' ? 'other' : cookie.category,
    },
  };
}

/**
 * The charter position of each entry a report lists as not seen: the report keeps the charter's
 * order, and its seen cookies name their entries' positions, so the others are the not-seen ones
 * in order. Past the charter when the counts do not agree.
 */
function notSeenPositions(report: Report): number[] {
  const used = new Set(report.cookies.flatMap((cookie) => (cookie.reference?.kind === 'charter' ? [cookie.reference.entryIndex] : [])));
  const free: number[] = [];
  for (let index = 0; index < report.charter.entries && free.length < report.notSeen.length; index++) {
    if (!used.has(index)) free.push(index);
  }
  return report.notSeen.map((_, k) => (free.length === report.notSeen.length ? free[k]! : report.charter.entries + k));
}

/** Gathers the declared entries and the added cookies of every report. */
function gather(reports: readonly Report[]): { declared: Declared[]; added: Added[] } {
  const declared = new Map<string, Declared>();
  const added = new Map<string, Added>();
  const declare = (entry: CharterEntry, order: [number, number]) => {
    const key = entryKey(entry);
    let known = declared.get(key);
    if (!known) {
      known = { entry, order, seen: false, lifetime: undefined, tooShort: false };
      declared.set(key, known);
    }
    return known;
  };
  reports.forEach((report, reportIndex) => {
    const tooLong = new Set(report.findings.filter((f) => f.kind === 'lifetime').map((f) => `${f.cookie}\u0000${f.domain ?? ''}`));
    for (const cookie of report.cookies) {
      const charter = declaredEntry(cookie);
      if (charter) {
        const known = declare(charter.entry, [reportIndex, charter.index]);
        known.seen = true;
        known.lifetime = longest(known.lifetime, cookie.lifetimeSeconds);
        if (tooLong.has(`${cookie.name}\u0000${cookie.domain}`)) known.tooShort = true;
        continue;
      }
      const name = addedName(cookie);
      const key = `${name.match}\u0000${name.cookie}`;
      const known = added.get(key);
      if (known) known.lifetime = longest(known.lifetime, cookie.lifetimeSeconds);
      else
        added.set(key, {
          ...name,
          provider: cookie.provider,
          purpose: cookie.purpose,
          category: cookie.category,
          source: cookie.source,
          lifetime: cookie.lifetimeSeconds,
        });
    }
    const positions = notSeenPositions(report);
    report.notSeen.forEach((entry, k) => declare(entry, [reportIndex, positions[k]!]));
  });
  const byOrder = (a: Declared, b: Declared) => a.order[1] - b.order[1] || a.order[0] - b.order[0];
  return {
    declared: [...declared.values()].sort(byOrder),
    added: [...added.values()].sort((a, b) => compareText(cookieLabel(a), cookieLabel(b))),
  };
}

/** The platform's own cookies are strictly necessary, whatever a charter or a fallback says. */
const categoryOf = (entry: Pick<CharterEntry, 'cookie' | 'match' | 'category'>): Category =>
  entry.match === 'exact' && isPlatformCookie(entry.cookie) ? 'necessary' : entry.category;

function declaredRow(known: Declared, language: DraftLanguage): DraftRow {
  const { entry } = known;
  const words = DRAFT_WORDS[language];
  const marks: DraftMark[] = [];
  const category = categoryOf(entry);
  let duration = entry.duration;
  if (!known.seen) marks.push('not-observed');
  else if (known.lifetime !== undefined && (known.tooShort || entry.duration === null)) {
    duration = observedDuration(known.lifetime, language);
    marks.push('duration-observed');
  }
  if (category !== entry.category) marks.push('moved-to-necessary');
  const durationText = duration === null ? '' : draftText(duration);
  return {
    entry: {
      provider: draftText(entry.provider) || words.unknownProvider,
      service: null,
      cookie: entry.cookie,
      match: entry.match,
      purpose: draftText(entry.purpose) || words.unknownPurpose,
      duration: durationText === '' ? null : durationText,
      category,
    },
    marks,
    source: 'charter',
    statedDuration: marks.includes('duration-observed') && entry.duration !== null ? draftText(entry.duration) : null,
  };
}

function addedRow(cookie: Added, language: DraftLanguage): DraftRow {
  const words = DRAFT_WORDS[language];
  // A platform cookie no source describes: the platform's published policy does (platform-default.ts).
  const platform = cookie.match === 'exact' && cookie.source === 'unknown' ? PLATFORM_WORDS.get(cookie.cookie) : undefined;
  const source: DraftSource = platform ? 'platform' : cookie.source === 'charter' ? 'unknown' : cookie.source;
  return {
    entry: {
      provider: draftText(platform?.provider ?? cookie.provider) || words.unknownProvider,
      service: null,
      cookie: cookie.cookie,
      match: cookie.match,
      purpose: draftText(platform?.purpose ?? cookie.purpose) || words.unknownPurpose,
      duration: observedDuration(cookie.lifetime, language),
      category: categoryOf(cookie),
    },
    marks: ['to-review'],
    source,
    statedDuration: null,
  };
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

const utf8 = new TextEncoder();
const bytes = (texts: readonly string[]) => texts.reduce((sum, text) => sum + utf8.encode(text).length + 12, 0);

/** What a row takes of the budget: its line and its notes in the list, in the larger of the two formats. */
function rowCost(draft: CharterDraft, row: DraftRow): number {
  const alone: CharterDraft = { ...draft, rows: [row], setAside: [] };
  return Math.max(
    bytes([markdownRow(row, draft.language), ...reviewItems(alone, markdownText)]),
    bytes([htmlRow(row, draft.language), ...reviewItems(alone, htmlText)]),
  );
}

export type DraftOptions = {
  /** The draft's language; by default the charter's, else English. */
  language?: DraftLanguage;
};

/**
 * The draft of a corrected charter from the reports of one site (one run, or an "accept" and a
 * "refuse" run). Throws when given no report.
 */
export function draftCharter(reports: readonly Report[], options: DraftOptions = {}): CharterDraft {
  const first = reports[0];
  if (!first) throw new Error('a charter draft needs at least one report');
  const language = options.language ?? first.charter.language ?? 'en';
  const { declared, added } = gather(reports);
  const candidates = [...declared.map((known) => declaredRow(known, language)), ...added.map((cookie) => addedRow(cookie, language))];
  const ordered = CATEGORY_ORDER.flatMap((category) => candidates.filter((row) => row.entry.category === category));

  const draft: CharterDraft = {
    host: first.host,
    language,
    generatedAt: reports.reduce((latest, report) => Math.max(latest, report.generatedAt), first.generatedAt),
    consents: reports.map((report) => report.consent.state),
    charterKind: first.charter.kind,
    rows: [],
    setAside: [],
  };
  let budget = DRAFT_ROWS_BUDGET;
  for (const row of ordered) {
    const cost = rowCost(draft, row);
    const setAside = (reason: SetAsideCookie['reason']) => draft.setAside.push({ name: cookieLabel(row.entry), reason });
    if (draft.rows.length >= MAX_ENTRIES || cost > budget) setAside('limit');
    else if (!readsBack(row, language)) setAside('unreadable');
    else {
      draft.rows.push(row);
      budget -= cost;
    }
  }
  return draft;
}
