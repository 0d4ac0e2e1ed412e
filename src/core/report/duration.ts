/**
 * Reads the free-text lifetimes charters state ("2 weeks by default", "13 mois", "Session",
 * "up to 12 months", "30 minutes / 13 months", "quinze jours", "1 an et 1 mois", "Jusqu'à la
 * fermeture du navigateur") into the longest number of seconds the words can mean, which an
 * actual expiry is compared with: a year is 366 days, a number of months the most days that many
 * calendar months in a row can hold (`longestMonthsSeconds`: one 31, six 184, twelve 366,
 * thirteen 397), so a cookie is only flagged when it outlives every reading of the charter's
 * words (the finding allows a day more besides, for clocks and rounding: findings.ts).
 */
import { MAX_CELL_LENGTH } from '../charter/limits.ts';

/** A stated lifetime: ends with the browsing session, at most `seconds`, or unreadable. */
export type StatedLifetime = { kind: 'session' } | { kind: 'max'; seconds: number } | { kind: 'unknown' };

/** Slack before a lifetime counts as too long: expiry times are rounded by scripts and browsers. */
const LIFETIME_SLACK_SECONDS = 24 * 3600;

/**
 * True when a cookie living `seconds` outlives every reading of the stated lifetime by more than
 * the slack: what a lifetime finding is made of (findings.ts), and what the cookie's row says in
 * units that cannot read as the charter's words (views/CookieItem.tsx).
 */
export function outlivesStated(stated: StatedLifetime, seconds: number): boolean {
  return stated.kind === 'max' && seconds > stated.seconds + LIFETIME_SLACK_SECONDS;
}

/**
 * True when two durations, in any language, state the same lifetime ("13 mois", "13 months"), or
 * when either is words not read as one ("Persistant"): those cannot be told from a translation.
 * A duration stated where the other version states none differs.
 */
export function sameStatedLifetime(before: string | null, after: string | null): boolean {
  if ((before === null) !== (after === null)) return false;
  const [a, b] = [parseStatedLifetime(before), parseStatedLifetime(after)];
  if (a.kind === 'unknown' || b.kind === 'unknown') return true;
  return a.kind === 'session' ? b.kind === 'session' : b.kind === 'max' && a.seconds === b.seconds;
}

const DAY = 24 * 3600;

/** Days in each month, February's in a leap year: the most a month of that name holds. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** For 0 to 11, the most (`pick` Math.max, February of 29 days) or fewest (Math.min, of 28) days that many calendar months in a row hold. */
function runDays(pick: (a: number, b: number) => number, february: number): number[] {
  const days = MONTH_DAYS.map((length, month) => (month === 1 ? february : length));
  return days.map((_, count) => {
    let best = pick === Math.max ? 0 : Infinity;
    for (let first = 0; first < days.length; first++) {
      let run = 0;
      for (let k = 0; k < count; k++) run += days[(first + k) % days.length] ?? 0;
      best = pick(best, run);
    }
    return best;
  });
}

/** The most days 0 to 11 calendar months in a row hold: 0, 31, 62, 92, 123, … 337. */
const LONGEST_RUN_DAYS = runDays(Math.max, 29);
/** The fewest: 0, 28, 59, 89, 120, … 334. */
const SHORTEST_RUN_DAYS = runDays(Math.min, 28);

/**
 * The fewest seconds `months` whole calendar months in a row can last: whole years of them 365
 * days each, the rest the shortest run of that many months (6 months: 181 days).
 */
export function shortestMonthsSeconds(months: number): number {
  return (Math.floor(months / 12) * 365 + (SHORTEST_RUN_DAYS[months % 12] ?? 0)) * DAY;
}

/**
 * The most seconds `months` calendar months in a row can last: whole years of them 366 days
 * each, the rest the longest run of that many months (13 months: a leap year and a 31-day month,
 * 397 days), a fraction of a month 31 days. Never less than the months a calendar holds, so a
 * lifetime stated in months is never read shorter than it can be.
 */
export function longestMonthsSeconds(months: number): number {
  const whole = Math.floor(months);
  return (Math.floor(whole / 12) * 366 + (LONGEST_RUN_DAYS[whole % 12] ?? 0) + (months - whole) * 31) * DAY;
}

/** What `UNIT_SECONDS` gives a month and a year, to order units; their amounts are read by `longestMonthsSeconds`. */
const MONTH = 31 * DAY;
const YEAR = 366 * DAY;

/**
 * Units that are a number of months, keyed by what `UNIT_SECONDS` gives them: an amount of one is
 * read as that many calendar months (`longestMonthsSeconds`: "1 semestre" is "6 mois", 184 days),
 * a year's too, so its fractions are never read shorter than the same months ("½ an" is "6 mois",
 * 184 days, not half of 366; "1 an et demi" is "18 mois", 550).
 */
const MONTHS_IN_UNIT = new Map([
  [MONTH, 1],
  [3 * MONTH, 3],
  [6 * MONTH, 6],
  [YEAR, 12],
]);

/** Unit words, each with the seconds one of it stands for. */
const UNIT_SECONDS = new Map<string, number>();
for (const [words, seconds] of [
  [['s', 'sec', 'secs', 'second', 'seconds', 'seconde', 'secondes'], 1],
  [['mn', 'min', 'mins', 'minute', 'minutes'], 60],
  [['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures'], 3600],
  [['d', 'day', 'days', 'j', 'jour', 'jours', 'journée', 'journées', 'journee', 'journees'], DAY],
  [['w', 'wk', 'wks', 'week', 'weeks', 'semaine', 'semaines'], 7 * DAY],
  [['mo', 'month', 'months', 'mois'], MONTH],
  [['trimestre', 'trimestres'], 3 * MONTH],
  [['semestre', 'semestres'], 6 * MONTH],
  [['y', 'yr', 'yrs', 'year', 'years', 'an', 'ans', 'année', 'années', 'annee', 'annees'], YEAR],
] satisfies Array<[string[], number]>) {
  for (const word of words) UNIT_SECONDS.set(word, seconds);
}

/**
 * Number words, English and French. "a" and "an" are one ("a year", "an hour"); "an" after an
 * amount is the French year ("un an"). Compounds are read from their parts: "twenty-four",
 * "vingt-quatre", "dix-huit", "trente et un", "soixante-dix", "quatre-vingt-dix".
 */
const NUMBER_WORDS = new Map(
  Object.entries({
    a: 1,
    an: 1,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    un: 1,
    une: 1,
    deux: 2,
    trois: 3,
    quatre: 4,
    cinq: 5,
    sept: 7,
    huit: 8,
    neuf: 9,
    dix: 10,
    onze: 11,
    douze: 12,
    treize: 13,
    quatorze: 14,
    quinze: 15,
    seize: 16,
    vingt: 20,
    vingts: 20,
    trente: 30,
    quarante: 40,
    cinquante: 50,
    soixante: 60,
  }),
);

/** Words that join the parts of a lifetime ("1 an et 6 mois", "2 hours and 30 minutes"). */
const AND_WORDS = new Set(['et', 'and']);

/**
 * Signs that join two parts as "et" / "and" do ("1 an + 1 mois", "1 year & 1 month"), and the
 * word that does so only there: French "plus" is also "more" ("pas plus de 13 mois": at most 13
 * months), so it joins only right after a unit ("1 an plus 1 mois"); elsewhere each is as before.
 */
const AND_SIGNS = new Set(['+', '&']);
const AND_AFTER_UNIT_WORD = 'plus';

/**
 * Words and signs that, right after a part, "plus" / "more" can follow to leave its lifetime open:
 * "1 an et plus", "1 an & plus", "1 an ou plus", "1 year or more" (a year or more, no upper bound).
 */
const OPEN_END_JOINS = new Set(['et', 'and', 'ou', 'or', '+', '&']);
const OPEN_END_WORDS = new Set(['plus', 'more']);

/**
 * True when nothing but spaces (not a line break) lies between `index` and the end of `text` or
 * a sign that is no letter or digit: "1 an et plus", "1 year or more.", "2 ans ou plus (…)"; not
 * "13 mois et plus jamais" nor "1 an et plus 1 mois". Reads the spaces only, once.
 */
function statementEndsAt(text: string, index: number): boolean {
  let next = index;
  while (next < text.length && text[next] !== '\n' && text[next] !== '\r' && isSpace(text[next] ?? '')) next++;
  return next >= text.length || !/[\p{L}\p{N}]/u.test(text[next] ?? '');
}

/**
 * The amount a number word makes with the number word before it, or null when they make none:
 * tens and a unit ("twenty-four", "vingt quatre", "trente et un"), "dix-huit", "soixante-dix",
 * "soixante et onze", "quatre-vingt(s)", "quatre-vingt-dix", hyphens or not.
 */
function compoundNumber(before: number, word: string, value: number): number | null {
  if (before === 4 && (word === 'vingt' || word === 'vingts')) return 80;
  if (before < 10 || before % 10 !== 0) return null;
  if (value < 10) return before + value;
  if ((before === 60 || before === 80) && value < 20) return before + value;
  return null;
}

/** Words of numbers this reader does not add up ("cent vingt jours", "two hundred days"): such an amount is unreadable. */
const UNREAD_NUMBER_WORDS = new Set(['cent', 'cents', 'mille', 'hundred', 'hundreds', 'thousand', 'thousands']);

/** Articles that are also "one" ("a year", "an hour"): a number word after one starts afresh ("a one-year cookie"). */
const ARTICLES = new Set(['a', 'an']);

/**
 * Fraction words: what they take of the unit after them ("half a year", "une demi-heure", "un
 * quart d'heure", "trois quarts d'heure", "quarter of an hour"), or add of the unit before them
 * after "et" / "and" ("1 an et demi", "une heure et quart", "2 hours and a half").
 */
const FRACTION_WORDS = new Map(
  Object.entries({ half: 0.5, demi: 0.5, demie: 0.5, quarter: 0.25, quarters: 0.25, quart: 0.25, quarts: 0.25 }),
);

/** Words between a fraction and its unit: "quarter of a year", "un quart d'heure" ("d" with its apostrophe). */
const OF_WORDS = new Set(['of', 'de', 'd']);

/** Fractions written as one character: "½ an", "1½ ans", "1 mois ½". */
const FRACTION_CHARACTERS = new Map(Object.entries({ '½': 0.5, '¼': 0.25, '¾': 0.75 }));

/** Unit words that can only say one: a full word in the singular, not "mois" (one or several alike) nor an abbreviation. */
const SINGULAR_UNIT_WORDS = new Set([
  'second',
  'seconde',
  'minute',
  'hour',
  'heure',
  'day',
  'jour',
  'journée',
  'journee',
  'week',
  'semaine',
  'month',
  'trimestre',
  'semestre',
  'year',
  'an',
  'année',
  'annee',
]);

/**
 * True when the unit word at `end` in `text` says one of it, so "a/b" before it is a fraction:
 * "1/2 an", "1/2 heure", "3/4 hour" are a half, three quarters. Before any other unit word "a/b"
 * may be "a or b" of them: plurals ("1/2 ans"), "mois", a unit with "(s)" ("1/2 an(s)") and
 * abbreviations, which read the same for one or several ("2/3 j", "2/3 h", "2/3 mo").
 */
const saysOne = (unitWord: string, text: string, end: number) => SINGULAR_UNIT_WORDS.has(unitWord) && !text.startsWith('(s)', end);

/** An amount number words give that this reader cannot read: the words after it make none either. */
const UNREADABLE = -1;

const isDigit = (character: string) => character >= '0' && character <= '9';
const isLetter = (character: string) => (character >= 'a' && character <= 'z') || character === 'é' || character === 'è';
const isSpace = (character: string) =>
  character === ' ' || character === '\t' || character === '\n' || character === '\r' || character === '\u00a0';
const isApostrophe = (character: string | undefined) => character === "'" || character === '\u2019';

/** True when `word`, ending at `end` in `text`, is a unit: not an elided "d'" / "d’" ("d'inactivité": French "de", never the unit d). */
const isUnitAt = (word: string, text: string, end: number) => UNIT_SECONDS.has(word) && !(word === 'd' && isApostrophe(text[end]));

/**
 * True when the word after `index` past spaces is a unit: read only after a fraction, and after
 * "an" or "d" that follow one, once for the token that follows.
 */
function unitFollows(text: string, index: number): boolean {
  let start = index;
  while (start < text.length && isSpace(text[start] ?? '')) start++;
  let end = start;
  while (end < text.length && isLetter(text[end] ?? '')) end++;
  return isUnitAt(text.slice(start, end), text, end);
}

/**
 * A lifetime that ends when the browser closes, in the words charters use for it ("Jusqu'à la
 * fermeture du navigateur", "lorsque vous fermez votre navigateur", the future "lorsque vous
 * fermerez votre navigateur", the participle "jusqu'à ce que le navigateur soit fermé", "until
 * the browser is closed"): the session. Alternatives of fixed words and single optional ones, a
 * run of whitespace between words: no nested or overlapping quantifiers, linear in the text (and
 * no copy of the text with its runs made one space, which cost more than the whole parse on a
 * text of many short words).
 */
const BROWSER_CLOSES =
  /\bfermeture\s+(?:du|de\s+votre|de\s+ton)\s+navigateur|\bferm(?:e|es|ez|er|iez|ons|ent|ant|erez|era|eront)\s+(?:le|votre|ton|son|leur)\s+navigateur|\bquitt(?:e|ez|er|erez|era|eront)\s+(?:le|votre|ton|son|leur)\s+navigateur|\bnavigateur\s+(?:est\s+|soit\s+)?fermé|\bbrowser\s+(?:is\s+)?clos|\b(?:close|closes|closing|quit|quits|quitting|exit|exits|exiting)\s+(?:the\s+|your\s+)?browser/g;

/** How far before the browser closing words that keep the cookie past it are looked for ("n'est pas supprimé lorsque vous "). */
const SURVIVAL_LOOK_BACK = 48;

/** Characters that end a clause: words before one say nothing of a closing after it ("Pas de durée fixe, supprimé à la fermeture…"). */
const CLAUSE_BREAKS = new Set(['.', ';', ':', ',', '/', '|', '(', ')', '\n', '\r']);

/** Words that join two clauses ("Ne stocke pas d'identifiant et expire à la fermeture…"): what comes before says nothing of the closing. */
const CLAUSE_JOINS = /(?<!\p{L})(?:et|and|puis|mais|but)(?!\p{L})/gu;

/** A negation ("n'est pas supprimé", "not deleted", "isn't"): the closing may or may not end the cookie, as what follows it says. */
const NEGATION = /(?<!\p{L})(?:pas|jamais|not|never)(?!\p{L})|n['’]t(?!\p{L})/gu;

/** After a negation: "not before" the closing ("n'expire pas avant", "does not expire until"): it ends then. */
const NOT_BEFORE = /(?<!\p{L})(?:avant|jusqu|until|before)(?!\p{L})/u;

/** A concession ("même si", "même quand", "even if", "even once", "non supprimé", "sans être effacé"): kept past the closing. */
const CONCESSION =
  /(?<![-\p{L}])(?:m[eê]me\s+(?:si|quand|lorsque|apr[eè]s|une\s+fois)|even\s+(?:if|when|once|after)|non\s+(?:supprim|effac|d[eé]trui)|sans\s+(?:[eê]tre\s+)?(?:supprim|effac|d[eé]trui))/u;

/** A survival ("survit à la fermeture", "survives closing"): kept past the closing, unless negated ("ne survit pas"). */
const SURVIVES = /(?<!\p{L})(?:surviv|survit)/u;

/** Words that put the cookie's end later than the closing ("après", "au-delà", "une fois", "after", "beyond")… */
const LATER_THAN_CLOSING = /(?<!\p{L})(?:apr[eè]s|au-?del[aà]|une\s+fois|after|beyond)(?!\p{L})/u;

/** …unless they say what ends it then ("Supprimé après la fermeture", "Disparaît une fois le navigateur fermé", "Expires after the browser is closed"). */
const ENDING_WORDS = /(?<!\p{L})(?:supprim|effac|expir|d[eé]trui|dispar|prend\s+fin|termin|n['’]existe\s+plus|delet|remov|clear|eras)/u;

/** The end of the last match of `pattern` (global) in `text`, or 0. */
function afterLast(text: string, pattern: RegExp): number {
  let end = 0;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

/**
 * True when the words of a clause just before the browser closing words keep the cookie past the
 * closing: a concession ("Conservé même si vous fermez…"), a survival not negated ("Survit à la
 * fermeture…", but "Ne survit pas à la fermeture" ends it);
 * a negation of its end ("n'est pas supprimé lorsque vous fermez…", "not deleted when…"), unless
 * it is a "not before" ("n'expire pas avant la fermeture") or a negated keeping after it ("ne
 * persiste pas après la fermeture"); or a later time with no word of its end ("Conservé après la
 * fermeture", but "Supprimé après la fermeture" ends it).
 */
function keptPastClosing(clause: string): boolean {
  if (CONCESSION.test(clause)) return true;
  const negationEnd = afterLast(clause, NEGATION);
  if (SURVIVES.test(clause)) return negationEnd === 0;
  const ends = ENDING_WORDS.test(clause);
  const later = LATER_THAN_CLOSING.test(clause);
  if (negationEnd > 0) {
    const rest = clause.slice(negationEnd);
    if (NOT_BEFORE.test(rest)) return false;
    // "N'est pas supprimé après la fermeture": kept; "Ne persiste pas après la fermeture": ended.
    return later ? ends : true;
  }
  return later && !ends;
}

/**
 * True when `text` says the cookie ends when the browser closes (BROWSER_CLOSES), where the words
 * just before the closing, in its clause (up to a punctuation mark or a word joining clauses), do
 * not keep it past the closing (keptPastClosing). Looks back a bounded number of characters per
 * match: linear.
 */
function saysBrowserCloses(text: string): boolean {
  for (const match of text.matchAll(BROWSER_CLOSES)) {
    let from = match.index;
    while (from > 0 && match.index - from < SURVIVAL_LOOK_BACK && !CLAUSE_BREAKS.has(text[from - 1] ?? '')) from--;
    const before = text.slice(from, match.index);
    // A joining word starts a clause of its own only when what follows it ends the cookie ("… et
    // expire à la fermeture"); "n'est pas supprimé quand vous vous déconnectez et fermez…" is one.
    const joined = before.slice(afterLast(before, CLAUSE_JOINS));
    if (keptPastClosing(ENDING_WORDS.test(joined) ? joined : before)) continue;
    return true;
  }
  return false;
}

/** Past 15 digits a number is no lifetime anyone states; such an amount is skipped. */
const MAX_AMOUNT_DIGITS = 15;

/** A space between thousands groups: a space, a no-break space, or the narrow one French typography puts there. */
const isGroupSpace = (character: string) => character === ' ' || character === '\u00a0' || character === '\u202f';

/**
 * Unit words only French writes. After any other unit word (English: "seconds", "days", "years",
 * or one both languages write: "minutes", "min", "h", "s") one comma group is thousands, as
 * English writes them ("604,800 seconds"); after these it is a decimal ("1,500 an").
 */
const FRENCH_UNIT_WORDS = new Set([
  'seconde',
  'secondes',
  'mn',
  'heure',
  'heures',
  'j',
  'jour',
  'jours',
  'journée',
  'journées',
  'journee',
  'journees',
  'semaine',
  'semaines',
  'mois',
  'trimestre',
  'trimestres',
  'semestre',
  'semestres',
  'an',
  'ans',
  'année',
  'années',
  'annee',
  'annees',
]);

/**
 * The unit word right after `index` (spaces, or one hyphen, between: "604,800 seconds",
 * "1,000-day"), or undefined when none is. Reads that one word only.
 */
function unitWordAfter(text: string, index: number): string | undefined {
  let start = index;
  while (start < text.length && isSpace(text[start] ?? '')) start++;
  if (start === index && text[start] === '-') start++;
  let end = start;
  while (end < text.length && isLetter(text[end] ?? '')) end++;
  const word = text.slice(start, end);
  return isUnitAt(word, text, end) ? word : undefined;
}

/**
 * Past this, numbers a space apart joined make no lifetime a charter states (Chromium caps a
 * cookie's at 400 days), so they are a list: "30 365 jours" is 30 or 365 days, not 83 years.
 */
const MAX_JOINED_SECONDS = 30 * 366 * DAY;

/** True when `text` has exactly three digits at `index`, no digit after them. */
const threeDigitsAt = (text: string, index: number) =>
  isDigit(text[index] ?? '') && isDigit(text[index + 1] ?? '') && isDigit(text[index + 2] ?? '') && !isDigit(text[index + 3] ?? '');

/**
 * What `groupedNumber` read: one number written with thousands groups, where it ends and its
 * digits as `Number.parseFloat` reads them; or (`digits` null) numbers a space apart that are a
 * list, up to `end`, each to be read alone.
 */
type GroupedReading = { end: number; digits: string } | { end: number; digits: null };

/**
 * A number written with thousands groups, whose first digits (one to three) run from `start` to
 * `end` in `text` (see GroupedReading), or null when those digits are no such number. Groups are
 * exactly three digits, each after one separator:
 * - a space (or a no-break space, narrow or not), one group or more: "31 536 000", "86 400";
 *   unless, no group beginning with 0, the joined number of the unit after it passes
 *   MAX_JOINED_SECONDS: then the whole run is a list, "30 365 jours" and "2 147 483 647
 *   secondes" alike ("50 000 jours" is not), never some of its groups joined;
 * - a comma, or a dot, the same each time, two groups or more: "1,209,600", "1.209.600";
 * - a comma or a dot, one group, when the other one follows as the decimal point: "1,209.5", "1.209,5";
 * - a comma, one group and nothing more, before a unit word French does not write (see
 *   FRENCH_UNIT_WORDS): "604,800 seconds", as English writes thousands; not after a first
 *   group beginning with 0, which no thousands do ("0,500 h" is half an hour).
 * A decimal part may follow the groups after a point or comma that is not their separator
 * ("1 209 600,5", "1,209,600.5"). One group after a comma before a French unit word, or before
 * none, or after a dot ("1,500 an", "1.500 years"), is left to the decimal reading: French
 * writes decimals with a comma ("1,5 an", so "1,500 an" is one and a half years).
 * Every character is looked at once or twice (the unit word after the number, once more):
 * linear in the length of the number and the word after it.
 */
function groupedNumber(text: string, start: number, end: number): GroupedReading | null {
  if (end - start > 3) return null;
  const separator = text[end] ?? '';
  const spaced = isGroupSpace(separator);
  // "7 30 90 365 jours" is a list, not 7, 30 and 90,365: a number right after one of other than
  // three digits, a space between, begins none, and the groups after it are items of that list
  // ("1 2 147 483 647": not 483,647; "1 000 1 000" is still two thousands). Reads back over the
  // number before only: each number is read back once, linear still.
  let inList = false;
  if (spaced && isGroupSpace(text[start - 1] ?? '')) {
    let before = start - 1;
    while (before > 0 && isDigit(text[before - 1] ?? '')) before--;
    const digitsBefore = start - 1 - before;
    inList = digitsBefore > 0 && digitsBefore !== 3;
  }
  if (!spaced && separator !== ',' && separator !== '.') return null;
  let index = end;
  let groups = 0;
  // Whether a group begins with 0 ("50 000"): no number of its own, so the groups are thousands.
  let zeroLed = false;
  while ((spaced ? isGroupSpace(text[index] ?? '') : text[index] === separator) && threeDigitsAt(text, index + 1)) {
    if (text[index + 1] === '0') zeroLed = true;
    index += 4;
    groups++;
  }
  if (groups === 0) return null;
  if (inList) return { end: index, digits: null };
  const integer = text.slice(start, index).replace(/[^0-9]/g, '');
  const point = text[index] ?? '';
  if ((point === ',' || point === '.') && point !== separator && isDigit(text[index + 1] ?? '')) {
    const fractionStart = index + 1;
    index = fractionStart;
    while (index < text.length && isDigit(text[index] ?? '')) index++;
    return { end: index, digits: `${integer}.${text.slice(fractionStart, index)}` };
  }
  if (spaced) {
    // "30 365 jours": joined, no lifetime (83 years); apart, a list, all of its groups (the
    // caller reads them alone, never from here again: linear). "86 400 secondes" joins.
    const unit = zeroLed ? undefined : unitWordAfter(text, index);
    const unitSeconds = unit === undefined ? undefined : UNIT_SECONDS.get(unit);
    if (unitSeconds !== undefined && Number(integer) * unitSeconds > MAX_JOINED_SECONDS) return { end: index, digits: null };
    return { end: index, digits: integer };
  }
  if (groups >= 2) return { end: index, digits: integer };
  // One comma group: thousands before a unit English writes ("604,800 seconds"), else a decimal,
  // as always after a 0 ("0,500 h"): no thousands begin with 0.
  const unit = separator === ',' && text[start] !== '0' ? unitWordAfter(text, index) : undefined;
  return unit !== undefined && !FRENCH_UNIT_WORDS.has(unit) ? { end: index, digits: integer } : null;
}

/** Past this many characters, brackets after an amount hold no repeat of it ("(quatre-vingt-dix-neuf)" is 23). */
const MAX_BRACKETED_AMOUNT_LENGTH = 40;

/** The amount `inner` (what brackets hold) writes, in digits or number words ("13", "treize", "trente et un"), else null. */
function bracketedAmount(inner: string): number | null {
  if (/^[0-9]{1,15}$/.test(inner)) return Number(inner);
  let value: number | null = null;
  for (const word of inner.split(/[\s-]+/)) {
    if (word === 'et' && value !== null) continue;
    // Not "a" / "an": "1 (an)" names the unit, it repeats no amount.
    const number = ARTICLES.has(word) ? undefined : NUMBER_WORDS.get(word);
    if (number === undefined) return null;
    value = value === null ? number : compoundNumber(value, word, number);
    if (value === null) return null;
  }
  return value;
}

/**
 * True when `inner` is only number words and one this reader does not add up is among them
 * ("trois cent quatre-vingt-quinze", "deux cents", "mille"): after digits, their repeat in words,
 * which the digits already give.
 */
function unreadNumberWords(inner: string): boolean {
  const words = inner.split(/[\s-]+/);
  return (
    words.some((word) => UNREAD_NUMBER_WORDS.has(word)) &&
    words.every((word) => word === 'et' || UNREAD_NUMBER_WORDS.has(word) || (NUMBER_WORDS.has(word) && !ARTICLES.has(word)))
  );
}

/**
 * Past brackets right after `index` in `text` (spaces between) that repeat `amount`, the amount
 * just read, in digits or words ("treize (13) mois", "13 (treize) mois", as legal French writes
 * amounts): where they end, so the unit after them is the amount's; else `index`. A different
 * number there ("2 (3) ans") is not taken for the amount. After digits (`fromDigits`), number
 * words this reader does not add up are taken for their repeat ("395 (trois cent
 * quatre-vingt-quinze) jours"). Reads a bounded number of characters past the spaces, which the
 * caller reads again: linear still.
 */
function pastBracketedRepeat(text: string, index: number, amount: number | null, fromDigits: boolean): number {
  if (amount === null) return index;
  let open = index;
  while (open < text.length && isSpace(text[open] ?? '')) open++;
  if (text[open] !== '(') return index;
  let close = open + 1;
  while (close < text.length && close - open <= MAX_BRACKETED_AMOUNT_LENGTH && text[close] !== ')' && text[close] !== '(') close++;
  if (text[close] !== ')') return index;
  const inner = text.slice(open + 1, close).trim();
  return bracketedAmount(inner) === amount || (fromDigits && unreadNumberWords(inner)) ? close + 1 : index;
}

/** What lies between a token and the one before it: `comma` is one comma, spaces around it. */
type Gap = 'none' | 'spaces' | 'hyphen' | 'comma' | 'other';

function gapAfter(gap: Gap, character: string): Gap {
  if (isSpace(character)) return gap === 'none' || gap === 'spaces' ? 'spaces' : gap === 'comma' ? 'comma' : 'other';
  if (character === ',') return gap === 'none' || gap === 'spaces' ? 'comma' : 'other';
  return character === '-' && gap === 'none' ? 'hyphen' : 'other';
}

/**
 * Parts read as one sum: its seconds, the unit of its last part, and the months its last parts
 * in months hold together (0 when its last unit is not months): "6 mois + 6 mois" is one run of
 * 12 months, 366 days at most, not twice 184.
 */
type PartSum = { seconds: number; unit: number; months: number };

/** The same parts read with commas between them too (see parseStatedLifetime). */
type CommaList = PartSum & { comma: boolean; summed: boolean };

/** The calendar months `read` of `unit` are, or 0 when that unit is no number of months. */
const monthsOf = (unit: number, read: number) => read * (MONTHS_IN_UNIT.get(unit) ?? 0);

/** `sum` with a part of `read` of `unit` (`part` seconds) added: months after months make one run of months. */
function withPart(sum: PartSum, unit: number, read: number, part: number): { seconds: number; months: number } {
  const months = monthsOf(unit, read);
  if (!MONTHS_IN_UNIT.has(unit) || !MONTHS_IN_UNIT.has(sum.unit)) return { seconds: sum.seconds + part, months };
  const run = sum.months + months;
  return { seconds: sum.seconds - longestMonthsSeconds(sum.months) + longestMonthsSeconds(run), months: run };
}

/** The seconds of `sum` with `more` (a fraction) of its last unit added: of a unit in months, that many months more in the run ("1 an et demi": 18 months). */
function withFraction(sum: PartSum, more: number): number {
  if (!MONTHS_IN_UNIT.has(sum.unit)) return sum.seconds + sum.unit * more;
  return sum.seconds - longestMonthsSeconds(sum.months) + longestMonthsSeconds(sum.months + monthsOf(sum.unit, more));
}

/**
 * The longest lifetime a text states, since a cell may give several ("13 months / 30 minutes").
 * A lifetime is an amount (a number, or number words) followed by a unit, with only spaces
 * between, or brackets repeating the amount ("treize (13) mois"); parts that follow one another with only spaces or "et" / "and" between (or "+", "&",
 * "plus": AND_SIGNS), each in a smaller unit, add up ("1 an et 1 mois", "2 hours 30 minutes",
 * "1 an + 1 mois"), and after a sign a part of the same unit too ("6 mois + 6 mois": one run of
 * 12 months, 366 days; "7 jours + 7 jours"), while a part in a larger unit, or in the same one
 * with no sign ("entre 6 mois et 12 mois", "13 mois, 25 mois"), starts afresh: "entre 1 jour et
 * 13 mois" is a range, at most 13 months. Parts apart with a
 * comma are alternatives ("1 an, 1 mois": at most a year, as for "13 mois, 30 minutes" beside
 * two names), but a list of them whose last part follows "et" / "and" is one sum, as English and
 * French write one ("1 year, 1 month and 4 days", "1 an, 1 mois, et 4 jours": 401 days at most).
 * A fraction is that much of its unit ("half a year", "1/2 an", "½ an", "un quart d'heure": a
 * year's fraction read as its months, half a year as 6 months, 184 days), or of the unit before
 * after "et" / "and" ("1 an et demi": 18 months; "1 an 1/2": no unit after it, else it is that
 * unit's amount, "30 minutes 2/3 ans"),
 * never the whole unit; "a/b" is a fraction only before a full unit word in the singular ("1/2
 * an", "1/2 heure"), and before any other ("1/2 ans", "1/2 mois", "1/2 an(s)", "2/3 j", "2/3 h")
 * may also be a or b of them: b at most.
 * One pass over the text, keeping only the tokens just before and the comma list read so far:
 * linear in time, constant in memory, whatever the text holds. A lifetime that ends with the
 * session or with the browser is the session.
 */
export function parseStatedLifetime(text: string | null): StatedLifetime {
  // Longer than a charter cell can be (a row with such a cell is not read): no lifetime anyone states.
  if (!text || text.length > MAX_CELL_LENGTH) return { kind: 'unknown' };
  const lower = text.toLowerCase().normalize('NFC');
  let longest = -1;
  /** The amount the tokens just before give, if it can take a unit; null otherwise. */
  let amount: number | null = null;
  /** The same amount when number words gave it (it may take a second word: "vingt-quatre"), else null. */
  let wordAmount: number | null = null;
  /** The number word just read, when the amount came from number words. */
  let lastWord = '';
  /** True after "et" / "and" (and an article) right after a unit: "1 an et demi", "2 hours and a half". */
  let unitAnd = false;
  /** The lifetime read so far from parts that add up, and the unit of its last part; null when none is open. */
  let sum: PartSum | null = null;
  /**
   * The same parts read with commas adding up too ("1 an, 1 mois"), and whether a comma joined
   * any: a sum only once a part follows "et" / "and" (`summed` from then on); null when none is open.
   */
  let list: CommaList | null = null;
  /** How the amount being read joins `list`: after a comma, after "et" / "and", or otherwise. */
  let listLink: 'comma' | 'and' | 'none' = 'none';
  /** True when the amount is a fraction just read ("half", "1/2", "un quart", "quarter of"): an article or "of" may follow. */
  let afterFraction = false;
  /** After "1/2" alone, the 2 it may also mean ("1/2 ans": 1 or 2 years); null otherwise. */
  let slashAmount: number | null = null;
  /** The amount before "and" / "et" (and an article) that a fraction completes ("one and a half years"); null otherwise. */
  let andAmount: number | null = null;
  let gap: Gap = 'other';
  /** Where numbers a space apart that are a list end ("30 365 jours"): each number before it is read alone. */
  let listEnd = 0;
  /** True when the tokens read so far end a part: a sum is open and no amount begun ("1 an", "1 an et"). */
  let afterUnit = false;
  /**
   * True from "+", "&" or "plus" right after a part to the unit of the next: that part adds even
   * in the same unit ("6 mois + 6 mois", "6 mois, plus 1 mois"), which "et" / "and" or a comma
   * alone do not ("entre 6 mois et 12 mois", "13 mois, 25 mois": a range, alternatives).
   */
  let signJoined = false;
  /** True when the token just read is "et", "ou", "or", "&"… right after a part (OPEN_END_JOINS). */
  let openEndJoin = false;
  /** True once a part is followed by "et plus", "or more"…: the text states no upper bound. */
  let openEnded = false;
  let index = 0;
  while (index < lower.length) {
    const character = lower[index] ?? '';
    /** A number token that is a fraction, "½" or "1/2" (one digit over a larger one), else null. */
    let fraction = FRACTION_CHARACTERS.get(character) ?? null;
    // Right after a unit, "+" or "&" is read as the word "and" (one character, a token alone).
    const andSign = afterUnit && AND_SIGNS.has(character);
    if (!isDigit(character) && !isLetter(character) && fraction === null && !andSign) {
      gap = gapAfter(gap, character);
      index++;
      continue;
    }
    const start = index;
    const number = fraction !== null || isDigit(character);
    let denominator = 0;
    if (fraction !== null || andSign) index++;
    else {
      const inToken = number ? isDigit : isLetter;
      while (index < lower.length && inToken(lower[index] ?? '')) index++;
    }
    // "31 536 000 secondes", "1,209,600 seconds": one number, not one replacing another.
    const reading = fraction === null && number && start >= listEnd ? groupedNumber(lower, start, index) : null;
    if (reading !== null && reading.digits === null) listEnd = reading.end;
    const grouped = reading !== null && reading.digits !== null ? reading : null;
    if (grouped !== null) index = grouped.end;
    else if (fraction === null && number && (lower[index] === '.' || lower[index] === ',') && isDigit(lower[index + 1] ?? '')) {
      index++;
      while (index < lower.length && isDigit(lower[index] ?? '')) index++;
    } else if (fraction === null && number && index === start + 1 && lower[index] === '/' && isDigit(lower[index + 1] ?? '')) {
      // "1/2 an", "3/4 h"; not "30/60 jours" nor "3/2 ans", read as before (the larger amount).
      denominator = Number(lower[index + 1]);
      if (character > '0' && Number(character) < denominator && !isDigit(lower[index + 2] ?? '')) {
        fraction = Number(character) / denominator;
        index += 2;
      }
    }
    const sliced = lower.slice(start, index);
    const token = andSign || (afterUnit && sliced === AND_AFTER_UNIT_WORD) ? 'and' : sliced;
    const joined = gap === 'none' || gap === 'spaces';
    // "1 an et plus", "1 year or more": at least that long, no upper bound, where the statement ends there.
    if (openEndJoin && joined && OPEN_END_WORDS.has(sliced) && statementEndsAt(lower, index)) openEnded = true;
    openEndJoin = afterUnit && (joined || gap === 'comma') && OPEN_END_JOINS.has(sliced);
    const fractionBefore = afterFraction;
    const slashBefore: number | null = slashAmount;
    const andBefore: number | null = andAmount;
    const signBefore: boolean = signJoined;
    afterFraction = false;
    slashAmount = null;
    andAmount = null;
    signJoined = false;
    const fractionWord = number ? undefined : FRACTION_WORDS.get(token);
    /**
     * A fraction that adds to the unit just read: "1 an et demi", "une heure et quart", "1 an 1/2",
     * "1 mois ½"; not "1/2" or "½" a unit follows, the amount of the next part, read as it would be
     * alone ("30 minutes 2/3 ans": 2 or 3 years; "1 an et 1/2 an": half a year more).
     */
    const addsToUnit =
      sum !== null &&
      ((unitAnd && fractionWord !== undefined) ||
        (fraction !== null && (unitAnd || (joined && amount === null)) && !unitFollows(lower, index)));
    // "13 mois", "13mois", and "a one-year cookie": a hyphen may join a unit to its amount, not "/".
    const unit =
      !number && (joined || gap === 'hyphen') && amount !== null && isUnitAt(token, lower, index) ? UNIT_SECONDS.get(token) : undefined;
    const word = number ? undefined : NUMBER_WORDS.get(token);
    if (
      fractionBefore &&
      (joined || gap === 'hyphen') &&
      (token === 'a' ||
        (token === 'an' && unitFollows(lower, index)) ||
        (OF_WORDS.has(token) && (token !== 'd' || isApostrophe(lower[index]) || unitFollows(lower, index))))
    ) {
      // "half a year", "half an hour", "quarter of an hour", "un quart d'heure": the fraction waits
      // for its unit. "An" or "d" before no unit is the unit ("1/2 an", "½ d", "½ an d'inactivité").
      if (token === 'd' && isApostrophe(lower[index])) index++;
      afterFraction = true;
      slashAmount = slashBefore;
      signJoined = signBefore;
    } else if (unit !== undefined && amount !== null) {
      const read = slashBefore !== null && !saysOne(token, lower, index) ? slashBefore : amount;
      const part = MONTHS_IN_UNIT.has(unit) ? longestMonthsSeconds(monthsOf(unit, read)) : read * unit;
      // A part in a smaller unit adds to the sum, as does less than one of the same ("1 an 1/2 an"),
      // or any of the same after a sign ("6 mois + 6 mois").
      const adds = sum !== null && (unit < sum.unit || (unit === sum.unit && (read < 1 || signBefore)));
      const added: { seconds: number; months: number } =
        sum !== null && adds ? withPart(sum, unit, read, part) : { seconds: part, months: monthsOf(unit, read) };
      longest = Math.max(longest, added.seconds);
      sum = { seconds: added.seconds, unit, months: added.months };
      if (list !== null && (unit < list.unit || (unit === list.unit && signBefore))) {
        const comma: boolean = list.comma || listLink === 'comma';
        const summed: boolean = list.summed || (comma && listLink === 'and');
        const listed = withPart(list, unit, read, part);
        list = { seconds: listed.seconds, unit, months: listed.months, comma, summed };
        if (summed) longest = Math.max(longest, list.seconds);
      } else list = { seconds: part, unit, months: monthsOf(unit, read), comma: false, summed: false };
      listLink = 'none';
      amount = null; // a unit is not the amount of the next one
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
    } else if (addsToUnit && sum !== null) {
      // "1 an et demi", "six mois et demi", "2 hours and a half", "une heure et quart", "1 an 1/2": that much of the last unit more.
      const more = fractionWord ?? fraction ?? 0;
      sum = { seconds: withFraction(sum, more), unit: sum.unit * more, months: 0 };
      longest = Math.max(longest, sum.seconds);
      if (list !== null) {
        list = { seconds: withFraction(list, more), unit: list.unit * more, months: 0, comma: list.comma, summed: list.comma };
        if (list.summed) longest = Math.max(longest, list.seconds);
      }
      listLink = 'none';
      amount = null;
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
    } else if (number) {
      const digits = grouped?.digits ?? token.replace(',', '.');
      if (fraction === null) amount = digits.length <= MAX_AMOUNT_DIGITS ? Number.parseFloat(digits) : null;
      // A whole number of digits before goes with it ("1 1/2 ans", "1½ an"), as does the amount
      // before "and" / "et" ("1 and ½ year", "one and 1/2 year", "1 et 1/2 an"); else the fraction
      // is the amount.
      else if (joined && amount !== null && wordAmount === null && Number.isInteger(amount)) amount += fraction;
      else if (andBefore !== null) amount = andBefore + fraction;
      else {
        amount = fraction;
        if (denominator > 0) slashAmount = denominator;
      }
      afterFraction = fraction !== null;
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
      signJoined = signBefore && joined;
      if (!joined) sum = null;
      // Apart from the unit before, an amount goes on with the comma list only after a comma alone.
      if (!joined && gap === 'comma' && list !== null) listLink = 'comma';
      else if (!joined) list = null;
    } else if (word !== undefined || UNREAD_NUMBER_WORDS.has(token)) {
      // A number word right after another goes on the same number ("vingt quatre", "trente et
      // un"), or makes one this reader cannot read ("cent vingt", "deux trois"), never the last
      // word's alone: "vingt quatre heures" is 24 hours, not 4. After an article it starts afresh.
      const follows = wordAmount !== null && (joined || gap === 'hyphen') && !ARTICLES.has(lastWord);
      let value: number | null = null;
      if (word !== undefined && !follows) value = word;
      else if (word !== undefined && wordAmount !== null && wordAmount !== UNREADABLE) value = compoundNumber(wordAmount, token, word);
      amount = value;
      wordAmount = value ?? UNREADABLE;
      lastWord = token;
      signJoined = signBefore && (joined || gap === 'hyphen');
      if (!ARTICLES.has(token)) unitAnd = false;
      else andAmount = andBefore;
      if (!follows && !joined) {
        sum = null;
        if (gap === 'comma' && list !== null) listLink = 'comma';
        else list = null;
      }
    } else if ((joined || gap === 'hyphen') && AND_WORDS.has(token)) {
      // After a unit, "et" / "and" keeps the parts read so far open ("1 an et 1 mois") and lets a
      // half follow; after number words, French "et" goes on with the number ("trente et un").
      unitAnd = sum !== null && amount === null;
      if (unitAnd) listLink = 'and';
      signJoined = unitAnd && token !== sliced;
      andAmount = amount;
      if (!(token === 'et' && wordAmount !== null)) {
        amount = null;
        wordAmount = null;
      }
      lastWord = token;
    } else if (gap === 'comma' && list !== null && amount === null && AND_WORDS.has(token)) {
      // ", and" / ", et" after a unit closes a comma list as one sum ("1 year, 1 month, and 4
      // days", "1 year, and 1 month"); the parts apart stay alternatives otherwise.
      list = { seconds: list.seconds, unit: list.unit, months: list.months, comma: true, summed: list.summed };
      listLink = 'and';
      signJoined = token !== sliced;
      sum = null;
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
    } else if (fractionWord !== undefined) {
      // "half a year", "a half year", "trois quarts d'heure" (that many of it), "one and a half
      // years", "deux et demi" (the amount before "and" / "et" and the fraction).
      const continues: boolean = amount !== null && (joined || gap === 'hyphen');
      const scale: number = continues && amount !== null && !AND_WORDS.has(lastWord) ? amount : 1;
      amount = (andBefore ?? 0) + scale * fractionWord;
      afterFraction = true;
      signJoined = signBefore && continues;
      wordAmount = null;
      lastWord = token;
      unitAnd = false;
      if (!continues && !joined) {
        sum = null;
        if (gap === 'comma' && list !== null) listLink = 'comma';
        else list = null;
      }
    } else {
      amount = null;
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
      sum = null;
      list = null;
      listLink = 'none';
    }
    if (amount !== null && !Number.isFinite(amount)) amount = null;
    afterUnit = endsPart(sum, amount);
    // "treize (13) mois": the same amount again in brackets stands between the amount and its unit.
    index = pastBracketedRepeat(lower, index, amount, number && fraction === null);
    gap = 'none';
  }
  // An open-ended lifetime has no longest reading: unknown, as words with no number are.
  if (openEnded) return { kind: 'unknown' };
  if (longest >= 0) return { kind: 'max', seconds: longest };
  if (/\bsession\b/.test(lower) || saysBrowserCloses(lower)) return { kind: 'session' };
  return { kind: 'unknown' };
}

/** Whether a sum is open and no amount begun after it (a function: read in the loop, this keeps its types out of the loop's own). */
function endsPart(sum: PartSum | null, amount: number | null): boolean {
  return sum !== null && amount === null;
}

/** A short human form of a number of seconds (for evidence text): "14 days", "2 h". */
export function formatSeconds(seconds: number): string {
  if (seconds >= 2 * DAY) return `${Math.round(seconds / DAY)} days`;
  if (seconds >= 2 * 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 120) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}
