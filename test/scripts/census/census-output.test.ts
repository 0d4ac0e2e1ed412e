import { describe, expect, it } from 'vitest';
import { censusCsv, censusFiles, censusHtml, censusMarkdown, httpHref, reportFiles } from '../../../scripts/census/census-output.ts';
import { CENSUS_FILE_NAMES, errorRow, isPortalFolder, type CensusRow } from '../../../scripts/census/census-report.ts';
import { sampleCensus } from './census-fixtures.ts';

describe('census files', () => {
  it('are the files no portal’s folder may be (a host named so is refused, a shard’s row naming it too)', () => {
    expect(censusFiles(sampleCensus()).map((file) => file.name)).toEqual(CENSUS_FILE_NAMES);
    for (const name of CENSUS_FILE_NAMES) expect(isPortalFolder(name), name).toBe(false);
    expect(isPortalFolder('census.md.gov')).toBe(true);
  });

  it('write a CSV row per portal, every count in its column, formulas defused', () => {
    const census = sampleCensus();
    census.portals.push(errorRow(3, new URL('https://evil.example.org/'), new Error('=HYPERLINK("http://evil")'), null));
    const lines = censusCsv(census).split('\r\n');
    expect(lines[0]).toBe(
      'position,url,host,charter,consent,cookies,findings,high,medium,low,before-consent,after-refusal,undeclared,lifetime,not-seen,pages,report,error',
    );
    expect(lines[1]).toBe(
      '1,https://data.tco.re/,data.tco.re,bundled,"accept: none, refuse: refused",2,2,1,1,0,0,1,1,0,0,/ /explore/,data.tco.re,',
    );
    expect(lines[2]).toMatch(/^2,https:\/\/down\.example\.org\/,down\.example\.org,,,,,,,,,,,,,,down\.example\.org,cannot reach/);
    expect(lines[4]).toContain(`"'=HYPERLINK(""http://evil/"")"`);
  });

  it('write Markdown with each portal’s report links, one per choice, and a failed audit’s log', () => {
    const text = censusMarkdown(sampleCensus());
    expect(text).toContain('- 3 portals\\: 2 audited, 1 failed; 1 with findings');
    expect(text).toContain('[accept](data.tco.re/accept/report.md) [refuse](data.tco.re/refuse/report.md)');
    expect(text).toContain('[log](down.example.org/audit.log)');
  });

  it('write one self-contained HTML page: a sortable table, each row linking to its reports, outside text escaped', () => {
    const census = sampleCensus();
    census.portals.push(errorRow(3, new URL('https://x.example.org/'), new Error('<img src=x onerror=alert(1)>'), null));
    const html = censusHtml(census);
    expect(html).not.toMatch(/<(link|script) [^>]*src=/);
    expect(html).toContain('<th scope="col"><button type="button">Findings</button></th>');
    expect(html).toContain('<a href="data.tco.re/accept/report.md">accept</a>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain("th.setAttribute('aria-sort'");
    expect(html).toContain('prefers-color-scheme: dark');
  });

  it('link a single choice’s report directly, and nothing for a failed audit with no folder', () => {
    const [tco] = sampleCensus().portals;
    expect(reportFiles(tco!, 'refuse')).toEqual([{ label: 'report', path: 'data.tco.re/report.md' }]);
    expect(reportFiles(errorRow(0, new URL('https://x.org/'), 'down', null), 'both')).toEqual([]);
  });

  it('link only to an http(s) URL and a portal’s folder, and escape every cell, whatever the document holds', () => {
    const census = sampleCensus();
    const [tco, down] = census.portals;
    census.portals = [
      { ...tco!, url: 'javascript:alert(document.domain)', report: '../../x' },
      { ...down!, url: 'data.tco.re', report: 'javascript:alert(1)//' },
      { ...down!, position: 2, url: 'HTTPS://Down.Example.org', report: 'down.example.org/../..' },
      { ...tco!, position: '<b>4</b>', cookies: '<i>2</i>' } as unknown as CensusRow,
    ];
    const html = censusHtml(census);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([
      'https://down.example.org/',
      'https://data.tco.re/',
      'data.tco.re/accept/report.md',
      'data.tco.re/refuse/report.md',
    ]);
    expect(html).toContain('<td data-value="data.tco.re">data.tco.re</td>');
    expect(html).toContain('&lt;b&gt;4&lt;/b&gt;1');
    expect(html).toContain('&lt;i&gt;2&lt;/i&gt;');
    expect(html).not.toMatch(/<[bi]>/);
    const markdown = censusMarkdown(census);
    expect([...markdown.matchAll(/\]\(([^)]*)\)/g)].map((match) => match[1])).toEqual([
      'data.tco.re/accept/report.md',
      'data.tco.re/refuse/report.md',
    ]);
    expect(markdown).not.toContain('javascript');
    expect(markdown).not.toContain('../');
  });

  it('take as a link only an absolute http(s) URL, as written', () => {
    expect(httpHref('https://data.tco.re/explore/?q=a b')).toBe('https://data.tco.re/explore/?q=a%20b');
    expect(httpHref('http://localhost:8080/')).toBe('http://localhost:8080/');
    for (const text of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      '//evil.example',
      'data.tco.re',
      '',
    ]) {
      expect(httpHref(text)).toBeNull();
    }
  });
});
