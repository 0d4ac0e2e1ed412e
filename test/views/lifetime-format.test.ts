import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  between,
  byDefault,
  DELETED_IMMEDIATELY,
  lasting,
  NOT_VERIFIED,
  notStatedBy,
  SESSION,
  type LifetimeUnit,
} from '../../src/core/registry/known-lifetime.ts';
import { parseStatedLifetime } from '../../src/core/report/duration.ts';
import { actualLifetimeUnit, formatFlaggedLifetime, formatLifetime, knownLifetimeWords } from '../../src/views/lifetime-format.ts';
import { localeTranslate } from '../support/locale-translate.ts';

describe('formatLifetime', () => {
  it('says a lifetime in the largest unit that gives at least two (one for years)', () => {
    expect(formatLifetime(14 * 86400, 'en')).toBe('14 days');
    expect(formatLifetime(365 * 86400, 'en')).toBe('1 year');
    expect(formatLifetime(730 * 86400, 'fr')).toBe('2 ans');
    expect(formatLifetime(60 * 86400, 'en')).toBe('2 months');
    expect(formatLifetime(90, 'en')).toBe('90 seconds');
    expect(formatLifetime(30 * 60, 'fr')).toBe('30 minutes');
    expect(formatLifetime(0, 'en')).toBe('0 seconds');
  });

  it('says it in days when months or years would be more than a day off', () => {
    expect(formatLifetime(400 * 86400, 'en')).toBe('400 days');
    expect(formatLifetime(800 * 86400, 'en')).toBe('800 days');
    expect(formatLifetime(186 * 86400, 'en')).toBe('186 days');
    // A leap year's 366 days: a day past 365, so in days (a charter's "365 days" flags it).
    expect(formatLifetime(366 * 86400, 'en')).toBe('366 days');
    // Within a day: the round form.
    expect(formatLifetime(729.5 * 86400, 'en')).toBe('2 years');
    expect(formatLifetime(180 * 86400 + 3600, 'en')).toBe('6 months');
  });

  it('gives a year a day’s slack on both sides', () => {
    expect(formatLifetime(365 * 86400 - 1, 'en')).toBe('1 year');
    expect(formatLifetime(364 * 86400 + 3600, 'en')).toBe('1 year');
    expect(formatLifetime(365 * 86400 + 3600, 'fr')).toMatch(/^1\san$/);
    expect(formatLifetime(364 * 86400, 'en')).toBe('364 days');
  });

  it('says any number of calendar months in a row as that many months, whatever day they start on', () => {
    // Every start day of three years, a leap one among them; a whole number of years reads in years.
    for (let months = 2; months <= 30; months++) {
      if (months % 12 === 0) continue;
      for (let day = Date.UTC(2023, 0, 1); day < Date.UTC(2026, 0, 1); day += 86400_000) {
        const start = new Date(day);
        // JavaScript's own month arithmetic (setUTCMonth), as a script setting an expiry "in 6 months" does it.
        const end = new Date(day);
        end.setUTCMonth(start.getUTCMonth() + months);
        if (end.getUTCDate() !== start.getUTCDate()) continue; // the 31st has no match in a shorter month
        const said = formatLifetime((end.getTime() - day) / 1000, 'en');
        expect(said, `${months} months from ${start.toISOString().slice(0, 10)}`).toBe(`${months} months`);
      }
    }
    // 183 days beside a charter's "6 months", 395 (Matomo's 13 months) beside "13 mois".
    expect(formatLifetime(183 * 86400, 'en')).toBe('6 months');
    expect(formatLifetime(395 * 86400, 'fr')).toMatch(/^13\smois$/);
  });

  it('never reads shorter than it is by more than a day: a flagged cookie never reads as its charter’s words', () => {
    // The words, read as a charter's would be (core/report/duration.ts: the most they can mean),
    // give a day's slack before a finding (core/report/findings.ts): the cookie would not be flagged against them.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 * 86400 }),
        fc.constantFrom('en', 'fr'),
        fc.constantFrom<LifetimeUnit>('year', 'month', 'day'),
        (seconds, language, largestUnit) => {
          const said = formatLifetime(seconds, language, largestUnit);
          const read = parseStatedLifetime(said);
          return read.kind === 'max' && seconds <= read.seconds + 86400;
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('says it in the unit its source uses, when asked, and never in a larger one', () => {
    expect(formatLifetime(90 * 86400, 'en')).toBe('3 months');
    expect(formatLifetime(90 * 86400, 'en', 'day')).toBe('90 days');
    expect(formatLifetime(365 * 86400, 'en', 'day')).toBe('365 days');
    expect(formatLifetime(365 * 86400, 'fr', 'month')).toMatch(/^12\smois$/);
    expect(formatLifetime(86400, 'en', 'hour')).toBe('24 hours');
  });
});

describe('formatFlaggedLifetime', () => {
  it('says a lifetime in years or days, never in months, which span days', () => {
    expect(formatFlaggedLifetime(730 * 86400, 'fr')).toMatch(/^2\sans$/);
    expect(formatFlaggedLifetime(92 * 86400, 'en')).toBe('92 days');
    expect(formatFlaggedLifetime(395 * 86400, 'en')).toBe('395 days');
    expect(formatFlaggedLifetime(3 * 3600, 'en')).toBe('3 hours');
  });
});

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
      // After « Durée habituelle : », in the lifetime's gender.
      'suppression immédiate',
      'non vérifiée',
      'non indiquée par Disqus',
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

describe('actualLifetimeUnit', () => {
  it('keeps the vendor’s days or months, and lets any unit say the rest', () => {
    expect(LIFETIMES.map(actualLifetimeUnit)).toEqual(['year', 'year', 'month', 'day', 'year', 'year', 'year', 'year', 'year']);
    expect(actualLifetimeUnit(lasting(90, 'day'))).toBe('day');
    expect(actualLifetimeUnit(null)).toBe('year');
  });
});
