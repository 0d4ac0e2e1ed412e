/**
 * The report as a file: JSON (the versioned report itself), Markdown for people, CSV for
 * spreadsheets. Built from the report only, which holds no cookie value.
 */
import type { Report, ReportCookie } from './report.ts';
import { markdownText as markdownCell } from './markdown.ts';

export type ExportFormat = 'json' | 'markdown' | 'csv';

/** A file ready to download or copy. */
export type ExportedFile = { filename: string; mimeType: string; text: string };

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
const expiry = (cookie: ReportCookie) => (cookie.expires === null ? 'session' : iso(cookie.expires * 1000));


/** Quotes a CSV field (RFC 4180), and defuses spreadsheet formulas (=, +, -, @ at the start). */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function toMarkdown(report: Report): string {
  const lines = [
    `# Cookie report: ${markdownCell(report.host)}`,
    '',
    `- Generated: ${iso(report.generatedAt)}`,
    `- Charter: ${report.charter.kind}${report.charter.portal ? ` (${markdownCell(report.charter.portal)})` : ''}, ${report.charter.entries} entries`,
    `- Consent: ${report.consent.state}${report.consent.changedAt ? ` (${iso(report.consent.changedAt)})` : ''}`,
    '',
    '## Cookies',
    '',
    '| Cookie | Domain | Provider | Service | Purpose | Status | Source | First phase | Expires |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.cookies.map((c) =>
      `| ${[c.name, c.domain, c.provider || 'unknown', c.service ?? '', c.purpose || 'unknown', c.removed ? `${c.status} (removed)` : c.status, c.source, c.firstPhase, expiry(c)].map(markdownCell).join(' | ')} |`,
    ),
    '',
    '## Declared, not seen',
    '',
    ...(report.notSeen.length ? report.notSeen.map((e) => `- ${markdownCell(e.match === 'prefix' ? `${e.cookie}*` : e.cookie)} (${markdownCell(e.provider)}): ${markdownCell(e.purpose)}`) : ['None.']),
    '',
    '## Findings',
    '',
    ...(report.findings.length ? report.findings.map((f) => `- **${f.kind}** (${f.severity}) ${markdownCell(f.cookie)}: ${markdownCell(f.evidence)}`) : ['None.']),
    '',
  ];
  return lines.join('\n');
}

const CSV_COLUMNS = ['name', 'domain', 'path', 'status', 'provider', 'service', 'purpose', 'category', 'source', 'duration', 'expires', 'firstPhase', 'secure', 'httpOnly', 'sameSite', 'partitionKey', 'firstSeen', 'removed'] as const;

function toCsv(report: Report): string {
  const rows = report.cookies.map((c) =>
    [c.name, c.domain, c.path, c.status, c.provider, c.service ?? '', c.purpose, c.category, c.source, c.duration ?? '', expiry(c), c.firstPhase, String(c.secure), String(c.httpOnly), c.sameSite, c.partitionKey ?? '', iso(c.firstSeen), iso(c.removed)].map(csvField).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The report in one format, with a file name naming the site and the day. */
export function exportReport(report: Report, format: ExportFormat): ExportedFile {
  const stem = `cookie-report-${report.host.replace(/[^a-z0-9.-]/gi, '_')}-${iso(report.generatedAt).slice(0, 10)}`;
  switch (format) {
    case 'json':
      return { filename: `${stem}.json`, mimeType: 'application/json', text: `${JSON.stringify(report, null, 2)}\n` };
    case 'markdown':
      return { filename: `${stem}.md`, mimeType: 'text/markdown', text: toMarkdown(report) };
    case 'csv':
      return { filename: `${stem}.csv`, mimeType: 'text/csv', text: toCsv(report) };
  }
}
