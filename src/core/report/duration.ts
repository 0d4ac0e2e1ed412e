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

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, six: 6, twelve: 12, thirteen: 13, un: 1, une: 1, deux: 2, trois: 3, douze: 12, treize: 13,
};

/** The longest lifetime a text states, since a cell may give several ("13 months / 30 minutes"). */
export function parseStatedLifetime(text: string | null): StatedLifetime {
  if (!text) return { kind: 'unknown' };
  const lower = text.toLowerCase().normalize('NFC');
  let longest = -1;
  const pattern = /(\d+(?:[.,]\d+)?|[a-zéè]+)\s*([a-zéè]+)/g;
  for (const match of lower.matchAll(pattern)) {
    const amountText = match[1]!;
    const amount = /\d/.test(amountText) ? Number.parseFloat(amountText.replace(',', '.')) : WORD_NUMBERS[amountText];
    if (amount === undefined || !Number.isFinite(amount)) continue;
    const unit = UNITS.find(([unitPattern]) => unitPattern.test(match[2]!));
    if (unit) longest = Math.max(longest, amount * unit[1]);
  }
  if (longest >= 0) return { kind: 'max', seconds: longest };
  if (/\bsession\b/.test(lower)) return { kind: 'session' };
  return { kind: 'unknown' };
}

/** A short human form of a number of seconds (for evidence text): "14 days", "2 h". */
export function formatSeconds(seconds: number): string {
  if (seconds >= 2 * DAY) return `${Math.round(seconds / DAY)} days`;
  if (seconds >= 2 * 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 120) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}
