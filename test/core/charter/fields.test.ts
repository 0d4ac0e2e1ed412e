import { describe, expect, it, vi } from 'vitest';
import { readFieldLine, readFieldRun } from '../../../src/core/charter/fields.ts';
import { readCharter } from '../../../src/core/charter/parse.ts';

describe('readFieldLine', () => {
  it('reads French labels with a space before the colon', () => {
    expect(readFieldLine('Nom du cookie : _pk_id')).toEqual({ role: 'cookie', value: '_pk_id' });
    expect(readFieldLine('Nom du prestataire\u00A0: Matomo')).toEqual({ role: 'provider', value: 'Matomo' });
    expect(readFieldLine('Durée : 13 mois')).toEqual({ role: 'duration', value: '13 mois' });
  });

  it('reads English labels, bold labels and list bullets', () => {
    expect(readFieldLine('Cookie name: _ga')).toEqual({ role: 'cookie', value: '_ga' });
    expect(readFieldLine('- **Purpose:** Measures audience')).toEqual({ role: 'purpose', value: 'Measures audience' });
    expect(readFieldLine('* Provider : Google')).toEqual({ role: 'provider', value: 'Google' });
  });

  it('keeps colons inside the value', () => {
    expect(readFieldLine('Finalité : statistiques : visites')).toEqual({ role: 'purpose', value: 'statistiques : visites' });
  });

  it('gives an empty value for an empty field', () => {
    expect(readFieldLine('Cookie name:')).toEqual({ role: 'cookie', value: '' });
  });

  it('refuses other colon lines', () => {
    expect(readFieldLine('Last update: 12 March 2025')).toBeNull();
    expect(readFieldLine('https://data.example.org')).toBeNull();
    expect(readFieldLine('Il existe plusieurs types de cookies :')).toBeNull();
    expect(readFieldLine('Nom du cookie')).toBeNull();
  });
});

describe('readFieldRun', () => {
  it('groups fields into records, a repeated field starting the next record, blank lines allowed', () => {
    const lines = [
      'Nom du prestataire : Matomo',
      'Nom du cookie : _pk_id.*',
      '',
      'Finalité : Mesure d’audience',
      'Nom du prestataire : Google',
      'Nom du cookie : _ga',
      'Finalité : Statistiques',
      '',
      '### Cookies tiers',
    ];
    expect(readFieldRun(lines, 0)).toEqual({
      records: [
        { line: 1, cells: { provider: 'Matomo', cookie: '_pk_id.*', purpose: 'Mesure d’audience' } },
        { line: 5, cells: { provider: 'Google', cookie: '_ga', purpose: 'Statistiques' } },
      ],
      next: 7,
      isTable: true,
    });
  });

  it('starts at the given index', () => {
    expect(readFieldRun(['Intro', 'Cookie name: _ga', 'Purpose: Stats'], 1)).toEqual({
      records: [{ line: 2, cells: { cookie: '_ga', purpose: 'Stats' } }],
      next: 3,
      isTable: true,
    });
  });

  it('is not a table when no record has two fields, which is prose', () => {
    expect(readFieldRun(['Cookies : nous en utilisons peu', 'Merci.'], 0)).toEqual({
      records: [{ line: 1, cells: { cookie: 'nous en utilisons peu' } }],
      next: 1,
      isTable: false,
    });
  });

  it('is null when the first line is not a field', () => {
    expect(readFieldRun(['Bonjour', 'Cookie name: _ga'], 0)).toBeNull();
  });

  it('reads past a field it does not use (Domaine) within its record: no cookie gets the record before it', () => {
    const lines = [
      'Nom du cookie : _pk_ses.*',
      'Prestataire : Matomo',
      'Domaine : data.example.fr',
      'Durée : 30 minutes',
      "Finalité : Mesure d'audience (visite en cours)",
      'Nom du cookie : sessionid',
      'Prestataire : Huwise',
      'Domaine : data.example.fr',
      'Durée : 2 semaines',
      "Finalité : Maintient la session de l'utilisateur",
      'Last update: 12 March 2025',
      'Merci.',
    ];
    expect(readFieldRun(lines, 0)).toEqual({
      records: [
        {
          line: 1,
          cells: { cookie: '_pk_ses.*', provider: 'Matomo', duration: '30 minutes', purpose: "Mesure d'audience (visite en cours)" },
        },
        {
          line: 6,
          cells: { cookie: 'sessionid', provider: 'Huwise', duration: '2 semaines', purpose: "Maintient la session de l'utilisateur" },
        },
      ],
      next: 10,
      isTable: true,
    });
  });

  it('reads past an unknown label of four words or more within its record, as a shorter one: the records stay apart', () => {
    const lines = [
      'Nom : _pk_id',
      'Type de données collectées : identifiant du visiteur',
      'Prestataire : Matomo',
      'Base légale du traitement : consentement',
      "Finalité : Mesure d'audience",
      'Durée : 13 mois',
      'Nom : sessionid',
      'Catégorie de données personnelles traitées : aucune',
      'Prestataire : Huwise',
      'Finalité : Session',
      'Durée : 2 semaines',
    ];
    expect(readFieldRun(lines, 0)).toEqual({
      records: [
        { line: 1, cells: { cookie: '_pk_id', provider: 'Matomo', purpose: "Mesure d'audience", duration: '13 mois' } },
        { line: 7, cells: { cookie: 'sessionid', provider: 'Huwise', purpose: 'Session', duration: '2 semaines' } },
      ],
      next: 11,
      isTable: true,
    });
  });

  it('does not read a sentence with a colon as a label to read past: a prose paragraph is not made a record', () => {
    const prose = [
      'Cookie : un petit fichier texte déposé sur votre terminal.',
      'Ce que nous faisons de ces données : rien de plus.',
      'Finalité : vous le saurez plus bas.',
    ];
    expect(readFieldRun(prose, 0)).toEqual({ records: [{ line: 1, cells: { cookie: prose[0]!.slice(9) } }], next: 1, isTable: false });
    // Nor a label of more than eight words.
    const long = ['Nom : _ga', 'Liste des informations que ce service recueille et conserve chez lui : x', 'Finalité : stats'];
    expect(readFieldRun(long, 0)?.next).toBe(1);
    expect(readFieldLine('Type de données collectées : IP')).toBeNull();
  });

  it('does not start a run at a field it does not use, nor read past a label naming a section', () => {
    expect(readFieldRun(['Domaine : data.example.fr', 'Cookie name: _ga'], 0)).toBeNull();
    expect(readFieldRun(['Cookie name: _ga', 'Purpose: Stats', 'Statistics cookies: these cookies', 'Cookie name: _pk_id'], 0)?.next).toBe(
      2,
    );
  });

  it('reads the labels Durée de validité, Validity, Catégorie, Category, as a table header does', () => {
    expect(readFieldLine('Durée de validité : 13 mois')).toEqual({ role: 'duration', value: '13 mois' });
    expect(readFieldLine('**Validity:** 2 years')).toEqual({ role: 'duration', value: '2 years' });
    expect(readFieldLine('Catégorie : Mesure d’audience')).toEqual({ role: 'category', value: 'Mesure d’audience' });
    expect(readFieldLine('Category: Strictly necessary')).toEqual({ role: 'category', value: 'Strictly necessary' });
  });
});

describe('readCharter: one field per line with fields the reader does not use', () => {
  it('gives each cookie its own fields when a record holds a label of four words or more', () => {
    const text = [
      'Charte cookies',
      '',
      'Nom : _pk_id',
      'Type de données collectées : identifiant',
      'Prestataire : Matomo',
      "Finalité : Mesure d'audience",
      'Durée : 13 mois',
      '',
      'Nom : sessionid',
      'Prestataire : Huwise',
      'Finalité : Session',
      'Durée : 2 semaines',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((entry) => [entry.cookie, entry.provider, entry.purpose, entry.duration])).toEqual([
      ['_pk_id', 'Matomo', "Mesure d'audience", '13 mois'],
      ['sessionid', 'Huwise', 'Session', '2 semaines'],
    ]);
    expect(reading.unreadRows).toEqual([]);
  });

  it('reads 100,000 characters of long unknown labels between fields looking at each line a bounded number of times', () => {
    const unknown = 'Type de données collectées : x\n';
    const filler = unknown.repeat(1_000);
    const text = `${'Nom : a\nFinalité : b\n'.repeat(2)}${`Nom : a\n${filler}`.repeat(4)}Finalité : b\n${filler}`;
    expect(text.length).toBeGreaterThan(100_000);
    const lineCount = text.split('\n').length;
    // The work counted: colons looked for (one per label line read, String.prototype.search).
    const spy = vi.spyOn(String.prototype, 'search');
    try {
      readCharter(text);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(4 * lineCount);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps each cookie its own purpose, duration and category', () => {
    const text = [
      'Charte cookies',
      '',
      '## Liste des cookies',
      '',
      'Nom du cookie : _pk_ses.*',
      'Prestataire : Matomo',
      'Domaine : data.example.fr',
      "Catégorie : Mesure d'audience",
      'Durée de validité : 30 minutes',
      "Finalité : Mesure d'audience (visite en cours)",
      '',
      'Nom du cookie : sessionid',
      'Prestataire : Huwise',
      'Domaine : data.example.fr',
      'Catégorie : Strictement nécessaire',
      'Durée de validité : 2 semaines',
      "Finalité : Maintient la session de l'utilisateur",
    ].join('\n');
    const reading = readCharter(text);
    const byCookie = Object.fromEntries(reading.entries.map((entry) => [entry.cookie, entry]));
    expect(byCookie['_pk_ses.']).toMatchObject({
      provider: 'Matomo',
      duration: '30 minutes',
      purpose: "Mesure d'audience (visite en cours)",
      category: 'statistics',
    });
    expect(byCookie['sessionid']).toMatchObject({
      provider: 'Huwise',
      duration: '2 semaines',
      purpose: "Maintient la session de l'utilisateur",
      category: 'necessary',
    });
    expect(reading.entries).toHaveLength(2);
  });
});

// Models, not seen on a real portal (charter-formats.md lists no such shape; the five real charters hold none):
// a one-field-per-line record (a real variant: charter-formats.md) whose purpose goes on to an unlabelled line, as review parse8 of 2026-12-06 wrote them.
describe('readFieldRun: a value continued on the next line', () => {
  const lines = [
    'Nom du prestataire : Matomo',
    'Nom du cookie : _pk_id.*',
    'Durée : 13 mois',
    "Finalité : Mesure d'audience",
    'anonyme et agrégée.',
    'Nom du prestataire : Google',
    'Nom du cookie : _ga',
    'Finalité : Mesure',
  ];

  it('joins an unlabelled line right after a field to that field', () => {
    const run = readFieldRun(lines, 0);
    expect(run?.records.map((record) => record.cells.purpose)).toEqual(["Mesure d'audience anonyme et agrégée.", 'Mesure']);
    expect(run?.next).toBe(lines.length);
  });

  it('does not join a heading, nor a line after a blank line', () => {
    const withHeading = [...lines.slice(0, 4), '## Cookies tiers', ...lines.slice(5)];
    expect(readFieldRun(withHeading, 0)?.records.map((record) => record.cells.purpose)).toEqual(["Mesure d'audience"]);
    const withBlank = [...lines.slice(0, 4), '', 'Ces cookies sont déposés après votre accord.'];
    expect(readFieldRun(withBlank, 0)).toMatchObject({ next: 4, records: [{ cells: { purpose: "Mesure d'audience" } }] });
  });
});
