/**
 * A census's files: census.json (the document), census.md and census.csv (a row per portal), and
 * census.html (one self-contained page: a table sortable by any column, each portal linking to its
 * report files). Every text that came from outside (URLs, hosts, errors) is escaped for where it
 * goes: HTML, Markdown, or CSV with formulas defused; a link is made only to an http(s) URL or to a
 * portal's folder (`isPortalFolder`), whatever the document holds (census:merge reads shards).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsedUrl } from '../../src/core/path-parameters.ts';
import { csvField, markdownText } from '../../src/core/report/index.ts';
import { FINDING_KINDS, SEVERITIES, isPortalFolder, type CensusDocument, type CensusRow, type Choice } from './census-report.ts';

/** The charter's kind, and whether it changed since it was bundled: `live (changed)`. */
export function charterText(row: CensusRow): string {
  return `${row.charter.kind ?? ''}${row.charter.changed ? ' (changed)' : ''}`;
}

/** A row's live charter lines not read, as a cell: the count, or empty when not known (no live charter, a failed audit, an older shard). */
export function unreadText(row: CensusRow): string {
  return row.charter.unread === null || row.charter.unread === undefined ? '' : String(row.charter.unread);
}

/** The consent states a row read, as text: `accept: accepted, refuse: refused`. */
export function consentText(row: CensusRow): string {
  return Object.entries(row.consent)
    .map(([choice, state]) => `${choice}: ${state}`)
    .join(', ');
}

/**
 * The report files of a portal, relative to the census folder: one per choice with `--consent both`;
 * a failed audit's log. None when its folder is not one the census names (never a link elsewhere).
 */
export function reportFiles(row: CensusRow, consent: CensusDocument['run']['consent']): Array<{ label: string; path: string }> {
  if (!isPortalFolder(row.report)) return [];
  if (row.error !== null) return [{ label: 'log', path: `${row.report}/audit.log` }];
  const choices: Choice[] = consent === 'both' ? ['accept', 'refuse'] : [];
  if (choices.length === 0) return [{ label: 'report', path: `${row.report}/report.md` }];
  return choices.map((choice) => ({ label: choice, path: `${row.report}/${choice}/report.md` }));
}

const COLUMNS = [
  'position',
  'url',
  'host',
  'charter',
  'unread',
  'consent',
  'cookies',
  'findings',
  ...SEVERITIES,
  ...FINDING_KINDS,
  'pages',
  'notLoaded',
  'report',
  'error',
];

function cells(row: CensusRow): string[] {
  return [
    // census.json's position (0-based, as `--shard` counts it), not census.md's `#` (position + 1): one name, one number.
    String(row.position),
    row.url,
    row.host,
    charterText(row),
    unreadText(row),
    consentText(row),
    row.cookies === null ? '' : String(row.cookies),
    row.findings === null ? '' : String(row.findings.total),
    ...SEVERITIES.map((severity) => (row.findings === null ? '' : String(row.findings.bySeverity[severity]))),
    ...FINDING_KINDS.map((kind) => (row.findings === null ? '' : String(row.findings.byKind[kind]))),
    row.pages.join(' '),
    // Empty too when not known (a shard written before the census recorded them).
    (row.notLoaded ?? []).join(' '),
    row.report ?? '',
    row.error ?? '',
  ];
}

export function censusCsv(document: CensusDocument): string {
  return [COLUMNS.join(','), ...document.portals.map((row) => cells(row).map(csvField).join(','))].join('\r\n') + '\r\n';
}

/**
 * How many portals, audited or failed, how many have findings, and how many had a live charter
 * with lines not read (said only when some had: their "not in the charter" findings may be wrong).
 */
function summary(document: CensusDocument): string {
  const failed = document.portals.filter((row) => row.error !== null).length;
  const withFindings = document.portals.filter((row) => (row.findings?.total ?? 0) > 0).length;
  const withUnread = document.portals.filter((row) => (row.charter.unread ?? 0) > 0).length;
  const unread = withUnread === 0 ? '' : `; ${withUnread} whose live charter has lines not read`;
  return `${document.portals.length} portals: ${document.portals.length - failed} audited, ${failed} failed; ${withFindings} with findings${unread}`;
}

/** The header of census.md's and census.html's table. "Lines not read": the live charter's (`charter.unread`). */
const TABLE_HEADER = [
  '#',
  'Portal',
  'Charter',
  'Lines not read',
  'Consent',
  'Cookies',
  'Findings',
  'High',
  'Medium',
  'Low',
  'Report',
  'Error',
];
/** Where the links to a portal's reports go (Markdown already, not escaped). */
const REPORT_COLUMN = TABLE_HEADER.indexOf('Report');

/** The run's settings, as a line. */
function runText(document: CensusDocument): string {
  const { run, shard, list } = document;
  return `${run.browserVersion} (${run.cookiePolicy}); consent: ${run.consent}; pages per portal: ${run.pages}; list of ${list.size} (sha256 ${list.sha256.slice(0, 12)}…)${shard ? `; shard ${shard.index}/${shard.count}` : ''}`;
}

export function censusMarkdown(document: CensusDocument): string {
  const header = TABLE_HEADER;
  const rows = document.portals.map((row) =>
    [
      String(row.position + 1),
      row.host,
      charterText(row),
      unreadText(row),
      consentText(row),
      row.cookies === null ? '' : String(row.cookies),
      row.findings === null ? '' : String(row.findings.total),
      ...SEVERITIES.map((severity) => (row.findings === null ? '' : String(row.findings.bySeverity[severity]))),
      reportFiles(row, document.run.consent)
        .map((file) => `[${file.label}](${encodeURI(file.path)})`)
        .join(' '),
      row.error ?? '',
    ].map((cell, index) => (index === REPORT_COLUMN ? cell : markdownText(cell))),
  );
  return [
    '# Cookie census',
    '',
    `- ${markdownText(summary(document))}`,
    `- Run: ${markdownText(runText(document))}`,
    `- Generated: ${document.generatedAt}`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A portal's URL as a link target: only an absolute http(s) URL (never `javascript:` or a relative one); null otherwise. */
export function httpHref(text: string): string | null {
  const url = parsedUrl(text);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}

/** Sorts the table by a header's column on a click (or Enter/Space on its button); numbers as numbers, empty last. */
const SORT_SCRIPT = `
document.querySelectorAll('th button').forEach((button, column) => {
  button.addEventListener('click', () => {
    const th = button.closest('th');
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    document.querySelectorAll('th').forEach((other) => other.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const body = document.querySelector('tbody');
    const value = (row) => row.children[column].dataset.value ?? row.children[column].textContent;
    const rows = [...body.rows].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
      const order = Number.isFinite(+x) && Number.isFinite(+y) ? +x - +y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    body.append(...rows);
  });
});`;

export function censusHtml(document: CensusDocument): string {
  const header = TABLE_HEADER;
  /** A cell of HTML already made safe, sorted by `value`. */
  const td = (html: string, value: string | number | null = null) =>
    `<td${value === null ? '' : ` data-value="${escapeHtml(String(value))}"`}>${html}</td>`;
  const rows = document.portals.map((row) => {
    const links = reportFiles(row, document.run.consent)
      .map((file) => `<a href="${escapeHtml(encodeURI(file.path))}">${escapeHtml(file.label)}</a>`)
      .join(' ');
    const count = (value: number | null | undefined) =>
      td(value === null || value === undefined ? '' : escapeHtml(String(value)), value ?? '');
    const href = httpHref(row.url);
    return `<tr class="${row.error ? 'failed' : (row.findings?.bySeverity.high ?? 0) > 0 ? 'high' : ''}">${[
      td(escapeHtml(String(row.position + 1)), row.position),
      td(href === null ? escapeHtml(row.host) : `<a href="${escapeHtml(href)}" rel="noreferrer">${escapeHtml(row.host)}</a>`, row.host),
      td(escapeHtml(charterText(row))),
      count(row.charter.unread),
      td(escapeHtml(consentText(row))),
      count(row.cookies),
      count(row.findings?.total),
      ...SEVERITIES.map((severity) => count(row.findings?.bySeverity[severity])),
      td(links, ''),
      td(escapeHtml(row.error ?? '')),
    ].join('')}</tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cookie census</title>
<style>
:root { color-scheme: light dark; --line: #ccc; --high: #b3261e; --muted: #666; }
@media (prefers-color-scheme: dark) { :root { --line: #444; --high: #f2b8b5; --muted: #aaa; } }
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
tr.high td:nth-child(${TABLE_HEADER.indexOf('High') + 1}) { color: var(--high); font-weight: bold; }
tr.failed td:last-child { color: var(--high); }
.muted { color: var(--muted); }
</style></head>
<body>
<h1>Cookie census</h1>
<p>${escapeHtml(summary(document))}</p>
<p class="muted">${escapeHtml(runText(document))} · generated ${escapeHtml(document.generatedAt)}</p>
<table>
<thead><tr>${header.map((title) => `<th scope="col"><button type="button">${escapeHtml(title)}</button></th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}

/** The census's files, by name: census.json, census.md, census.csv and census.html. */
export function censusFiles(document: CensusDocument): Array<{ name: string; text: string }> {
  return [
    { name: 'census.json', text: `${JSON.stringify(document, null, 2)}\n` },
    { name: 'census.md', text: censusMarkdown(document) },
    { name: 'census.csv', text: censusCsv(document) },
    { name: 'census.html', text: censusHtml(document) },
  ];
}

/** Writes files made beforehand (censusFiles) in `dir`. */
export function writeFiles(dir: string, files: ReadonlyArray<{ name: string; text: string }>): void {
  for (const { name, text } of files) writeFileSync(join(dir, name), text);
}

/** Writes census.json, census.md, census.csv and census.html in `dir`. */
export function writeCensus(dir: string, document: CensusDocument): void {
  writeFiles(dir, censusFiles(document));
}
