/**
 * A DevTools session on a tab, as the DevTools page announces it to the worker over a port kept
 * open while the page lives: the port's end is how the worker learns DevTools closed, so what
 * comes after is not claimed to be a script's (network-log.ts, `closedAt`).
 */

/** The port's name. */
export const DEVTOOLS_SESSION_PORT = 'devtools-session';

/** The inspected tab, and when the DevTools page opened (its log's `openedAt`). */
export type DevtoolsSession = { tabId: number; openedAt: number };

/** True for a session as the DevTools page sends it: checked, since it comes from a page. */
export function isDevtoolsSession(value: unknown): value is DevtoolsSession {
  if (typeof value !== 'object' || value === null) return false;
  const { tabId, openedAt } = value as Record<string, unknown>;
  return Number.isSafeInteger(tabId) && (tabId as number) >= 0 && Number.isFinite(openedAt);
}
