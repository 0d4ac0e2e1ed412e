/**
 * One copy of each text in data received from the worker. A message arrives as new objects whose
 * every string is its own copy: a report of 150 cookies held its site's host 600 times, each
 * status, phase and source 150 to 300 times, each fallback purpose once per cookie it describes
 * (about 100 KB of the popup's heap, measured by `npm run bench`, "popup memory").
 */

/**
 * Replaces, in place, every string held by `value`'s arrays and plain objects with the first equal
 * string met, and returns `value`. Linear in the size of the data; meant for JSON-like data (a
 * message), whose depth is that of its type.
 */
export function shareStrings<T>(value: T): T {
  const seen = new Map<string, string>();
  const share = (text: string) => {
    const kept = seen.get(text);
    if (kept !== undefined) return kept;
    seen.set(text, text);
    return text;
  };
  const visit = (holder: unknown): void => {
    if (Array.isArray(holder)) {
      for (let i = 0; i < holder.length; i++) {
        const item: unknown = holder[i];
        if (typeof item === 'string') holder[i] = share(item);
        else if (item !== null && typeof item === 'object') visit(item);
      }
    } else if (holder !== null && typeof holder === 'object') {
      const record = holder as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        if (typeof item === 'string') record[key] = share(item);
        else if (item !== null && typeof item === 'object') visit(item);
      }
    }
  };
  visit(value);
  return value;
}
