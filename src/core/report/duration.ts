/**
 * Reads the free-text lifetimes charters state ("2 weeks by default", "13 mois", "Session",
 * "up to 12 months", "30 minutes / 13 months") into a number of seconds we can compare an
 * actual expiry with. Months and years are counted long (31 and 366 days) so a cookie is
 * only flagged when it clearly outlives what the charter says.
 */

/** A stated lifetime: ends with the browsing session, at most `seconds`, or unreadable. */
export type StatedLifetime = { kind: 'session' } | { kind: 'max'; seconds: number } | { kind: 'unknown' };

const DAY = 24 * 3600;
const UNITS: Array<[RegExp, number]> = [
  [/^(s|sec|secs|second|seconds|seconde|secondes)$/, 1],
  [/^(min|mins|minute|minutes)$/, 60],
  [/^(h|hr|hrs|hour|hours|heure|heures)$/, 3600],
  [/^(d|day|days|jour|jours|j)$/, DAY],
  [/^(w|wk|wks|week|weeks|semaine|semaines)$/, 7 * DAY],
  [/^(mo|month|months|mois)$/, 31 * DAY],
  [/^(y|yr|yrs|year|years|an|ans|année|années|annee|annees)$/, 366 * DAY],
];

const WORD_NUMBERS = new Map(
  Object.entries({
    one: 1,
    two: 2,
    three: 3,
    six: 6,
    twelve: 12,
    thirteen: 13,
    un: 1,
    une: 1,
    deux: 2,
    trois: 3,
    douze: 12,
    treize: 13,
  }),
);

const isDigit = (character: string) => character >= '0' && character <= '9';
const isLetter = (character: string) => (character >= 'a' && character <= 'z') || character === 'é' || character === 'è';
const isSpace = (character: string) =>
  character === ' ' || character === '\t' || character === '\n' || character === '\r' || character === '\u00a0';

/**
 * A lifetime that ends when the browser closes, in the words charters use for it ("Jusqu'à la
 * fermeture du navigateur", "until the browser is closed"): the session. Alternatives of fixed
 * words and single optional ones, tried on text whose whitespace runs are one space: no nested
 * or overlapping quantifiers, linear in the text.
 */
const BROWSER_CLOSES =
  /\bfermeture (?:du|de votre|de ton) navigateur|\bquitt(?:e|ez|er) (?:le|votre|ton) navigateur|\bbrowser (?:is )?clos|\b(?:close|closes|closing|quit|quits|quitting|exit|exits|exiting) (?:the |your )?browser/;

/** Past 15 digits a number is no lifetime anyone states; such an amount is skipped. */
const MAX_AMOUNT_DIGITS = 15;

/**
 * The longest lifetime a text states, since a cell may give several ("13 months / 30 minutes").
 * A lifetime is an amount (a number, or a number word) followed by a unit, with only spaces
 * between. One pass over the text, keeping only the token before: linear in time, constant in
 * memory, whatever the text holds.
 */
export function parseStatedLifetime(text: string | null): StatedLifetime {
  if (!text) return { kind: 'unknown' };
  const lower = text.toLowerCase().normalize('NFC');
  let longest = -1;
  /** The amount the previous token gives, if it can take a unit; null otherwise. */
  let amount: number | null = null;
  /** True while only spaces separate the position from the previous token. */
  let touching = false;
  let index = 0;
  while (index < lower.length) {
    const character = lower[index] ?? '';
    if (!isDigit(character) && !isLetter(character)) {
      // Spaces keep the next token next to this one ("13 mois"); anything else ("13 / mois") does not.
      if (!isSpace(character)) touching = false;
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
    const unit = !number && touching && amount !== null ? UNITS.find(([unitPattern]) => unitPattern.test(token)) : undefined;
    if (unit && amount !== null) {
      longest = Math.max(longest, amount * unit[1]);
      amount = null; // a unit is not the amount of the next one
    } else if (number) {
      amount = token.length <= MAX_AMOUNT_DIGITS ? Number.parseFloat(token.replace(',', '.')) : null;
    } else {
      amount = WORD_NUMBERS.get(token) ?? null;
    }
    if (amount !== null && !Number.isFinite(amount)) amount = null;
    touching = true;
  }
  if (longest >= 0) return { kind: 'max', seconds: longest };
  if (/\bsession\b/.test(lower) || BROWSER_CLOSES.test(lower.replace(/\s+/g, ' '))) return { kind: 'session' };
  return { kind: 'unknown' };
}

/** A short human form of a number of seconds (for evidence text): "14 days", "2 h". */
export function formatSeconds(seconds: number): string {
  if (seconds >= 2 * DAY) return `${Math.round(seconds / DAY)} days`;
  if (seconds >= 2 * 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 120) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}
