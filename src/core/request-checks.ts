/**
 * The worker's check of the requests pages send it (message-contract.ts types them): each param
 * as the contract types it, and a host that names a site. Apart from the contract because only the
 * worker runs it: a page that imports the contract loads none of these checks (the popup's bytes).
 */
import { isReportFirst, isTabId, type Method, type Params, type RequestMessage } from './message-contract.ts';
import type { ExportFormat } from './report/export.ts';
import { CHARTER_DRAFT_FORMATS, DRAFT_LANGUAGES, type CharterDraftFormat, type DraftLanguage } from './draft/draft-formats.ts';
import { isHostName } from './host-patterns.ts';
import type { Translate } from './ui-strings.ts';

const EXPORT_FORMATS: readonly (ExportFormat | CharterDraftFormat)[] = ['json', 'markdown', 'csv', ...CHARTER_DRAFT_FORMATS];

/** How one param of a request is checked: whether it must be there, and what it must be (said in the error). */
type ParamCheck<Required extends boolean> = { required: Required; valid: (value: unknown) => boolean; expected: string };

/** A check for every param of `P`, required exactly when the type requires it: the compiler refuses a param left unchecked. */
type ParamChecks<P> = { readonly [K in keyof P]-?: ParamCheck<Record<never, never> extends Pick<P, K> ? false : true> };

const required = (valid: (value: unknown) => boolean, expected: string): ParamCheck<true> => ({ required: true, valid, expected });
const optional = (valid: (value: unknown) => boolean, expected: string): ParamCheck<false> => ({ required: false, valid, expected });

const isString = (value: unknown) => typeof value === 'string';

/** A site's params. Its host must also be a host name (isHostName: an error of its own); a store '' is the normal windows' (sameSite). */
const SITE = { host: required(isString, 'a host name'), storeId: optional(isString, 'a cookie store id') } as const;
/** A yes-or-no option: only true or false, never a string such as "false" that a truthiness test would take as yes. */
const FLAG = optional((value) => typeof value === 'boolean', 'true or false');
const TAB = { tabId: required(isTabId, 'a tab id (a whole number, not negative)') } as const;

/** Every method's params and their checks. */
const PARAM_CHECKS: { readonly [M in Method]: ParamChecks<Params<M>> } = {
  getReport: { ...SITE, first: optional(isReportFirst, 'whole counts of cookies, findings and events') },
  clearSite: { ...SITE, reloadTabs: FLAG, saveRun: FLAG },
  exportReport: {
    ...SITE,
    format: required((value) => EXPORT_FORMATS.includes(value as ExportFormat), `one of ${EXPORT_FORMATS.join(', ')}`),
    language: optional((value) => DRAFT_LANGUAGES.includes(value as DraftLanguage), `one of ${DRAFT_LANGUAGES.join(', ')}`),
  },
  refreshCharter: SITE,
  siteOfTab: TAB,
  noteNetwork: {
    ...TAB,
    openedAt: required((value) => typeof value === 'number' && Number.isFinite(value), 'a time (ms since the epoch)'),
    responses: required(Array.isArray, 'a list'),
  },
  getNetworkLog: TAB,
  getBrowserVersion: {},
  getDiagnostics: {},
};

/** Why a message is not a request the worker answers. */
export type RequestProblem =
  /** Not a request: not an object, no method we answer, or no params. */
  | { kind: 'unknown' }
  /** A param missing, or not what it must be (`expected`). */
  | { kind: 'param'; method: Method; param: string; expected: string }
  /** A host that names no site (a pattern, an address, markup): said in the browser's language, as pages show it. */
  | { kind: 'host'; host: string };

/** What is wrong with `message` as a request, or null for a request we answer: a known method, each of its params as the contract types it, a host name. */
export function requestProblem(message: unknown): RequestProblem | null {
  if (typeof message !== 'object' || message === null) return { kind: 'unknown' };
  const { method, params } = message as { method?: unknown; params?: Record<string, unknown> };
  if (typeof method !== 'string' || !Object.hasOwn(PARAM_CHECKS, method) || typeof params !== 'object' || params === null)
    return { kind: 'unknown' };
  const checks: Record<string, ParamCheck<boolean>> = PARAM_CHECKS[method as Method];
  for (const [param, { required, valid, expected }] of Object.entries(checks)) {
    const value = params[param];
    if (value === undefined ? required : !valid(value)) return { kind: 'param', method: method as Method, param, expected };
  }
  if ('host' in checks && !isHostName(params.host as string)) return { kind: 'host', host: params.host as string };
  return null;
}

/** Narrows an unknown message to a request we answer (requestProblem finds nothing wrong with it). */
export function isRequestMessage(message: unknown): message is RequestMessage {
  return requestProblem(message) === null;
}

/**
 * The worker's answer to a request it refuses. A wrong host is said in the browser's language (a
 * page's address names it: `?host=`), the rest in English, for whoever wrote the page's code.
 */
export function requestProblemText(problem: RequestProblem, t: Translate): string {
  switch (problem.kind) {
    case 'unknown':
      return 'Unknown request';
    case 'param':
      return `Invalid ${problem.method} request: ${problem.param} must be ${problem.expected}`;
    case 'host':
      return t('notHostName', problem.host);
  }
}
