/**
 * The five real charters in charters/, read exactly. They differ only in quirks (plain or markdown
 * headings, portal URL on the heading line or on its own line, a `----` rule, blank lines between
 * rows, no final newline) and in the wording of one purpose.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { decodeCharterBytes } from '../../../src/core/charter/normalise.ts';
import { parseCharter, readCharter } from '../../../src/core/charter/parse.ts';

const CHARTERS_DIR = fileURLToPath(new URL('../../../charters/', import.meta.url));

function readCharterFile(file: string): string {
  return decodeCharterBytes(readFileSync(`${CHARTERS_DIR}${file}`));
}

const LONG_PREFERENCES_PURPOSE = 'Permet de se souvenir du choix opéré par le visiteur concernant les cookies';
const SHORT_PREFERENCES_PURPOSE = 'Se souvenir du choix opéré par le visiteur concernant les cookies';

function platformEntries(preferencesPurpose: string): CharterEntry[] {
  const base = { provider: 'Opendatasoft', match: 'exact', duration: null, category: 'necessary' } as const;
  return [
    {
      ...base,
      service: 'Authentification (front et back office)',
      cookie: 'sessionid',
      purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
    },
    {
      ...base,
      service: 'Sélection de la langue (front et back office)',
      cookie: 'django_language',
      purpose: 'Se souvenir de la langue du visiteur',
    },
    { ...base, service: 'API (CSRF) (front et back office)', cookie: 'csrftoken', purpose: 'Récupérer des données via des appels API' },
    { ...base, service: 'Choix concernant vos préférences sur les cookies', cookie: 'cookies_preferences', purpose: preferencesPurpose },
  ];
}

const EXPECTED: ReadonlyArray<{ file: string; portal: string; headerLine: number; purpose: string }> = [
  {
    file: 'anglet-opendatapaysbasque.opendatasoft.com.txt',
    portal: 'anglet-opendatapaysbasque.opendatasoft.com',
    headerLine: 27,
    purpose: LONG_PREFERENCES_PURPOSE,
  },
  { file: 'data.nantesmetropole.fr.txt', portal: 'data.nantesmetropole.fr', headerLine: 25, purpose: LONG_PREFERENCES_PURPOSE },
  { file: 'data.tco.re.txt', portal: 'data.tco.re', headerLine: 25, purpose: SHORT_PREFERENCES_PURPOSE },
  { file: 'data.toulouse-metropole.fr.txt', portal: 'data.toulouse-metropole.fr', headerLine: 25, purpose: LONG_PREFERENCES_PURPOSE },
  { file: 'itie.opendatasoft.com.txt', portal: 'itie.opendatasoft.com', headerLine: 25, purpose: SHORT_PREFERENCES_PURPOSE },
];

describe.each(EXPECTED)('real charter $file', ({ file, portal, headerLine, purpose }) => {
  it('parses to the exact portal, language and entries', () => {
    expect(parseCharter(readCharterFile(file))).toEqual({ portal, language: 'fr', entries: platformEntries(purpose) });
  });

  it('reads every row, under the title “Charte cookies”, from one tab table', () => {
    const reading = readCharter(readCharterFile(file));
    expect(reading.title).toBe('Charte cookies');
    expect(reading.unreadRows).toEqual([]);
    expect(reading.tables).toEqual([
      { line: headerLine, layout: 'tab', columns: ['provider', 'service', 'cookie', 'purpose'], entries: 4, continues: null },
    ]);
  });
});

describe('real charters as files', () => {
  it('have no final newline, so that case stays covered', () => {
    for (const { file } of EXPECTED) expect(readCharterFile(file).endsWith('\n'), file).toBe(false);
  });
});
