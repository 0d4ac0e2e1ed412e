import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isUsableColumnSet,
  readPhraseHeader,
  readTablePhraseHeader,
  roleOfFieldLabel,
  roleOfHeaderCell,
} from '../../../src/core/charter/columns.ts';

describe('roleOfHeaderCell', () => {
  it.each([
    ['Nom du prestataire', 'provider'],
    ['Service et emplacement', 'service'],
    ['Nom du cookies', 'cookie'],
    ['Finalités', 'purpose'],
    ['Provider', 'provider'],
    ['Service provider’s name', 'provider'],
    ['Service and location', 'service'],
    ['Function and location', 'service'],
    ['Cookie name(s)', 'cookie'],
    ['Purposes', 'purpose'],
    ['Supplier name', 'provider'],
    ['Cookie name', 'cookie'],
    ['Duration', 'duration'],
    ['Function', 'purpose'],
    ['Prestataire', 'provider'],
    ['Nom du cookie', 'cookie'],
    ['Durée de conservation', 'duration'],
    ['Finalité', 'purpose'],
    ['**Cookie**', 'cookie'],
    ['Outil', 'provider'],
    ['Société', 'provider'],
    ['Company', 'provider'],
    ['Tool', 'provider'],
  ] as const)('reads “%s” as %s', (cell, role) => {
    expect(roleOfHeaderCell(cell)).toBe(role);
  });

  it('reads a category column', () => {
    for (const cell of ['Type', 'Type de cookie', 'Catégorie', 'Category']) expect(roleOfHeaderCell(cell)).toBe('category');
  });

  it('reads past known columns it does not use', () => {
    expect(roleOfHeaderCell('Consentement requis')).toBeNull();
    for (const cell of ['Domaine', 'Domain', 'Base légale', 'Legal basis', 'Exemple', 'Opt-out', 'More information']) {
      expect(roleOfHeaderCell(cell)).toBeNull();
    }
  });

  it('says unknown for data and for long text', () => {
    expect(roleOfHeaderCell('Opendatasoft')).toBe('unknown');
    expect(roleOfHeaderCell('_pk_id.*')).toBe('unknown');
    expect(roleOfHeaderCell('Permet de se souvenir du choix opéré par le visiteur concernant les cookies')).toBe('unknown');
  });
});

describe('readPhraseHeader', () => {
  it('reads a single-space French old-template header', () => {
    expect(readPhraseHeader('Nom du prestataire Service et emplacement Nom du cookies Finalités')).toEqual({
      columns: ['provider', 'service', 'cookie', 'purpose'],
      glued: false,
    });
  });

  it('reads a single-space English new-template header', () => {
    expect(readPhraseHeader('Supplier name Cookie name Duration Function')).toEqual({
      columns: ['provider', 'cookie', 'duration', 'purpose'],
      glued: false,
    });
  });

  it('reads an English old-template header with close wordings', () => {
    expect(readPhraseHeader("Service provider's name Function and location Cookie name(s) Purposes")).toEqual({
      columns: ['provider', 'service', 'cookie', 'purpose'],
      glued: false,
    });
  });

  it('reads headers whose cells run together, by case changes', () => {
    expect(readPhraseHeader('Nom du prestataireService et emplacementNom du cookiesFinalités')).toEqual({
      columns: ['provider', 'service', 'cookie', 'purpose'],
      glued: true,
    });
    expect(readPhraseHeader('Supplier nameCookie nameDurationFunction')).toEqual({
      columns: ['provider', 'cookie', 'duration', 'purpose'],
      glued: true,
    });
  });

  it('reads an all-lower-case glued header, backing off a greedy plural', () => {
    expect(readPhraseHeader('nom du prestataireservice et emplacementnom du cookiesfinalités')).toEqual({
      columns: ['provider', 'service', 'cookie', 'purpose'],
      glued: true,
    });
  });

  it('returns null when some text is not a header phrase', () => {
    expect(readPhraseHeader('Cookies fonctionnels')).toBeNull();
    expect(readPhraseHeader('Nom du prestataire et autres précisions')).toBeNull();
    expect(readPhraseHeader('')).toBeNull();
  });
});

describe('readTablePhraseHeader', () => {
  /** What it must give: readPhraseHeader's header when a table can be read under it. */
  const usable = (text: string) => {
    const header = readPhraseHeader(text);
    return header !== null && isUsableColumnSet(header.columns) ? header : null;
  };

  it('reads the headers a table can be read under, and no other line', () => {
    expect(readTablePhraseHeader('Nom du prestataireService et emplacementNom du cookiesFinalités')).toEqual({
      columns: ['provider', 'service', 'cookie', 'purpose'],
      glued: true,
    });
    expect(readTablePhraseHeader('Supplier name Cookie name Duration Function')).toEqual(
      usable('Supplier name Cookie name Duration Function'),
    );
    expect(readTablePhraseHeader('Cookies statistiques')).toBeNull();
    // Phrases all, but no purpose among them: no table under it.
    expect(readPhraseHeader('Nom du prestataire Nom du cookie')).not.toBeNull();
    expect(readTablePhraseHeader('Nom du prestataire Nom du cookie')).toBeNull();
  });

  it('reads a “Durée de validité” (“Validity”) or “Catégorie” (“Category”) column in a header without separators', () => {
    expect(readTablePhraseHeader('Nom du prestataire Nom du cookie Durée de validité Finalité')).toEqual({
      columns: ['provider', 'cookie', 'duration', 'purpose'],
      glued: false,
    });
    expect(readTablePhraseHeader('Supplier nameCookie nameValidityFunction')).toEqual({
      columns: ['provider', 'cookie', 'duration', 'purpose'],
      glued: true,
    });
    expect(readTablePhraseHeader('Nom du prestataire Catégorie Nom du cookie Finalité')?.columns).toEqual([
      'provider',
      'category',
      'cookie',
      'purpose',
    ]);
    expect(readTablePhraseHeader('Provider Cookie name Category Purpose')?.columns).toEqual(['provider', 'cookie', 'category', 'purpose']);
  });

  it('gives what readPhraseHeader gives when usable, for any text of header words, case changes and marks', () => {
    const pieces = fc.constantFrom(
      'Nom du ',
      'prestataire',
      'Prestataires',
      'Service',
      ' et emplacement',
      'Nom du cookie',
      's',
      'Finalités',
      'FINALITÉ',
      'Supplier',
      ' name',
      'Cookie',
      'Function',
      'Purpose',
      'Durée',
      '**',
      '__',
      '(s)',
      ' ',
      '|',
      'é',
      'x',
      'E\u0301',
      'Vendor',
      'Catégorie',
      'Type',
      ' de validité',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(readTablePhraseHeader(text)).toEqual(usable(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('roleOfFieldLabel', () => {
  it('names the role of a one-field-per-line label', () => {
    expect(roleOfFieldLabel('Nom du cookie')).toBe('cookie');
    expect(roleOfFieldLabel('Cookie name')).toBe('cookie');
    expect(roleOfFieldLabel('Durée')).toBe('duration');
    expect(roleOfFieldLabel('Provider')).toBe('provider');
  });

  it('names the labels a header reads too: Durée de validité, Validity, Catégorie, Category, Cookie type', () => {
    for (const label of ['Durée de validité', 'Validité', 'Validity period', 'Expires', 'Expiry date', 'Date d’expiration']) {
      expect(roleOfFieldLabel(label), label).toBe('duration');
    }
    for (const label of [
      'Catégorie',
      'Category',
      'Types',
      'Cookie type',
      'Cookie categories',
      'Catégorie de cookies',
      'Types de traceurs',
    ]) {
      expect(roleOfFieldLabel(label), label).toBe('category');
    }
  });

  it('refuses labels that are not one header phrase', () => {
    expect(roleOfFieldLabel('Last update')).toBeNull();
    expect(roleOfFieldLabel('Nom du cookie Finalité')).toBeNull();
  });
});

describe('isUsableColumnSet', () => {
  it('needs a provider, a cookie and a purpose, each once', () => {
    expect(isUsableColumnSet(['provider', 'service', 'cookie', 'purpose'])).toBe(true);
    expect(isUsableColumnSet(['provider', 'cookie', null, 'duration', 'purpose'])).toBe(true);
    expect(isUsableColumnSet(['provider', 'cookie', 'duration'])).toBe(false);
    expect(isUsableColumnSet(['cookie', 'purpose'])).toBe(false);
    expect(isUsableColumnSet(['provider', 'cookie', 'cookie', 'purpose'])).toBe(false);
  });
});

describe('header cells against data that shares their words', () => {
  it('does not take a data row with numbers or cookie names for a header', () => {
    expect(roleOfHeaderCell('Service 2')).toBe('unknown');
    expect(roleOfHeaderCell('cookie_3.*')).toBe('unknown');
    expect(roleOfHeaderCell('Finalité numéro 4 du cookie')).toBe('unknown');
    expect(roleOfHeaderCell('Cookie name(s)')).toBe('cookie');
  });
});
