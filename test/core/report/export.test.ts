import { describe, expect, it } from 'vitest';
import { exportReport } from '../../../src/core/report/export.ts';
import { report, reportCookie, finding } from '../../support/reports.ts';

const sample = report(
  [
    reportCookie({ name: 'sessionid', httpOnly: true }),
    reportCookie({ name: '<b>x</b>|y', status: 'undeclared', provider: '', purpose: '=HYPERLINK("http://evil")', source: 'unknown' }),
  ],
  {
    generatedAt: Date.UTC(2026, 10, 22),
    notSeen: [{ provider: 'Opendatasoft', service: null, cookie: 'csrftoken', match: 'exact', purpose: 'API', duration: null, category: 'necessary' }],
    findings: [finding({ kind: 'undeclared', cookie: '<b>x</b>|y', evidence: "seen, not in the site's charter" })],
  },
);

describe('exportReport', () => {
  it('writes the versioned report as JSON', () => {
    const file = exportReport(sample, 'json');
    expect(file).toMatchObject({ filename: 'cookie-report-data.tco.re-2026-11-22.json', mimeType: 'application/json' });
    expect(JSON.parse(file.text)).toEqual(sample);
  });

  it('writes Markdown with hostile names escaped', () => {
    const { text, filename } = exportReport(sample, 'markdown');
    expect(filename).toMatch(/\.md$/);
    expect(text).toContain('| &lt;b&gt;x&lt;/b&gt;\\|y | data\\.tco\\.re | unknown |');
    expect(text).toContain('- csrftoken (Opendatasoft): API');
    expect(text).toContain('- **undeclared** (medium)');
    expect(text).not.toContain('<b>');
  });

  it('writes CSV with quoting and formula injection defused', () => {
    const lines = exportReport(sample, 'csv').text.split('\r\n');
    expect(lines[0]).toBe('name,domain,path,status,provider,service,purpose,category,source,duration,expires,firstPhase,secure,httpOnly,sameSite,partitionKey,firstSeen,removed');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
