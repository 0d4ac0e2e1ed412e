/**
 * Whatever the text, the parser either returns entries that are all usable or throws a
 * CharterError, and does so quickly: random strings, charter-flavoured noise, and the real and
 * sample charters mutated line by line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { WILDCARD_CHARACTERS } from '../../../src/core/charter/cells.ts';
import { CharterError, parseCharter, readCharter } from '../../../src/core/charter/parse.ts';

const CHARTERS_DIR = fileURLToPath(new URL('../../../charters/', import.meta.url));
const REAL_CHARTERS = readdirSync(CHARTERS_DIR)
  .filter((file) => file.endsWith('.txt'))
  .map((file) => readFileSync(`${CHARTERS_DIR}${file}`, 'utf8'));

const SAMPLE_CHARTERS = [
  [
    '## Cookie Policy <https://portal.huwise.com>',
    '### Analytics and stats',
    '| Supplier name | Cookie name | Duration | Function |',
    '|---|---|---|---|',
    '| Matomo | _pk_id.*, _pk_ses.* | 13 months / 30 minutes | Counts visits anonymously |',
    '| HubSpot | Any cookie starting with “_hs” | Session | Tracks visits |',
    '| Google Analytics | _ga, _ga_<ID> | 13 months | Audience |',
  ].join('\n'),
  [
    'Politique de cookies',
    'Cookies de mesure d’audience',
    'Nom du prestataire Service et emplacement Nom du cookies Finalités',
    'Matomo Statistiques (front office) tout cookie commençant par _pk_ Mesure d’audience',
    'AT Internet Mesure (front) atuserid et atidvisitor Suivi',
  ].join('\n'),
  [
    'Cookies policy',
    'Supplier nameCookie nameDurationFunction',
    'Huwisesessionid2 weeks by defaultKeeps you signed in',
    'Hotjar_hjSessionUser_<ID>; _hjid1 yearHeatmaps',
  ].join('\n'),
  ['### Cookies tiers', 'Nom du prestataire : Disqus', 'Nom du cookie : « disqus_unique »', 'Durée : 1 an', 'Finalité : Commentaires'].join(
    '\r\n',
  ),
];

const WHITESPACE = /\s/;

/** Runs the parser and checks the contract: usable entries, or a CharterError and nothing else. */
function assertContract(text: string): void {
  let entries: CharterEntry[];
  try {
    entries = parseCharter(text).entries;
  } catch (error) {
    if (!(error instanceof CharterError)) throw error;
    return;
  }
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) assertUsable(entry);
}

function assertUsable(entry: CharterEntry): void {
  expect(entry.cookie).not.toBe('');
  expect(WHITESPACE.test(entry.cookie), `whitespace in cookie ${JSON.stringify(entry.cookie)}`).toBe(false);
  for (const wildcard of WILDCARD_CHARACTERS) expect(entry.cookie.includes(wildcard), `${wildcard} in ${entry.cookie}`).toBe(false);
  expect(entry.purpose.trim()).not.toBe('');
  expect(entry.purpose).toBe(entry.purpose.replace(/\s+/g, ' ').trim());
  expect(entry.provider.trim()).not.toBe('');
  expect(['exact', 'prefix']).toContain(entry.match);
  expect(['necessary', 'statistics', 'third-party', 'other']).toContain(entry.category);
  if (entry.duration !== null) expect(entry.duration.trim()).not.toBe('');
  if (entry.service !== null) expect(entry.service.trim()).not.toBe('');
}

/** One way to damage a charter, applied to its lines. */
type Mutation = (lines: string[]) => string[];

const JUNK = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '\t',
    '|',
    '|---|',
    '----\t----',
    '#',
    '## Cookies tiers',
    'Nom du cookie :',
    '_pk_id.*',
    '<https://',
    '“',
    '«',
    '\uFFFD',
    '*',
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map(
    (at): Mutation =>
      (lines) =>
        lines.filter((_, index) => index !== at % Math.max(lines.length, 1)),
  ),
  fc.nat().map((at): Mutation => (lines) => {
    const index = at % Math.max(lines.length, 1);
    return [...lines.slice(0, index + 1), ...lines.slice(index)];
  }),
  fc.tuple(fc.nat(), JUNK).map(([at, junk]): Mutation => (lines) => {
    const index = at % (lines.length + 1);
    return [...lines.slice(0, index), junk, ...lines.slice(index)];
  }),
  fc.tuple(fc.nat(), fc.nat(), JUNK).map(
    ([at, offset, junk]): Mutation =>
      (lines) =>
        lines.map((line, index) =>
          index === at % Math.max(lines.length, 1)
            ? line.slice(0, offset % (line.length + 1)) + junk + line.slice(offset % (line.length + 1))
            : line,
        ),
  ),
  fc.constantFrom<Mutation>(
    (lines) => lines.map((line) => line.replace(/\t/g, ' | ')),
    (lines) => lines.map((line) => line.replace(/\t/g, ' ')),
    (lines) => lines.map((line) => line.replace(/\t/g, '')),
    (lines) => lines.map((line) => line.replace(/ \| /g, '\t')),
    (lines) => lines.map((line) => line.replace(/\|/g, '')),
    (lines) => lines.map((line) => line.toUpperCase()),
    (lines) => lines.map((line) => line.toLowerCase()),
    (lines) => lines.map((line) => line.replace(/[_*]/g, '')),
    (lines) => lines.filter((line) => line.trim() !== ''),
    (lines) => lines.flatMap((line) => [line, '']),
    (lines) => [...lines].reverse(),
  ),
  fc.nat().map(
    (at): Mutation =>
      (lines) =>
        lines.map((line, index) => (index === at % Math.max(lines.length, 1) ? line.toUpperCase() : line)),
  ),
);

const charter = fc.constantFrom(...REAL_CHARTERS, ...SAMPLE_CHARTERS);

describe('parseCharter never crashes and never yields an unusable entry', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), assertContract), { numRuns: 400 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), assertContract), { numRuns: 300 });
  });

  it('on charter-flavoured noise', () => {
    const token = fc.constantFrom(
      'Nom du prestataire',
      'Service et emplacement',
      'Nom du cookies',
      'Finalités',
      'Supplier name',
      'Cookie name',
      'Duration',
      'Function',
      'Opendatasoft',
      'Huwise',
      'Matomo',
      'Google Analytics',
      'reCAPTCHA/Google',
      '_pk_id.*',
      '_ga_<ID>',
      '*',
      '<ID>',
      'Any cookie starting with',
      '“_hs”',
      'tout cookie commençant par',
      '13 mois',
      'Session',
      '2 weeks by default',
      '\t',
      ' | ',
      '|',
      '\n',
      '\r\n',
      ' ',
      '',
      '#### Cookies tiers',
      'Cookie name:',
      ':',
      ',',
      ';',
      ' et ',
      'sessionid',
      '«',
      '»',
      '\uFEFF',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => assertContract(tokens.join(''))),
      { numRuns: 500 },
    );
  });

  it('on real and sample charters with lines deleted, duplicated, separators swapped, junk inserted, case changed', () => {
    fc.assert(
      fc.property(
        charter,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('\n', '\r\n'),
        (text, mutations, lineEnd) => {
          const mutated = mutations.reduce((lines, mutate) => mutate(lines), text.split(/\r?\n/));
          assertContract(mutated.join(lineEnd));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports unread rows with line numbers inside the text', () => {
    fc.assert(
      fc.property(charter, fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        const mutated = mutations.reduce((lines, mutate) => mutate(lines), text.split(/\r?\n/));
        const joined = mutated.join('\n');
        // Junk may hold line breaks of its own: count the lines of the text actually read.
        const lineCount = joined.split(/\r\n|\r|\n/).length;
        let reading;
        try {
          reading = readCharter(joined);
        } catch (error) {
          if (error instanceof CharterError) return;
          throw error;
        }
        for (const entry of reading.entries) assertUsable(entry);
        for (const row of reading.unreadRows) {
          expect(row.line).toBeGreaterThanOrEqual(1);
          expect(row.line).toBeLessThanOrEqual(lineCount);
          expect(row.reason).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Speed is measured by `npm run bench`; here only that such input ends, within the contract.
describe('parseCharter on long hostile input', () => {
  const hostile: ReadonlyArray<readonly [string, string]> = [
    ['one long line of spaces', `Nom du prestataire\tNom du cookie\tFinalité\nMatomo${' '.repeat(200_000)}x`],
    ['a long run of name characters', `Supplier nameCookie nameDurationFunction\nMatomo${'_a'.repeat(100_000)}`],
    [
      'many single-space rows',
      `Nom du prestataire Service et emplacement Nom du cookies Finalités\n${'Matomo a b c d e f g h _x y\n'.repeat(5_000)}`,
    ],
    ['a long heading line', `${'#'.repeat(3)} ${'cookies '.repeat(50_000)}`],
    ['long quote and bracket runs', `Provider\tCookie name\tPurpose\nGoogle\t${'“('.repeat(50_000)}_ga${')”'.repeat(50_000)}\tStats`],
    ['many tabs', `Provider\tCookie name\tPurpose\n${'\t'.repeat(200_000)}`],
    ['many lines repeating one field label', `${'Cookie name: _ga\n'.repeat(20_000)}`],
    ['a glued row of digits and units', `Supplier nameCookie nameDurationFunction\nHuwise_a${'1'.repeat(50_000)} months`],
  ];

  it.each(hostile)('%s', (_name, text) => {
    assertContract(text);
  });
});
