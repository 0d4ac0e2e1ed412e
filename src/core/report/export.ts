/**
 * The report as a file: JSON (the versioned report, as README's "Report schema" shows it), Markdown
 * for people, CSV for spreadsheets. Built from the report only, which holds no cookie value.
 * Markdown and CSV are written in English throughout (headings, statuses, notes), so a known
 * tracker's purpose is its English `purpose` there; the JSON has its `purposeFr` beside it.
 */
import type { Report, ReportCookie, ReportPhase } from './report.ts';
import type { AbsenceReason } from './absence-reason.ts';
import { liveProblemText } from '../charter/live-problem.ts';
import { unreadLineCount } from '../charter/unread-lines.ts';
import type { UnreadRow } from '../charter/parse.ts';
import { unreadReasonText } from '../charter/unread-reason.ts';
import { markdownCookieName, markdownText as markdownCell } from './markdown.ts';
import { trackerName } from '../consent/tracker-names.ts';
import { narrowerPath, partitionWords } from '../cookies/cookie-record.ts';

export type ExportFormat = 'json' | 'markdown' | 'csv';

/** A file ready to download or copy. */
export type ExportedFile = { filename: string; mimeType: string; text: string };

/** The latest time a JavaScript Date holds (year 275760); `toISOString` throws past it. */
export const MAX_TIME_MS = 8.64e15;

/**
 * A time as ISO 8601, clamped to what a Date can hold: an expiry a site set in year 300000 is
 * written as the latest date, never an exception that loses the whole export. Empty for null,
 * NaN or anything not a number.
 */
export function isoTime(ms: number | null): string {
  // Not a number at all (what storage should not hold, a time as text): empty too.
  if (typeof ms !== 'number' || Number.isNaN(ms)) return '';
  return new Date(Math.min(MAX_TIME_MS, Math.max(-MAX_TIME_MS, ms))).toISOString();
}

const expiry = (cookie: ReportCookie) => (cookie.expires === null ? 'session' : isoTime(cookie.expires * 1000));

/**
 * A formula start (OWASP "CSV injection": =, +, -, @, tab, CR) after a character a spreadsheet
 * may split cells on (comma, semicolon, tab, line break), spaces and quotes allowed before it:
 * `S;=1+1` is one cell here but two in a spreadsheet that splits on `;`, and `S;"=1+1` one whose
 * reader drops the quote. A `'` there is marked too, as the defusing quote is: else `-x`, written
 * `'-x`, and a value `'-x` would be one field, two cookies one row; `'-x` is written `''-x`, so a
 * `'` where a cell starts was always added and the value is what follows it. Linear: each try
 * starts at a separator and only walks the spaces and quotes after it.
 */
const FORMULA_AFTER_SEPARATOR = /[,;\t\r\n][ "]*(?=[=+\-@\t\r'])/g;
/** The same at the start of the field. */
const FORMULA_AT_START = /^[ "]*[=+\-@\t\r']/;
/** Characters that make a field need quotes: the quote itself, any separator, line breaks. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * Quotes a CSV field (RFC 4180) and defuses spreadsheet formulas with a leading `'` wherever a cell
 * could start, a `'` already there included (`'-x` is `''-x`), so that no two values give one field.
 */
export function csvField(text: string): string {
  const defused = text.replace(FORMULA_AFTER_SEPARATOR, "$&'");
  const safe = FORMULA_AT_START.test(defused) ? `'${defused}` : defused;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Each tracker's choice, as the platform recorded it: "; Matomo accepted, Google Analytics refused". */
function trackerChoices(report: Report): string {
  const choices = Object.entries(report.consent.trackers).map(
    ([key, accepted]) => `${markdownCell(trackerName(key))} ${accepted ? 'accepted' : 'refused'}`,
  );
  return choices.length > 0 ? `; ${choices.join(', ')}` : '';
}

/** The status, with what else the Markdown table says of it: removed or expired, set by embedded content, of unknown origin. */
function statusText(cookie: ReportCookie): string {
  const notes = [
    ...(cookie.removed ? ['removed'] : cookie.expired ? ['expired'] : []),
    ...(cookie.thirdParty ? [`embedded content, via ${cookie.thirdParty.via}`] : []),
    ...(cookie.originUnknown ? ['origin unknown: other open sites share its domain, no finding made'] : []),
  ];
  return notes.length > 0 ? `${cookie.status} (${notes.join('; ')})` : cookie.status;
}

/** Why a declared entry not seen makes no finding, as the Markdown's list of entries not seen says it (the popup's words). */
const ABSENCE_TEXT: Record<AbsenceReason, string> = {
  'before-choice': 'not expected yet: set only after the visitor accepts',
  refused: 'not expected: the visitor refused it',
  'no-choice-saved': 'not expected yet: set once the visitor saves a choice',
  'multilingual-only': 'set only on portals offered in several languages',
  'cookies-dropped':
    'not seen among the cookies kept: older cookies of this site were dropped to make room in storage, and it may have been one of them',
};

/**
 * A cookie's domain, its path where narrower than the site, the site of its partition and the
 * first party it is isolated under (Firefox's first-party isolation) where it has them: two
 * cookies of one name may differ by any alone.
 */
function domainAndPath(cookie: ReportCookie): string {
  const path = narrowerPath(cookie);
  const partition = partitionWords(cookie);
  const firstParty = cookie.firstPartyDomain;
  return [
    cookie.domain,
    ...(path === null ? [] : [`path ${path}`]),
    ...(partition === null ? [] : [partition]),
    ...(firstParty ? [`first party ${firstParty}`] : []),
  ].join(', ');
}

/**
 * ", 2 lines not read (a cookie not in the charter may be declared there)" after the charter's
 * entries; beside a charter fallen back on, said of the live charter whose table gave no row;
 * nothing when every row was read.
 */
function unreadNote(report: Report): string {
  const rows = report.charter.unreadRows ?? [];
  if (rows.length === 0) return '';
  const lines = unreadLineCount(rows);
  const count = `${lines} ${lines === 1 ? 'line' : 'lines'} not read`;
  if (report.charter.kind !== 'live') return `; the live charter gave no row: ${count} (see the JSON export)`;
  return `, ${count} (a cookie not in the charter may be declared there; see the JSON export)`;
}

/** "1 site", "3 sites": a count and its noun, as the export's English says it. */
const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * What storage could not keep, as the popup's notice says it (StorageNotice: this site's record
 * dropped to make room, older records of other sites, this site's older cookies, changes not
 * saved) and its timeline's marker (older events dropped), in the export's English, with the
 * times the notice gives as times of day written in full. A line each; none when all was kept.
 */
function storageLines(report: Report): string[] {
  const { sitesDropped, lastDropAt, cookiesDropped, unsavedSince } = report.storage;
  const { droppedEvents, droppedToFit = 0 } = report.timeline;
  const lines: string[] = [];
  for (const event of report.timeline.events) {
    if (event.type !== 'evicted') continue;
    const held = `${counted(event.cookies, 'cookie', 'cookies')}, ${counted(event.events, 'event', 'events')}`;
    lines.push(
      `- This site's earlier records were dropped to make room at ${isoTime(event.at)} (${held}): what is shown was recorded since, or found again.`,
    );
  }
  if (sitesDropped > 0)
    lines.push(
      `- Older records dropped: ${counted(sitesDropped, 'site', 'sites')}${lastDropAt === null ? '' : `, the last at ${isoTime(lastDropAt)}`} (the browser's session storage was full; the least recently used sites go first).`,
    );
  if (cookiesDropped > 0)
    lines.push(
      `- ${cookiesDropped === 1 ? '1 older cookie of this site was' : `${cookiesDropped} older cookies of this site were`} dropped to keep its record within 2 MB.`,
    );
  if (droppedEvents > 0) {
    const dropped = `- ${droppedEvents === 1 ? '1 older timeline event was' : `${droppedEvents} older timeline events were`} dropped`;
    // As the timeline's marker: a count of those dropped to fit the record that is none, or more than all, is not said.
    const toFit = Number.isSafeInteger(droppedToFit) && droppedToFit > 0 && droppedToFit <= droppedEvents ? droppedToFit : 0;
    const withinLimit = "to keep this site's record within 2 MB";
    if (toFit === 0) lines.push(`${dropped} (only the last 1,000 are kept).`);
    else if (toFit === droppedEvents) lines.push(`${dropped} ${withinLimit}.`);
    else lines.push(`${dropped} (only the last 1,000 are kept), ${toFit} of them ${withinLimit}.`);
  }
  if (unsavedSince !== null)
    lines.push(
      `- Changes since ${isoTime(unsavedSince)} could not be saved to the browser's storage: they are kept while the extension runs, and saving is tried again.`,
    );
  return lines;
}

function toMarkdown(report: Report): string {
  const lines = [
    `# Cookie report: ${markdownCell(report.host)}`,
    '',
    `- Generated: ${isoTime(report.generatedAt)}`,
    `- Charter: ${report.charter.kind}${report.charter.portal ? ` (${markdownCell(report.charter.portal)})` : ''}, ${report.charter.entries} ${report.charter.entries === 1 ? 'entry' : 'entries'}${unreadNote(report)}`,
    `- Consent: ${report.consent.state}${report.consent.changedAt ? ` (${isoTime(report.consent.changedAt)})` : ''}${trackerChoices(report)}`,
    ...storageLines(report),
    '',
    '## Cookies',
    '',
    '| Cookie | Domain | Provider | Service | Purpose | Status | Source | First phase | First page | Expires |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.cookies.map(
      (c) =>
        `| ${[markdownCookieName(c.name), ...[domainAndPath(c), c.provider || 'unknown', c.service ?? '', c.purpose || 'unknown', statusText(c), c.source, c.firstPhase, c.firstPage ?? '', expiry(c)].map(markdownCell)].join(' | ')} |`,
    ),
    '',
    '## Declared, not seen',
    '',
    ...(report.notSeen.length
      ? report.notSeen.map(
          (e) =>
            `- ${markdownCell(e.match === 'prefix' ? `${e.cookie}*` : e.cookie)} (${markdownCell(e.provider)}): ${markdownCell(e.purpose)}${e.absentBecause ? ` (${ABSENCE_TEXT[e.absentBecause]})` : ''}`,
        )
      : ['None.']),
    '',
    '## Findings',
    '',
    ...(report.findings.length
      ? report.findings.map((f) => `- **${f.kind}** (${f.severity}) ${markdownCookieName(f.cookie)}: ${markdownCell(f.evidence)}`)
      : ['None.']),
    '',
  ];
  return lines.join('\n');
}

/**
 * The report as the JSON export writes it (README, "Report schema"): the live charter's problem and
 * each unread row's reason in English words, without the name of its attempt, and a known tracker's
 * lifetime only in its cookie's `duration`.
 */
export type ReportJson = Omit<Report, 'charter' | 'cookies' | 'timeline'> & {
  charter: Omit<Report['charter'], 'live' | 'unreadRows'> & {
    live: { fetchedAt: number; url: string | null; problem: string | null; failedAt?: number } | null;
    unreadRows?: Array<Omit<UnreadRow, 'reason'> & { reason: string }>;
  };
  cookies: Array<Omit<ReportCookie, 'knownLifetime'>>;
  timeline: Omit<Report['timeline'], 'events'> & { events: TimelineEventJson[] };
};

/** A timeline event as the file has it: a cookie event's phase as the report's cookies have theirs (ReportPhase). */
type TimelineEventJson = TimelineEvent | (Omit<Extract<TimelineEvent, { phase: unknown }>, 'phase'> & { phase: ReportPhase });
type TimelineEvent = Report['timeline']['events'][number];

/**
 * The timeline as the file has it: where the consent cannot be read, a cookie event's recorded
 * phase follows the platform's choice, not the site's, so it says none, as its cookie does (one
 * found already there by a scan keeps 'unknown').
 */
function timelineJson(report: Report): ReportJson['timeline'] {
  if (report.consent.state !== 'unknown') return report.timeline;
  // An event found already there by a scan ('unknown') keeps it, as its cookie does.
  const events = report.timeline.events.map((event) =>
    'phase' in event && event.phase !== 'unknown' ? { ...event, phase: 'choice-unreadable' as const } : event,
  );
  return { ...report.timeline, events };
}

/** A cookie as the file has it: `knownLifetime` is for the pages, which say it in their language; `duration` says it in English. */
function cookieJson(cookie: ReportCookie): Omit<ReportCookie, 'knownLifetime'> {
  if (!('knownLifetime' in cookie)) return cookie;
  const { knownLifetime: _inDuration, ...rest } = cookie;
  return rest;
}

/** An unread row as the file has it: its reason in English, as the charter CLI prints it. */
function unreadRowJson(row: UnreadRow): Omit<UnreadRow, 'reason'> & { reason: string } {
  return { ...row, reason: unreadReasonText(row.reason) };
}

/** The report as README documents it: the popup words the live charter's problem and lifetimes in its language, a file in English. */
export function reportJson(report: Report): ReportJson {
  const cookies = report.cookies.map(cookieJson);
  const timeline = timelineJson(report);
  const { live, unreadRows } = report.charter;
  // Overwritten in place: the file's keys keep their order.
  const charter: Omit<ReportJson['charter'], 'live'> & Pick<Report['charter'], 'live'> = {
    ...report.charter,
    ...(unreadRows === undefined ? null : { unreadRows: unreadRows.map(unreadRowJson) }),
  } as Omit<ReportJson['charter'], 'live'> & Pick<Report['charter'], 'live'>;
  if (live === null) return { ...report, cookies, charter: { ...charter, live: null }, timeline };
  const problem = live.problem === null ? null : liveProblemText(live.problem);
  // The attempt's name is for the pages (a random id, new at each read): not a fact of the report.
  const { attempt: _forPages, ...facts } = live;
  return { ...report, cookies, charter: { ...charter, live: { ...facts, problem } }, timeline };
}

const CSV_COLUMNS = [
  'name',
  'domain',
  'path',
  'status',
  'provider',
  'service',
  'purpose',
  'category',
  'source',
  'duration',
  'expires',
  'firstPhase',
  'secure',
  'httpOnly',
  'sameSite',
  'partitionKey',
  'firstSeen',
  'removed',
  'firstPage',
  'thirdParty',
  'originUnknown',
  // Added last, so every column before it keeps its place: empty unless under Firefox's first-party isolation.
  'firstPartyDomain',
  // A partitioned cookie's cross-site bit (true or false); empty where the browser gives none.
  'hasCrossSiteAncestor',
  // true when its expiry is past and no removal was heard (`removed` empty): gone, the browser deletes one lazily.
  'expired',
] as const;

function toCsv(report: Report): string {
  const rows = report.cookies.map((c) =>
    [
      c.name,
      c.domain,
      c.path,
      c.status,
      c.provider,
      c.service ?? '',
      c.purpose,
      c.category,
      c.source,
      c.duration ?? '',
      expiry(c),
      c.firstPhase,
      String(c.secure),
      String(c.httpOnly),
      c.sameSite,
      c.partitionKey ?? '',
      isoTime(c.firstSeen),
      isoTime(c.removed),
      c.firstPage ?? '',
      c.thirdParty?.via ?? '',
      String(c.originUnknown),
      c.firstPartyDomain ?? '',
      c.hasCrossSiteAncestor === undefined ? '' : String(c.hasCrossSiteAncestor),
      String(c.expired === true),
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The report in one format, with a file name naming the site and the day. */
export function exportReport(report: Report, format: ExportFormat): ExportedFile {
  const stem = `cookie-report-${report.host.replace(/[^a-z0-9.-]/gi, '_')}-${isoTime(report.generatedAt).slice(0, 10)}`;
  switch (format) {
    case 'json':
      return { filename: `${stem}.json`, mimeType: 'application/json', text: `${JSON.stringify(reportJson(report), null, 2)}\n` };
    case 'markdown':
      return { filename: `${stem}.md`, mimeType: 'text/markdown', text: toMarkdown(report) };
    case 'csv':
      return { filename: `${stem}.csv`, mimeType: 'text/csv', text: toCsv(report) };
  }
}
