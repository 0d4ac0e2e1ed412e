import { describe, expect, it } from 'vitest';
import { censusExitCode, countFindings, errorRow, mergeFindings } from '../../../scripts/census/census-report.ts';
import { report } from '../../support/reports.ts';
import { finding, sampleCensus } from './census-fixtures.ts';

describe('census rows', () => {
  it('merge a portal’s runs: each finding once at its most serious; "not seen" only when no run saw the cookie', () => {
    const accept = report([], { findings: [finding('undeclared', 'w', 'medium'), finding('not-seen', '_ga', 'low', null)] });
    const refuse = report([], {
      findings: [finding('undeclared', 'w', 'high'), finding('not-seen', '_ga', 'low', null), finding('not-seen', '_pk_id.*', 'low', null)],
    });
    expect(mergeFindings([accept, refuse]).map((f) => `${f.kind} ${f.cookie} ${f.severity}`)).toEqual([
      'undeclared w high',
      'not-seen _ga low',
    ]);
    expect(countFindings(mergeFindings([accept, refuse]))).toEqual({
      total: 2,
      byKind: { 'before-consent': 0, 'after-refusal': 0, undeclared: 1, lifetime: 0, 'not-seen': 1 },
      bySeverity: { high: 1, medium: 0, low: 1 },
    });
  });

  it('hold what the census table shows, rows by position', () => {
    const census = sampleCensus();
    expect(census.portals.map((row) => row.host)).toEqual(['data.tco.re', 'down.example.org', 'itie.opendatasoft.com']);
    const [tco, down] = census.portals;
    expect(tco).toMatchObject({
      position: 0,
      url: 'https://data.tco.re/',
      charter: { kind: 'bundled', changed: null },
      consent: { accept: 'none', refuse: 'refused' },
      cookies: 2,
      findings: { total: 2, bySeverity: { high: 1, medium: 1, low: 0 } },
      pages: ['/', '/explore/'],
      report: 'data.tco.re',
      error: null,
    });
    expect(down).toMatchObject({ cookies: null, findings: null, charter: { kind: null }, consent: {} });
    expect(down!.error).toBe('cannot reach https://down.example.org/: net::ERR_NAME_NOT_RESOLVED');
  });

  it('keep an error to one line of plain text', () => {
    expect(errorRow(0, new URL('https://x.org/'), 'bad\u001b[31m red\nsecond', null).error).toBe('bad red');
    expect(errorRow(0, new URL('https://x.org/'), new Error(''), null).error).toBe('unknown error');
  });

  it('give exit codes as for one portal: 1 with --strict and findings, 2 when no portal could be audited', () => {
    const census = sampleCensus();
    expect(censusExitCode(census, false)).toBe(0);
    expect(censusExitCode(census, true)).toBe(1);
    const clean = { ...census, portals: census.portals.filter((row) => row.host === 'itie.opendatasoft.com') };
    expect(censusExitCode(clean, true)).toBe(0);
    const down = { ...census, portals: census.portals.filter((row) => row.error !== null) };
    expect(censusExitCode(down, false)).toBe(2);
  });
});
