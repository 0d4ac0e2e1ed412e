import { describe, expect, it } from 'vitest';
import {
  between,
  byDefault,
  DELETED_IMMEDIATELY,
  lasting,
  NOT_VERIFIED,
  notStatedBy,
  SESSION,
} from '../../src/core/registry/known-lifetime.ts';
import { knownLifetimeWords } from '../../src/views/lifetime-format.ts';
import { localeTranslate } from '../support/locale-translate.ts';

const LIFETIMES = [
  lasting(2, 'year'),
  lasting(24, 'hour'),
  byDefault(13, 'month', 'can be configured'),
  byDefault(30, 'day', 'modifiable'),
  between(30, 'second', 1, 'year'),
  SESSION,
  DELETED_IMMEDIATELY,
  NOT_VERIFIED,
  notStatedBy('Disqus'),
];

/** Spaces as plain spaces: Intl puts no-break ones in French, as its version has it. */
const said = (language: 'en' | 'fr') =>
  LIFETIMES.map((lifetime) => knownLifetimeWords(lifetime, localeTranslate(language), language).replace(/\s/g, ' '));

describe('knownLifetimeWords', () => {
  it('says a known tracker’s lifetime in French', () => {
    expect(said('fr')).toEqual([
      '2 ans',
      '24 heures',
      '13 mois par défaut, modifiable',
      '30 jours par défaut, modifiable',
      'de 30 secondes à 1 an',
      'fin de session',
      'supprimé aussitôt',
      'non vérifié',
      'non indiqué par Disqus',
    ]);
  });

  it('says it in English, one wording for every vendor', () => {
    expect(said('en')).toEqual([
      '2 years',
      '24 hours',
      '13 months by default, can be configured',
      '30 days by default, can be configured',
      '30 seconds to 1 year',
      'end of session',
      'deleted immediately',
      'not verified',
      'not stated by Disqus',
    ]);
  });
});
