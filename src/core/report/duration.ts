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

/** What `UNIT_SECONDS` gives a month, to order units; its amounts are read by `longestMonthsSeconds`. */
const MONTH = 31 * DAY;

/** Unit words, each with the seconds one of it stands for. */
const UNIT_SECONDS = new Map<string, number>();
for (const [words, seconds] of [
  [['s', 'sec', 'secs', 'second', 'seconds', 'seconde', 'secondes'], 1],
  [['mn', 'min', 'mins', 'minute', 'minutes'], 60],
  [['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures'], 3600],
  [['d', 'day', 'days', 'j', 'jour', 'jours', 'journée', 'journées', 'journee', 'journees'], DAY],
  [['w', 'wk', 'wks', 'week', 'weeks', 'semaine', 'semaines'], 7 * DAY],
  [['mo', 'month', 'months', 'mois'], MONTH],
  [['y', 'yr', 'yrs', 'year', 'years', 'an', 'ans', 'année', 'années', 'annee', 'annees'], 366 * DAY],
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

/** "Et demi", "and a half" after a unit: half of that unit more. */
const HALF_WORDS = new Set(['demi', 'demie', 'half']);

/** An amount number words give that this reader cannot read: the words after it make none either. */
const UNREADABLE = -1;

const isDigit = (character: string) => character >= '0' && character <= '9';
const isLetter = (character: string) => (character >= 'a' && character <= 'z') || character === 'é' || character === 'è';
const isSpace = (character: string) =>
  character === ' ' || character === '\t' || character === '\n' || character === '\r' || character === '\u00a0';

/**
 * A lifetime that ends when the browser closes, in the words charters use for it ("Jusqu'à la
 * fermeture du navigateur", "until the browser is closed"): the session. Alternatives of fixed
 * words and single optional ones, a run of whitespace between words: no nested or overlapping
 * quantifiers, linear in the text (and no copy of the text with its runs made one space, which
 * cost more than the whole parse on a text of many short words).
 */
const BROWSER_CLOSES =
  /\bfermeture\s+(?:du|de\s+votre|de\s+ton)\s+navigateur|\bquitt(?:e|ez|er)\s+(?:le|votre|ton)\s+navigateur|\bbrowser\s+(?:is\s+)?clos|\b(?:close|closes|closing|quit|quits|quitting|exit|exits|exiting)\s+(?:the\s+|your\s+)?browser/;

/** Past 15 digits a number is no lifetime anyone states; such an amount is skipped. */
const MAX_AMOUNT_DIGITS = 15;

/** What lies between a token and the one before it: `comma` is one comma, spaces around it. */
type Gap = 'none' | 'spaces' | 'hyphen' | 'comma' | 'other';

function gapAfter(gap: Gap, character: string): Gap {
  if (isSpace(character)) return gap === 'none' || gap === 'spaces' ? 'spaces' : gap === 'comma' ? 'comma' : 'other';
  if (character === ',') return gap === 'none' || gap === 'spaces' ? 'comma' : 'other';
  return character === '-' && gap === 'none' ? 'hyphen' : 'other';
}

/** Parts read as one sum, commas between them included, with the unit of the last (see parseStatedLifetime). */
type CommaList = { seconds: number; unit: number; comma: boolean; summed: boolean };

/**
 * The longest lifetime a text states, since a cell may give several ("13 months / 30 minutes").
 * A lifetime is an amount (a number, or number words) followed by a unit, with only spaces
 * between; parts that follow one another with only spaces or "et" / "and" between, each in a
 * smaller unit, add up ("1 an et 1 mois", "2 hours 30 minutes"), while a part in a larger unit
 * starts afresh: "entre 1 jour et 13 mois" is a range, at most 13 months. Parts apart with a
 * comma are alternatives ("1 an, 1 mois": at most a year, as for "13 mois, 30 minutes" beside
 * two names), but a list of them whose last part follows "et" / "and" is one sum, as English and
 * French write one ("1 year, 1 month and 4 days", "1 an, 1 mois, et 4 jours": 401 days at most).
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
  let sum: { seconds: number; unit: number } | null = null;
  /**
   * The same parts read with commas adding up too ("1 an, 1 mois"), and whether a comma joined
   * any: a sum only once a part follows "et" / "and" (`summed` from then on); null when none is open.
   */
  let list: CommaList | null = null;
  /** How the amount being read joins `list`: after a comma, after "et" / "and", or otherwise. */
  let listLink: 'comma' | 'and' | 'none' = 'none';
  let gap: Gap = 'other';
  let index = 0;
  while (index < lower.length) {
    const character = lower[index] ?? '';
    if (!isDigit(character) && !isLetter(character)) {
      gap = gapAfter(gap, character);
      index++;
      continue;
    }
    const start = index;
    const number = isDigit(character);
    const inToken = number ? isDigit : isLetter;
    while (index < lower.length && inToken(lower[index] ?? '')) index++;
    if (number && (lower[index] === '.' || lower[index] === ',') && isDigit(lower[index + 1] ?? '')) {
      index++;
      while (index < lower.length && isDigit(lower[index] ?? '')) index++;
    }
    const token = lower.slice(start, index);
    const joined = gap === 'none' || gap === 'spaces';
    // "13 mois", "13mois", and "a one-year cookie": a hyphen may join a unit to its amount, not "/".
    const unit = !number && (joined || gap === 'hyphen') && amount !== null ? UNIT_SECONDS.get(token) : undefined;
    const word = number ? undefined : NUMBER_WORDS.get(token);
    if (unit !== undefined && amount !== null) {
      const part = unit === MONTH ? longestMonthsSeconds(amount) : amount * unit;
      const seconds: number = sum !== null && unit < sum.unit ? sum.seconds + part : part;
      longest = Math.max(longest, seconds);
      sum = { seconds, unit };
      if (list !== null && unit < list.unit) {
        const comma: boolean = list.comma || listLink === 'comma';
        const summed: boolean = list.summed || (comma && listLink === 'and');
        list = { seconds: list.seconds + part, unit, comma, summed };
        if (summed) longest = Math.max(longest, list.seconds);
      } else list = { seconds: part, unit, comma: false, summed: false };
      listLink = 'none';
      amount = null; // a unit is not the amount of the next one
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
    } else if (number) {
      amount = token.length <= MAX_AMOUNT_DIGITS ? Number.parseFloat(token.replace(',', '.')) : null;
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
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
      if (!ARTICLES.has(token)) unitAnd = false;
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
      if (!(token === 'et' && wordAmount !== null)) {
        amount = null;
        wordAmount = null;
      }
      lastWord = '';
    } else if (gap === 'comma' && list !== null && amount === null && AND_WORDS.has(token)) {
      // ", and" / ", et" after a unit closes a comma list as one sum ("1 year, 1 month, and 4
      // days", "1 year, and 1 month"); the parts apart stay alternatives otherwise.
      list = { seconds: list.seconds, unit: list.unit, comma: true, summed: list.summed };
      listLink = 'and';
      sum = null;
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
    } else if (unitAnd && sum !== null && HALF_WORDS.has(token)) {
      // "1 an et demi", "six mois et demi", "2 hours and a half": half the last unit more.
      sum = { seconds: sum.seconds + sum.unit / 2, unit: sum.unit / 2 };
      longest = Math.max(longest, sum.seconds);
      if (list !== null) {
        list = { seconds: list.seconds + list.unit / 2, unit: list.unit / 2, comma: list.comma, summed: list.comma };
        if (list.summed) longest = Math.max(longest, list.seconds);
      }
      listLink = 'none';
      amount = null;
      wordAmount = null;
      lastWord = '';
      unitAnd = false;
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
    gap = 'none';
  }
  if (longest >= 0) return { kind: 'max', seconds: longest };
  if (/\bsession\b/.test(lower) || BROWSER_CLOSES.test(lower)) return { kind: 'session' };
  return { kind: 'unknown' };
}

/** A short human form of a number of seconds (for evidence text): "14 days", "2 h". */
export function formatSeconds(seconds: number): string {
  if (seconds >= 2 * DAY) return `${Math.round(seconds / DAY)} days`;
  if (seconds >= 2 * 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 120) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}
