import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsFromCsv } from '../../../src/core/registry/open-cookie-database-csv.ts';
import { OPEN_COOKIE_DATABASE_SOURCE } from '../../../src/core/registry/open-cookie-database-document.ts';
import { MAX_DOMAIN_CELL_LENGTH, parseDomainCell } from '../../../src/core/registry/open-cookie-database-domain.ts';

const projectFile = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const csvText = readFileSync(projectFile(OPEN_COOKIE_DATABASE_SOURCE.file), 'utf8');

describe('parseDomainCell', () => {
  it.each([
    ['', [], true],
    ['instagram.com', ['instagram.com'], false],
    ['.adnxs.com', ['adnxs.com'], false],
    ['  .mediarithmics.com', ['mediarithmics.com'], false],
    ['.amplitude.com.', ['amplitude.com'], false],
    ['Inspectlet.com (3rd party)', ['inspectlet.com'], false],
    // An "or" with nothing on one side: the other alternative is the site's own domain, any domain.
    ['google-analytics.com (3rd party) or ', ['google-analytics.com'], true],
    ['google-analytics.com (3rd party) or', ['google-analytics.com'], true],
    [' or 207.net (3rd party)', ['207.net'], true],
    ['a.com or or b.com', ['a.com', 'b.com'], true],
    ['.bing.com (3rd party) or .microsoft.com (3rd party)', ['bing.com', 'microsoft.com'], false],
    ['orange.fr', ['orange.fr'], false],
    ['ads-[account].adhese.com', ['adhese.com'], false],
    ['.commander1.com\u200B', ['commander1.com'], false],
    ['(3rd party)', [], false],
  ])('reads %j as %j (any domain: %j)', (cell, domains, anyDomain) => {
    expect(parseDomainCell(cell)).toEqual({ domains, anyDomain });
  });

  it('reads every Domain cell of the bundled CSV into clean domains, and finds one in every non-empty cell', () => {
    for (const row of rowsFromCsv(csvText)) {
      const { domains } = parseDomainCell(row.domain);
      for (const domain of domains) expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/);
      if (row.domain !== '') expect(domains.length, `row ${row.id} domain ${JSON.stringify(row.domain)}`).toBeGreaterThan(0);
    }
  });

  // The code before the loops and the Set, kept as the reference.
  const before = (cell: string): string[] => {
    const cleaned = cell
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .replace(/\([^)]*\)/g, ' ')
      .toLowerCase();
    const domains: string[] = [];
    for (const word of cleaned.split(/[\s,;]+/)) {
      if (word === 'or') continue;
      let domain = word.replace(/^\.+/, '').replace(/\.+$/, '');
      const lastTemplated = domain.lastIndexOf(']');
      if (lastTemplated !== -1) domain = domain.slice(domain.indexOf('.', lastTemplated) + 1);
      if (domain !== '' && /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain) && !domains.includes(domain)) domains.push(domain);
    }
    return domains;
  };

  it('reads every Domain cell of the bundled CSV as the code before did', () => {
    for (const row of rowsFromCsv(csvText)) expect(parseDomainCell(row.domain).domains, row.id).toEqual(before(row.domain));
  });

  it('reads any cell as the code before did: same domains, same order', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'B', '0', '-', '.', '..', ' ', ',', ';', ' or ', 'or', '(', ')', '(3rd party)', '[x]', ']', '\u200B', 'é', '\n'),
      fc.constantFrom('example.com', '.bing.com', 'Example.COM.', 'ads-[account].adhese.com'),
      fc.integer({ min: 1, max: 30 }).map((count) => '.'.repeat(count)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const cell = pieces.join('');
        expect(parseDomainCell(cell).domains).toEqual(before(cell));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads hostile cells up to its limit (quadratic with `/\\.+$/`, `\\([^)]*\\)` and `includes`)', () => {
    const dots = '.'.repeat(MAX_DOMAIN_CELL_LENGTH / 2 - 10);
    expect(parseDomainCell(`a${dots}b`).domains).toEqual([]);
    expect(parseDomainCell(`${dots}example.com${dots}`).domains).toEqual(['example.com']);
    expect(parseDomainCell(`${'('.repeat(MAX_DOMAIN_CELL_LENGTH - 20)} example.com`).domains).toEqual(['example.com']);
    expect(parseDomainCell(`(x) ${'('.repeat(MAX_DOMAIN_CELL_LENGTH - 4)}`).domains).toEqual([]);
    const distinct = Array.from({ length: 120 }, (_, index) => `d${index}.com`);
    expect(`${distinct.join(' ')} d0.com`.length).toBeLessThanOrEqual(MAX_DOMAIN_CELL_LENGTH);
    expect(parseDomainCell(`${distinct.join(' ')} d0.com`).domains).toEqual(distinct);
  });

  it('does not read a cell longer than its limit, far beyond the longest upstream one: it names no domain', () => {
    const longestUpstream = Math.max(...rowsFromCsv(csvText).map((row) => row.domain.length));
    expect(MAX_DOMAIN_CELL_LENGTH).toBeGreaterThan(15 * longestUpstream);
    const atLimit = `${'x'.repeat(MAX_DOMAIN_CELL_LENGTH - 'example.com'.length - 1)} example.com`;
    expect(atLimit).toHaveLength(MAX_DOMAIN_CELL_LENGTH);
    expect(parseDomainCell(atLimit).domains).toEqual(['x'.repeat(MAX_DOMAIN_CELL_LENGTH - 12), 'example.com']);
    expect(parseDomainCell(`x${atLimit}`)).toEqual({ domains: [], anyDomain: false });
    // Nor does an empty alternative at its end make it fit any domain.
    expect(parseDomainCell(`x${atLimit} or`)).toEqual({ domains: [], anyDomain: false });
    const distinct = Array.from({ length: 250_000 }, (_, index) => `d${index}.com`).join(' ');
    expect(parseDomainCell(distinct)).toEqual({ domains: [], anyDomain: false });
  });
});
