/**
 * The one message contract between the extension's pages and its background worker.
 * Each method names its params and result; errors travel back as `{ ok: false, error }`.
 */
import type { Report } from './report/report.ts';
import type { ExportFormat, ExportedFile } from './report/export.ts';
import { CHARTER_DRAFT_FORMATS, DRAFT_LANGUAGES, type CharterDraftFormat, type DraftLanguage } from './draft/draft-formats.ts';

/** Which site, in which cookie store (absent: the browser's default store). */
export type SiteQuery = { host: string; storeId?: string };

/** What the popup needs to show a site. */
export type SiteView =
  /** The extension may see the site's cookies: its report (charter kind 'none' off the portals); `charterPending` while the live charter is read. */
  | { kind: 'report'; report: Report; charterPending: boolean }
  /** No host permission for the site; `portal` says whether it is a known portal (Firefox may not grant those at install). */
  | { kind: 'no-access'; host: string; portal: boolean };

/** Every request the background answers, by method name. */
export type MessageApi = {
  /** The report of a site. */
  getReport: { params: SiteQuery; result: SiteView };
  /** Removes the site's cookies from the browser, starts its record afresh, and reloads its tabs if asked. */
  clearSite: { params: SiteQuery & { reloadTabs?: boolean }; result: { removed: number } };
  /**
   * The site's report as a file, or a corrected charter drafted from it (the `charter-*` formats)
   * in `language`, by default the charter's.
   */
  exportReport: { params: SiteQuery & { format: ExportFormat | CharterDraftFormat; language?: DraftLanguage }; result: ExportedFile };
  /** Reads the site's live charter again now. */
  refreshCharter: { params: SiteQuery; result: { ok: boolean } };
  /**
   * How the worker is doing: when its first line ran, when its code was evaluated and when it
   * became ready (ms after the browser started it), each start-up step, and how much it holds.
   */
  getDiagnostics: {
    params: Record<string, never>;
    result: { codeStartedMs: number; evaluatedMs: number; readyMs: number; steps: Record<string, number>; sites: number; cookies: number };
  };
};

export type Method = keyof MessageApi;
export type Params<M extends Method> = MessageApi[M]['params'];
export type Result<M extends Method> = MessageApi[M]['result'];

/** The envelope on the wire. */
export type RequestMessage<M extends Method = Method> = { method: M; params: Params<M> };
export type ResponseMessage<M extends Method = Method> = { ok: true; result: Result<M> } | { ok: false; error: string };

/** Handlers for every method: the compiler refuses a missing one. */
export type Handlers = { [M in Method]: (params: Params<M>) => Promise<Result<M>> };

const EXPORT_FORMATS: readonly (ExportFormat | CharterDraftFormat)[] = ['json', 'markdown', 'csv', ...CHARTER_DRAFT_FORMATS];

/** True for the formats that are a charter draft rather than the report itself. */
export function isCharterDraftFormat(format: ExportFormat | CharterDraftFormat): format is CharterDraftFormat {
  return (CHARTER_DRAFT_FORMATS as readonly string[]).includes(format);
}

/** Methods and whether their params name a site. */
const METHODS: Record<Method, { site: boolean }> = {
  getReport: { site: true },
  clearSite: { site: true },
  exportReport: { site: true },
  refreshCharter: { site: true },
  getDiagnostics: { site: false },
};

/** Narrows an unknown message to a request we answer: a known method and a site host. */
export function isRequestMessage(message: unknown): message is RequestMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { method, params } = message as { method?: unknown; params?: { host?: unknown; storeId?: unknown } };
  if (typeof method !== 'string' || !Object.hasOwn(METHODS, method) || typeof params !== 'object' || params === null) return false;
  if (!METHODS[method as Method].site) return true;
  if (method === 'exportReport') {
    const { format, language } = params as { format?: unknown; language?: unknown };
    if (
      !EXPORT_FORMATS.includes(format as ExportFormat) ||
      (language !== undefined && !DRAFT_LANGUAGES.includes(language as DraftLanguage))
    ) {
      return false;
    }
  }
  return typeof params.host === 'string' && (params.storeId === undefined || typeof params.storeId === 'string');
}
