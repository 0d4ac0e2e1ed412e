/**
 * census.json: one row per portal, in list order, made from each portal's reports (one per
 * consent choice), or its error. Its shape is versioned like the report's (README, "Census").
 */
import type { Finding, FindingKind, Report, Severity } from '../../src/core/report/index.ts';
import type { CharterKind } from '../../src/core/registry/index.ts';
import type { ConsentState } from '../../src/core/consent/index.ts';
import { unreadLineCount } from '../../src/core/charter/index.ts';
import { terminalText } from '../../src/core/terminal-text.ts';
import { addressesWithoutValuesIn, addressWithoutValues } from '../../src/core/path-parameters.ts';
import { STATE_OF_CHOICE } from '../audit/audit-output.ts';

/** Bumped when a field changes meaning or disappears. */
export const CENSUS_VERSION = 1;

export const FINDING_KINDS: readonly FindingKind[] = ['before-consent', 'after-refusal', 'undeclared', 'lifetime', 'not-seen'];
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

/** A choice the audit made, as `--consent` names it. */
export type Choice = 'accept' | 'refuse' | 'none';

/** Findings counted. */
export type FindingCounts = { total: number; byKind: Record<FindingKind, number>; bySeverity: Record<Severity, number> };

/** One portal of the census. */
export type CensusRow = {
  /** Its place in the list (0-based, after blanks, comments and repeated hosts are dropped): the order of rows, whatever the shards. */
  position: number;
  /** The URL audited, without its values (`addressWithoutValues`: no user name, path parameter, query value or fragment). */
  url: string;
  /** Its host, which names its folder. */
  host: string;
  /**
   * The charter it was checked against (null when the audit failed), for a bundled portal
   * whether its live charter differs from the bundled one (null when that was not compared), and
   * how many lines of the live charter could not be read (`unread`, see `charterUnread`): a cookie
   * declared on one of them is called "not in the charter". 0 when the live charter was read
   * whole; null when no live charter was read, the audit failed, or a shard written before the
   * census counted them was merged (census-check.ts).
   */
  charter: { kind: CharterKind | null; changed: boolean | null; unread: number | null };
  /** For each choice made, the consent state the report read afterwards (`{"accept":"accepted","refuse":"refused"}`); empty when the audit failed. */
  consent: Partial<Record<Choice, ConsentState | 'unknown'>>;
  /**
   * The choices whose run recorded another choice (choiceNotMade's strict: after a banner click,
   * or with none clicked, the site's own when it allows more than the one asked):
   * its findings say nothing of the choice asked, and `--strict` fails on it as on a finding.
   * Empty when none did, or the audit failed.
   */
  otherChoice: Choice[];
  /** Cookies seen, counted once across the choices; null when the audit failed. */
  cookies: number | null;
  /** Findings across the choices (see `mergeFindings`); null when the audit failed. */
  findings: FindingCounts | null;
  /**
   * Paths of the pages loaded, by one run at least, in the order the runs visited them (the first
   * choice's first): a page that failed to load is logged and skipped, never counted as visited.
   */
  pages: string[];
  /**
   * Paths of the pages visited that no run loaded (what they set is missing from the row); null
   * when not known: a shard written before the census recorded them, whose `pages` may hold them.
   */
  notLoaded: string[] | null;
  /** Its folder in the census folder (its report files, named by `portalFolder`), or null when none was written. */
  report: string | null;
  /** Why the audit failed, in one line; null when it did not. */
  error: string | null;
};

/** What audited: this tool's version, and the registry its extension build carries (which decides every finding). */
export type CensusTool = {
  /** The package's version (package.json). */
  version: string;
  /** SHA-256 of the bundled registry (the charters and the Open Cookie Database, as generated). */
  registry: string;
};

/** How the census ran: what makes two censuses comparable. */
export type CensusRun = {
  tool: CensusTool;
  browser: 'chromium' | 'firefox';
  browserVersion: string;
  /** The third-party cookie policy the browser ran with (COOKIE_POLICY). */
  cookiePolicy: string;
  consent: Choice | 'both';
  pages: number;
};

/** The choices a census of `consent` makes at each portal, in the order it runs them: a row holds a consent state for each. */
export const choicesOf = (consent: CensusRun['consent']): Choice[] => (consent === 'both' ? ['accept', 'refuse'] : [consent]);

/** census.json. */
export type CensusDocument = {
  version: typeof CENSUS_VERSION;
  /** When it was written (ISO 8601): the only field that differs between equal censuses. */
  generatedAt: string;
  run: CensusRun;
  /** The list it ran: its SHA-256 (portal-list.ts) and how many portals it holds. */
  list: { sha256: string; size: number };
  /** Which part of the list this is (`--shard`), or null for all of it (a whole census, or shards merged). */
  shard: { index: number; count: number } | null;
  /** One row per portal, by position. */
  portals: CensusRow[];
};

/**
 * A row's URL: the one audited as it may be kept (a session id or token in its path parameters or
 * query never reaches census.json and the files made from it), written as the URL parser writes it.
 */
export const rowUrl = (url: URL): string => new URL(addressWithoutValues(url)).href;

/** A portal's folder in the census folder: its host name (lowercase letters, digits, hyphens, labels joined by dots). */
export const portalFolder = (url: URL): string => url.hostname.toLowerCase();

/**
 * The census's own files, beside its portals' folders. Each name is a host too (`.md` is
 * Moldova's, `.json`, `.csv` and `.html` could be any day): a portal of that host cannot be in a
 * census, whose folder would be the file's path (parsePortalList refuses it).
 */
export const CENSUS_FILE_NAMES: readonly string[] = ['census.json', 'census.md', 'census.csv', 'census.html'];

/**
 * Whether `name` is a folder the census could have named (`portalFolder`): one plain name, never
 * `.`, `..`, a path, a URL or one of the census's own files. What links to a portal's reports and
 * what census:merge copies.
 */
export const isPortalFolder = (name: unknown): name is string =>
  typeof name === 'string' && /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/.test(name) && !CENSUS_FILE_NAMES.includes(name);

const key = (finding: Finding) => `${finding.kind}|${finding.cookie}|${finding.domain ?? ''}`;
const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** A not-seen finding's cookie as the report names an entry: a prefix entry ends in `*` (findings.ts). */
const entryName = (entry: Report['notSeen'][number]) => (entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie);

/**
 * The findings of a portal's runs as one list: each finding once, at its most serious; a
 * declared cookie "not seen" only when no run saw it (Matomo's cookies are rightly absent after
 * a refusal when the accept run saw them). A run saw an entry unless it found it not seen or
 * reported it absent for a reason its choice gives (`absentBecause`: refused, before the choice),
 * which makes no finding in that run: with `--consent both`, a tracker's entry neither run saw is
 * a finding, as with `--consent accept` alone. An entry absent because the run's record lost
 * cookies to storage ('cookies-dropped') may have been seen: no finding.
 */
export function mergeFindings(reports: readonly Report[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const report of reports) {
    for (const finding of report.findings) {
      const id = key(finding);
      const known = merged.get(id);
      if (!known || RANK[finding.severity] < RANK[known.severity]) merged.set(id, finding);
    }
  }
  // Each run's keys once: a membership test per finding keeps this linear in the findings. A
  // not-seen finding names no domain; its entries explained by the choice are kept by name.
  const runs = reports.map((report) => ({
    keys: new Set(report.findings.map(key)),
    // Older reports may carry no list of entries not seen.
    explained: new Set(
      (report.notSeen ?? [])
        .filter((entry) => entry.absentBecause !== undefined && entry.absentBecause !== 'cookies-dropped')
        .map(entryName),
    ),
  }));
  const notSeenBy = (run: (typeof runs)[number], finding: Finding) =>
    run.keys.has(key(finding)) || ((finding.domain ?? '') === '' && run.explained.has(finding.cookie));
  return [...merged.values()].filter((finding) => finding.kind !== 'not-seen' || runs.every((run) => notSeenBy(run, finding)));
}

/** Counts of findings, every kind and severity named (0 when none). */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const byKind = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0])) as Record<FindingKind, number>;
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) {
    byKind[finding.kind]++;
    bySeverity[finding.severity]++;
  }
  return { total: findings.length, byKind, bySeverity };
}

/** Whether a bundled portal's live charter differs from the bundled one; null when they were not compared. */
function charterChanged(report: Report | undefined): boolean | null {
  const changes = report?.charter.changes;
  if (!changes) return null;
  return changes.added.length + changes.removed.length + changes.changed.length > 0;
}

/**
 * How many lines of the live charter the runs checked against could not be read
 * (`unreadLineCount`: a line once whatever its problems, a cut list's note counting the lines it
 * stands for); null when no run was checked against a live charter. With `--consent both`, each
 * run reads the live charter in its own profile: the largest count of the runs, as the row's
 * findings merge theirs (a cookie may be called undeclared in either run).
 */
export function charterUnread(reports: readonly Report[]): number | null {
  const counts = reports
    .filter((report) => report.charter.kind === 'live')
    .map((report) => unreadLineCount(report.charter.unreadRows ?? []));
  return counts.length === 0 ? null : Math.max(...counts);
}

/**
 * The pages of a portal's runs: those one run at least loaded, in the order visited (the first
 * run's, then those only a later run visited), and those visited that no run loaded. Sets: linear in the pages.
 */
export function pagesOfRuns(runs: ReadonlyArray<{ pages: readonly string[]; notLoaded: readonly string[] }>): {
  pages: string[];
  notLoaded: string[];
} {
  const visited = new Set(runs.flatMap((run) => run.pages));
  const loaded = new Set(
    runs.flatMap((run) => {
      const failed = new Set(run.notLoaded);
      return run.pages.filter((page) => !failed.has(page));
    }),
  );
  return { pages: [...loaded], notLoaded: [...visited].filter((page) => !loaded.has(page)) };
}

/** The row of a portal audited, from its runs (one per choice, in the order made) and the choices asked but not recorded (otherChoice). */
export function portalRow(
  position: number,
  url: URL,
  runs: ReadonlyArray<{ choice: Choice; report: Report; pages: string[]; notLoaded: string[] }>,
  folder: string,
  otherChoice: readonly Choice[],
): CensusRow {
  const cookies = new Set(
    runs.flatMap(({ report }) => report.cookies.map((c) => JSON.stringify([c.name, c.domain, c.path, c.partitionKey]))),
  );
  return {
    position,
    url: rowUrl(url),
    host: url.hostname.toLowerCase(),
    charter: {
      kind: runs[0]?.report.charter.kind ?? null,
      changed: charterChanged(runs[0]?.report),
      unread: charterUnread(runs.map(({ report }) => report)),
    },
    consent: Object.fromEntries(runs.map(({ choice, report }) => [choice, report.consent.state])),
    otherChoice: [...otherChoice],
    cookies: cookies.size,
    findings: countFindings(mergeFindings(runs.map(({ report }) => report))),
    ...pagesOfRuns(runs),
    report: folder,
    error: null,
  };
}

/** Most characters of a row's error. */
const ERROR_LENGTH = 500;

/**
 * An http(s) URL in a line, as addressesWithoutValuesIn finds one (all up to a space, `"`, `<` or
 * `>`), or its scheme with nothing after it yet (`https://` where a cut falls).
 */
const URL_OR_SCHEME_IN_LINE = /https?:\/\/[^\s"<>]*/gi;

/**
 * `text` cut to `max` characters at a space, with `…` when cut: never inside a URL, whose cut end
 * can read as another URL (`?lang=fr` cut to `?lang`, which census:merge's check would read as
 * naming a query value). With no space to cut at (one long word, `net::ERR_…`), cut inside it at
 * `max - 1` characters, before the URL that cut would reach (`a URL…` when the text starts with it).
 * One pass over at most `max` characters.
 */
function cutAtSpace(text: string, max: number): string {
  if (text.length <= max) return text;
  // The last space that leaves room for the ellipsis: what comes before it is whole words.
  const end = text.lastIndexOf(' ', max - 2);
  if (end !== -1) return `${text.slice(0, end + 1)}…`;
  let kept = text.slice(0, max - 1);
  // A URL the cut reaches: one that ends where the cut does (the `…` would join it), its scheme
  // alone included (`https://`, which the ellipsis would make a URL of).
  const last = [...kept.matchAll(URL_OR_SCHEME_IN_LINE)].at(-1);
  if (last && last.index + last[0].length === kept.length) {
    if (last.index === 0) return 'a URL…';
    kept = kept.slice(0, last.index);
  }
  return `${kept}…`;
}

/**
 * An error's first line, printable and with the values of the addresses it names left out. The
 * addresses first: terminalText writes a bidi or C1 control as `<U+202E>`, and an address ends at
 * `<`, which left the rest of its value; then again, since removing an escape sequence can join one.
 */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return addressesWithoutValuesIn(terminalText(addressesWithoutValuesIn(message.split('\n')[0] ?? '')));
}

/**
 * The row of a portal whose audit failed: its error in one line of plain text, each URL in it
 * without values. Cleaned here, whatever wrote it, so that census:merge, which cleans it again to
 * check it, reads it as written: in `cannot reach https://x.org/?lang=: …` the URL parser reads
 * the `:` as the query's value.
 */
export function errorRow(position: number, url: URL, error: unknown, folder: string | null): CensusRow {
  const line = errorLine(error);
  return {
    position,
    url: rowUrl(url),
    host: url.hostname.toLowerCase(),
    charter: { kind: null, changed: null, unread: null },
    consent: {},
    otherChoice: [],
    cookies: null,
    findings: null,
    pages: [],
    notLoaded: [],
    report: folder,
    error: cutAtSpace(line, ERROR_LENGTH) || 'unknown error',
  };
}

/** census.json's document, rows by position. */
export function censusDocument(
  run: CensusRun,
  list: CensusDocument['list'],
  shard: CensusDocument['shard'],
  rows: readonly CensusRow[],
  now = new Date(),
): CensusDocument {
  return {
    version: CENSUS_VERSION,
    generatedAt: now.toISOString(),
    run,
    list,
    shard,
    portals: [...rows].sort((a, b) => a.position - b.position),
  };
}

/**
 * The `warning:` line of each run that recorded another choice than the one asked, after a banner
 * click or the site's own with none (each row's otherChoice), in row order. Said by the census once
 * it is done, and by census:merge, so that an exit 1 under --strict with no findings says why. Made
 * from the row alone, all a shard's census.json holds: the portal's audit.log says which.
 */
export function otherChoiceWarnings(rows: readonly CensusRow[]): string[] {
  return rows.flatMap((row) =>
    row.otherChoice.flatMap((choice) =>
      choice === 'none'
        ? []
        : [
            `warning: ${row.host}: the ${choice} run recorded consent "${row.consent[choice] ?? 'unknown'}", not "${STATE_OF_CHOICE[choice]}": its findings say nothing of that choice (its audit.log says why: the button clicked, or none and the site's own choice)`,
          ],
    ),
  );
}

/**
 * 2 when no portal could be audited (the environment, likely); 1 with `strict` when any portal
 * has findings or a run that recorded another choice than the one asked (as for one portal); 0 otherwise.
 */
export function censusExitCode(document: CensusDocument, strict: boolean): 0 | 1 | 2 {
  if (document.portals.length > 0 && document.portals.every((row) => row.error !== null)) return 2;
  return strict && document.portals.some((row) => (row.findings?.total ?? 0) > 0 || row.otherChoice.length > 0) ? 1 : 0;
}
