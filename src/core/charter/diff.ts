/**
 * What changed between two versions of a charter (the bundled one and the live one): entries
 * added, removed, and changed, an entry being identified by its cookie name and match rule.
 */
import type { CharterEntry, ParsedCharter } from './types.ts';

/** One entry whose fields differ between the two versions. */
export type ChangedEntry = {
  /** Cookie name or prefix. */
  cookie: string;
  /** The fields that differ, with their old and new values. */
  fields: Array<{ field: keyof CharterEntry; before: string | null; after: string | null }>;
};

/** A charter's language, as the parser reads it (detectLanguage). */
type Language = NonNullable<ParsedCharter['language']>;

/**
 * The differences, each list in the newer version's order. `translated`, only when the entries
 * compared are in different languages: then only what a translation keeps was compared.
 */
export type CharterChanges = {
  added: CharterEntry[];
  removed: CharterEntry[];
  changed: ChangedEntry[];
  translated?: { from: Language; to: Language };
};

/**
 * The entries compared of two versions in different languages, and how to tell two durations in
 * them apart (by the lifetime they state: report/duration.ts, which the charter folder does not reach).
 */
export type Translation = { from: Language; to: Language; sameDuration: (before: string | null, after: string | null) => boolean };

const key = (entry: CharterEntry) => `${entry.match}:${entry.cookie}`;
const COMPARED: Array<keyof CharterEntry> = ['provider', 'service', 'purpose', 'duration', 'category'];
/** What a translation keeps: a service and a purpose are words of the language, compared only within one. */
const COMPARED_ACROSS_LANGUAGES: Array<keyof CharterEntry> = ['provider', 'duration', 'category'];

/** The platform's names before and after the 2025 rebrand, letters only, lower case. */
const PLATFORM_NAMES = new Set(['opendatasoft', 'huwise']);

/** True when two entries differ in `field`; Opendatasoft and Huwise are one provider, whatever the case or spacing. */
function differs(before: CharterEntry, after: CharterEntry, field: keyof CharterEntry): boolean {
  if (before[field] === after[field]) return false;
  return field !== 'provider' || !(isPlatform(before.provider) && isPlatform(after.provider));
}

function isPlatform(provider: string): boolean {
  return provider.length <= 40 && PLATFORM_NAMES.has(provider.toLowerCase().replace(/[^a-z]/g, ''));
}

/**
 * True when a provider is written as a name ("Google", "Google Ireland Limited", "AT Internet"):
 * no word starts in lower case. "Ville de Toulouse", "City of Toulouse", "ce site" are words of
 * their language, which a translation changes.
 */
function isProperName(provider: string): boolean {
  return provider.trim() !== '' && !/(?:^|\s)\p{Ll}/u.test(provider.trim());
}

/** True when two entries of charters in different languages differ in `field`, as far as a translation cannot explain it. */
function differsAcross(before: CharterEntry, after: CharterEntry, field: keyof CharterEntry, translation: Translation): boolean {
  if (field === 'duration') return !translation.sameDuration(before.duration, after.duration);
  if (field === 'provider' && !(isProperName(before.provider) && isProperName(after.provider))) return false;
  return differs(before, after, field);
}

/** Each name's first entry, by name and match rule: duplicate names count once, as matching does. */
function firstOf(entries: readonly CharterEntry[]): Map<string, CharterEntry> {
  const map = new Map<string, CharterEntry>();
  for (const entry of entries) if (!map.has(key(entry))) map.set(key(entry), entry);
  return map;
}

/**
 * The entries diffCharters compares field by field, as [before, after] pairs in the newer
 * version's order: each name's first entry, for the names both versions declare.
 */
export function comparedEntries(before: readonly CharterEntry[], after: readonly CharterEntry[]): Array<[CharterEntry, CharterEntry]> {
  const old = firstOf(before);
  const pairs: Array<[CharterEntry, CharterEntry]> = [];
  for (const [id, entry] of firstOf(after)) {
    const previous = old.get(id);
    if (previous) pairs.push([previous, entry]);
  }
  return pairs;
}

/**
 * Differences from `before` to `after`; duplicate names count once (the first, as matching does).
 * With a `translation` (the compared entries in different languages), only what a translation
 * keeps is compared: names (added, removed), a provider written as a name, the lifetime a duration
 * states, the category; never a service or a purpose.
 */
export function diffCharters(
  before: readonly CharterEntry[],
  after: readonly CharterEntry[],
  translation: Translation | null = null,
): CharterChanges {
  const old = firstOf(before);
  const next = firstOf(after);
  const changed: ChangedEntry[] = [];
  for (const [previous, entry] of comparedEntries(before, after)) {
    const fields = (translation ? COMPARED_ACROSS_LANGUAGES : COMPARED)
      .filter((field) => (translation ? differsAcross(previous, entry, field, translation) : differs(previous, entry, field)))
      .map((field) => ({
        field,
        before: previous[field],
        after: entry[field],
      }));
    if (fields.length) changed.push({ cookie: entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie, fields });
  }
  return {
    added: [...next.entries()].filter(([id]) => !old.has(id)).map(([, entry]) => entry),
    removed: [...old.entries()].filter(([id]) => !next.has(id)).map(([, entry]) => entry),
    changed,
    ...(translation ? { translated: { from: translation.from, to: translation.to } } : null),
  };
}

/** True when nothing changed. */
export const isUnchanged = (changes: CharterChanges) => !changes.added.length && !changes.removed.length && !changes.changed.length;
