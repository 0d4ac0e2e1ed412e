/**
 * An observed lifetime written the way charters write durations: "Session", "30 minutes",
 * "24 heures", "2 semaines", "13 mois", "2 ans" (English: "13 months", "2 years"). The number is
 * rounded as a person would say it, but never below what was observed as the charter parser
 * reads it back (core/report/duration.ts counts months as the most days that many calendar months
 * hold and a year as 366 days, with a day of slack before a lifetime counts as too long): a
 * draft's duration never makes a "lives longer than declared" finding of its own.
 */
import { longestMonthsSeconds } from '../report/duration.ts';
import type { DraftLanguage } from './draft-formats.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
/** An average month and year, for rounding to what people say; the reader's longer ones are checked after. */
const AVERAGE_MONTH = 30.4375 * DAY;
const AVERAGE_YEAR = 365.25 * DAY;
/** What the charter parser reads a year as (months: `longestMonthsSeconds`). */
const READ_YEAR = 366 * DAY;
/** The slack the lifetime finding allows. */
const SLACK = DAY;

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const WORDS: Record<DraftLanguage, Record<Unit, [one: string, many: string]>> = {
  fr: {
    second: ['seconde', 'secondes'],
    minute: ['minute', 'minutes'],
    hour: ['heure', 'heures'],
    day: ['jour', 'jours'],
    week: ['semaine', 'semaines'],
    month: ['mois', 'mois'],
    year: ['an', 'ans'],
  },
  en: {
    second: ['second', 'seconds'],
    minute: ['minute', 'minutes'],
    hour: ['hour', 'hours'],
    day: ['day', 'days'],
    week: ['week', 'weeks'],
    month: ['month', 'months'],
    year: ['year', 'years'],
  },
};

function phrase(amount: number, unit: Unit, language: DraftLanguage): string {
  const [one, many] = WORDS[language][unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

/** The smallest count of `read`-long units, from `rounded` up, that covers `seconds` with the slack. */
function atLeast(rounded: number, read: number, seconds: number): number {
  const needed = Math.ceil((seconds - SLACK) / read);
  return Math.max(1, rounded, needed);
}

/** The smallest count of months, from `rounded` up, that covers `seconds` with the slack as the parser reads months. */
function monthsCovering(rounded: number, seconds: number): number {
  // No month is longer than 31 days: a count below that bound is short, so start there (a few steps at most follow).
  let months = atLeast(rounded, 31 * DAY, seconds);
  while (longestMonthsSeconds(months) + SLACK < seconds) months++;
  return months;
}

/**
 * A lifetime in seconds as a charter's duration; null (a session cookie) is "Session". Below two
 * hours in minutes, below two days in hours, below four weeks in days (whole weeks as weeks),
 * then in months, in years when the months make whole years or pass three years.
 */
export function observedDuration(seconds: number | null, language: DraftLanguage): string {
  if (seconds === null) return 'Session';
  const lifetime = Math.max(0, seconds);
  if (lifetime < MINUTE) return phrase(Math.max(1, Math.ceil(lifetime)), 'second', language);
  if (lifetime < 2 * HOUR) return phrase(Math.ceil(lifetime / MINUTE), 'minute', language);
  if (lifetime < 2 * DAY) return phrase(Math.ceil(lifetime / HOUR), 'hour', language);
  if (lifetime < 28 * DAY) {
    const days = Math.ceil(lifetime / DAY);
    return days % 7 === 0 ? phrase(days / 7, 'week', language) : phrase(days, 'day', language);
  }
  const months = monthsCovering(Math.round(lifetime / AVERAGE_MONTH), lifetime);
  if (months > 36 || months % 12 === 0) {
    return phrase(atLeast(Math.round(lifetime / AVERAGE_YEAR), READ_YEAR, lifetime), 'year', language);
  }
  return phrase(months, 'month', language);
}
