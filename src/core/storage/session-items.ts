/**
 * Everything the extension keeps in storage.session: each key, and the record it holds. The
 * worker writes them, the popup watches them change, benchmarks and tests put them in place,
 * all through the items here (after webext-storage's `StorageItem`): a key is spelled in one
 * place, so renaming one cannot silently stop the popup refreshing.
 *
 * Every record is stored as JSON text: storage counts a string by its length and an object by
 * far more (session-quota.ts), and the browser copies one string far faster than thousands of
 * small objects.
 */
import type { LiveCharterRecord } from '../charter/live.ts';
import { isLiveCharterRecord } from '../charter/live-record.ts';
import type { SiteRecord } from '../cookies/site-record.ts';
import type { AttributionState } from '../cookies/third-party-attribution.ts';
import type { NetworkLog } from '../network/network-log.ts';
import type { KeptRun } from '../report/compare-runs.ts';
import type { SiteView } from '../message-contract.ts';
import { isFiniteNumber, isListOf, isObject, isString } from '../value-shape.ts';

/** The storage.session calls the extension makes: storage.session itself in the extension, a fake in tests. */
export type SessionArea = {
  /** The stored values of `keys` (all of them with null); absent keys are left out. */
  read(keys: string[] | null): Promise<Record<string, unknown>>;
  /** Stores several values at once. */
  write(items: Record<string, unknown>): Promise<void>;
  /** Deletes keys; without it, what eviction leaves of a site is never deleted. */
  remove?(keys: string[]): Promise<void>;
  /**
   * The keys stored, without their values (storage.session.getKeys: Chromium 130+, Firefox 143+).
   * Without it, the site store reads every value when the worker wakes.
   */
  keys?(): Promise<string[]>;
};

/** A session area that can delete keys (`keys` stays optional: not every browser lists them alone). */
export type FullSessionArea = Required<Omit<SessionArea, 'keys'>> & Pick<SessionArea, 'keys'>;

/** One key of storage.session and the record it holds. */
export type SessionItem<T> = {
  /** The key in storage.session. */
  readonly key: string;
  /** The text stored for a record. */
  encode(value: T): string;
  /** The record in a stored value (JSON text, or an object an earlier version stored as such); null when absent or unreadable. */
  decode(stored: unknown): T | null;
  /** The record held in `area`; null when there is none or it cannot be read. */
  get(area: Pick<SessionArea, 'read'>): Promise<T | null>;
  /** Stores `value` in `area`. */
  set(area: Pick<SessionArea, 'write'>, value: T): Promise<void>;
};

/** A record from its stored value: JSON text, or an object an earlier version stored as such; null when absent or unreadable. */
function decodeJson<T>(stored: unknown): T | null {
  if (stored === undefined || stored === null) return null;
  if (typeof stored !== 'string') return stored as T;
  try {
    return JSON.parse(stored) as T;
  } catch {
    return null;
  }
}

function jsonItem<T>(key: string, decode: (stored: unknown) => T | null = decodeJson<T>): SessionItem<T> {
  const item: SessionItem<T> = {
    key,
    encode: (value) => JSON.stringify(value),
    decode,
    get: async (area) => item.decode((await area.read([key]))[key]),
    set: (area, value) => area.write({ [key]: item.encode(value) }),
  };
  return item;
}

const SITE_KEY_PREFIX = 'site:';
const LIVE_CHARTER_KEY_PREFIX = 'charter:';

/** The key of a site's record: `site:<storeId>|<host>` (cheap: the worker asks for it at every cookie event). */
export function siteKey(storeId: string, host: string): string {
  return `${SITE_KEY_PREFIX}${storeId}|${host}`;
}

/** True for the key of a site record. */
export function isSiteKey(key: string): boolean {
  return key.startsWith(SITE_KEY_PREFIX);
}

/** The host a site record's key names. */
export function hostOfSiteKey(key: string): string {
  return key.slice(key.indexOf('|') + 1);
}

/** What is recorded of a site in a cookie store (site-store.ts writes it, trimmed to its limit by record-limit.ts). */
export function siteItem(storeId: string, host: string): SessionItem<SiteRecord> {
  return jsonItem(siteKey(storeId, host), decodeSiteRecord);
}

/**
 * A site record from its stored value, whichever site it is (`siteItem(...).decode` without
 * building the item); null when absent, unreadable, or of another shape (isSiteRecord): the store
 * drops it as unreadable and the next cookie scan rebuilds it, where reading it as it is would
 * throw at every later use of the site's record (recording, the popup, diagnostics).
 */
export function decodeSiteRecord(stored: unknown): SiteRecord | null {
  const record = decodeJson<unknown>(stored);
  return isSiteRecord(record) ? record : null;
}

/** Absent, as in records of earlier versions, or as `check` says. */
const absentOr = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);

/** A recorded cookie as far as the code reads it without checking: its name, domain and phases. */
const isSiteCookie = (cookie: unknown) =>
  isObject(cookie) && isString(cookie.name) && isString(cookie.domain) && Array.isArray(cookie.setPhases);

/**
 * Whether a stored value is a site record as the code reads it, field by field (the fields every
 * version since the timeline's has written, and the optional ones when present), each cookie and
 * event once. Fields absent in records of earlier versions stay accepted.
 */
function isSiteRecord(value: unknown): value is SiteRecord {
  if (!isObject(value)) return false;
  const { consent } = value;
  return (
    isString(value.host) &&
    isString(value.storeId) &&
    isObject(value.cookies) &&
    Object.values(value.cookies).every(isSiteCookie) &&
    isObject(consent) &&
    isString(consent.state) &&
    isObject(consent.trackers) &&
    isListOf(value.timeline, (event) => isObject(event) && isString(event.type) && typeof event.at === 'number') &&
    typeof value.droppedEvents === 'number' &&
    absentOr(value.pages, (pages) => pages === null || isListOf(pages, isString)) &&
    absentOr(value.choiceHeldBy, (keys) => isListOf(keys, isString)) &&
    absentOr(value.heldChoices, (choices) => isListOf(choices, isObject)) &&
    absentOr(value.lastSaved, isObject) &&
    absentOr(value.activeSeq, (seq) => typeof seq === 'number')
  );
}

/** The last attempt to read a site's live charter (live-charters.ts). */
export function liveCharterItem(host: string): SessionItem<LiveCharterRecord> {
  return jsonItem(`${LIVE_CHARTER_KEY_PREFIX}${host}`, decodeLiveCharterRecord);
}

/** A live charter's record from its stored value; null when absent, unreadable, or of another shape (isLiveCharterRecord): as good as none. */
function decodeLiveCharterRecord(stored: unknown): LiveCharterRecord | null {
  const record = decodeJson<unknown>(stored);
  return isLiveCharterRecord(record) ? record : null;
}

/** True for the key of a live charter's record. */
export function isLiveCharterKey(key: string): boolean {
  return key.startsWith(LIVE_CHARTER_KEY_PREFIX);
}

const CONSENT_RUN_KEY_PREFIX = 'run:';

/** The run "Record the other choice" kept of a site in a cookie store, to compare the next one with and draft a charter from both. */
export function consentRunItem(storeId: string, host: string): SessionItem<KeptRun> {
  return jsonItem(`${CONSENT_RUN_KEY_PREFIX}${storeId}|${host}`);
}

/** True for the key of a kept run. */
export function isConsentRunKey(key: string): boolean {
  return key.startsWith(CONSENT_RUN_KEY_PREFIX);
}

/** The key of the site record a kept run's key is of (same store, same host). */
export function siteKeyOfRunKey(key: string): string {
  return `${SITE_KEY_PREFIX}${key.slice(CONSENT_RUN_KEY_PREFIX.length)}`;
}

const NETWORK_LOG_KEY_PREFIX = 'network:';

/** What DevTools heard set cookies in a tab (network-logs.ts): while DevTools is open on it, and until the tab closes. */
export function networkLogItem(tabId: number): SessionItem<NetworkLog> {
  return jsonItem(`${NETWORK_LOG_KEY_PREFIX}${tabId}`);
}

/** The tab a network log's key names; null for other keys. */
export function tabOfNetworkLogKey(key: string): number | null {
  if (!key.startsWith(NETWORK_LOG_KEY_PREFIX)) return null;
  const tabId = Number(key.slice(NETWORK_LOG_KEY_PREFIX.length));
  return Number.isInteger(tabId) ? tabId : null;
}

/** A tab a consent-flow clear took to the blank page: the address to bring it back to, and when it left (ms since the epoch). */
export type TabAway = { url: string; at: number };

/** The tabs consent-flow clears took away and have not brought back yet, by tab id (background/tabs-away.ts). */
export const tabsAwayItem: SessionItem<Record<string, TabAway>> = jsonItem('clear:tabs-away', (stored) => {
  // Only the entries of an address and a time: one of another shape, read as it is, threw at every wake's bring-back.
  const value = decodeJson<unknown>(stored);
  if (!isObject(value)) return null;
  return Object.fromEntries(
    Object.entries(value).filter(([, away]) => isObject(away) && isString(away.url) && isFiniteNumber(away.at)),
  ) as Record<string, TabAway>;
});

/** What the store dropped to make room, kept so a restarted worker still tells. */
export type StorageLedger = {
  /** Sites whose records were dropped to make room since the browser started. */
  sitesDropped: number;
  /** When the last one was (ms since the epoch); null if none. */
  lastDropAt: number | null;
  /**
   * Host access changes since the browser started: counted in the ledger so that every open page,
   * which asks for its site again on a ledger change, hears that its site may now be seen or not.
   */
  accessChanges?: number;
};

/** The ledger's key, apart from its item: the pages watch it (keyConcernsHost) without the worker's reading of it. */
const LEDGER_KEY = 'storage:ledger';

/** The store's ledger of dropped records (one for the whole area). */
export const ledgerItem: SessionItem<Partial<StorageLedger>> = jsonItem(LEDGER_KEY, (stored) => {
  // Only the fields of their type: a count stored as text was added to as text ("1" then "11"), a time as text broke the exports.
  const value = decodeJson<unknown>(stored);
  if (!isObject(value)) return null;
  const ledger: Partial<StorageLedger> = {};
  if (isFiniteNumber(value.sitesDropped)) ledger.sitesDropped = value.sitesDropped;
  if (value.lastDropAt === null || isFiniteNumber(value.lastDropAt)) ledger.lastDropAt = value.lastDropAt;
  if (isFiniteNumber(value.accessChanges)) ledger.accessChanges = value.accessChanges;
  return ledger;
});

/**
 * The store's write sequence: the last place given a record written (`SiteRecord.activeSeq`), kept
 * so a restarted worker goes on counting from it (site-store.ts ranks records by it, not by the clock).
 */
export const sequenceItem: SessionItem<number> = jsonItem('storage:sequence');

/** What third-party attribution knows of the tabs' pages, frames and Set-Cookie responses (background/embedded-content.ts). */
export const attributionItem: SessionItem<AttributionState> = jsonItem('embedded:tabs');

const PAGE_KEY_PREFIX = 'page:';

/**
 * The key of a site's first page as a page asks for it: `page:<storeId>|<host>`, the store as the
 * query names it (empty for the default store: the popup of a normal window names none).
 */
export function pageKey(storeId: string | undefined, host: string): string {
  return `${PAGE_KEY_PREFIX}${storeId ?? ''}|${host}`;
}

/** True for the key of a stored first page. */
export function isPageKey(key: string): boolean {
  return key.startsWith(PAGE_KEY_PREFIX);
}

/**
 * A site's report as the popup first shows it (its first page, FIRST_PAGE), kept by the worker
 * beside the record it was built from (site-store.ts): a page reads it from storage at once,
 * without waiting for a stopped worker to start and build it. Replaced by '' (read as absent) in
 * the very write that changes anything it was built from.
 */
export function sitePageItem(storeId: string | undefined, host: string): SessionItem<SiteView> {
  return jsonItem(pageKey(storeId, host));
}

/** The site a stored first page's key names, as the page asked for it (no store: the default one). */
export function siteOfPageKey(key: string): { host: string; storeId?: string } {
  const storeId = key.slice(PAGE_KEY_PREFIX.length, key.indexOf('|'));
  return { host: hostOfSiteKey(key), ...(storeId ? { storeId } : {}) };
}

/** The host whose report a change of `key` changes (its record or kept run in any cookie store, or its live charter); null for other keys. */
export function hostOfKey(key: string): string | null {
  if (isSiteKey(key) || isConsentRunKey(key)) return hostOfSiteKey(key);
  if (isLiveCharterKey(key)) return key.slice(LIVE_CHARTER_KEY_PREFIX.length);
  return null;
}

/**
 * The cookie store a key names: a site's record, its kept run, its first page (`site:`, `run:`,
 * `page:<storeId>|<host>`); null for keys of no store (live charters, network logs, the ledger)
 * and for a first page asked without a store (the default one's: a private store is always named).
 */
export function storeOfKey(key: string): string | null {
  const prefix = [SITE_KEY_PREFIX, CONSENT_RUN_KEY_PREFIX, PAGE_KEY_PREFIX].find((start) => key.startsWith(start));
  const end = key.indexOf('|');
  if (prefix === undefined || end < 0) return null;
  return key.slice(prefix.length, end) || null;
}

/** True when a change of `key` changes what is shown of `host`: its own keys (see hostOfKey), and the ledger, whose counts every report shows. */
export function keyConcernsHost(key: string, host: string): boolean {
  return key === LEDGER_KEY || hostOfKey(key) === host;
}
