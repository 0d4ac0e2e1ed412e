/**
 * The cookie list as the popup shows it: seen cookies and the charter's unseen entries as one
 * list of rows, filtered, ordered by category, and paged. Pure, so it is tested without a DOM.
 */
import { sameData } from '../core/same-data.ts';
import { visibleCookieName } from '../core/cookies/nameless.ts';
import type { Translate } from '../core/ui-strings.ts';
import type { Category } from '../core/charter/types.ts';
import type { Finding } from '../core/report/findings.ts';
import type { NotSeenEntry, Report, ReportCookie } from '../core/report/report.ts';
import { CATEGORY_ORDER } from '../core/report/report-page.ts';

// The worker sends the first page in this same order (report-page.ts).
export { CATEGORY_ORDER };

/** One row of the list. */
export type CookieRow = {
  /** Stable identity, also the DOM id suffix: one cookie's alone, and without whitespace (keyPart). */
  key: string;
  /** Cookie name as displayed (a prefix entry ends with `*`). */
  name: string;
  /** `data-status`: seen and declared, seen and undeclared, or declared and never seen. */
  status: 'declared' | 'undeclared' | 'not-seen';
  /** Charter section. */
  category: Category;
  /** The seen cookie, for seen rows. */
  cookie: ReportCookie | null;
  /** The charter entry, for not-seen rows, with why it was not seen when the visitor's choice says. */
  entry: NotSeenEntry | null;
  /** The language the report's charter is written in (its words in the row are), null when not known. */
  charterLanguage: Report['charter']['language'];
};

/**
 * `text` as a part of a row's key: letters, digits and `_.-/` as they are, every other UTF-16 code
 * unit as `%` and four hex digits. A browser takes `:`, `~`, `^`, `%` and spaces in a cookie's name
 * and path, so parts joined as they were made two cookies one key (`:x` at `/a`, `x` at `/a:`),
 * one row id, and a finding focused the other cookie's row. Written so, no part holds a separator,
 * the key is a valid HTML id (no whitespace) whatever the name, and one pass makes it.
 */
const keyPart = (text: string) => text.replace(/[^\w./-]/g, (unit) => `%${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Firefox's first party a cookie is isolated under, as a row's key tells it, '' for none: two
 * cookies of one name, domain and path under two first parties are two rows. None leaves the
 * key as it was.
 */
const firstPartyOf = (cookie: ReportCookie) => (cookie.firstPartyDomain === undefined ? '' : `^${keyPart(cookie.firstPartyDomain)}`);
/** The partition's hasCrossSiteAncestor (Chrome, Firefox 153), as a row's key tells it: two cookies may differ by it alone. */
const ancestorOf = (cookie: ReportCookie) => (cookie.hasCrossSiteAncestor === undefined ? '' : `~${cookie.hasCrossSiteAncestor}`);

/** Rows for every seen cookie, then every declared entry not seen, in category order. */
export function rowsOf(report: Report): CookieRow[] {
  const charterLanguage = report.charter.language ?? null;
  const seen: CookieRow[] = report.cookies.map((cookie) => ({
    key: `c:${keyPart(cookie.domain)}:${keyPart(cookie.path)}:${keyPart(cookie.partitionKey ?? '')}${ancestorOf(cookie)}${firstPartyOf(cookie)}:${keyPart(cookie.name)}`,
    name: cookie.name,
    status: cookie.status,
    category: cookie.category,
    cookie,
    entry: null,
    charterLanguage,
  }));
  // An entry's row is keyed by its name and section, and how many entries of the same come before
  // it, not by its place in notSeen: an entry seen since moved the others' places, so their rows got
  // other ids, were written anew, and a focused one lost the focus. The section keeps apart one name
  // declared for two (the site's own testCookie, Disqus's third-party one): one of them seen, the
  // other was no longer the second of its name. Not the provider: a live charter read may spell it
  // otherwise (Huwise for Opendatasoft), and the row is the same entry's.
  const earlier = new Map<string, number>();
  const unseen: CookieRow[] = report.notSeen.map((entry) => {
    const name = entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie;
    const identity = `${keyPart(name)}:${entry.category}`;
    const count = earlier.get(identity) ?? 0;
    earlier.set(identity, count + 1);
    return {
      key: `e:${count}:${identity}`,
      name,
      status: 'not-seen',
      category: entry.category,
      cookie: null,
      entry,
      charterLanguage,
    };
  });
  const rank = (row: CookieRow) => CATEGORY_ORDER.indexOf(row.category);
  // Stable sort: within a category, seen cookies (present first, as the report orders them) then unseen entries.
  return [...seen, ...unseen].sort((a, b) => rank(a) - rank(b));
}

/**
 * `rows`, each given as the row of `previous` with its key when the two hold the same data: a
 * list keeps the element it made for a row object (CookieList), so a row that did not change is
 * neither rendered nor written again when a new report comes. The DevTools and side panels get
 * a new report at every write of the site's record; each rewrote every row.
 */
export function keepUnchangedRows(rows: CookieRow[], previous: readonly CookieRow[]): CookieRow[] {
  if (previous.length === 0) return rows;
  const byKey = new Map(previous.map((row) => [row.key, row]));
  return rows.map((row) => {
    const kept = byKey.get(row.key);
    return kept !== undefined && sameData(kept, row) ? kept : row;
  });
}

/**
 * The charter entry a row is about, as its name or prefix, rule and provider tell it: a not-seen
 * row's own, or the one declaring a seen cookie; null for a cookie no charter entry declares. Not
 * its section: a live charter read may move the entry to another, and it is the same entry.
 */
function declaringEntry({ entry, cookie }: CookieRow): string | null {
  const declared = entry ?? (cookie?.reference?.kind === 'charter' ? { ...cookie.reference, provider: cookie.provider } : null);
  return declared && [declared.cookie, declared.match, declared.provider].join('\n');
}

/**
 * The row of `rows` standing for what `gone`, a row no longer among them, stood for: a declared
 * entry's row once its cookie is seen is that cookie's (another key), and back; an entry's row
 * under another key (moved to another section, or an earlier entry of its name seen) is its own
 * still. Told by the entry declaring it (a charter may declare one name twice: the site's own
 * testCookie, Disqus's), in its section first, the first cookie of it listed (a prefix declares
 * many); else by its name, when one row alone has it that no other entry declares. Never another
 * entry's row, nor another cookie's.
 */
export function rowStandingFor(gone: CookieRow, rows: readonly CookieRow[]): CookieRow | undefined {
  const entry = declaringEntry(gone);
  // A seen cookie's row stands for no other cookie of its entry (a prefix's): only for the entry's own row.
  const ofItsEntry = rows.filter((row) => (row.cookie === null || gone.cookie === null) && entry !== null && declaringEntry(row) === entry);
  if (ofItsEntry.length > 0) return ofItsEntry.find((row) => row.category === gone.category) ?? ofItsEntry[0];
  const named = rows.filter(
    (row) => (row.cookie === null) !== (gone.cookie === null) && row.name === gone.name && declaringEntry(row) === null,
  );
  return named.length === 1 ? named[0] : undefined;
}

/** A known tracker's purpose in the table's French words, on a French page (CookieItem shows them); undefined otherwise. */
export function frenchPurpose(row: CookieRow, language: string): string | undefined {
  return language.split('-')[0] === 'fr' ? row.cookie?.purposeFr : undefined;
}

/**
 * The lower-case text the search box matches (name as given and as its row shows it, provider,
 * service, purpose as shown), made at the first search and kept: most popups are never searched,
 * and a copy of every row's texts would stay in memory as long as the popup. A page keeps its language.
 */
const haystacks = new WeakMap<CookieRow, { language: string; text: string }>();
function haystackOf(row: CookieRow, language: string, t: Translate): string {
  let haystack = haystacks.get(row);
  if (haystack === undefined || haystack.language !== language) {
    const described = row.cookie ?? row.entry!;
    const purpose = frenchPurpose(row, language) || described.purpose;
    // What CookieItem shows for the name: "(sans nom)" for an empty one, `_g<U+200B>a` for `_g\u200Ba`.
    const shownName = row.name === '' ? t('namelessCookie') : visibleCookieName(row.name);
    const text = [row.name, shownName, described.provider, described.service ?? '', purpose].join('\n').toLowerCase();
    haystacks.set(row, (haystack = { language, text }));
  }
  return haystack.text;
}

/** Rows whose name (as given or as shown), provider, service or purpose (in the words `language`'s page shows) contains every word of `query`. */
export function filterRows(rows: readonly CookieRow[], query: string, language: string, t: Translate): CookieRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => words.every((word) => haystackOf(row, language, t).includes(word)));
}

/** Consecutive rows grouped by category, for section headings. */
export function groupByCategory(rows: readonly CookieRow[]): Array<{ category: Category; rows: CookieRow[] }> {
  const groups: Array<{ category: Category; rows: CookieRow[] }> = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.category === row.category) last.rows.push(row);
    else groups.push({ category: row.category, rows: [row] });
  }
  return groups;
}

/** Two not-seen findings about entries of one name, provider and section: a charter may declare one entry twice. */
const sameEntry = (a: Finding, b: Finding) =>
  a.kind === 'not-seen' &&
  b.kind === 'not-seen' &&
  a.cookie === b.cookie &&
  a.detail.provider === b.detail.provider &&
  a.detail.category === b.detail.category;

/**
 * How many findings before `finding` in `findings` are about an entry of its name, provider and
 * section: rowForFinding's `occurrence`. Counted when the finding is chosen, in the list it was
 * chosen from, since two such findings are alike in everything else.
 */
export function occurrenceOf(findings: readonly Finding[], finding: Finding): number {
  let count = 0;
  for (const each of findings) {
    if (each === finding) return count;
    if (sameEntry(each, finding)) count++;
  }
  return 0;
}

/**
 * The row a finding is about: its cookie's, by name, domain, path and partition (two cookies may
 * differ by path or partition alone); for a finding an older version made, with no path, the
 * first of its name and domain. A not-seen finding's is its entry's, by name, provider and section
 * (a charter may declare one name for two providers: the site's own testCookie, Disqus's), the
 * `occurrence`-th of them (a charter may declare one entry twice: both findings led to the first
 * row), else the first of its name.
 */
export function rowForFinding(rows: readonly CookieRow[], finding: Finding, occurrence = 0): CookieRow | undefined {
  if (finding.kind === 'not-seen') {
    const { provider, category } = finding.detail;
    const unseen = rows.filter((row) => row.status === 'not-seen' && row.name === finding.cookie);
    const entries = unseen.filter(({ entry }) => entry!.provider === provider && entry!.category === category);
    return entries[occurrence] ?? entries[0] ?? unseen[0];
  }
  return rows.find(
    ({ cookie, name }) =>
      cookie !== null &&
      name === finding.cookie &&
      cookie.domain === finding.domain &&
      (finding.path === undefined ||
        (cookie.path === finding.path &&
          (cookie.partitionKey ?? null) === (finding.partitionKey ?? null) &&
          cookie.hasCrossSiteAncestor === finding.hasCrossSiteAncestor &&
          cookie.firstPartyDomain === finding.firstPartyDomain)),
  );
}
