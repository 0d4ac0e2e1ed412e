/**
 * A value built on its first use, then kept. The background worker evaluates every module it
 * imports at each wake (a service worker cannot import later), so a table or regex built at
 * module level is paid for at every wake, whether that wake ever reads a charter or not.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
