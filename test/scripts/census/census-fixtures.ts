/** Reports and rows the census tests share. */
import type { Finding, Report } from '../../../src/core/report/index.ts';
import type { UnreadRow } from '../../../src/core/charter/index.ts';
import { censusDocument, portalRow, errorRow, type CensusDocument, type CensusRun } from '../../../scripts/census/census-report.ts';
import { report, reportCookie } from '../../support/reports.ts';

export const RUN: CensusRun = {
  tool: { version: '0.1.0', registry: 'c'.repeat(64) },
  browser: 'chromium',
  browserVersion: 'Chromium 156.0.8078.108',
  cookiePolicy: 'third-party cookies allowed',
  consent: 'both',
  pages: 3,
};

export const finding = (
  kind: Finding['kind'],
  cookie: string,
  severity: Finding['severity'],
  domain: string | null = 'data.tco.re',
): Finding => ({
  kind,
  severity,
  cookie,
  domain,
  evidence: `${kind} ${cookie}`,
  detail: { provider: '', category: 'other', source: 'unknown' },
});

/**
 * A live charter's rows not read, as a report carries them: line 9 twice (two problems), line 12,
 * then the note of a list cut short standing for 40 more lines: 42 lines.
 */
export const UNREAD_ROWS: UnreadRow[] = [
  { line: 9, text: 'Huwise | sessionid | 2 weeks |', reason: 'row of 3 cells' },
  { line: 9, text: 'Huwise | sessionid | 2 weeks |', reason: 'no purpose' },
  { line: 12, text: '<b>csrftoken</b>', reason: 'no cookie name' },
  { line: 12, text: '', reason: 'and 40 more lines not read', more: 40 },
];

/** A report checked against the portal's live charter, with these rows not read (none: read whole). */
export const liveReport = (unreadRows: UnreadRow[] = []): Report =>
  report([], {
    charter: {
      kind: 'live',
      portal: 'itie.opendatasoft.com',
      language: 'fr',
      entries: 4,
      live: { fetchedAt: 1, url: 'https://itie.opendatasoft.com/pages/cookies/', problem: null },
      changes: null,
      ...(unreadRows.length === 0 ? null : { unreadRows }),
    },
  });

/** A census of two portals audited and one that failed, at positions 0, 2 and 1. */
export function sampleCensus(shard: CensusDocument['shard'] = null): CensusDocument {
  const accept = report([reportCookie({ name: 'sessionid' }), reportCookie({ name: '_pk_id.1' })], {
    findings: [finding('undeclared', 'widget', 'medium')],
  });
  const refuse = report([reportCookie({ name: 'sessionid' })], {
    consent: { state: 'refused', changedAt: 1, trackers: {} },
    findings: [finding('after-refusal', 'widget', 'high'), finding('not-seen', '_pk_id.*', 'low', null)],
  });
  const rows = [
    portalRow(
      0,
      new URL('https://data.tco.re/'),
      [
        { choice: 'accept', report: accept, pages: ['/', '/explore/'], notLoaded: [] },
        { choice: 'refuse', report: refuse, pages: ['/'], notLoaded: [] },
      ],
      'data.tco.re',
      [],
    ),
    portalRow(
      2,
      new URL('https://itie.opendatasoft.com/'),
      // Both choices, as a census of both writes every portal it audited (a run that failed fails the portal).
      [
        { choice: 'accept', report: liveReport(UNREAD_ROWS), pages: ['/'], notLoaded: [] },
        { choice: 'refuse', report: liveReport(UNREAD_ROWS), pages: ['/'], notLoaded: [] },
      ],
      'itie.opendatasoft.com',
      [],
    ),
    errorRow(
      1,
      new URL('https://down.example.org/'),
      new Error('cannot reach https://down.example.org/: net::ERR_NAME_NOT_RESOLVED\n  at …'),
      'down.example.org',
    ),
  ];
  return censusDocument(RUN, { sha256: 'a'.repeat(64), size: 3 }, shard, rows, new Date('2026-11-30T00:00:00Z'));
}
