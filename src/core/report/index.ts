/** core/report's public API for Node code (the audit, the browser drivers): the report, its findings and its exports. */
export { REPORT_VERSION, buildReport, type Report, type ReportCookie, type ReportStorage } from './report.ts';
export type { Finding, FindingKind, Severity } from './findings.ts';
export type { AbsenceReason } from './absence-reason.ts';
export { csvField, exportReport, type ExportFormat, type ExportedFile } from './export.ts';
export { markdownCookieName, markdownText } from './markdown.ts';
export {
  comparableReport,
  compareRuns,
  pairRuns,
  runOfReport,
  type ComparableRun,
  type ComparedCookie,
  type ConsentRun,
  type RunComparison,
  type RunPair,
} from './compare-runs.ts';
