/**
 * The one message contract between the extension's pages and its background worker.
 * Each method names its params and result; errors travel back as `{ ok: false, error }`.
 */
import type { CookieRecord } from './cookies/cookie-record.ts';

/** What the popup needs to show a site. */
export type SiteSnapshot = {
  /** Host name the snapshot is for. */
  host: string;
  /** True for a bundled portal or a `*.opendatasoft.com` / `*.huwise.com` portal. */
  isPortal: boolean;
  /** Cookies that currently exist for the site, sorted by name. */
  cookies: CookieRecord[];
};

/** Every request the background answers, by method name. */
export type MessageApi = {
  getSite: { params: { host: string }; result: SiteSnapshot };
};

export type Method = keyof MessageApi;
export type Params<M extends Method> = MessageApi[M]['params'];
export type Result<M extends Method> = MessageApi[M]['result'];

/** The envelope on the wire. */
export type RequestMessage<M extends Method = Method> = { method: M; params: Params<M> };
export type ResponseMessage<M extends Method = Method> = { ok: true; result: Result<M> } | { ok: false; error: string };

/** Handlers for every method: the compiler refuses a missing one. */
export type Handlers = { [M in Method]: (params: Params<M>) => Promise<Result<M>> };

const METHODS: ReadonlySet<string> = new Set<Method>(['getSite']);

/** Narrows an unknown message to a request we answer; anything else is refused. */
export function isRequestMessage(message: unknown): message is RequestMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { method, params } = message as { method?: unknown; params?: unknown };
  return typeof method === 'string' && METHODS.has(method) && typeof params === 'object' && params !== null;
}
