/**
 * What changed between two versions of a charter (the bundled one and the live one): entries
 * added, removed, and changed, an entry being identified by its cookie name and match rule.
 */
import type { CharterEntry } from './types.ts';

/** One entry whose fields differ between the two versions. */
export type ChangedEntry = {
  /** Cookie name or prefix. */
  cookie: string;
  /** The fields that differ, with their old and new values. */
  fields: Array<{ field: keyof CharterEntry; before: string | null; after: string | null }>;
};

/** The differences, each list in the newer version's order. */
export type CharterChanges = { added: CharterEntry[]; removed: CharterEntry[]; changed: ChangedEntry[] };

const key = (entry: CharterEntry) => `${entry.match}:${entry.cookie}`;
const COMPARED: Array<keyof CharterEntry> = ['provider', 'service', 'purpose', 'duration', 'category'];

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

/** Differences from `before` to `after`; duplicate names count once (the first, as matching does). */
export function diffCharters(before: readonly CharterEntry[], after: readonly CharterEntry[]): CharterChanges {
  const firstOf = (entries: readonly CharterEntry[]) => {
    const map = new Map<string, CharterEntry>();
    for (const entry of entries) if (!map.has(key(entry))) map.set(key(entry), entry);
    return map;
  };
  const old = firstOf(before);
  const next = firstOf(after);
  const changed: ChangedEntry[] = [];
  for (const [id, entry] of next) {
    const previous = old.get(id);
    if (!previous) continue;
    const fields = COMPARED.filter((field) => differs(previous, entry, field)).map((field) => ({
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
  };
}

/** True when nothing changed. */
export const isUnchanged = (changes: CharterChanges) => !changes.added.length && !changes.removed.length && !changes.changed.length;
