import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rowsFromCsv } from '../../../src/core/registry/open-cookie-database-csv.ts';
import { OPEN_COOKIE_DATABASE_SOURCE } from '../../../src/core/registry/open-cookie-database-document.ts';
import { parseDomainCell } from '../../../src/core/registry/open-cookie-database-domain.ts';

const projectFile = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const csvText = readFileSync(projectFile(OPEN_COOKIE_DATABASE_SOURCE.file), 'utf8');

describe('parseDomainCell', () => {
  it.each([
    ['', []],
    ['instagram.com', ['instagram.com']],
    ['.adnxs.com', ['adnxs.com']],
    ['  .mediarithmics.com', ['mediarithmics.com']],
    ['.amplitude.com.', ['amplitude.com']],
    ['Inspectlet.com (3rd party)', ['inspectlet.com']],
    ['google-analytics.com (3rd party) or ', ['google-analytics.com']],
    [' or 207.net (3rd party)', ['207.net']],
    ['.bing.com (3rd party) or .microsoft.com (3rd party)', ['bing.com', 'microsoft.com']],
    ['ads-[account].adhese.com', ['adhese.com']],
    ['.commander1.com\u200B', ['commander1.com']],
    ['(3rd party)', []],
  ])('reads %j as %j', (cell, domains) => {
    expect(parseDomainCell(cell)).toEqual(domains);
  });

  it('reads every Domain cell of the bundled CSV into clean domains, and finds one in every non-empty cell', () => {
    for (const row of rowsFromCsv(csvText)) {
      const domains = parseDomainCell(row.domain);
      for (const domain of domains) expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/);
      if (row.domain !== '') expect(domains.length, `row ${row.id} domain ${JSON.stringify(row.domain)}`).toBeGreaterThan(0);
    }
  });
});
