import { browser, type Browser } from './browser.ts';
import type { FullSessionArea } from '../core/storage/session-items.ts';

type StorageApi = Pick<Browser, 'storage'>;

/**
 * storage.session: kept while the browser runs, survives the worker being stopped, never
 * written to disk. All recorded state lives here, never in worker globals.
 */
export async function readSession<T>(keys: string[] | null, api: StorageApi = browser): Promise<Record<string, T>> {
  return (await api.storage.session.get(keys)) as Record<string, T>;
}

/** Writes several session keys at once. */
export async function writeSession(items: Record<string, unknown>, api: StorageApi = browser): Promise<void> {
  await api.storage.session.set(items);
}

/** Deletes session keys. */
export async function removeSession(keys: string[], api: StorageApi = browser): Promise<void> {
  await api.storage.session.remove(keys);
}

/**
 * The keys stored in storage.session, without their values; null when the browser cannot list
 * them alone (getKeys came in Chromium 130 and Firefox 143).
 */
export function sessionKeyLister(api: StorageApi = browser): (() => Promise<string[]>) | null {
  const session = api.storage.session;
  return typeof session.getKeys === 'function' ? () => session.getKeys() : null;
}

/** storage.session as the area the worker's store and the typed session items use (`keys` only where the browser has getKeys). */
export function sessionArea(api: StorageApi = browser): FullSessionArea {
  const keys = sessionKeyLister(api);
  return {
    read: (keys) => readSession(keys, api),
    write: (items) => writeSession(items, api),
    remove: (keys) => removeSession(keys, api),
    ...(keys ? { keys } : {}),
  };
}

/** Calls `listener` with the changed keys whenever session storage changes (from any context). */
export function onSessionChanged(listener: (keys: string[]) => void, api: StorageApi = browser): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session') listener(Object.keys(changes));
  };
  api.storage.onChanged.addListener(handler);
  return () => api.storage.onChanged.removeListener(handler);
}
