/**
 * The one message contract between the extension's pages and its background worker.
 * Each method names its params and result; errors travel back as `{ ok: false, error }`.
 */
import type { Report } from './report/report.ts';
import type { ReportFirst, ReportTotals } from './report/report-page.ts';
import type { ExportFormat, ExportedFile } from './report/export.ts';
import type { ConsentRun } from './report/compare-runs.ts';
import type { TimelineEvent } from './cookies/site-record.ts';
import type { NetworkLog, NetworkResponse } from './network/network-log.ts';
import { CHARTER_DRAFT_FORMATS, type CharterDraftFormat, type DraftLanguage } from './draft/draft-formats.ts';

/**
 * What the pages ask for at first (\`getReport\`'s \`first\`): the list's first page of rows, the
 * findings listed before "Show more", the timeline's tail (core/report/report-page.ts cuts it).
 * Here rather than beside the cut so a page loads none of the cutting code.
 */
export const FIRST_PAGE: ReportFirst = { cookies: 50, findings: 20, events: 20 };

/** True when `query` is the site `first` names, in the same store (none and '' are the normal windows'). */
export function sameSite(first: SiteQuery | null, query: SiteQuery): boolean {
  return first !== null && first.host === query.host && (first.storeId ?? '') === (query.storeId ?? '');
}

/** True when `first` asks for FIRST_PAGE (the page the worker keeps in storage for the popup). */
export function isFirstPage(first: ReportFirst | undefined): boolean {
  return (
    first !== undefined &&
    first.cookies === FIRST_PAGE.cookies &&
    first.findings === FIRST_PAGE.findings &&
    first.events === FIRST_PAGE.events
  );
}

/** True for a valid `first` of a request (whole numbers, not negative). */
export function isReportFirst(value: unknown): value is ReportFirst {
  if (typeof value !== 'object' || value === null) return false;
  const { cookies, findings, events } = value as Partial<Record<string, unknown>>;
  const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return count(cookies) && count(findings) && count(events);
}

/** Which site, in which cookie store (absent: the browser's default store). */
export type SiteQuery = { host: string; storeId?: string };

/** What the popup needs to show a site. */
export type SiteView =
  /**
   * The extension may see the site's cookies: its report (charter kind 'none' off the portals);
   * `charterPending` while the live charter is read; `savedRun`, the run kept by "Record the other
   * choice" to compare with this one (absent or null when none was kept). `partial` when the
   * report holds only the first page asked for (report-page.ts): the counts of the whole.
   */
  | { kind: 'report'; report: Report; charterPending: boolean; savedRun?: ConsentRun | null; partial?: ReportTotals }
  /** No host permission for the site; `portal` says whether it is a known portal (Firefox may not grant those at install). */
  | { kind: 'no-access'; host: string; portal: boolean };

/** The site a tab shows. */
export type TabSiteAnswer =
  /** A web page of `host`, in cookie store `storeId` (absent: the normal windows' store). */
  | { kind: 'site'; host: string; storeId?: string }
  /** No web page the extension may see (a browser page, or a site without host permission: its address is hidden). */
  | { kind: 'no-site' }
  /** No such tab (closed, or a wrong number). */
  | { kind: 'no-tab' };

/** Every request the background answers, by method name. */
export type MessageApi = {
  /** The report of a site; with `first`, only its first page (cookies and findings) and the counts of the whole. */
  getReport: { params: SiteQuery & { first?: ReportFirst }; result: SiteView };
  /**
   * Removes the site's cookies from the browser, starts its record afresh, and reloads its tabs if
   * asked. With `saveRun` the record is first kept as the run to compare the next one with ("Record
   * the other choice"); without it, any kept run is dropped (a consent flow starts afresh). An ask
   * that shares a clear of the site under way does neither: the first ask's choice holds.
   */
  clearSite: { params: SiteQuery & { reloadTabs?: boolean; saveRun?: boolean }; result: { removed: number } };
  /**
   * The site's report as a file, or a corrected charter drafted from it (the `charter-*` formats)
   * in `language`, by default the charter's.
   */
  exportReport: { params: SiteQuery & { format: ExportFormat | CharterDraftFormat; language?: DraftLanguage }; result: ExportedFile };
  /** Reads the site's live charter again now; ok: a charter was read by this attempt (false when it failed, even if an earlier one is kept). */
  refreshCharter: { params: SiteQuery; result: { ok: boolean } };
  /** The site a tab shows (the DevTools panel of that tab asks: in Firefox it cannot read tabs itself). */
  siteOfTab: { params: { tabId: number }; result: TabSiteAnswer };
  /**
   * Responses that set cookies in a tab DevTools inspects (the DevTools page sends them); `openedAt`
   * names the DevTools session. `kept`: how many were; no-tab: there is no such tab (nothing was kept).
   */
  noteNetwork: {
    params: { tabId: number; openedAt: number; responses: NetworkResponse[] };
    result: { kind: 'noted'; kept: number } | { kind: 'no-tab' };
  };
  /** What DevTools heard in a tab: null when it is not open on it (or heard no cookie being set). */
  getNetworkLog: { params: { tabId: number }; result: NetworkLog | null };
  /**
   * The browser's version as `runtime.getBrowserInfo` gives it ("153.0"), or null in a browser
   * without it (Chromium). Asked by Firefox's DevTools page, which has no getBrowserInfo of its own.
   */
  getBrowserVersion: { params: Record<string, never>; result: string | null };
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

/** The methods a page sends once (SAFE_TO_SEND_AGAIN). */
type SentOnce = 'clearSite' | 'exportReport' | 'refreshCharter' | 'noteNetwork';
/** The methods a page sends again (SAFE_TO_SEND_AGAIN). */
const SAFE_METHODS = ['getReport', 'siteOfTab', 'getNetworkLog', 'getBrowserVersion', 'getDiagnostics'] as const satisfies readonly Exclude<
  Method,
  SentOnce
>[];

/**
 * The methods a page may send again when the worker stopped before answering (Chrome stops an
 * idle worker, Firefox its event page): what pages read on their own, which a second run answers
 * the same. Not the person's actions (clearSite deletes cookies and reloads tabs, exportReport and
 * refreshCharter were asked by a click): the page says the worker did not answer, and the person
 * presses again or not. noteNetwork would log its responses twice. A request no worker received
 * is always sent again (src/platform/messaging.ts). A set, not a table of every method, as it is
 * in the popup's first script (its bytes are budgeted).
 */
export const SAFE_TO_SEND_AGAIN: ReadonlySet<Method> = new Set<Method>(SAFE_METHODS);

/** Every method says: one in neither list fails to compile here. */
type Unsorted = Exclude<Method, SentOnce | (typeof SAFE_METHODS)[number]>;
export const EVERY_METHOD_SAYS: [Unsorted] extends [never] ? true : Unsorted = true;

/**
 * The worker did not answer a page's request: nothing answered it, or not within the page's time
 * limit (`withinSeconds`). The message is English, for the console; a page says it in its language.
 */
export class NoAnswer extends Error {
  override name = 'NoAnswer';
  readonly withinSeconds: number | null;
  constructor(method: Method, withinSeconds: number | null = null) {
    super(`No answer from the background worker to ${method}${withinSeconds === null ? '' : ` within ${withinSeconds} s`}`);
    this.withinSeconds = withinSeconds;
  }
}

/**
 * How long a page waits for the worker where it shows a spinner and nothing else can happen (the
 * report, the site of a panel's tab) before it says the worker did not answer, with a retry. A
 * stopped worker wakes and builds a first report in tens to hundreds of ms, a cold machine in a
 * few seconds: 15 s cuts no answer that is only slow. The person's own actions (clearing with
 * reloads, exports) have none: they may rightly take longer, and the page is not stuck meanwhile.
 */
export const WORKER_WAIT_LIMIT_MS = 15_000;

/**
 * How long a page waits for the worker to carry out one of the person's actions (deleting cookies
 * and reloading tabs, making an export, reading the live charter again) before it says the worker
 * did not answer: they may rightly take seconds (a charter page read over the network has its own
 * limit, below this), never a minute, and the action's buttons wait for it.
 */
export const ACTION_WAIT_LIMIT_MS = 60_000;

/** `answer`, or a NoAnswer to `method` once `limitMs` have passed without it. */
export async function answerWithin<T>(answer: Promise<T>, method: Method, limitMs = WORKER_WAIT_LIMIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      answer,
      new Promise<never>((_, reject) => {
        timer = setTimeout(reject, limitMs, new NoAnswer(method, limitMs / 1000));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The envelope on the wire. */
export type RequestMessage<M extends Method = Method> = { method: M; params: Params<M> };
export type ResponseMessage<M extends Method = Method> = { ok: true; result: Result<M> } | { ok: false; error: string };

/** Handlers for every method: the compiler refuses a missing one. */
export type Handlers = { [M in Method]: (params: Params<M>) => Promise<Result<M>> };

/** True for the formats that are a charter draft rather than the report itself. */
export function isCharterDraftFormat(format: ExportFormat | CharterDraftFormat): format is CharterDraftFormat {
  return (CHARTER_DRAFT_FORMATS as readonly string[]).includes(format);
}

/** Tags the worker's own pushes to the pages, so a page tells them from the requests pages send the worker. */
export const LIVE_MESSAGE_TYPE = 'cci-live' as const;

/** A timeline event's type, time and cookie name (null for a marker): enough for a page to tell the event it holds is the one the worker means. */
export type EventSignature = { type: TimelineEvent['type']; at: number; name: string | null };

/** The signature of a timeline event. */
export function signatureOf(event: TimelineEvent): EventSignature {
  return { type: event.type, at: event.at, name: 'name' in event ? event.name : null };
}

/**
 * What the worker pushes to every open page as it happens (runtime.sendMessage, no reply): a
 * cookie event just recorded (or placed before others), or news that DevTools heard more responses
 * in a tab. A page that cannot place an event (a gap, or a timeline that started again) asks for
 * the report instead.
 */
export type LiveMessage =
  | {
      type: typeof LIVE_MESSAGE_TYPE;
      kind: 'event';
      /** The site and cookie store whose timeline it joined. */
      host: string;
      storeId: string;
      /** Its position in the timeline (droppedEvents + its index + 1). */
      seq: number;
      /** The event before it in the timeline; null when it is the first. */
      previous: EventSignature | null;
      /** The event, as recorded. */
      event: TimelineEvent;
      /** When the browser's change reached the worker (performance.timeOrigin + performance.now(), ms): the benchmark's start. */
      heardAt: number;
    }
  | {
      type: typeof LIVE_MESSAGE_TYPE;
      /** An event went before others in the site's timeline (a cookie of embedded content told late): a page showing it reads the report again. */
      kind: 'resync';
      host: string;
      storeId: string;
    }
  | {
      type: typeof LIVE_MESSAGE_TYPE;
      kind: 'network';
      /** The tab whose network log grew. */
      tabId: number;
    };

/** True for a browser tab id (a whole number, not negative). */
export const isTabId = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** True for a push of the worker's (anything else a page hears is not for it). */
export function isLiveMessage(message: unknown): message is LiveMessage {
  if (typeof message !== 'object' || message === null) return false;
  const live = message as Partial<Record<string, unknown>>;
  if (live.type !== LIVE_MESSAGE_TYPE) return false;
  if (live.kind === 'network') return isTabId(live.tabId);
  return (
    typeof live.host === 'string' &&
    typeof live.storeId === 'string' &&
    ((live.kind === 'event' &&
      typeof live.seq === 'number' &&
      typeof live.heardAt === 'number' &&
      typeof live.event === 'object' &&
      live.event !== null &&
      (live.previous === null || typeof live.previous === 'object')) ||
      live.kind === 'resync')
  );
}
