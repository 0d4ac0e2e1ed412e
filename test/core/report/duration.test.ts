import { describe, expect, it, vi } from 'vitest';
import { MAX_CELL_LENGTH } from '../../../src/core/charter/limits.ts';
import { parseCharter } from '../../../src/core/charter/parse.ts';
import { emptySite, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { buildRegistry, withSiteCharter } from '../../../src/core/registry/registry.ts';
import {
  formatSeconds,
  longestMonthsSeconds,
  outlivesStated,
  parseStatedLifetime,
  sameStatedLifetime,
} from '../../../src/core/report/duration.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { browserCookie } from '../../support/cookies.ts';

const DAY = 86400;

describe('parseStatedLifetime', () => {
  it.each([
    ['2 weeks', 14 * DAY],
    ['2 weeks by default', 14 * DAY],
    ['13 mois', 397 * DAY],
    ['6 months', 184 * DAY],
    ['up to 12 months', 366 * DAY],
    ['1 an', 366 * DAY],
    ['2 ans', 2 * 366 * DAY],
    ['30 minutes', 1800],
    ['24 heures', 24 * 3600],
    ['13 months / 30 minutes', 397 * DAY],
    ['1,5 jours', 1.5 * DAY],
    ['thirteen months', 397 * DAY],
  ])('reads %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['quinze jours', 15 * DAY],
    ['quatorze jours', 14 * DAY],
    ['trente jours', 30 * DAY],
    ['trente et un jours', 31 * DAY],
    ['vingt-quatre heures', 24 * 3600],
    ['dix-huit mois', 550 * DAY],
    ['soixante-dix jours', 70 * DAY],
    ['quatre-vingt-dix jours', 90 * DAY],
    ['Un an', 366 * DAY],
    ['a year', 366 * DAY],
    ['a day', DAY],
    ['an hour', 3600],
    ['one year', 366 * DAY],
    ['fourteen days', 14 * DAY],
    ['twenty-four hours', 24 * 3600],
    ['ninety days', 90 * DAY],
    ['30 mn', 1800],
    ['vingt-et-un jours', 21 * DAY],
    ['a one-year cookie', 366 * DAY],
    ['24-hour', 24 * 3600],
  ])('reads the number word or unit of %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['soixante et onze jours', 71 * DAY],
    ['vingt quatre heures', 24 * 3600],
    ['twenty four hours', 24 * 3600],
    ['dix huit mois', 550 * DAY],
    ['quatre vingt jours', 80 * DAY],
    ['soixante dix jours', 70 * DAY],
    ['quatre-vingt dix jours', 90 * DAY],
    ['trente deux jours', 32 * DAY],
  ])('reads number words written apart as one number: %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each(['cent vingt jours', 'trois cent quatre-vingt-dix jours', 'two hundred days', 'deux trois jours'])(
    'says unknown for number words it cannot add up (%j), never the last word alone',
    (text) => {
      expect(parseStatedLifetime(text)).toEqual({ kind: 'unknown' });
    },
  );

  it.each([
    ['1 an et demi', 550 * DAY],
    ['six mois et demi', 184 * DAY + 15.5 * DAY],
    ['2 hours and a half', 2.5 * 3600],
    ['deux ans et demi', 916 * DAY],
  ])('adds half the last unit for "et demi", "and a half": %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['half a year', 184 * DAY],
    ['Half a year', 184 * DAY],
    ['a half year', 184 * DAY],
    ['half-year', 184 * DAY],
    ['half an hour', 1800],
    ['half a day', 12 * 3600],
    ['1/2 an', 184 * DAY],
    ['1/2 year', 184 * DAY],
    ['½ an', 184 * DAY],
    ['une demi-année', 184 * DAY],
    ['une demi-heure', 1800],
    ['une demi-journée', 12 * 3600],
    ['quarter of a year', 92 * DAY],
    ['a quarter of an hour', 900],
    ["un quart d'heure", 900],
    ['trois quarts d’heure', 2700],
    ['un quart d heure', 900],
    ['½ d', 12 * 3600],
    ['three quarters of an hour', 2700],
  ])('reads a fraction of a unit, %j, as that fraction of it, not a whole one or more', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['one and a half years', 550 * DAY],
    ['two and a half hours', 2.5 * 3600],
    ['1 and a half years', 550 * DAY],
    ['1 1/2 years', 550 * DAY],
    ['1½ ans', 550 * DAY],
    ['1 an 1/2', 550 * DAY],
    ['1 an et 1/2', 550 * DAY],
    ['1 mois ½', 31 * DAY + 15.5 * DAY],
    ['une heure et quart', 3600 + 900],
    ['1 and ½ year', 550 * DAY],
    ['1 and 1/2 year', 550 * DAY],
    ['one and 1/2 year', 550 * DAY],
    ['1 et 1/2 an', 550 * DAY],
    ['1 et ½ an', 550 * DAY],
  ])('adds a fraction to the whole amount or unit before it: %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each(['1 and ½ year', '1 and 1/2 year', 'one and 1/2 year', '1 et 1/2 an', '1 et ½ an'])(
    'never reads a digit fraction after "and" / "et", %j, as the fraction alone: a 300-day cookie does not outlive it',
    (text) => {
      expect(outlivesStated(parseStatedLifetime(text), 300 * DAY)).toBe(false);
    },
  );

  it.each(["½ an d'inactivité", "1/2 an d'inactivité", 'un demi an d’inactivité', '½ an d’existence'])(
    'reads "an" before an elided "d\'" / "d’" (French "de", never the unit d), %j, as the year: half a year',
    (text) => {
      expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds: 184 * DAY });
      expect(outlivesStated(parseStatedLifetime(text), 5 * 365 * DAY)).toBe(true);
    },
  );

  it('reads a slash between numbers that make no fraction, or before a plural unit, as the larger amount it may also mean', () => {
    // "1/2 ans" may be "1 or 2 years"; "30/60 jours" is no fraction.
    expect(parseStatedLifetime('1/2 ans')).toEqual({ kind: 'max', seconds: 2 * 366 * DAY });
    expect(parseStatedLifetime('30/60 jours')).toEqual({ kind: 'max', seconds: 60 * DAY });
    expect(parseStatedLifetime('3/2 ans')).toEqual({ kind: 'max', seconds: 2 * 366 * DAY });
  });

  it('reads a slash before "mois" or "an(s)", singular or plural, as the larger amount it may also mean', () => {
    // "1/2 mois" may be "1 or 2 months", "2/3 mois" "2 or 3 months", "1/2 an(s)" "1 or 2 years".
    expect(parseStatedLifetime('1/2 mois')).toEqual({ kind: 'max', seconds: 62 * DAY });
    expect(parseStatedLifetime('1/3 mois')).toEqual({ kind: 'max', seconds: 92 * DAY });
    expect(parseStatedLifetime('2/3 mois')).toEqual({ kind: 'max', seconds: 92 * DAY });
    expect(parseStatedLifetime('1/2 an(s)')).toEqual({ kind: 'max', seconds: 2 * 366 * DAY });
    expect(outlivesStated(parseStatedLifetime('2/3 mois'), 60 * DAY)).toBe(false);
    expect(outlivesStated(parseStatedLifetime('1/2 an(s)'), 400 * DAY)).toBe(false);
    // Singular "an" and "heure" say one: a half.
    expect(parseStatedLifetime('1/2 an')).toEqual({ kind: 'max', seconds: 184 * DAY });
    expect(parseStatedLifetime('1/2 heure')).toEqual({ kind: 'max', seconds: 1800 });
  });

  it.each([
    ['2/3 j', 3 * DAY],
    ['2/3j', 3 * DAY],
    ['4/5 j', 5 * DAY],
    ['2/3 d', 3 * DAY],
    ['2/3 mo', 92 * DAY],
    ['2/3 h', 3 * 3600],
    ['2/3 min', 3 * 60],
    ['1/2 sec', 2],
    ['1/2 wk', 14 * DAY],
    ['1/2 yr', 2 * 366 * DAY],
    ['2/3 jours', 3 * DAY],
  ])('reads a slash before an abbreviated unit, one or several alike, %j, as the larger amount it may also mean', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it('does not flag a 2.5-day cookie declared "2/3 j" (2 or 3 days), as for "2/3 jours"', () => {
    expect(outlivesStated(parseStatedLifetime('2/3 jours'), 2.5 * DAY)).toBe(false);
    expect(outlivesStated(parseStatedLifetime('2/3 j'), 2.5 * DAY)).toBe(false);
  });

  it.each([
    ['30 minutes 2/3 ans', 3 * 366 * DAY],
    ['2 jours 2/3 ans', 3 * 366 * DAY],
    ['13 mois 1/2 ans', 2 * 366 * DAY],
    ['6 mois 1/2 ans', 2 * 366 * DAY],
    ['30 minutes ½ an', 184 * DAY],
    ['1 an 1/2 mois', 366 * DAY + 62 * DAY],
    ['1 an et 1/2 ans', 2 * 366 * DAY],
    ['2 jours et 2/3 ans', 3 * 366 * DAY],
    ['1 an 1/2 an', 550 * DAY],
    ['1 an et 1/2 an', 550 * DAY],
    ['1 an 1/2 heure', 366 * DAY + 1800],
  ])('reads a fraction after a unit and before another, %j, as the next lifetime, not a fraction of the unit before', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['1 an et 1 mois', 366 * DAY + 31 * DAY],
    ['un an et six mois', 366 * DAY + 184 * DAY],
    ['1 year and 1 month', 366 * DAY + 31 * DAY],
    ['2 hours and 30 minutes', 2 * 3600 + 1800],
    ['1 jour et 12 heures', DAY + 12 * 3600],
    ['1 an 6 mois', 366 * DAY + 184 * DAY],
  ])('adds up the parts of %j, largest unit first', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['1 an + 1 mois', (366 + 31) * DAY],
    ['1 an+1 mois', (366 + 31) * DAY],
    ['1 year & 1 month', (366 + 31) * DAY],
    ['1 an plus 1 mois', (366 + 31) * DAY],
    ['12 mois + 30 jours', (366 + 30) * DAY],
    ['2 hours & a half', 2.5 * 3600],
    ['1 year, 1 month & 4 days', (366 + 31 + 4) * DAY],
    ['1 an, 1 mois + 4 jours', (366 + 31 + 4) * DAY],
  ])('adds up the parts of %j, "+", "&" and "plus" between them as "et" / "and"', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['pas plus de 13 mois', 397 * DAY],
    ['13 mois maximum, plus jamais', 397 * DAY],
    ['13 mois, plus jamais', 397 * DAY],
    ['13 mois plus tard', 397 * DAY],
    ['plus 1 mois', 31 * DAY],
    ['1 + 1 mois', 31 * DAY],
    ['entre 1 jour + 13 mois', 397 * DAY],
  ])('joins nothing with "plus", "+" or "&" not standing between two parts: %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['6 mois + 6 mois', 366 * DAY],
    ['7 jours + 7 jours', 14 * DAY],
    ['7 days & 7 days', 14 * DAY],
    ['6 mois plus 6 mois', 366 * DAY],
    ['6 mois, plus 1 mois de grâce', 215 * DAY],
    ['1 an + 6 mois + 6 mois', 2 * 366 * DAY],
    ['6 mois, 6 mois + 6 mois', 366 * DAY],
  ])('adds a part of the same unit after an explicit "+", "&" or "plus": %j (months as one run of months)', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    ['13 mois, 25 mois', longestMonthsSeconds(25)],
    ['13 mois et 25 mois', longestMonthsSeconds(25)],
    ['entre 6 mois et 12 mois', 366 * DAY],
    ['7 jours 7 jours', 7 * DAY],
  ])('adds no part of the same unit without a sign: %j (alternatives, a range)', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each([
    '1 an & plus',
    '1 an et plus',
    '1 year or more',
    '1 an ou plus',
    '13 mois et plus',
    '1 year and more.',
    '2 ans ou plus (selon le navigateur)',
    '30 minutes / 1 an et plus',
    '1 an, ou plus',
    '13 mois et plus\n30 minutes',
  ])('reads an open-ended lifetime, %j, as unknown: no upper bound', (text) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'unknown' });
  });

  it.each([
    ['13 mois et plus jamais', 397 * DAY],
    ['1 an ou plus selon le navigateur', 366 * DAY],
    ['1 an et plus 1 mois', (366 + 31) * DAY],
    ['pas plus de 13 mois', 397 * DAY],
    ['1 an et plus à vérifier', 366 * DAY],
    ['plus ou moins 1 an', 366 * DAY],
  ])('reads "et plus" / "or more" as open-ended only where the statement ends: %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it('reads parts going up ("entre 1 jour et 13 mois") as a range, not a sum, and parts apart as alternatives', () => {
    expect(parseStatedLifetime('entre 1 jour et 13 mois')).toEqual({ kind: 'max', seconds: 397 * DAY });
    expect(parseStatedLifetime('between 30 minutes and 2 hours')).toEqual({ kind: 'max', seconds: 2 * 3600 });
    expect(parseStatedLifetime('1 an, 1 mois')).toEqual({ kind: 'max', seconds: 366 * DAY });
    expect(parseStatedLifetime('13 mois (1 an et 1 mois)')).toEqual({ kind: 'max', seconds: 397 * DAY });
  });

  it.each([
    // datamarketplace.gov.uk states `_ga`'s 400 days (Chromium's cap) so: a year, a month and four days at most.
    ['1 year, 1 month and 4 days', (366 + 31 + 4) * DAY],
    ['1 an, 1 mois et 4 jours', (366 + 31 + 4) * DAY],
    ['1 year, 1 month, and 4 days', (366 + 31 + 4) * DAY],
    ['1 an, 1 mois, et 4 jours', (366 + 31 + 4) * DAY],
    ['one year, one month and four days', (366 + 31 + 4) * DAY],
    ['1 year, and 1 month', (366 + 31) * DAY],
    ['2 hours, 30 minutes and 10 seconds', 2 * 3600 + 1800 + 10],
  ])('reads a comma list whose last part follows "and" / "et", %j, as one sum', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it('keeps parts apart with a comma and no "and" / "et" before the last as alternatives, and a larger unit after "and" as a range', () => {
    expect(parseStatedLifetime('1 an, 1 mois')).toEqual({ kind: 'max', seconds: 366 * DAY });
    expect(parseStatedLifetime('13 mois, 30 minutes')).toEqual({ kind: 'max', seconds: 397 * DAY });
    expect(parseStatedLifetime('13 mois, 30 minutes et 2 heures')).toEqual({ kind: 'max', seconds: 397 * DAY });
    expect(parseStatedLifetime('1 an pour _ga, 1 mois pour _gid et 4 jours')).toEqual({ kind: 'max', seconds: 366 * DAY });
    expect(parseStatedLifetime('13 mois / 30 minutes, et 2 jours')).toEqual({ kind: 'max', seconds: 397 * DAY });
    expect(parseStatedLifetime('1 an, trente et un jours')).toEqual({ kind: 'max', seconds: 366 * DAY });
  });

  it('reads months as the most days that many calendar months in a row hold, so "13 mois" does not cover 400 days', () => {
    // Every run of months from every first month of 2000 to 2031, leap years included: the longest is what the words can mean.
    for (let months = 1; months <= 48; months++) {
      let longest = 0;
      for (let year = 2000; year <= 2031; year++) {
        for (let first = 0; first < 12; first++) longest = Math.max(longest, Date.UTC(year, first + months, 1) - Date.UTC(year, first, 1));
      }
      const read = longestMonthsSeconds(months);
      expect(read, `${months} months`).toBeGreaterThanOrEqual(longest / 1000);
      if (months <= 13) expect(read, `${months} months`).toBe(longest / 1000);
    }
    expect(parseStatedLifetime('13 mois')).toEqual({ kind: 'max', seconds: 397 * DAY });
    expect(parseStatedLifetime('1 mois')).toEqual({ kind: 'max', seconds: 31 * DAY });
    expect(parseStatedLifetime('1,5 mois')).toEqual({ kind: 'max', seconds: 31 * DAY + 15.5 * DAY });
    // A year and a month is thirteen months, whichever way the charter writes it.
    expect(parseStatedLifetime('1 an et 1 mois')).toEqual(parseStatedLifetime('13 mois'));
  });

  it('reads session lifetimes', () => {
    expect(parseStatedLifetime('Session')).toEqual({ kind: 'session' });
    expect(parseStatedLifetime('durée de la session')).toEqual({ kind: 'session' });
  });

  it.each([
    "Jusqu'à la fermeture du navigateur",
    'Expire à la fermeture du navigateur',
    'À la fermeture de votre navigateur',
    'Supprimé quand vous quittez votre navigateur',
    'When the browser closes',
    'Until the browser is closed',
    'Deleted when you close your browser',
    'Expires on browser close',
    'until you quit the browser',
  ])('reads a lifetime that ends when the browser closes, %j, as the session', (text) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'session' });
  });

  it('reads a number word after other words, and a unit right after the number', () => {
    expect(parseStatedLifetime('kept for two weeks')).toEqual({ kind: 'max', seconds: 14 * DAY });
    expect(parseStatedLifetime('13mois')).toEqual({ kind: 'max', seconds: 397 * DAY });
    expect(parseStatedLifetime('Token reset for each session. Up to 12 months')).toEqual({ kind: 'max', seconds: 366 * DAY });
  });

  it('needs only spaces between an amount and its unit', () => {
    expect(parseStatedLifetime('12 / months')).toEqual({ kind: 'unknown' });
  });

  it('reads long runs of digits, letters and numbers without a lifetime in them as unknown', () => {
    // Each as long as a charter cell can be (MAX_CELL_LENGTH, 10,000 characters) or nearly.
    expect(parseStatedLifetime(`${'1'.repeat(9_990)} days`)).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime('a'.repeat(10_000))).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime('1.'.repeat(5_000))).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime(`${'1 '.repeat(4_995)}jours`)).toEqual({ kind: 'max', seconds: DAY });
    expect(parseStatedLifetime(`${'close the '.repeat(999)}window`)).toEqual({ kind: 'unknown' });
    // Number words that make no number together: unreadable, never the last one's amount.
    expect(parseStatedLifetime(`${'vingt-'.repeat(1_660)}jours`)).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime(`${'trente et '.repeat(999)}un jours`)).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime('1 an et '.repeat(1_250))).toEqual({ kind: 'max', seconds: 366 * DAY });
    // A sign adds parts of the same unit too: 1,428 years, 1,000 years, 1,100 half-years (550 years).
    expect(parseStatedLifetime('1 an + '.repeat(1_428))).toEqual({ kind: 'max', seconds: 1_428 * 366 * DAY });
    expect(parseStatedLifetime('6 mois + '.repeat(1_100))).toEqual({ kind: 'max', seconds: 550 * 366 * DAY });
    expect(parseStatedLifetime('1 an plus '.repeat(1_000))).toEqual({ kind: 'max', seconds: 1_000 * 366 * DAY });
    expect(parseStatedLifetime(`${' '.repeat(9_999)}x`)).toEqual({ kind: 'unknown' });
    // Comma lists: kept open through every comma, summed only after "and".
    expect(parseStatedLifetime('1 an, '.repeat(1_666))).toEqual({ kind: 'max', seconds: 366 * DAY });
    expect(parseStatedLifetime(`1 an, ${'1, '.repeat(3_328)}et 1 mois`)).toEqual({ kind: 'max', seconds: 366 * DAY });
    expect(parseStatedLifetime(`1 year, 1 month${', and'.repeat(1_600)} 4 days`)).toEqual({ kind: 'max', seconds: (366 + 31 + 4) * DAY });
    expect(parseStatedLifetime('1 year, 1 month and 4 days, '.repeat(357))).toEqual({ kind: 'max', seconds: (366 + 31 + 4) * DAY });
    // Fractions: each read once, whatever follows.
    expect(parseStatedLifetime('half of a '.repeat(1_000))).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime(`${'1/2 '.repeat(2_499)}an`)).toEqual({ kind: 'max', seconds: 184 * DAY });
    expect(parseStatedLifetime(`${'½'.repeat(9_990)} an`)).toEqual({ kind: 'max', seconds: 184 * DAY });
  });

  it.each([
    ['31 536 000 secondes', 31_536_000],
    ['31 449 600 secondes', 31_449_600],
    ['31\u00a0449\u00a0600 secondes', 31_449_600],
    ['1\u202f209\u202f600 secondes', 1_209_600],
    ['1 209 600 seconds', 1_209_600],
    ['86 400 s', 86_400],
    ['1,209,600 seconds', 1_209_600],
    ['31,536,000 seconds', 31_536_000],
    ['1.209.600 secondes', 1_209_600],
    ['1,209,600.5 seconds', 1_209_600.5],
    ['1.209.600,5 secondes', 1_209_600.5],
    ['1 209 600,5 secondes', 1_209_600.5],
    ['30 minutes / 31 536 000 secondes', 31_536_000],
  ])('reads %j, a number written with thousands separators, as one number', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it('joins only groups of exactly three digits, one space or one separator apart, after one to three digits', () => {
    // Two spaces, or a group of other than three digits: two numbers, the last one's amount, as before.
    expect(parseStatedLifetime('2  100 jours')).toEqual({ kind: 'max', seconds: 100 * DAY });
    expect(parseStatedLifetime('1 2345 secondes')).toEqual({ kind: 'max', seconds: 2345 });
    expect(parseStatedLifetime('1 20 jours')).toEqual({ kind: 'max', seconds: 20 * DAY });
    expect(parseStatedLifetime('1234 567 secondes')).toEqual({ kind: 'max', seconds: 567 });
    // A list of numbers a space apart: the last number begins no grouped one (a reviewer's case, was 90,365 days).
    expect(parseStatedLifetime('7 30 90 365 jours')).toEqual({ kind: 'max', seconds: 365 * DAY });
    expect(parseStatedLifetime('1 000 1 000 s')).toEqual({ kind: 'max', seconds: 1000 });
    expect(parseStatedLifetime('1 1/2 ans')).toEqual({ kind: 'max', seconds: 550 * DAY });
    // One group after a comma or a dot is thousands when the other one follows as the decimal point.
    expect(parseStatedLifetime('1,209.6 seconds')).toEqual({ kind: 'max', seconds: 1209.6 });
    expect(parseStatedLifetime('1.209,5 secondes')).toEqual({ kind: 'max', seconds: 1209.5 });
    expect(parseStatedLifetime('1,5 an, 2 ans')).toEqual({ kind: 'max', seconds: 2 * 366 * DAY });
    // Past 15 digits no amount, however it is written: unknown, never the last group's.
    expect(parseStatedLifetime('1 000 000 000 000 000 secondes')).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime('1,000,000,000,000,000 seconds')).toEqual({ kind: 'unknown' });
  });

  it('keeps reading one group after a comma or dot as a decimal before a French unit or after a dot ("1,500 an": one and a half years)', () => {
    expect(parseStatedLifetime('1,500 an')).toEqual({ kind: 'max', seconds: 550 * DAY });
    expect(parseStatedLifetime('1,500 secondes')).toEqual({ kind: 'max', seconds: 1.5 });
    expect(parseStatedLifetime('2,500 jours')).toEqual({ kind: 'max', seconds: 2.5 * DAY });
    expect(parseStatedLifetime('1.500 years')).toEqual({ kind: 'max', seconds: 550 * DAY });
    expect(parseStatedLifetime('1,5 an')).toEqual({ kind: 'max', seconds: 550 * DAY });
    expect(parseStatedLifetime('1,50 seconds')).toEqual({ kind: 'max', seconds: 1.5 });
  });

  it('reads one group after a comma as thousands before an English unit ("604,800 seconds": seven days)', () => {
    expect(parseStatedLifetime('604,800 seconds')).toEqual({ kind: 'max', seconds: 604_800 });
    expect(parseStatedLifetime('86,400 s')).toEqual({ kind: 'max', seconds: 86_400 });
    expect(parseStatedLifetime('43,200 minutes')).toEqual({ kind: 'max', seconds: 43_200 * 60 });
    expect(parseStatedLifetime('8,760 hours')).toEqual({ kind: 'max', seconds: 8_760 * 3600 });
    expect(parseStatedLifetime('1,095 days')).toEqual({ kind: 'max', seconds: 1_095 * DAY });
    expect(parseStatedLifetime('1,000-day cookie')).toEqual({ kind: 'max', seconds: 1_000 * DAY });
    expect(parseStatedLifetime('Expires after 604,800 seconds (7 days)')).toEqual({ kind: 'max', seconds: 604_800 });
  });

  it('keeps one comma group after a 0 a decimal before any unit ("0,500 h": half an hour), as no thousands begin with 0', () => {
    expect(parseStatedLifetime('0,500 h')).toEqual({ kind: 'max', seconds: 1800 });
    expect(parseStatedLifetime('0,750 hours')).toEqual({ kind: 'max', seconds: 2700 });
    expect(parseStatedLifetime('0,500 seconds')).toEqual({ kind: 'max', seconds: 0.5 });
    expect(parseStatedLifetime('00,500 days')).toEqual({ kind: 'max', seconds: 0.5 * DAY });
  });

  it('reads two numbers a space apart as a list when joined they would be no lifetime ("30 365 jours")', () => {
    expect(parseStatedLifetime('30 365 jours')).toEqual({ kind: 'max', seconds: 365 * DAY });
    expect(parseStatedLifetime('90 400 days')).toEqual({ kind: 'max', seconds: 400 * DAY });
    // Thousands a space apart still join when the lifetime they make is one.
    expect(parseStatedLifetime('31 449 600 secondes')).toEqual({ kind: 'max', seconds: 31_449_600 });
    expect(parseStatedLifetime('86 400 secondes')).toEqual({ kind: 'max', seconds: 86_400 });
    expect(parseStatedLifetime('525 600 minutes')).toEqual({ kind: 'max', seconds: 525_600 * 60 });
    expect(parseStatedLifetime('3 650 jours')).toEqual({ kind: 'max', seconds: 3_650 * DAY });
    // A group beginning with 0 is no number of its own: thousands, whatever they make.
    expect(parseStatedLifetime('50 000 jours')).toEqual({ kind: 'max', seconds: 50_000 * DAY });
    expect(parseStatedLifetime('7 30 90 365 jours')).toEqual({ kind: 'max', seconds: 365 * DAY });
  });

  it('reads a whole run of space groups joined or as a list, never its last groups joined ("2 147 483 647 secondes")', () => {
    // Joined, 2,147,483,647 s is 68 years: past 30, so the four numbers are a list, the last 647 s;
    // "483 647" (5.6 days), joined from the middle of the run, is neither reading.
    expect(parseStatedLifetime('2 147 483 647 secondes')).toEqual({ kind: 'max', seconds: 647 });
    expect(parseStatedLifetime('1 000 000 000 secondes')).toEqual({ kind: 'max', seconds: 1_000_000_000 });
    expect(parseStatedLifetime('30 365 400 jours')).toEqual({ kind: 'max', seconds: 400 * DAY });
    // A list begun by numbers of other than three digits goes on over the groups after them.
    expect(parseStatedLifetime('1 2 147 483 647 secondes')).toEqual({ kind: 'max', seconds: 647 });
    expect(parseStatedLifetime('7 30 90 365 400 days')).toEqual({ kind: 'max', seconds: 400 * DAY });
    // After a run read as a list, a number a space apart begins a run of its own.
    expect(parseStatedLifetime('30 365 jours, 86 400 secondes')).toEqual({ kind: 'max', seconds: 365 * DAY });
    expect(parseStatedLifetime('30 365 jours 86 400 secondes')).toEqual({ kind: 'max', seconds: 365 * DAY + 86_400 });
  });

  it('reads thousands groups in linear time, a cell of them as unknown', () => {
    expect(parseStatedLifetime(`1${' 000'.repeat(2_400)} secondes`)).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime(`1${',000'.repeat(2_400)} seconds`)).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime(`1${'.000'.repeat(2_400)}`)).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime('1 000 s, '.repeat(1_100))).toEqual({ kind: 'max', seconds: 1000 });
  });

  it('reads a run of space groups refused as joined once, not once a group: work linear in the text', () => {
    // The work counted: characters copied out of the text (String.prototype.slice), which reading
    // a run of groups does once for the whole run; read again from each group, it grows as its square.
    const copied = (text: string) => {
      const spy = vi.spyOn(String.prototype, 'slice');
      try {
        const stated = parseStatedLifetime(text);
        const characters = spy.mock.results.reduce((sum, result) => sum + (typeof result.value === 'string' ? result.value.length : 0), 0);
        return { stated, characters };
      } finally {
        spy.mockRestore();
      }
    };
    for (const [text, seconds] of [
      [`1${' 111'.repeat(2_400)} jours`, 111 * DAY],
      [`9${' 999'.repeat(2_400)} secondes`, 999],
      [`7 30${' 365'.repeat(2_000)} days`, 365 * DAY],
    ] as const) {
      expect(text.length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
      const { stated, characters } = copied(text);
      expect(stated).toEqual({ kind: 'max', seconds });
      expect(characters).toBeLessThanOrEqual(3 * text.length);
    }
  });

  it('reads a text longer than a charter cell can be as unknown, whatever it states', () => {
    expect(parseStatedLifetime(`13 mois${' '.repeat(MAX_CELL_LENGTH - 7)}`)).toEqual({ kind: 'max', seconds: 397 * DAY });
    expect(parseStatedLifetime(`13 mois${' '.repeat(MAX_CELL_LENGTH - 6)}`)).toEqual({ kind: 'unknown' });
  });

  it('says unknown rather than guessing', () => {
    for (const text of [null, '', 'persistent', 'variable', 'see vendor']) expect(parseStatedLifetime(text)).toEqual({ kind: 'unknown' });
  });

  it('formats seconds for evidence', () => {
    expect(formatSeconds(14 * DAY)).toBe('14 days');
    expect(formatSeconds(3 * 3600)).toBe('3 h');
    expect(formatSeconds(1800)).toBe('30 min');
    expect(formatSeconds(30)).toBe('30 s');
  });
});

describe('a lifetime written with thousands separators, from charter to findings', () => {
  it('makes no lifetime finding for a csrftoken living exactly the "31 449 600 secondes" its charter states', () => {
    const now = 1_700_000_000_000;
    const host = 'demo.opendatasoft.com';
    const charter = parseCharter(
      '| Supplier name | Cookie name | Duration | Function |\n|---|---|---|---|\n| Huwise | csrftoken | 31 449 600 secondes | CSRF |\n',
    );
    const registry = withSiteCharter(buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() }), host, charter, 'live');
    const site = emptySite(host, '0');
    recordCookieChange(site, browserCookie({ name: 'csrftoken', domain: host, expirationDate: now / 1000 + 31_449_600 }), false, now);
    expect(buildReport(site, registry, now).findings.map((finding) => `${finding.kind} ${finding.cookie}`)).toEqual([]);
  });
});

describe('a lifetime whose parts a sign joins, from charter to findings', () => {
  it('makes no lifetime finding for a 393-day _pk_id its charter states as "1 an + 1 mois"', () => {
    const now = 1_700_000_000_000;
    const host = 'data.example.org';
    const charter = parseCharter(
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n| Matomo | _pk_id | 1 an + 1 mois | Statistiques |\n',
    );
    const registry = withSiteCharter(buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() }), host, charter, 'live');
    const site = emptySite(host, '0');
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.abcd', domain: host, expirationDate: now / 1000 + 393 * DAY }), false, now);
    // Set before any choice here (a before-consent finding, not what this is about): its lifetime alone is looked at.
    const lifetime = buildReport(site, registry, now).findings.filter((finding) => finding.kind === 'lifetime');
    expect(lifetime.map((finding) => finding.evidence)).toEqual([]);
  });
});

describe('a lifetime of same-unit parts a sign joins, or open-ended, from charter to findings', () => {
  const now = 1_700_000_000_000;
  const host = 'data.example.org';
  const lifetimeEvidence = (duration: string, days: number) => {
    const charter = parseCharter(
      `| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n| Matomo | _pk_id | ${duration} | Statistiques |\n`,
    );
    const registry = withSiteCharter(buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() }), host, charter, 'live');
    const site = emptySite(host, '0');
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.abcd', domain: host, expirationDate: now / 1000 + days * DAY }), false, now);
    return buildReport(site, registry, now)
      .findings.filter((finding) => finding.kind === 'lifetime')
      .map((finding) => finding.cookie);
  };

  it.each([
    ['6 mois + 6 mois', 365],
    ['7 jours + 7 jours', 14],
    ['6 mois, plus 1 mois de grâce', 212],
    ['1 an & plus', 730],
    ['1 an et plus', 730],
    ['1 year or more', 730],
    ['13 mois et plus', 730],
  ])('makes no lifetime finding for a cookie its charter states as %j living %i days', (duration, days) => {
    expect(lifetimeEvidence(duration, days)).toEqual([]);
  });

  it('still flags a cookie outliving the sum: 400 days against "6 mois + 6 mois"', () => {
    expect(lifetimeEvidence('6 mois + 6 mois', 400)).toEqual(['_pk_id.1.abcd']);
  });
});

describe('sameStatedLifetime: one duration in two languages', () => {
  it('finds a lifetime and its translation the same, by what they state', () => {
    expect(sameStatedLifetime('13 mois', '13 months')).toBe(true);
    expect(sameStatedLifetime('2 semaines', '2 weeks')).toBe(true);
    expect(sameStatedLifetime('Session', 'Jusqu’à la fermeture du navigateur')).toBe(true);
    expect(sameStatedLifetime(null, null)).toBe(true);
  });

  it('tells lifetimes that state other spans apart, and a duration given from none', () => {
    expect(sameStatedLifetime('13 mois', '25 months')).toBe(false);
    expect(sameStatedLifetime('Session', '1 year')).toBe(false);
    expect(sameStatedLifetime(null, '1 year')).toBe(false);
    expect(sameStatedLifetime('1 an', null)).toBe(false);
  });

  it('cannot compare words it does not read as a lifetime: those are no change', () => {
    expect(sameStatedLifetime('Persistant', 'Persistent')).toBe(true);
    expect(sameStatedLifetime('Persistant', '1 year')).toBe(true);
  });
});

/** The evidence of the lifetime findings for a _pk_id living `days`, its charter's duration cell `cell`. */
function lifetimeEvidence(cell: string, days: number): string[] {
  const now = 1_700_000_000_000;
  const host = 'data.example.org';
  const charter = parseCharter(
    `| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n| Matomo | _pk_id | ${cell} | Statistiques |\n`,
  );
  const registry = withSiteCharter(buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() }), host, charter, 'live');
  const site = emptySite(host, '0');
  recordCookieChange(site, browserCookie({ name: '_pk_id.1.abcd', domain: host, expirationDate: now / 1000 + days * DAY }), false, now);
  return buildReport(site, registry, now)
    .findings.filter((finding) => finding.kind === 'lifetime')
    .map((finding) => finding.evidence);
}

describe('the browser closing, said with the French verb "fermer"', () => {
  it.each([
    'Supprimé lorsque vous fermez votre navigateur',
    'Expire quand vous fermez le navigateur',
    "Jusqu'à ce que vous fermiez votre navigateur",
    'Effacé si on ferme le navigateur',
    'Supprimé en fermant votre navigateur',
  ])('reads %j as the session, as "when you close your browser" is', (text) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'session' });
  });

  it.each([
    'Supprimé lorsque vous fermerez votre navigateur',
    'Ce cookie sera effacé dès que vous fermerez le navigateur',
    "Supprimé lorsque l'utilisateur fermera son navigateur",
    'Effacé quand les visiteurs fermeront leur navigateur',
    'Supprimé lorsque vous quitterez votre navigateur',
    "Jusqu'à ce que le navigateur soit fermé",
    'Supprimé quand le navigateur est fermé',
    'Expire navigateur fermé',
  ])('reads %j, the future tense or the participle, as the session', (text) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'session' });
  });

  it('keeps a participle of the closing unknown after a negation: "N\'est pas supprimé quand le navigateur est fermé"', () => {
    expect(parseStatedLifetime("N'est pas supprimé quand le navigateur est fermé")).toEqual({ kind: 'unknown' });
  });

  it('flags a 1-year _pk_id stated "Supprimé lorsque vous fermerez votre navigateur"', () => {
    expect(lifetimeEvidence('Supprimé lorsque vous fermerez votre navigateur', 365)).toHaveLength(1);
  });

  it('keeps words that close no browser unknown', () => {
    expect(parseStatedLifetime('Fermez la fenêtre')).toEqual({ kind: 'unknown' });
    expect(parseStatedLifetime('enfermez le navigateur')).toEqual({ kind: 'unknown' });
  });

  it.each([
    "Persistant : n'est pas supprimé lorsque vous fermez votre navigateur",
    'Conservé même si vous fermez le navigateur',
    'Conservé même si vous quittez le navigateur',
    'Conservé après la fermeture du navigateur',
    'Reste au-delà de la fermeture du navigateur',
    'Not deleted when you close your browser',
    "Isn't deleted when you close the browser",
    'Kept even if you close the browser',
    'Persists after the browser is closed',
    'Persists beyond closing the browser',
    'Reste stocké même quand le navigateur est fermé',
    'Reste enregistré une fois le navigateur fermé',
    'Persistant (non supprimé à la fermeture du navigateur)',
    'Conservé même lorsque vous fermez le navigateur',
    'Survit à la fermeture du navigateur',
    "N'est pas supprimé après la fermeture du navigateur",
    'Is not deleted when you log out and close the browser',
    "N'est pas supprimé quand vous vous déconnectez et fermez le navigateur",
    'Remains after you log out and close your browser',
    'Reste actif après la déconnexion et la fermeture du navigateur',
    'Remains stored even once the browser is closed',
  ])('does not read %j, a cookie that survives the browser closing, as the session', (text) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'unknown' });
  });

  it.each([
    'Supprimé à la fermeture du navigateur',
    "Ne dure que jusqu'à la fermeture du navigateur",
    'Supprimé après la fermeture du navigateur',
    'Expires after the browser is closed',
    'Deleted after closing the browser',
    'Pas de durée fixe, supprimé à la fermeture du navigateur',
    'Conservé même si vous changez de page ; supprimé lorsque vous fermez votre navigateur',
    "Ne stocke pas d'identifiant et expire à la fermeture du navigateur",
    'Not used for tracking and deleted when you close the browser',
    'Does not expire until the browser is closed',
    "N'expire pas avant la fermeture du navigateur",
    'Ne persiste pas après la fermeture du navigateur',
    'Supprimé une fois le navigateur fermé',
    'Cookie non persistant supprimé à la fermeture du navigateur',
    'Ne survit pas à la fermeture du navigateur',
    'Does not survive closing the browser',
    'Disparaît une fois le navigateur fermé',
    "N'existe plus une fois le navigateur fermé",
    'Prend fin une fois le navigateur fermé',
    "S'efface de lui-même à la fermeture du navigateur",
    "N'est pas conservé une fois le navigateur fermé",
  ])('still reads %j, where nothing before the close keeps the cookie, as the session', (text) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'session' });
  });

  it('makes no finding on a 1-year _pk_id stated "Conservé même si vous fermez le navigateur"', () => {
    expect(lifetimeEvidence('Conservé même si vous fermez le navigateur', 365)).toEqual([]);
  });

  it('flags a 1-year _pk_id stated "Supprimé lorsque vous fermez votre navigateur", as for the English words', () => {
    expect(lifetimeEvidence('Supprimé lorsque vous fermez votre navigateur', 365)).toEqual([
      'charter says "Supprimé lorsque vous fermez votre navigateur", cookie persists 365 days',
    ]);
  });
});

describe('French units of months: "trimestre" (3) and "semestre" (6)', () => {
  it.each([
    ['1 trimestre', 92],
    ['un trimestre', 92],
    ['2 trimestres', 184],
    ['1 semestre', 184],
    ['un semestre', 184],
    ['deux semestres', 366],
    ['1 an et 1 semestre', 550],
    ['1 semestre + 1 trimestre', 276],
  ])('reads %j as that many calendar months at most: %i days', (text, days) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds: days * DAY });
  });

  it('makes no lifetime finding for a 90-day _pk_id stated "Session / 1 trimestre", and flags one outliving it', () => {
    expect(lifetimeEvidence('Session / 1 trimestre', 90)).toEqual([]);
    expect(lifetimeEvidence('1 semestre', 184)).toEqual([]);
    expect(lifetimeEvidence('1 semestre', 200)).toEqual(['charter says "1 semestre", cookie expires after 200 days']);
  });
});

describe('a fraction of a year is read as the same months', () => {
  it.each([
    ['1 an et demi', '18 mois'],
    ['a year and a half', '18 months'],
    ['1 an 1/2', '18 mois'],
    ['1½ ans', '18 mois'],
    ['one and a half years', '18 months'],
    ['½ an', '6 mois'],
    ['1/2 an', '6 mois'],
    ['half a year', '6 months'],
    ['une demi-année', '6 mois'],
    ['deux ans et demi', '30 mois'],
    ['1,5 an', '18 mois'],
    ['1 an', '12 mois'],
  ])('reads %j as %j', (year, months) => {
    expect(parseStatedLifetime(year)).toEqual(parseStatedLifetime(months));
  });

  it('finds "un an et demi" and its translation "18 months" the same lifetime', () => {
    expect(sameStatedLifetime('un an et demi', '18 months')).toBe(true);
    expect(sameStatedLifetime('6 mois', 'half a year')).toBe(true);
  });

  // date.setMonth(date.getMonth() + 18) on 1 July 2027, 10:00 in Paris: 1 January 2029, 10:00, 550 days
  // and the hour summer time gives back (2028 a leap year); + 6 on the same day: 1 January 2028.
  const setAt = Date.parse('2027-07-01T10:00:00+02:00');
  const eighteenMonths = (Date.parse('2029-01-01T10:00:00+01:00') - setAt) / 1000 / DAY;
  const sixMonths = (Date.parse('2028-01-01T10:00:00+01:00') - setAt) / 1000 / DAY;

  it('makes no lifetime finding for a cookie set for 18 calendar months stated "1 an et demi", as for "18 mois"', () => {
    expect(lifetimeEvidence('18 mois', eighteenMonths)).toEqual([]);
    expect(lifetimeEvidence('1 an et demi', eighteenMonths)).toEqual([]);
  });

  it('makes no lifetime finding for a cookie set for 6 calendar months stated "½ an", as for "6 mois"', () => {
    expect(lifetimeEvidence('6 mois', sixMonths)).toEqual([]);
    expect(lifetimeEvidence('½ an', sixMonths)).toEqual([]);
  });
});

describe('an amount written twice, in words and in digits between brackets (as French legal text writes it)', () => {
  it.each([
    ['treize (13) mois', 397 * DAY],
    ['douze (12) mois', 366 * DAY],
    ['quinze (15) jours', 15 * DAY],
    ['13 (treize) mois', 397 * DAY],
    ['un (1) an', 366 * DAY],
    ['24 (vingt-quatre) heures', 24 * 3600],
    ['trente et un (31) jours', 31 * DAY],
    ['thirteen (13) months', 397 * DAY],
    ['treize ( 13 ) mois', 397 * DAY],
    ['30 minutes / treize (13) mois', 397 * DAY],
  ])('reads %j as the amount once', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each(['2 (3) ans', 'treize (14) mois', '13 (quatorze) mois', '1 (an)', 'treize (13 ou 14) mois', 'treize (13'])(
    'takes no other number in the brackets for the amount: %j is unknown',
    (text) => {
      expect(parseStatedLifetime(text)).toEqual({ kind: 'unknown' });
    },
  );

  it('flags a 2-year _pk_id stated "treize (13) mois", and not a 393-day one stated "30 minutes / treize (13) mois"', () => {
    expect(lifetimeEvidence('treize (13) mois', 730)).toEqual(['charter says "treize (13) mois", cookie expires after 730 days']);
    expect(lifetimeEvidence('30 minutes / treize (13) mois', 393)).toEqual([]);
    expect(lifetimeEvidence('Session / douze (12) mois', 365)).toEqual([]);
  });

  it.each([
    ['395 (trois cent quatre-vingt-quinze) jours', 395 * DAY],
    ['200 (deux cents) jours', 200 * DAY],
    ['1000 (mille) secondes', 1000],
  ])('reads %j, brackets of number words this reader does not add up after digits, as the digits', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it.each(['trois cent (300) jours', '395 (trois cent jours) jours', '395 (cent ou deux cents) jours'])(
    'steps over no brackets holding other words, nor after an amount in words: %j is unknown',
    (text) => {
      expect(parseStatedLifetime(text)).toEqual({ kind: 'unknown' });
    },
  );

  it('makes no finding on a 393-day _pk_id stated "30 minutes / 395 (trois cent quatre-vingt-quinze) jours", and flags a 730-day one stated "390 (trois cent quatre-vingt-dix) jours"', () => {
    expect(lifetimeEvidence('30 minutes / 395 (trois cent quatre-vingt-quinze) jours', 393)).toEqual([]);
    expect(lifetimeEvidence('390 (trois cent quatre-vingt-dix) jours', 730)).toHaveLength(1);
  });
});
