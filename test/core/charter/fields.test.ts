import { describe, expect, it } from 'vitest';
import { readFieldLine, readFieldRun } from '../../../src/core/charter/fields.ts';

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
});
