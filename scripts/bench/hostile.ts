/**
 * The hostile-input group: every reader of outside text (charter text and HTML, durations,
 * cookie-name cells, rows split without separators, the Open Cookie Database CSV reader and its
 * Domain cells, cookie names looked up among a charter's prefixes, the consent cookie decoder, the
 * Set-Cookie reader) timed on its worst known shapes at 10 KB, 100 KB, 1 MB and 2 MB, with
 * the growth per 10× of input. Linear code grows about 10× per 10×; the budget allows 12×, and
 * 2 MB must be read in under 500 ms. A shape that takes more than `STOP_AFTER_MS` at one size is
 * not run at the larger ones (a quadratic reader would take minutes), and misses its budgets.
 */
import { CharterError, readCharter, readCharterPage } from '../../src/core/charter/index.ts';
import { readNameCell } from '../../src/core/charter/cells.ts';
import { splitRow, type TableHeader } from '../../src/core/charter/table.ts';
import { MAX_CELL_LENGTH } from '../../src/core/charter/limits.ts';
import { parseStatedLifetime } from '../../src/core/report/duration.ts';
import { CsvSyntaxError } from '../../src/core/registry/csv.ts';
import { OpenCookieDatabaseCsvError, rowsFromCsv } from '../../src/core/registry/open-cookie-database-csv.ts';
import { MAX_DOMAIN_CELL_LENGTH, parseDomainCell } from '../../src/core/registry/open-cookie-database-domain.ts';
import { acceptAll, buildNameIndex, lookupName } from '../../src/core/registry/name-index.ts';
import { decodeConsent } from '../../src/core/consent/index.ts';
import { responseOfHarEntry } from '../../src/core/network/index.ts';
import type { RepeatedLine } from '../../src/core/network/set-cookie-header.ts';
import { charterPage, DEMO_CHARTER } from '../demo-portal/charters.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchSize } from './node-benches.ts';

/** Input sizes, in characters (the shapes are ASCII, so also bytes). */
export const HOSTILE_SIZES = [10_000, 100_000, 1_000_000, 2_000_000] as const;
/** Budgets: growth per 10× of input (fitted over all sizes, see growthPerTenfold), and time at the largest size. */
export const GROWTH_BUDGET = 12;
export const LARGEST_BUDGET_MS = 500;
/** A size that takes longer than this is the last one run for that shape. */
const STOP_AFTER_MS = 3_000;
/** A size is not run when the previous one, grown as the square of the input, predicts longer than this. */
const PREDICTED_LIMIT_MS = 20_000;

/** One worst-case shape for one reader. */
export type HostileCase = {
  /** The reader, as the README's table names it. */
  reader: string;
  /** The shape of the input, short. */
  shape: string;
  /** Input of exactly `size` characters. */
  make(size: number): string;
  /** Reads it; the reader's documented error is expected, anything else is rethrown. */
  read(input: string): void;
};

/** `unit` repeated to exactly `size` characters (cut at the end). */
function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** `head`, then `unit` repeated, then `tail`, `size` characters in all. */
function framed(head: string, unit: string, tail: string, size: number): string {
  return head + repeatTo(unit, Math.max(0, size - head.length - tail.length)) + tail;
}

/** `header`, then as many whole `record`s as fit, then blank lines (skipped by a CSV reader): `size` characters. */
function wholeRecords(header: string, record: string, size: number): string {
  const body = record.repeat(Math.floor((size - header.length) / record.length));
  return header + body + '\n'.repeat(size - header.length - body.length);
}

/** The Open Cookie Database's header line, as upstream writes it. */
const DATABASE_HEADER =
  'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n';

/** Lines of `cell(line number)`, `size` characters in all (the last one cut). */
function longestCells(cell: (line: number) => string, size: number): string {
  const lines: string[] = [];
  for (let length = 0, line = 0; length < size; line++) {
    const text = `${cell(line)}\n`;
    lines.push(text);
    length += text.length;
  }
  return lines.join('').slice(0, size);
}

/** One case per shape of a cell reader: cells as long as read (`cell`), one per line, each read apart. */
function cellCases(reader: string, read: (cell: string) => unknown, cells: Record<string, string>): HostileCase[] {
  return Object.entries(cells).map(([shape, cell]) => ({
    reader,
    shape: `${shape} (longest cells read)`,
    make: (size) => longestCells(() => cell, size),
    read: noErrors(eachLine(read)),
  }));
}

/** Reads each line of the input apart, as cells of a file are. */
function eachLine(read: (line: string) => unknown): (input: string) => void {
  return (input) => {
    for (const line of input.split('\n')) read(line);
  };
}

/** Calls `read`, swallowing only the documented errors. */
function expecting(...documented: Array<new (...args: never[]) => Error>): (read: (input: string) => unknown) => (input: string) => void {
  return (read) => (input) => {
    try {
      read(input);
    } catch (error) {
      if (!documented.some((type) => error instanceof type)) throw error;
    }
  };
}

const charterErrors = expecting(CharterError);
const csvErrors = expecting(CsvSyntaxError, OpenCookieDatabaseCsvError);
const noErrors = expecting();

const SPACE_HEADER: TableHeader = { line: 1, layout: 'space', columns: ['provider', 'service', 'cookie', 'purpose'] };
const SPACE_HEADER_NEW: TableHeader = { line: 1, layout: 'space', columns: ['provider', 'cookie', 'duration', 'purpose'] };
const DURATION_LAST_HEADER: TableHeader = { line: 1, layout: 'space', columns: ['provider', 'cookie', 'purpose', 'duration'] };
const GLUED_HEADER: TableHeader = { line: 1, layout: 'glued', columns: ['provider', 'service', 'cookie', 'purpose'] };

/** Rows just under 2 KB (the longest row split on anchors), each with many comma-separated names. */
function manyNameRows(row: (names: string) => string, size: number, head = ''): string {
  const names = Array.from({ length: 240 }, (_, i) => `_a_${i}`).join(', ');
  return framed(head, `${row(names)}\n`, '', size);
}

const readRows = (header: TableHeader) =>
  noErrors((input) => {
    for (const line of input.split('\n')) if (line.trim() !== '') splitRow(line, header);
  });

const readHtml = charterErrors((input) => readCharterPage(input, 'text/html'));
const readText = charterErrors((input) => readCharter(input));
const TAB_HEADER = 'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités\n';
const PIPE_HEADER = '| Supplier name | Cookie name | Duration | Function |\n|---|---|---|---|\n';

/** The shapes: the table (html-to-text, durations, name cells, segmenting), then what review found. */
/** The consent decoder as the recorder calls it: the value, and when it was seen. */
const decodeConsentNow = (value: string) => decodeConsent(value, Date.now());
/** A response with this Set-Cookie header, read as the DevTools page reads one (in Firefox, `silent`: a line setting its cookie as the one before did is dropped). */
const readSetCookieIn = (repeated: RepeatedLine) => (header: string) =>
  responseOfHarEntry(
    {
      startedDateTime: '2026-11-30T10:00:00.000Z',
      request: { method: 'GET', url: 'https://data.tco.re/' },
      response: { status: 200, headers: [{ name: 'set-cookie', value: header }] },
    },
    'value',
    repeated,
  );
const readSetCookie = readSetCookieIn('heard');

export const HOSTILE_CASES: readonly HostileCase[] = [
  // Charter HTML, as the worker reads a live page (tokenizer, layout, then the text parser).
  { reader: 'charter HTML', shape: "'<a' repeated", make: (size) => repeatTo('<a', size), read: readHtml },
  { reader: 'charter HTML', shape: "'<body' repeated", make: (size) => repeatTo('<body', size), read: readHtml },
  { reader: 'charter HTML', shape: "'<!--' repeated", make: (size) => repeatTo('<!--', size), read: readHtml },
  { reader: 'charter HTML', shape: "'&nbsp;' repeated", make: (size) => framed('<p>', '&nbsp;', '</p>', size), read: readHtml },
  { reader: 'charter HTML', shape: "'<div>' nested, never closed", make: (size) => repeatTo('<div>', size), read: readHtml },
  {
    reader: 'charter HTML',
    shape: 'rowspan cells nested in tables, each closed at the end',
    make: (size) => repeatTo('<table><tr><td rowspan=2>x', size / 2) + repeatTo('</td></tr></table>', size / 2),
    read: readHtml,
  },
  {
    reader: 'charter HTML',
    shape: "'<nav>' nested, then unmatched '</main>'",
    make: (size) => repeatTo('<nav>', size / 2) + repeatTo('</main>', size / 2),
    read: readHtml,
  },
  {
    reader: 'charter HTML',
    shape: "one table row of '<td>x' cells",
    make: (size) => framed('<table><tr>', '<td>x', '</table>', size),
    read: readHtml,
  },
  {
    reader: 'charter HTML',
    shape: "attributes holding '>'",
    make: (size) => repeatTo('<p title="a > b" onclick="if (a > b) go()" ng-if="n > 0">x</p>', size),
    read: readHtml,
  },
  { reader: 'charter HTML', shape: 'unclosed quoted attribute', make: (size) => framed('<p title="', 'x', '', size), read: readHtml },
  { reader: 'charter HTML', shape: 'charter page padded with rows', make: (size) => hugeCharterPage(size), read: readHtml },
  // Charter text, as files and pages served as text are read.
  { reader: 'charter text', shape: 'tab header, one row of tabs', make: (size) => framed(TAB_HEADER, '\t', 'x', size), read: readText },
  { reader: 'charter text', shape: 'pipe header, one row of pipes', make: (size) => framed(PIPE_HEADER, '|', '\n', size), read: readText },
  {
    reader: 'charter text',
    shape: 'pipe header, rows ending in "| "',
    make: (size) => framed(PIPE_HEADER, '| Huwise | sessionid | 2 weeks | Keeps you signed in | \n', '', size),
    read: readText,
  },
  {
    reader: 'charter text',
    shape: 'tab header, one name cell of many names',
    make: (size) => framed(`${TAB_HEADER}Matomo\tStats\t`, '_a, ', '\tMesure', size),
    read: readText,
  },
  {
    reader: 'charter text',
    shape: 'space header, rows of many names',
    make: (size) =>
      manyNameRows(
        (names) => `Matomo Statistiques ${names} Mesure`,
        size,
        'Nom du prestataire Service et emplacement Nom du cookies Finalités\n',
      ),
    read: readText,
  },
  {
    reader: 'charter text',
    shape: "space header, rows of 'a_' runs",
    make: (size) =>
      framed('Nom du prestataire Service et emplacement Nom du cookies Finalités\n', `Matomo Statistiques ${'a_'.repeat(985)}\n`, '', size),
    read: readText,
  },
  { reader: 'charter text', shape: "one line of ' ' and 'a'", make: (size) => repeatTo('a ', size), read: readText },
  { reader: 'charter text', shape: "'#' repeated", make: (size) => repeatTo('#', size), read: readText },
  { reader: 'charter text', shape: 'field lines repeated', make: (size) => repeatTo('Nom du cookie : _pk_id\n', size), read: readText },
  { reader: 'charter text', shape: 'headings repeated', make: (size) => repeatTo('Cookies statistiques\n', size), read: readText },
  {
    reader: 'charter text',
    shape: 'category paragraphs repeated',
    make: (size) => repeatTo('Strictly necessary cookies: These cookies are necessary.\n', size),
    read: readText,
  },
  { reader: 'charter text', shape: "'<https://' repeated", make: (size) => repeatTo('<https://', size), read: readText },
  {
    reader: 'charter text',
    shape: "a table, then URL lines of 'https://a' and dots",
    make: (size) => framed(`${TAB_HEADER}Matomo\tStats\t_pk_id\tMesure\n`, `https://a${'.'.repeat(489)}_\n`, '', size),
    read: readText,
  },
  { reader: 'charter text', shape: 'table headers repeated', make: (size) => repeatTo(TAB_HEADER, size), read: readText },
  {
    reader: 'charter text',
    shape: "tab header, rows of '_ga_<i>' and a long word ending outside a placeholder",
    make: (size) => framed(TAB_HEADER, `Google\tStats\t_ga_<i>${'a'.repeat(9000)}!</i>\tMesure\n`, '', size),
    read: readText,
  },
  // Durations, read on every report.
  ...cellCases('duration', parseStatedLifetime, {
    digits: repeatTo('1', MAX_CELL_LENGTH),
    "'1 ' repeated": repeatTo('1 ', MAX_CELL_LENGTH),
    letters: repeatTo('a', MAX_CELL_LENGTH),
    "'1.' repeated": repeatTo('1.', MAX_CELL_LENGTH),
    // Space groups that joined would pass 30 years: a list, each group read once (not once a group).
    "'1', then ' 111' repeated, then ' jours'": framed('1', ' 111', ' jours', MAX_CELL_LENGTH),
  }),
  // Cookie-name cells. A cell longer than MAX_CELL_LENGTH is refused unread, so the input is
  // cells as long as read, one per line.
  ...cellCases('name cell', readNameCell, {
    "names separated by ', '": repeatTo('_a, ', MAX_CELL_LENGTH),
    'distinct names': distinctNames(MAX_CELL_LENGTH),
    // Parts that are no names never fill the cell's names: read up to its parts' limit.
    'distinct parts, none a name': distinctNames(MAX_CELL_LENGTH, (i) => `x y${i}`),
    "'(' repeated": repeatTo('(', MAX_CELL_LENGTH),
    "'<' repeated": repeatTo('_a<', MAX_CELL_LENGTH),
    "'&lt;' repeated": repeatTo('&lt;', MAX_CELL_LENGTH),
    "'_' then 'X' repeated": framed('_', 'X', '', MAX_CELL_LENGTH),
    "'any cookie starting with' repeated": repeatTo('any cookie starting with ', MAX_CELL_LENGTH),
  }),
  // Rows without separators, split on anchors.
  {
    reader: 'segmenting',
    shape: 'old template, many names a row',
    make: (size) => manyNameRows((names) => `Matomo Statistiques ${names} Mesure`, size),
    read: readRows(SPACE_HEADER),
  },
  {
    reader: 'segmenting',
    shape: 'new template, many names a row',
    make: (size) => manyNameRows((names) => `Matomo ${names} 13 mois Mesure`, size),
    read: readRows(SPACE_HEADER_NEW),
  },
  {
    reader: 'segmenting',
    shape: "old template, 'a_' runs",
    make: (size) => repeatTo(`Matomo Statistiques ${'a_'.repeat(985)}\n`, size),
    read: readRows(SPACE_HEADER),
  },
  {
    reader: 'segmenting',
    shape: "old template, 'aB_' runs",
    make: (size) => repeatTo(`Matomo Stats ${'aB_'.repeat(660)}\n`, size),
    read: readRows(SPACE_HEADER),
  },
  {
    reader: 'segmenting',
    shape: 'free text before a duration column',
    make: (size) => repeatTo(`Matomo _pk_id ${'word '.repeat(390)}\n`, size),
    read: readRows(DURATION_LAST_HEADER),
  },
  {
    reader: 'segmenting',
    shape: "glued, 'aB' runs",
    make: (size) => repeatTo(`Opendatasoft${'aB'.repeat(990)}\n`, size),
    read: readRows(GLUED_HEADER),
  },
  // The Open Cookie Database reader, as the registry build runs it (rowsFromCsv: its header read
  // and checked first, then its records). Under the database's own header, so the records are read.
  { reader: 'CSV', shape: 'doubled quotes', make: (size) => framed(`${DATABASE_HEADER}"`, '""', '"', size), read: csvErrors(rowsFromCsv) },
  { reader: 'CSV', shape: 'commas', make: (size) => framed(DATABASE_HEADER, ',', '', size), read: csvErrors(rowsFromCsv) },
  { reader: 'CSV', shape: 'line breaks', make: (size) => framed(DATABASE_HEADER, '\r\n', '', size), read: csvErrors(rowsFromCsv) },
  {
    reader: 'CSV',
    shape: 'records of two empty fields',
    make: (size) => framed(DATABASE_HEADER, ',\n', '', size),
    read: csvErrors(rowsFromCsv),
  },
  {
    reader: 'CSV',
    shape: 'rows of a one-letter name (the most rows 2 MB holds)',
    make: (size) => wholeRecords(DATABASE_HEADER, ',,,a,,,,,,0\n', size),
    read: csvErrors(rowsFromCsv),
  },
  {
    reader: 'CSV',
    shape: 'quoted fields with line breaks',
    make: (size) => wholeRecords(DATABASE_HEADER, 'a,"b\nc",,n,,,,,,0\n', size),
    read: csvErrors(rowsFromCsv),
  },
  { reader: 'CSV', shape: 'unclosed quote', make: (size) => framed(`${DATABASE_HEADER}"`, 'a', '', size), read: csvErrors(rowsFromCsv) },
  // Its Domain cells, read when a cookie of the row's name is first matched. A longer cell than
  // MAX_DOMAIN_CELL_LENGTH is refused unread, so the input is cells as long as read, one per line.
  {
    reader: 'Domain cell',
    shape: "'a', dots, 'b' (longest cells read)",
    make: (size) => longestCells(() => framed('a', '.', 'b', MAX_DOMAIN_CELL_LENGTH), size),
    read: eachLine(parseDomainCell),
  },
  {
    reader: 'Domain cell',
    shape: "'(' repeated (longest cells read)",
    make: (size) => longestCells(() => repeatTo('(', MAX_DOMAIN_CELL_LENGTH), size),
    read: eachLine(parseDomainCell),
  },
  {
    reader: 'Domain cell',
    shape: 'distinct domains (longest cells read)',
    make: (size) => longestCells((line) => distinctDomains(MAX_DOMAIN_CELL_LENGTH, line), size),
    read: eachLine(parseDomainCell),
  },
  // Cookie names looked up among the prefixes of a charter (a live one can hold any).
  {
    reader: 'name lookup',
    shape: "prefixes 'ax', 'axx', …, a name as long as each",
    make: (size) => growingPrefixes(size),
    read: noErrors(lookUpPastEveryPrefix),
  },
  // The consent cookie, decoded as the recorder does (value, time seen).
  { reader: 'consent cookie', shape: "'%' repeated", make: (size) => repeatTo('%', size), read: noErrors(decodeConsentNow) },
  { reader: 'consent cookie', shape: "'%7B' repeated", make: (size) => repeatTo('%7B', size), read: noErrors(decodeConsentNow) },
  { reader: 'consent cookie', shape: 'JSON of many keys', make: (size) => consentWithManyKeys(size), read: noErrors(decodeConsentNow) },
  { reader: 'consent cookie', shape: "'[' repeated", make: (size) => repeatTo('[', size), read: noErrors(decodeConsentNow) },
  // Set-Cookie headers of a response the DevTools panel heard, read for names and attributes.
  { reader: 'Set-Cookie', shape: "';' repeated", make: (size) => framed('a=b', ';', '', size), read: noErrors(readSetCookie) },
  {
    reader: 'Set-Cookie',
    shape: 'attributes repeated',
    make: (size) => framed('a=b', '; Path=/; Secure', '', size),
    read: noErrors(readSetCookie),
  },
  { reader: 'Set-Cookie', shape: "'=' repeated", make: (size) => repeatTo('=', size), read: noErrors(readSetCookie) },
  {
    reader: 'Set-Cookie',
    shape: 'lines joined by newlines',
    make: (size) => repeatTo('c=1; Max-Age=9\n', size),
    read: noErrors(readSetCookie),
  },
  {
    // Firefox's reading compares each line with its cookie's line before (set-cookie-header.ts).
    reader: 'Set-Cookie',
    shape: "one cookie's line repeated, written two ways, Firefox",
    make: (size) => repeatTo('c=x; Path=/; Secure\nc=x; secure; path=/\n', size),
    read: noErrors(readSetCookieIn('silent')),
  },
];

function distinctNames(size: number, name = (i: number) => `_n${i}`): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = `${name(i)}, `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

function distinctDomains(size: number, line: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = `d${line}x${i}.com `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

/** Lines 'ax', 'axx', 'axxx', … */
function growingPrefixes(size: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 1; length < size; i++) {
    const line = `a${'x'.repeat(i)}\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('').slice(0, size);
}

/** Each line a prefix rule; then, for each line, a name as long that parts from them all after 'ax'. */
function lookUpPastEveryPrefix(input: string): void {
  const lines = input.split('\n').filter((line) => line !== '');
  const index = buildNameIndex(lines.map((name, value) => ({ name, match: 'prefix' as const, value })));
  for (const line of lines) lookupName(index, `ax${'y'.repeat(Math.max(0, line.length - 2))}`, acceptAll, null);
}

function consentWithManyKeys(size: number): string {
  const parts = ['{"functional_cookies":true'];
  let length = parts[0]!.length;
  for (let i = 0; length < size * 0.6; i++) {
    const part = `,"t${i}":false`;
    parts.push(part);
    length += part.length;
  }
  const encoded = encodeURIComponent(`${parts.join('')},"timestamp":1764460800000}`);
  return encoded.length >= size ? encoded.slice(0, size) : encoded + ' '.repeat(size - encoded.length);
}

/** The demo charter page with `size` characters of extra rows in its last table. */
function hugeCharterPage(size: number): string {
  const page = charterPage('demo.opendatasoft.com', DEMO_CHARTER);
  const at = page.lastIndexOf('</tbody>');
  const rows: string[] = [];
  let length = page.length;
  for (let i = 0; length < size; i++) {
    const row = `<tr><td>Matomo</td><td>_pk_x${i}.*</td><td>13 mois</td><td>Mesure d’audience ${i}</td></tr>\n`;
    rows.push(row);
    length += row.length;
  }
  return (page.slice(0, at) + rows.join('') + page.slice(at)).slice(0, Math.max(size, page.length));
}

/** V8's collector when node runs with --expose-gc (`npm run bench` does): each sample starts on a clean heap. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Milliseconds of one call, as `samples` samples of enough calls to last about 20 ms each. The
 * heap is collected before each sample, so one sample does not pay for the previous one's garbage.
 */
function timeOneCall(read: () => void, samples: number): { samples: number[]; single: number } {
  collectGarbage();
  const start = performance.now();
  read();
  const single = performance.now() - start;
  if (single > STOP_AFTER_MS) return { samples: [single], single };
  const iterations = Math.max(1, Math.min(2000, Math.ceil(20 / Math.max(single, 0.001))));
  const results: number[] = [];
  for (let s = 0; s < samples; s++) {
    collectGarbage();
    const sampleStart = performance.now();
    for (let i = 0; i < iterations; i++) read();
    results.push((performance.now() - sampleStart) / iterations);
  }
  return { samples: results, single };
}

const sizeLabel = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000} MB` : `${size / 1000} KB`);

/** One case's measurements, for the table. */
export type HostileResult = {
  reader: string;
  shape: string;
  /** Median ms by size; null where the size was not run. */
  times: Array<number | null>;
  /** Largest ratio between consecutive 10× sizes; null when not measurable. */
  growth: number | null;
};

/** Runs every case: `full` at every size, `tiny` once at the smallest size (the test suite). */
export function hostileInput(
  size: BenchSize,
  cases: readonly HostileCase[] = HOSTILE_CASES,
): { figures: Figure[]; results: HostileResult[] } {
  const sizes = size === 'full' ? HOSTILE_SIZES : ([HOSTILE_SIZES[0]] as const);
  const figures: Figure[] = [];
  const results: HostileResult[] = [];
  for (const hostile of cases) {
    const name = `${hostile.reader}: ${hostile.shape}`;
    const times: Array<number | null> = [];
    let stopped = false;
    let previous: { size: number; ms: number } | null = null;
    for (const inputSize of sizes) {
      if (previous && previous.ms * (inputSize / previous.size) ** 2 > PREDICTED_LIMIT_MS) stopped = true;
      if (stopped) {
        times.push(null);
        continue;
      }
      const input = hostile.make(inputSize);
      if (input.length !== inputSize) throw new Error(`${name}: made ${input.length} characters, not ${inputSize}`);
      if (size === 'tiny') {
        hostile.read(input);
        times.push(null);
        continue;
      }
      const measured = timeOneCall(() => hostile.read(input), inputSize >= 1_000_000 ? 3 : 5);
      const budget = inputSize === HOSTILE_SIZES.at(-1) ? ({ kind: 'max', value: LARGEST_BUDGET_MS } as const) : undefined;
      const result = figure('hostile input', `${name} @ ${sizeLabel(inputSize)}`, 'ms', measured.samples, budget);
      figures.push(result);
      times.push(result.median);
      previous = { size: inputSize, ms: measured.single };
      if (measured.single > STOP_AFTER_MS) stopped = true;
    }
    if (size === 'tiny') continue;
    const growth = growthPerTenfold(sizes, times);
    if (stopped) {
      // The largest size was not reached: both budgets are missed, visibly.
      if (times.at(-1) === null)
        figures.push({
          ...figure(
            'hostile input',
            `${name} @ 2 MB`,
            'ms',
            [Number.POSITIVE_INFINITY],
            { kind: 'max', value: LARGEST_BUDGET_MS },
            { allowInfinity: true },
          ),
          samples: [],
        });
    }
    figures.push(
      figure(
        'hostile input',
        `${name}: growth per 10×`,
        '×',
        [growth ?? Number.POSITIVE_INFINITY],
        { kind: 'max', value: GROWTH_BUDGET },
        { allowInfinity: true },
      ),
    );
    results.push({ reader: hostile.reader, shape: hostile.shape, times, growth });
  }
  return { figures, results };
}

/**
 * The growth per 10× of input: 10 to the slope of log(time) against log(size), fitted over every
 * size run (least squares), so one noisy size does not decide it. Linear code gives about 10×,
 * quadratic code 100×. Infinite (null) when a size was not run: the reader was too slow for it.
 */
export function growthPerTenfold(sizes: readonly number[], times: ReadonlyArray<number | null>): number | null {
  if (times.some((time) => time === null)) return null;
  const points = sizes.map((size, index) => [Math.log10(size), Math.log10(Math.max(times[index] ?? 0, 1e-4))] as const);
  if (points.length < 2) return null;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return 10 ** (covariance / variance);
}

/** The results as a compact table: one line per shape, its time at each size, its growth, and the verdict. */
export function formatHostileTable(results: readonly HostileResult[]): string {
  const time = (value: number | null) =>
    value === null ? 'not run' : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
  const rows = results.map((result) => {
    const largest = result.times.at(-1) ?? null;
    const met = largest !== null && largest <= LARGEST_BUDGET_MS && result.growth !== null && result.growth <= GROWTH_BUDGET;
    return [
      result.reader,
      result.shape,
      ...result.times.map(time),
      result.growth === null ? '∞' : `${result.growth.toFixed(1)}×`,
      met ? 'met' : 'MISSED',
    ];
  });
  const header = ['reader', 'shape', ...HOSTILE_SIZES.map(sizeLabel), 'growth/10×', `≤ ${GROWTH_BUDGET}×, 2 MB ≤ ${LARGEST_BUDGET_MS} ms`];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
