import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { censusCsv, censusFiles, censusHtml, censusMarkdown, httpHref, reportFiles } from '../../../scripts/census/census-output.ts';
import { CENSUS_FILE_NAMES, errorRow, isPortalFolder, type CensusRow } from '../../../scripts/census/census-report.ts';
import { shardPositions } from '../../../scripts/census/portal-list.ts';
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
      'position,url,host,charter,unread,consent,cookies,findings,high,medium,low,before-consent,after-refusal,undeclared,lifetime,not-seen,pages,notLoaded,report,error',
    );
    // The bundled charter: no live charter read, its lines not read unknown (empty, never 0).
    expect(lines[1]).toBe(
      '0,https://data.tco.re/,data.tco.re,bundled,,"accept: none, refuse: refused",2,2,1,1,0,0,1,1,0,0,/ /explore/,,data.tco.re,',
    );
    expect(lines[2]).toMatch(/^1,https:\/\/down\.example\.org\/,down\.example\.org,,,,,,,,,,,,,,,,down\.example\.org,cannot reach/);
    expect(lines[3]).toBe(
      '2,https://itie.opendatasoft.com/,itie.opendatasoft.com,live,42,"accept: none, refuse: none",0,0,0,0,0,0,0,0,0,0,/,,itie.opendatasoft.com,',
    );
    expect(lines[4]).toContain(`"'=HYPERLINK(""http://evil/"")"`);
  });

  it('write each row’s position in census.csv as census.json holds it: 0-based, the place `--shard` counts', () => {
    const census = sampleCensus();
    const rows = censusCsv(census).split('\r\n').slice(1, -1);
    expect(rows.map((line) => Number(line.split(',')[0]))).toEqual(census.portals.map((row) => row.position));
    expect(rows.map((line) => line.split(',')[0])).toEqual(['0', '1', '2']);
    // The first portal of the list is in shard 1's part (shardPositions: position k in part k % N + 1).
    expect(shardPositions(census.portals.length, { index: 1, count: 2 })).toContain(Number(rows[0]!.split(',')[0]));
  });

  it('number census.md’s and census.html’s rows by the portal’s place in the list (position + 1), which in a shard starts past 1', () => {
    const whole = sampleCensus({ index: 2, count: 2 });
    // Shard 2 of 2 holds the list's odd positions: here the second portal only.
    const census = { ...whole, portals: whole.portals.filter((row) => shardPositions(3, whole.shard).includes(row.position)) };
    expect(census.portals.map((row) => row.position)).toEqual([1]);
    const markdownRows = censusMarkdown(census)
      .split('\n')
      .filter((line) => /^\| \d/.test(line));
    expect(markdownRows.map((line) => line.split('|')[1]!.trim())).toEqual(['2']);
    const page = new Window().document;
    page.body.innerHTML = censusHtml(census);
    expect([...page.querySelectorAll('tbody tr')].map((row) => row.querySelector('td')?.textContent)).toEqual(['2']);
  });

  it('write Markdown with each portal’s report links, one per choice, and a failed audit’s log', () => {
    const text = censusMarkdown(sampleCensus());
    expect(text).toContain('- 3 portals\\: 2 audited, 1 failed; 1 with findings');
    expect(text).toContain('[accept](data.tco.re/accept/report.md) [refuse](data.tco.re/refuse/report.md)');
    expect(text).toContain('[log](down.example.org/audit.log)');
  });

  it('show each portal’s live charter lines not read in census.md, and how many portals had some', () => {
    const census = sampleCensus();
    const text = censusMarkdown(census);
    expect(text).toContain('- 3 portals\\: 2 audited, 1 failed; 1 with findings; 1 whose live charter has lines not read');
    expect(text).toContain(
      '| # | Portal | Charter | Lines not read | Consent | Cookies | Findings | High | Medium | Low | Report | Error |',
    );
    expect(text).toContain(
      '| 3 | itie\\.opendatasoft\\.com | live | 42 | accept\\: none, refuse\\: none | 0 | 0 | 0 | 0 | 0 | [accept](itie.opendatasoft.com/accept/report.md)',
    );
    expect(text).toContain('| 1 | data\\.tco\\.re | bundled |  | accept\\: none, refuse\\: refused | 2 |');
    // Read whole: 0, and no portal to count in the summary.
    const [tco, down, itie] = census.portals;
    const whole = { ...census, portals: [tco!, down!, { ...itie!, charter: { ...itie!.charter, unread: 0 } }] };
    expect(censusMarkdown(whole)).toContain('| 3 | itie\\.opendatasoft\\.com | live | 0 | accept\\: none, refuse\\: none |');
    expect(censusMarkdown(whole)).not.toContain('lines not read;');
    expect(censusMarkdown(whole)).toContain('- 3 portals\\: 2 audited, 1 failed; 1 with findings\n');
  });

  it('write one self-contained HTML page: a sortable table, each row linking to its reports, outside text escaped', () => {
    const census = sampleCensus();
    census.portals.push(errorRow(3, new URL('https://x.example.org/'), new Error('<img src=x onerror=alert(1)>'), null));
    const html = censusHtml(census);
    expect(html).not.toMatch(/<(link|script) [^>]*src=/);
    expect(html).toContain('<th scope="col"><button type="button">Findings</button></th>');
    expect(html).toContain('<th scope="col"><button type="button">Lines not read</button></th>');
    expect(html).toContain('<td>live</td><td data-value="42">42</td>');
    // Not known (the bundled charter, a failed audit): empty, sorted last.
    expect(html).toContain('<td>bundled</td><td data-value=""></td>');
    expect(html).toContain('<a href="data.tco.re/accept/report.md">accept</a>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain("th.setAttribute('aria-sort'");
    expect(html).toContain('prefers-color-scheme: dark');
  });

  it('sort census.html by its lines not read as numbers, the unknown last; the High column stays the one marked', () => {
    const census = sampleCensus();
    const [tco, down, itie] = census.portals;
    const withUnread = (row: CensusRow, position: number, host: string, unread: number | null): CensusRow => ({
      ...row,
      position,
      host,
      url: `https://${host}/`,
      charter: { ...row.charter, unread },
    });
    census.portals = [tco!, down!, itie!, withUnread(itie!, 3, 'a.example.org', 9), withUnread(itie!, 4, 'b.example.org', 0)];
    const html = censusHtml(census);
    // Its own script sorts, run as the page runs it, once the table is there.
    const window = new Window({ settings: { enableJavaScriptEvaluation: true } });
    const { document } = window;
    document.write(html.replace(/<script>[\s\S]*<\/script>/, ''));
    const headers = [...document.querySelectorAll('th')].map((th) => th.textContent);
    const column = headers.indexOf('Lines not read');
    expect(column).toBe(headers.indexOf('Charter') + 1);
    // The rule that marks a portal with high findings names the High column, wherever it now is.
    expect(html).toContain(`tr.high td:nth-child(${headers.indexOf('High') + 1}) {`);
    // happy-dom has no HTMLTableSectionElement.rows, which the page's script sorts (browsers have it: the e2e tests sort there).
    const body = document.querySelector('tbody')!;
    Object.defineProperty(body, 'rows', { get: () => body.querySelectorAll('tr') });
    const script = document.createElement('script');
    script.textContent = html.match(/<script>([\s\S]*)<\/script>/)![1]!;
    document.body.appendChild(script);
    const button = document.querySelectorAll('th button')[column] as unknown as { click(): void };
    const hosts = () => [...document.querySelectorAll('tbody tr')].map((tr) => tr.children[1]!.textContent);
    button.click();
    // 9 before 42 (as text, "42" comes before "9"); the bundled charter and the failed audit last.
    expect(hosts()).toEqual(['b.example.org', 'a.example.org', 'itie.opendatasoft.com', 'data.tco.re', 'down.example.org']);
    button.click();
    expect(hosts()).toEqual(['itie.opendatasoft.com', 'a.example.org', 'b.example.org', 'data.tco.re', 'down.example.org']);
    void window.happyDOM.close();
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
      { ...tco!, position: '<b>4</b>', cookies: '<i>2</i>', charter: { ...tco!.charter, unread: '<u>7</u>' } } as unknown as CensusRow,
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
    expect(html).toContain('<td data-value="&lt;u&gt;7&lt;/u&gt;">&lt;u&gt;7&lt;/u&gt;</td>');
    expect(html).not.toMatch(/<[biu]>/);
    const markdown = censusMarkdown(census);
    expect([...markdown.matchAll(/\]\(([^)]*)\)/g)].map((match) => match[1])).toEqual([
      'data.tco.re/accept/report.md',
      'data.tco.re/refuse/report.md',
    ]);
    expect(markdown).not.toContain('javascript');
    expect(markdown).not.toContain('../');
    expect(markdown).toContain('| bundled | &lt;u&gt;7&lt;/u&gt; |');
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

  it('take no link of what the URL parser throws on, even where URL.canParse says yes (Node 20, once optimised)', () => {
    const canParse = vi.spyOn(URL, 'canParse').mockReturnValue(true);
    try {
      expect(httpHref('https://Ã¨')).toBeNull();
    } finally {
      canParse.mockRestore();
    }
  });
});
