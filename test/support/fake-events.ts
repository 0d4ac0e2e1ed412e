/** A browser event (`onChanged`, `onUpdated`, …) whose listeners a test fires by hand. */
export function fakeEvent<Listener extends (...args: never[]) => unknown>() {
  const listeners = new Set<Listener>();
  return {
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    hasListeners: () => listeners.size > 0,
    /** Calls every listener with `args`, as the browser would. */
    fire: (...args: Parameters<Listener>) => {
      for (const listener of listeners) listener(...args);
    },
  };
}
