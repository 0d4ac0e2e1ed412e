/**
 * Lifetimes in the UI language: a cookie's actual one, from its seconds, and a known tracker's,
 * from the data the report carries (core/registry/known-lifetime.ts). Only the report's view uses
 * them, so they load with it, not in the pages' shell (time-format.ts).
 */
import type { KnownLifetime, LifetimeUnit } from '../core/registry/known-lifetime.ts';
import type { Translate } from '../core/ui-strings.ts';
import { longestMonthsSeconds, shortestMonthsSeconds } from '../core/report/duration.ts';
import { cached } from './time-format.ts';

const DAY = 86400;
/** Smaller units first, so a unit is no larger than another when its index is no larger. */
const UNITS: LifetimeUnit[] = ['second', 'minute', 'hour', 'day', 'month', 'year'];
/** The units below a month, with their seconds, larger first. */
const SMALL_UNITS: Array<[LifetimeUnit, number]> = [
  ['day', DAY],
  ['hour', 3600],
  ['minute', 60],
];
/** The mean Gregorian month, to pick the number of months to check. */
const MEAN_MONTH_DAYS = 30.436875;

/** "13 months", "13 mois": an amount of one unit in the UI language. */
export function formatSpan(amount: number, unit: LifetimeUnit, language: string): string {
  return cached(
    `${language} ${unit}`,
    () => new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }),
  ).format(amount);
}

/** The whole number of years `days` is within a day of, at 365 days a year; 0 when none. */
function wholeYears(days: number): number {
  const years = Math.round(days / 365);
  return Math.abs(days - 365 * years) < 1 ? years : 0;
}

/** Whether `days` is within a day of `months` calendar months in a row, whichever month they start in. */
function isMonths(days: number, months: number): boolean {
  // The bounds a charter's months are read with (core/report/duration.ts), in days.
  return days > shortestMonthsSeconds(months) / DAY - 1 && days < longestMonthsSeconds(months) / DAY + 1;
}

/**
 * A lifetime in the largest unit that says it to within a day, no larger than `largestUnit`:
 * - years, when within a day of 365 days each: more than 364 and less than 366 days read
 *   "1 year" (a leap year's 366 days read "366 days");
 * - else months (2 or more), when within a day of that many calendar months in a row, whichever
 *   month they start in: 6 months hold 181 to 184 days, so more than 180 and less than 185 days
 *   read "6 months"; a whole number of years reads in years or days, never "12 months", unless
 *   `largestUnit` is the month;
 * - else days, hours or minutes (2 or more, rounded), else seconds.
 * A cookie is flagged when it outlives the most its charter's words can mean by more than a day
 * (core/report/findings.ts; "6 mois" can mean 184 days, "1 an" 366: core/report/duration.ts), so
 * a flagged cookie never reads as the charter's months or years: 395 days read "13 months" beside
 * "1 an", 374 days "374 days" beside "12 mois", 186 days "186 days" beside "6 mois". Beside
 * words in days, months could read no longer (92 days "3 months" beside "90 jours"): findings,
 * and the row of a cookie that outlives its charter's words (CookieItem.tsx), say it with
 * formatFlaggedLifetime. `largestUnit` lets a row say it in its source's unit ("90 days"
 * beside Google's "90 days", not "3 months").
 */
export function formatLifetime(seconds: number, language: string, largestUnit: LifetimeUnit = 'year'): string {
  const days = seconds / DAY;
  const largest = UNITS.indexOf(largestUnit);
  const years = largestUnit === 'year' ? wholeYears(days) : 0;
  if (years > 0) return formatSpan(years, 'year', language);
  const months = Math.round(days / MEAN_MONTH_DAYS);
  if (largest >= UNITS.indexOf('month') && months >= 2 && (months % 12 !== 0 || largestUnit === 'month') && isMonths(days, months))
    return formatSpan(months, 'month', language);
  for (const [unit, size] of SMALL_UNITS)
    if (UNITS.indexOf(unit) <= largest && seconds >= 2 * size) return formatSpan(Math.round(seconds / size), unit, language);
  return formatSpan(Math.round(seconds), 'second', language);
}

/**
 * The lifetime a lifetime finding sets against the charter's words: as formatLifetime says it,
 * but never in months. Months span days (6 of them 181 to 184), so a cookie flagged for outliving
 * a charter's "90 jours" could read "3 months", no longer than the charter says; years (within a
 * day of 365 days each, so more than any number of days a day shorter) and days never do.
 */
export function formatFlaggedLifetime(seconds: number, language: string): string {
  const years = wholeYears(seconds / DAY);
  return years > 0 ? formatSpan(years, 'year', language) : formatLifetime(seconds, language, 'day');
}

/**
 * `say`'s words for a cookie's lifetime in seconds; "an unknown time" for seconds that are no
 * number (a stored value of another shape: NaN), which Intl would write "NaN seconds".
 */
export function secondsWords(seconds: number, t: Translate, say: (seconds: number) => string): string {
  return Number.isFinite(seconds) ? say(seconds) : t('lifetimeUnknown');
}

/** "13 mois par défaut, modifiable", "de 30 secondes à 1 an", "non indiqué par Disqus". */
export function knownLifetimeWords(lifetime: KnownLifetime, t: Translate, language: string): string {
  switch (lifetime.kind) {
    case 'span':
      return formatSpan(lifetime.span.amount, lifetime.span.unit, language);
    case 'range':
      return t(
        'lifetimeRange',
        formatSpan(lifetime.shortest.amount, lifetime.shortest.unit, language),
        formatSpan(lifetime.longest.amount, lifetime.longest.unit, language),
      );
    case 'by-default':
      return t('lifetimeByDefault', formatSpan(lifetime.span.amount, lifetime.span.unit, language));
    case 'session':
      return t('sessionLifetime');
    case 'deleted-immediately':
      return t('lifetimeDeletedImmediately');
    case 'not-verified':
      return t('lifetimeNotVerified');
    case 'not-stated':
      return t('lifetimeNotStatedBy', lifetime.by);
  }
}

/**
 * The largest unit to say a cookie's actual lifetime in beside this one: the vendor's own when it
 * speaks in days or months ("90 days" beside Google's "90 days", not "3 months"), else any.
 */
export function actualLifetimeUnit(lifetime: KnownLifetime | null | undefined): LifetimeUnit {
  const unit = lifetime?.kind === 'span' || lifetime?.kind === 'by-default' ? lifetime.span.unit : 'year';
  return unit === 'day' || unit === 'month' ? unit : 'year';
}
