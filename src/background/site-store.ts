import { LIVE_CHARTER_MAX_AGE_MS } from '../core/charter/live-record.ts';
import { appendTimeline, emptySite, evictedRecord, isEvicted, lastActivity, type SiteRecord } from '../core/cookies/site-record.ts';
import { fitRecord, SITE_RECORD_LIMIT_BYTES } from '../core/storage/record-limit.ts';
import { SESSION_BUDGET_BYTES, storedBytes } from '../core/storage/session-quota.ts';
import {
  decodeSiteRecord,
  hostOfKey,
  hostOfSiteKey,
  isConsentRunKey,
  isLiveCharterKey,
  isPageKey,
  isSiteKey,
  ledgerItem,
  liveCharterItem,
  sequenceItem,
  siteKey,
  siteKeyOfRunKey,
  siteOfPageKey,
  type FullSessionArea,
  type SessionArea,
  type StorageLedger,
} from '../core/storage/session-items.ts';
import { createDebouncedWriter } from './debounced-writer.ts';

/** `storedBytes` of a key and its text. */
type MeasureText = (key: string, text: string) => number;

/**
 * `storedBytes`, each text measured once: one write asks for a record's size at three steps (room
 * made, order of the items, sizes kept), and a busy portal's record is 0.9 MB to scan each time.
 */
function measureOnce(): MeasureText {
  const measured = new Map<string, { text: string; bytes: number }>();
  return (key, text) => {
    const last = measured.get(key);
    if (last?.text === text) return last.bytes;
    const bytes = storedBytes(key, text);
    measured.set(key, { text, bytes });
    return bytes;
  };
}

/** How many times a write refused for quota is tried again at once, with more room made each time. */
const QUOTA_RETRIES = 3;

/**
 * An item refused before anything was dropped for it: a value of other state (a live charter, a
 * kept run, a network log written through `SiteStore.area`) that takes more than the whole budget
 * by itself. Dropping every other site would not make it fit.
 */
export class WriteTooLargeError extends Error {
  constructor(
    /** The item, as `storedBytes` counts it. */
    readonly bytes: number,
    /** The store's budget (SiteStoreOptions.budgetBytes). */
    readonly limitBytes: number,
  ) {
    super(
      `An item of ${bytes.toLocaleString('en')} bytes of other state than site records is more than the ${limitBytes.toLocaleString('en')} bytes of storage.session the extension allows itself: refused, nothing dropped for it`,
    );
    this.name = 'WriteTooLargeError';
  }
}

/** What the store could not keep: shown in the popup and the report. */
export type StorageStatus = StorageLedger & {
  /** Since when changes could not be written to storage.session (they live on in the worker until it stops); null when all is written. */
  unsavedSince: number | null;
};

export type SiteStoreOptions = {
  /** Bytes the store lets storage.session hold, every key counted (SESSION_BUDGET_BYTES). */
  budgetBytes?: number;
  /** Bytes one site record may take (SITE_RECORD_LIMIT_BYTES). */
  recordLimitBytes?: number;
  /** Hosts open in a tab: their records are dropped last. */
  hostsInUse?: () => ReadonlySet<string>;
  /** The clock. */
  now?: () => number;
  /** How long after a refused write it is tried again if nothing else comes. */
  retryDelayMs?: number;
  /**
   * Hears each first page (pageKey) retired because something it was built from changed, or not
   * kept because something changed while it was built: it can be built again.
   */
  onPageRetired?: (key: string) => void;
  /** Hears the keys of other state (kept runs, live charters) the store removed to make room: a cache of them must forget them. */
  onRemoved?: (keys: readonly string[]) => void;
};

/** Site records, restored from storage.session on wake and written back through one writer. */
export type SiteStore = {
  /**
   * Learns which records storage holds (their keys, and the ledger); call once, before anything
   * else (a call while one is under way joins it). Where the browser lists keys alone, no record
   * is read: each is read when opened.
   */
  load(): Promise<void>;
  /**
   * Reads the records of `keys` (siteKey) that are not read yet, each once: a read under way is
   * shared. Null when every one is read already (or has no record), so a caller can go on at once.
   * A key without a record is nothing to read; a record gone from storage, or unreadable, is dropped.
   */
  open(keys: Iterable<string>): Promise<void> | null;
  /** Reads every record not read yet (what needs them all: diagnostics). */
  openAll(): Promise<void>;
  /** The record of `host` in cookie store `storeId`, or an empty one; throws when it is not read yet (`open` it first). */
  get(storeId: string, host: string): SiteRecord;
  /**
   * Changes each time the record of `host` in `storeId` is put, replaced or dropped: records are
   * updated in place, so this is how a cache of what is built from one (report-memo.ts) knows it changed.
   */
  revision(storeId: string, host: string): number;
  /** Hosts that have a record, in any store (cheap: reads no record, kept up to date). */
  hosts(): ReadonlySet<string>;
  /** Every record held; throws when some are not read yet (`openAll` first). */
  all(): SiteRecord[];
  /** Replaces a record and queues it for writing. */
  put(site: SiteRecord): void;
  /**
   * What a first page about to be built is checked against when it is kept (`putPage`): take it
   * before reading what the page is built from. -1 while a write that retires pages is under way:
   * no page built then is kept.
   */
  pageTicket(): number;
  /**
   * Keeps a site's first page (its JSON text) under `key` (pageKey), built from the record of
   * `host` in `storeId` at `revision`, the other inputs read after `ticket` was taken. Dropped
   * when anything it was built from changed since (and `onPageRetired` told, to build it again);
   * written with the record when that is queued. Not kept while changes could not be saved
   * (`status().unsavedSince`): told once they are.
   */
  putPage(key: string, storeId: string, host: string, revision: number, ticket: number, text: string): void;
  /** True when the page under `key` is kept, built from that record at `revision`, and nothing it was built from changed since. */
  hasPage(key: string, storeId: string, host: string, revision: number): boolean;
  /**
   * Host access changed: retires every stored page (a page may show a site the extension no
   * longer sees, or not one it now sees), and counts the change in the ledger, which every open
   * page hears and asks for its site again on (a site granted with no cookie yet, or removed,
   * writes no key of its own).
   */
  retireAllPages(): Promise<void>;
  /**
   * Marks, in every record with events, that the worker was stopped and started again: records
   * read later get the marker as they are read. The marker is written with the record's next
   * change, not by itself: writing a busy portal's record again costs the worker ~8 ms (2,000
   * cookies), which came just as the popup opened on a stopped worker rendered its report. A
   * restart with nothing recorded after it leaves no trace; the next restart's marker stands
   * for the same gap.
   */
  markRestart(now: number): void;
  /**
   * Every key storage holds or is about to (written, queued, or being written by the area), as
   * this store knows them: it is storage's only writer.
   */
  keys(): string[];
  /**
   * Forgets `keys` for good (a private session that ended: private-sessions.ts): records, first
   * pages, kept runs, live charters, network logs, deleted from storage and from what is queued,
   * and not built again: until its record is put again, a first page of a record forgotten is not
   * kept (nor `onPageRetired` told), nor its kept run written, nor its host's live charter while
   * no record nor tab names the host (work for the session still under way: a rebuild, a charter
   * read). `onRemoved` hears the keys.
   */
  forgetKeys(keys: readonly string[]): Promise<void>;
  /** Writes what is queued now. */
  flush(): Promise<void>;
  /** What could not be kept. */
  status(): StorageStatus;
  /** storage.session for other state (live charters, kept runs, network logs): its writes count against the same budget, and go in turn. */
  area: FullSessionArea;
};

/**
 * The in-memory map is a read cache of storage.session, started again each time the worker
 * wakes: storage stays the source of truth, and reads during a burst of events stay cheap.
 * Writes are batched: what changes while one write is under way goes in the next.
 *
 * At wake, `load()` lists the keys only (storage.session.getKeys): which sites have a record is
 * known at once, and each record is read from storage when first opened. A wake-up for one cookie
 * event on one portal reads that portal's record, not every portal's: a busy portal's record is
 * 0.9 MB (2,000 cookies), and the browser took ~3 ms more to hand it over at each wake whether
 * it was used or not. Each record is stored as one JSON string, and parsed only when first
 * used: the browser copies one string far faster than thousands of small objects. Where the
 * browser cannot list keys alone, `load()` reads every value, as before.
 *
 * Nothing is lost in silence. storage.session holds 10 MiB (see session-quota.ts); before each
 * write the store counts what storage would hold, every key included, and when it would pass
 * the budget it drops whole records of other sites, least recently active first and sites open
 * in a tab last, leaving each a marker (`evictedRecord`) and counting them in a ledger stored
 * with them. A record is kept within SITE_RECORD_LIMIT_BYTES by `fitRecord`. A write the
 * browser still refuses is tried again after learning what storage really holds (another
 * writer, an estimate off); if it cannot be made, its changes stay queued, are tried again, and
 * `status().unsavedSince` says so, while this worker runs: a worker stopped before a retry is
 * written loses them, and the next one does not know (README, Limits).
 */
export function createSiteStore(session: SessionArea, writeDelayMs = 20, options: SiteStoreOptions = {}): SiteStore {
  const budgetBytes = options.budgetBytes ?? SESSION_BUDGET_BYTES;
  const recordLimitBytes = options.recordLimitBytes ?? SITE_RECORD_LIMIT_BYTES;
  const hostsInUse = options.hostsInUse ?? (() => new Set<string>());
  const now = options.now ?? Date.now;

  /** Parsed records, the stored JSON text of records not used yet, or null for records not read from storage yet. */
  const cache = new Map<string, SiteRecord | string | null>();
  /** Reads of records under way, by key: records needed again meanwhile wait for the same read. */
  const reading = new Map<string, Promise<void>>();
  /** Hosts with a record, and in how many cookie stores. */
  const hostCounts = new Map<string, number>();
  const hostSet = new Set<string>();
  /**
   * Every key in storage: its size as storage counts it, its text not measured yet (measured at
   * the first write), or null when its value was not read (read at the first write: see `readUnknown`).
   */
  const stored = new Map<string, number | string | null>();
  let ledger: StorageLedger = { sitesDropped: 0, lastDropAt: null };
  /**
   * First pages (pageKey) storage may hold: a page is replaced by '' in the very write that
   * changes its record, or its site's live charter or kept run, or the ledger (every report
   * states the store's losses), or deleted with what is deleted to make room (`removeWithPages`),
   * so a page in storage is always as its worker would build it now.
   */
  const livePages = new Set<string>();
  /** The record and revision each page this worker kept was built from. */
  const pageSources = new Map<string, { recordKey: string; revision: number }>();
  /** Counts the changes of what pages are built from besides their records; a page built across one is dropped. */
  let pageEpoch = 0;
  /** Writes under way that retire pages: a page built meanwhile may have read what they replace. */
  let retiringWrites = 0;
  let unsavedSince: number | null = null;
  /**
   * Pages not kept while changes could not be saved: each says so, and the write that saves them
   * would make that false at once. Built again (`onPageRetired`) once everything is saved.
   */
  const pagesHeldWhileUnsaved = new Set<string>();
  /** True once `load()` has listed every key storage holds: a key not in `stored` is then in no storage either. */
  let keysListed = false;
  /**
   * `load()` while under way. The permission change that wakes the worker is heard before it
   * ends: retiring every page then waits for it, or it would find no page to retire and write
   * a fresh ledger over the stored one.
   */
  let loading: Promise<void> | null = null;
  /** Keys of the area's writes under way, and how many write each: storage may hold them before `stored` does. */
  const areaWrites = new Map<string, number>();
  /**
   * The area's writes under way, each with the refusal of an item of its own (`refuseTooLarge`):
   * the writer merges several callers' items into one write, and only the item's caller hears it.
   */
  const areaCallers = new Set<{ items: Record<string, unknown>; refusal: WriteTooLargeError | null }>();
  /** First pages forgotten with their records (`forgetKeys`), by key, and their record's key: not kept again until that record is put. */
  const forgottenPages = new Map<string, string>();
  /** Records forgotten (`forgetKeys`), by key: until put again, work for them still under way writes nothing of theirs back (`writesForgotten`). */
  const forgottenRecords = new Set<string>();
  /** When the worker restarted, for records parsed later (they get the marker then). */
  let restartedAt: number | null = null;
  /** Revision of each record, from one counter: a record dropped and made again never repeats an earlier one. */
  const revisions = new Map<string, number>();
  let lastRevision = 0;
  const changed = (key: string) => revisions.set(key, ++lastRevision);
  /**
   * The last place given in the order records were written or dropped (`SiteRecord.activeSeq`),
   * written with them (`sequenceItem`, in every write that carries a record) and read back at
   * wake: it only grows, whatever the clock does.
   */
  let lastSequence = 0;
  /** Gives `site` the next place in that order. */
  function nextPlace(site: SiteRecord): void {
    site.activeSeq = ++lastSequence;
  }
  /** Adds the counter to a write that carries a record: storage then never holds a place past it. */
  function withSequence(texts: Map<string, string>): void {
    if ([...texts.keys()].some(isSiteKey)) texts.set(sequenceItem.key, sequenceItem.encode(lastSequence));
  }

  const writer = createDebouncedWriter(
    commit,
    writeDelayMs,
    (error) => {
      // A refused write whose every item was forgotten meanwhile (forgetKeys) leaves nothing unsaved.
      if (writer.waiting()) unsavedSince ??= now();
      else allSaved();
      console.warn('Cookie Charter Inspector: records not written, kept and tried again', error);
    },
    undefined,
    options.retryDelayMs,
  );

  function remember(key: string, value: SiteRecord | string | null): void {
    if (!cache.has(key)) {
      const host = hostOfSiteKey(key);
      hostCounts.set(host, (hostCounts.get(host) ?? 0) + 1);
      hostSet.add(host);
    }
    cache.set(key, value);
    changed(key);
  }

  /**
   * Everything queued is in storage: a page built before says changes could not be saved, so one
   * handed over now is not kept (`pageEpoch`), and those held back are built again.
   */
  function allSaved(): void {
    if (unsavedSince === null) return;
    unsavedSince = null;
    pageEpoch++;
    const held = [...pagesHeldWhileUnsaved];
    pagesHeldWhileUnsaved.clear();
    for (const key of held) options.onPageRetired?.(key);
  }

  /**
   * After keys were discarded (forgotten, or removed): when what could not be written was only
   * theirs, nothing is left unsaved, and no later write would say so (each report would tell of
   * changes not saved, and no first page would be kept).
   */
  function savedUnlessWaiting(): void {
    if (!writer.waiting()) allSaved();
  }

  function forget(key: string): void {
    if (!cache.delete(key)) return;
    changed(key);
    const host = hostOfSiteKey(key);
    const count = (hostCounts.get(host) ?? 1) - 1;
    if (count > 0) hostCounts.set(host, count);
    else {
      hostCounts.delete(host);
      hostSet.delete(host);
    }
  }

  /** Forgets the page under `key` as stored (the caller writes '' in its place) and says so. */
  function retirePage(key: string): void {
    livePages.delete(key);
    pageSources.delete(key);
    options.onPageRetired?.(key);
  }

  /** True when the page under `key` was built from its record as it is now. */
  function isCurrentPage(key: string): boolean {
    const source = pageSources.get(key);
    return source !== undefined && revisions.get(source.recordKey) === source.revision;
  }

  /**
   * Adds to a write of records what it does to pages: each page in it goes only if still built
   * from its record as it is now, the other pages of the sites whose records it writes are
   * retired, and all of them when it writes the ledger.
   */
  function retirePages(texts: Map<string, string>): void {
    const all = texts.has(ledgerItem.key);
    if (all) pageEpoch++;
    const hosts = new Set<string>();
    for (const key of texts.keys()) if (isSiteKey(key)) hosts.add(hostOfSiteKey(key));
    const retire = (key: string) => {
      retirePage(key);
      texts.set(key, '');
    };
    for (const key of [...texts.keys()]) if (isPageKey(key) && texts.get(key) !== '' && (all || !isCurrentPage(key))) retire(key);
    for (const key of [...livePages]) if ((all || hosts.has(hostOfSiteKey(key))) && !(texts.has(key) && isCurrentPage(key))) retire(key);
  }

  /**
   * What a write or removal of `keys` does to pages: null when it names no site's live charter or
   * kept run, else those sites' stored pages, replaced by '' (never records: their writes retire
   * pages as they go, see retirePages).
   */
  function pagesRetiredBy(keys: string[]): Record<string, unknown> | null {
    const hosts = new Set<string>();
    for (const key of keys) {
      const host = isSiteKey(key) ? null : hostOfKey(key);
      if (host !== null) hosts.add(host);
    }
    if (hosts.size === 0) return null;
    const pages: Record<string, unknown> = {};
    for (const key of [...livePages]) {
      if (!hosts.has(hostOfSiteKey(key))) continue;
      retirePage(key);
      pages[key] = '';
    }
    return pages;
  }

  /**
   * Runs a write that changes what pages are built from (`retiring`): a page built while it is
   * under way may have read what it replaces (storage answers reads sent before the write lands),
   * so none is kept until it is done.
   */
  async function retiringWrite(retiring: boolean, write: () => Promise<void>): Promise<void> {
    if (!retiring) return write();
    pageEpoch++;
    retiringWrites++;
    try {
      await write();
    } finally {
      retiringWrites--;
      pageEpoch++;
    }
  }

  /**
   * Writes `items` now, `pages` among them retired (''): refused, the writer drops the items, but
   * the retired pages are queued again, as storage may still hold them while nothing here
   * tracks them any more (a page in storage must be as its worker would build it now).
   */
  async function writeRetiring(items: Record<string, unknown>, pages: Record<string, unknown> | null): Promise<void> {
    try {
      await writer.writeNow(items);
    } catch (error) {
      for (const key of Object.keys(pages ?? {})) writer.schedule(key, '');
      throw error;
    }
  }

  function put(site: SiteRecord): void {
    const key = siteKey(site.storeId, site.host);
    for (const [page, recordKey] of forgottenPages) if (recordKey === key) forgottenPages.delete(page);
    forgottenRecords.delete(key);
    remember(key, site);
    nextPlace(site);
    writer.schedule(key, site);
  }

  /**
   * True for a key of other state that would write back what `forgetKeys` forgot of a private
   * session that ended, from work for it still under way (a page rebuilt, a charter read): a kept
   * run of a record forgotten, or the live charter of a host whose record was forgotten when no
   * record nor tab names the host (private-stores.ts forgot it on those terms; nothing would
   * forget it again).
   */
  function writesForgotten(key: string): boolean {
    if (isConsentRunKey(key)) return forgottenRecords.has(siteKeyOfRunKey(key));
    const host = isLiveCharterKey(key) ? hostOfKey(key)! : null;
    if (host === null || hostSet.has(host) || hostsInUse().has(host)) return false;
    return [...forgottenRecords].some((recordKey) => hostOfSiteKey(recordKey) === host);
  }

  function parsed(key: string): SiteRecord | undefined {
    const value = cache.get(key);
    // A caller that skipped `open` must not take the record for empty and write over it.
    if (value === null) throw new Error(`Site record ${key} is not read yet: open it first`);
    if (typeof value !== 'string') return value;
    const site = decodeSiteRecord(value);
    if (site === null) {
      // A record that cannot be read is dropped, not fatal: the next cookie scan rebuilds it.
      forget(key);
      return undefined;
    }
    if (restartedAt !== null && site.timeline.length > 0) appendTimeline(site, { type: 'worker-restart', at: restartedAt });
    // Past the counter (a write Firefox made item by item, cut short): later places stay later.
    if (typeof site.activeSeq === 'number' && site.activeSeq > lastSequence) lastSequence = site.activeSeq;
    cache.set(key, site);
    return site;
  }

  /** Text of a value as stored (JSON text, or an object an earlier version stored as such). */
  const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

  /** Takes values read from storage for `keys`: a record still unread gets its text, a size still unknown its value; a key gone is forgotten. */
  function took(keys: readonly string[], values: Record<string, unknown>): void {
    for (const key of keys) {
      const present = Object.hasOwn(values, key);
      if (stored.get(key) === null) {
        if (present) stored.set(key, asText(values[key]));
        else stored.delete(key);
      }
      // Put meanwhile (a cleared record): newer than what was read.
      if (cache.get(key) !== null) continue;
      if (present) cache.set(key, asText(values[key]));
      // Gone from storage (another writer removed it): no record, as an unreadable one.
      else forget(key);
    }
  }

  function open(keys: Iterable<string>): Promise<void> | null {
    const waits = new Set<Promise<void>>();
    const unread = new Set<string>();
    for (const key of keys) {
      if (cache.get(key) !== null) continue;
      const under = reading.get(key);
      if (under) waits.add(under);
      else unread.add(key);
    }
    if (unread.size > 0) {
      const toRead = [...unread];
      const read = session.read(toRead).then(
        (values) => {
          for (const key of toRead) reading.delete(key);
          took(toRead, values);
        },
        (error: unknown) => {
          // Left unread: the next need tries again.
          for (const key of toRead) reading.delete(key);
          throw error;
        },
      );
      for (const key of toRead) reading.set(key, read);
      waits.add(read);
    }
    if (waits.size === 0) return null;
    return Promise.all(waits).then(() => undefined);
  }

  /**
   * Reads every value whose size is unknown (not read since the wake), records not opened
   * included: before a write, the budget counts every key as storage holds it, never less.
   */
  async function readUnknown(): Promise<void> {
    const unknown = new Set([...stored.keys()].filter((key) => stored.get(key) === null));
    for (const [key, value] of cache) if (value === null) unknown.add(key);
    if (unknown.size === 0) return;
    const keys = [...unknown];
    took(keys, await session.read(keys));
  }

  function sizeOf(key: string): number {
    const value = stored.get(key);
    if (value === null) throw new Error(`Size of ${key} is not known yet`);
    if (typeof value !== 'string') return value ?? 0;
    const size = storedBytes(key, value);
    stored.set(key, size);
    return size;
  }

  /** Reads back what storage holds: keys another writer added, sizes as they are. */
  async function resync(): Promise<void> {
    const all = await session.read(null);
    stored.clear();
    for (const [key, value] of Object.entries(all)) {
      const text = asText(value);
      stored.set(key, text);
      // A record forgotten while a write was under way is still in storage until forgetKeys removes it: not read back.
      if (isSiteKey(key) && !cache.has(key) && !forgottenRecords.has(key)) remember(key, text);
      else if (cache.get(key) === null) cache.set(key, text);
    }
  }

  /**
   * Counts the site of record `key` dropped to make room at `at`, once in one write (`counted`
   * holds those counted): a site that loses its kept run and then its record is one site dropped.
   */
  function countDropped(key: string, at: number, counted: Set<string>): void {
    ledger = { sitesDropped: ledger.sitesDropped + (counted.has(key) ? 0 : 1), lastDropAt: at };
    counted.add(key);
  }

  /**
   * The first step of `makeRoom`, which costs no site its record: deletes, of sites not open in a
   * tab, the live charters read more than a day ago (read again when needed), then the kept runs
   * (of the least recently active sites first, each counted as its site dropped), until
   * storage would hold at most `limit` bytes; never a key the write under way or an area write
   * carries. Their sites' pages are deleted with them. Returns the new total.
   */
  async function dropOtherState(
    texts: Map<string, string>,
    total: number,
    limit: number,
    sizes: ReadonlyMap<string, number>,
    inUse: ReadonlySet<string>,
    records: ReadonlyArray<{ key: string; place: number; active: number }>,
    at: number,
    counted: Set<string>,
  ): Promise<number> {
    if (total <= limit || !session.remove) return total;
    const free = (key: string) => !texts.has(key) && !areaWrites.has(key) && !inUse.has(hostOfKey(key) ?? '');
    const charterKeys = [...stored.keys()].filter((key) => isLiveCharterKey(key) && free(key));
    const charters = charterKeys.length > 0 ? await session.read(charterKeys) : {};
    // Read more than a day ago, or dated after now (a clock set back: isStale reads it again too), so
    // read again when next needed (one that cannot be read is as good as none).
    const staleCharters = charterKeys.filter((key) => {
      const record = liveCharterItem(hostOfKey(key)!).decode(charters[key]);
      return record === null || record.fetchedAt > at || at - record.fetchedAt > LIVE_CHARTER_MAX_AGE_MS;
    });
    const activity = new Map(records.map((record) => [record.key, record]));
    const none = { place: 0, active: 0 };
    const runs = [...stored.keys()]
      .filter((key) => isConsentRunKey(key) && free(key))
      .sort((a, b) => {
        const [first, second] = [activity.get(siteKeyOfRunKey(a)) ?? none, activity.get(siteKeyOfRunKey(b)) ?? none];
        return first.place - second.place || first.active - second.active;
      });
    const removed: string[] = [];
    for (const key of [...staleCharters, ...runs]) {
      if (total <= limit) break;
      total -= sizes.get(key) ?? 0;
      removed.push(key);
      if (isConsentRunKey(key)) countDropped(siteKeyOfRunKey(key), at, counted);
    }
    if (removed.length === 0) return total;
    await removeWithPages(texts, removed);
    options.onRemoved?.(removed);
    return total;
  }

  /**
   * Deletes `keys` from storage to make room, and in the same call the stored pages of their
   * sites: what those were built from goes, and storage never holds one without it (nor keeps it
   * if the write under way, `texts`, is refused). A page kept while the deletion is under way goes
   * in that write; one built meanwhile is not kept.
   */
  async function removeWithPages(texts: Map<string, string>, keys: readonly string[]): Promise<void> {
    const hosts = new Set(keys.map((key) => hostOfKey(key)));
    const pagesOfHosts = () => [...livePages].filter((key) => hosts.has(hostOfSiteKey(key)));
    const pages = new Set(pagesOfHosts());
    pageEpoch++;
    await session.remove!([...keys, ...pages]);
    pageEpoch++;
    for (const key of [...keys, ...pages]) stored.delete(key);
    for (const key of pagesOfHosts()) {
      retirePage(key);
      // Deleted: this write must not write it back (its retry writes '' at most, see retirePages).
      if (pages.has(key)) texts.delete(key);
      else texts.set(key, '');
    }
  }

  /**
   * Drops records of other sites into `texts` (the write under way) until storage would hold at
   * most `limit` bytes. First what other state sites not open in a tab have (`dropOtherState`).
   * Then site records: least recently active first, sites open in a tab after all others, the
   * most recently active record never; as a last resort, what eviction left of sites (deleted,
   * oldest dropped first).
   */
  async function makeRoom(texts: Map<string, string>, limit: number, measure: MeasureText, counted: Set<string>): Promise<void> {
    // Sizes not known since the wake, and records not opened: eviction weighs them all.
    await readUnknown();
    const sizes = new Map<string, number>();
    for (const key of stored.keys()) sizes.set(key, sizeOf(key));
    for (const [key, text] of texts) sizes.set(key, measure(key, text));
    let total = 0;
    for (const size of sizes.values()) total += size;
    if (total <= limit) return;

    // By the order records were written (a record of an earlier version, without one, first), then by the clock.
    const weigh = (inUse: ReadonlySet<string>) =>
      [...cache.keys()].flatMap((key) => {
        const site = parsed(key);
        return site ? [{ key, site, place: site.activeSeq ?? 0, active: lastActivity(site), open: inUse.has(site.host) }] : [];
      });
    const newer = (a: { place: number; active: number }, b: { place: number; active: number }) => a.place - b.place || a.active - b.active;
    const inUse = hostsInUse();
    const at = now();
    total = await dropOtherState(texts, total, limit, sizes, inUse, weigh(inUse), at, counted);
    // Weighed again after that wait (it reads live charters from the browser): cookie events
    // meanwhile may have made another site the most recently active, or opened one in a tab.
    const records = weigh(hostsInUse());
    // What eviction left has a place too (when it was dropped), but nothing to keep.
    const newest = records
      .filter((record) => !isEvicted(record.site))
      .reduce<(typeof records)[number] | undefined>((best, record) => (!best || newer(record, best) > 0 ? record : best), undefined);
    const candidates = records
      .filter((record) => record !== newest && !isEvicted(record.site))
      .sort((a, b) => Number(a.open) - Number(b.open) || newer(a, b));
    for (const { key, site } of candidates) {
      if (total <= limit) break;
      const stub = evictedRecord(site, at);
      nextPlace(stub);
      const text = JSON.stringify(stub);
      const size = storedBytes(key, text);
      total += size - (sizes.get(key) ?? 0);
      sizes.set(key, size);
      texts.set(key, text);
      cache.set(key, stub);
      changed(key);
      // A fuller version queued meanwhile must not bring the record back.
      writer.discard(key);
      countDropped(key, at, counted);
    }
    if (total > limit && session.remove) {
      // Oldest dropped first: a marker has no activity to weigh (lastActivity 0), only its place, given
      // when it was dropped (none from an earlier version: by when it was dropped, first).
      const droppedAt = (site: SiteRecord) => site.timeline.find((event) => event.type === 'evicted')?.at ?? 0;
      const leftovers = records
        .filter((record) => isEvicted(record.site) && !texts.has(record.key))
        .sort((a, b) => a.place - b.place || droppedAt(a.site) - droppedAt(b.site));
      const removed: string[] = [];
      for (const { key } of leftovers) {
        if (total <= limit) break;
        total -= sizes.get(key) ?? 0;
        removed.push(key);
      }
      if (removed.length > 0) {
        const before = new Map(removed.map((key) => [key, revisions.get(key)]));
        await removeWithPages(texts, removed);
        // Put again meanwhile (its site recorded a cookie): kept, and its put writes it back.
        for (const key of removed) if (revisions.get(key) === before.get(key)) forget(key);
      }
    }
    if (ledger.lastDropAt === at) texts.set(ledgerItem.key, ledgerItem.encode(ledger));
  }

  /**
   * The items of a write, those that free room first. Firefox checks the whole call against its
   * quota, then sets the items one by one and checks each again (ExtensionStorage.sys.mjs,
   * QuotaMap.set): a new record set before the records evicted for it were shrunk is refused
   * halfway, with the items before it already written. In this order every step stays within
   * the larger of the totals before and after.
   */
  function shrinkingFirst(texts: Map<string, string>, measure: MeasureText): Record<string, string> {
    const growth = (key: string, text: string) => measure(key, text) - sizeOf(key);
    return Object.fromEntries(
      [...texts]
        .map(([key, text]) => ({ key, text, delta: growth(key, text) }))
        .sort((a, b) => a.delta - b.delta)
        .map(({ key, text }) => [key, text]),
    );
  }

  /**
   * Takes out of a write each item written through `area` that passes the budget by itself: no
   * room made for it would fit it. Its caller hears the refusal (`WriteTooLargeError`, through
   * `areaCallers`), and it is not queued again. The rest go on, room made for them as before:
   * the writer merges the writes of several callers, each of which may fit alone. What the store
   * queues itself (records, each within its limit, pages, the ledger) is not weighed here.
   */
  function refuseTooLarge(items: Record<string, unknown>, texts: Map<string, string>, measure: MeasureText): void {
    for (const [key, text] of texts) {
      if (!areaWrites.has(key)) continue;
      const bytes = measure(key, text);
      if (bytes <= budgetBytes) continue;
      texts.delete(key);
      const refusal = new WriteTooLargeError(bytes, budgetBytes);
      for (const caller of areaCallers) if (Object.hasOwn(caller.items, key) && caller.items[key] === items[key]) caller.refusal = refusal;
    }
  }

  /** One write: records fitted to their limit, room made, then written; refused for quota, room made again. */
  async function commit(items: Record<string, unknown>): Promise<void> {
    const measure = measureOnce();
    const texts = new Map<string, string>();
    for (const [key, value] of Object.entries(items)) {
      if (typeof value === 'string') texts.set(key, value);
      else if (isSiteKey(key)) {
        const site = value as SiteRecord;
        const dropped = site.droppedEvents + (site.droppedCookies ?? 0);
        texts.set(key, fitRecord(site, key, recordLimitBytes));
        // fitRecord trims the record in place: what was built from it (a report) is out of date.
        if (site.droppedEvents + (site.droppedCookies ?? 0) !== dropped) changed(key);
      } else texts.set(key, JSON.stringify(value));
    }
    // Before any page is retired or record dropped for it: refused, nothing of it has changed anything.
    refuseTooLarge(items, texts, measure);
    if (texts.size === 0) return;
    retirePages(texts);
    // Sites counted dropped in this write, its retries included.
    const counted = new Set<string>();
    for (let attempt = 0; ; attempt++) {
      withSequence(texts);
      // Each retry leaves a little more room, in case the count and the browser's still differ.
      await makeRoom(texts, attempt === 0 ? budgetBytes : Math.floor(budgetBytes * 0.9 ** attempt), measure, counted);
      // Records dropped meanwhile took places (a digit more at most than what was weighed).
      withSequence(texts);
      // Records dropped to make room, and the ledger that counts them: their pages go too.
      retirePages(texts);
      try {
        await session.write(shrinkingFirst(texts, measure));
      } catch (error) {
        if (attempt < QUOTA_RETRIES && /quota/i.test(String(error))) {
          await resync();
          continue;
        }
        // The writer keeps `items` for the next try; what eviction added must go with them, or
        // storage would keep the full records while the ledger counts them dropped. A record goes
        // as it is now, not as this write had it: dropped here (the writer would queue its full
        // version again), or grown since by a cookie event (this text would queue over it).
        for (const [key, text] of texts) {
          // Forgotten meanwhile (forgetKeys, which removes what this write left): nothing of it is queued
          // again. Nor the counter: the next write of a record carries it.
          if (forgottenRecords.has(key) || forgottenPages.has(key) || key === sequenceItem.key) continue;
          const record = isSiteKey(key) ? cache.get(key) : undefined;
          if (record && typeof record !== 'string') writer.schedule(key, record);
          else if (!(key in items)) writer.schedule(key, text);
        }
        // Storage may hold part of the write (Firefox sets item by item): its keys may be there, sizes unknown.
        for (const key of texts.keys()) if (!stored.has(key)) stored.set(key, null);
        throw error;
      }
      for (const [key, text] of texts) stored.set(key, measure(key, text));
      allSaved();
      return;
    }
  }

  async function load(): Promise<void> {
    // A counter that cannot be read (or absent) starts from zero, raised past each record's place as it is read (`parsed`).
    const readSequence = (value: unknown) => {
      const last = sequenceItem.decode(value);
      if (typeof last === 'number' && Number.isFinite(last)) lastSequence = Math.max(lastSequence, last);
    };
    const readLedger = (value: unknown) => {
      // A ledger that cannot be read starts again from zero.
      if (value !== undefined) ledger = { ...ledger, ...ledgerItem.decode(asText(value)) };
    };
    if (session.keys) {
      // Keys only, and the small ledger and counter beside them: records are read when opened, sizes at the first write.
      const [keys, small] = await Promise.all([session.keys(), session.read([ledgerItem.key, sequenceItem.key])]);
      for (const key of keys) {
        stored.set(key, null);
        if (isSiteKey(key)) remember(key, null);
        // Maybe '' (retired): retired again at its site's next write, which costs one key.
        else if (isPageKey(key)) livePages.add(key);
      }
      if (Object.hasOwn(small, ledgerItem.key) && stored.has(ledgerItem.key)) {
        stored.set(ledgerItem.key, asText(small[ledgerItem.key]));
        readLedger(small[ledgerItem.key]);
      }
      if (Object.hasOwn(small, sequenceItem.key) && stored.has(sequenceItem.key)) {
        stored.set(sequenceItem.key, asText(small[sequenceItem.key]));
        readSequence(small[sequenceItem.key]);
      }
      keysListed = true;
      return;
    }
    const all = await session.read(null);
    for (const [key, value] of Object.entries(all)) {
      const text = asText(value);
      // Measured at the first write, not now: waking up stays as fast as a copy.
      stored.set(key, text);
      if (isSiteKey(key)) remember(key, text);
      else if (key === ledgerItem.key) readLedger(value);
      else if (key === sequenceItem.key) readSequence(value);
      else if (isPageKey(key) && text !== '') livePages.add(key);
    }
    keysListed = true;
  }

  return {
    load() {
      // A second call while one is under way joins it: run again, the first's end cleared the
      // marker while the second still read storage, and what waits for the load went on early.
      loading ??= load().finally(() => {
        loading = null;
      });
      return loading;
    },
    open,
    openAll: async () => {
      await open([...cache.keys()]);
    },
    get: (storeId, host) => parsed(siteKey(storeId, host)) ?? emptySite(host, storeId),
    revision: (storeId, host) => revisions.get(siteKey(storeId, host)) ?? 0,
    hosts: () => hostSet,
    all: () => [...cache.keys()].flatMap((key) => parsed(key) ?? []),
    put,
    pageTicket: () => (retiringWrites > 0 ? -1 : pageEpoch),
    putPage(key, storeId, host, revision, ticket, text) {
      const recordKey = siteKey(storeId, host);
      // A page of a record forgotten, built after (a rebuild waiting, a panel asking): not a trace to keep.
      if (forgottenPages.get(key) === recordKey && !cache.has(recordKey)) return;
      if (ticket !== pageEpoch || retiringWrites > 0 || (revisions.get(recordKey) ?? 0) !== revision) {
        // Built across a change: not kept, but built again once the site is quiet. Otherwise a
        // popup that asked during a write and heard nothing after it would leave no page kept.
        options.onPageRetired?.(key);
        return;
      }
      // It says changes could not be saved, which the write carrying it would make false.
      if (unsavedSince !== null) {
        pagesHeldWhileUnsaved.add(key);
        return;
      }
      pageSources.set(key, { recordKey, revision });
      livePages.add(key);
      writer.schedule(key, text);
    },
    hasPage(key, storeId, host, revision) {
      const source = pageSources.get(key);
      return livePages.has(key) && source?.recordKey === siteKey(storeId, host) && source.revision === revision;
    },
    async retireAllPages() {
      // A start that failed is said by `ready`: the pages known are retired all the same.
      if (loading) await loading.catch(() => undefined);
      const pages: Record<string, unknown> = {};
      for (const key of [...livePages]) {
        retirePage(key);
        pages[key] = '';
      }
      ledger = { ...ledger, accessChanges: (ledger.accessChanges ?? 0) + 1 };
      const items = { ...pages, [ledgerItem.key]: ledgerItem.encode(ledger) };
      await retiringWrite(true, () => writeRetiring(items, pages));
    },
    markRestart(now) {
      restartedAt = now;
      for (const [key, value] of cache) {
        if (value === null || typeof value === 'string' || value.timeline.length === 0) continue;
        appendTimeline(value, { type: 'worker-restart', at: now });
        changed(key);
      }
    },
    keys: () => [...new Set([...stored.keys(), ...cache.keys(), ...livePages, ...areaWrites.keys()])],
    async forgetKeys(keys) {
      if (keys.length === 0) return;
      for (const key of keys) {
        if (isSiteKey(key)) {
          forget(key);
          forgottenRecords.add(key);
        }
        if (isPageKey(key)) {
          livePages.delete(key);
          pageSources.delete(key);
          pagesHeldWhileUnsaved.delete(key);
          const { host, storeId } = siteOfPageKey(key);
          if (storeId !== undefined) forgottenPages.set(key, siteKey(storeId, host));
        }
      }
      // A page built while this is under way is not kept: it may have read what goes.
      await retiringWrite(true, async () => {
        // After the writes already queued, so none of them brings a forgotten key back; a write
        // under way that is refused queues none of them again, and what it wrote before is removed.
        for (const key of keys) writer.discard(key);
        await writer.flush();
        savedUnlessWaiting();
        await session.remove?.([...keys]);
        for (const key of keys) stored.delete(key);
      });
      options.onRemoved?.(keys);
    },
    flush: () => writer.flush(),
    status: () => ({ ...ledger, unsavedSince }),
    area: {
      read(keys) {
        // The worker is storage's only writer (pages only read it), and every write and removal
        // goes through here: a key it never listed, wrote nor is writing is in no storage, and is
        // not asked for (a round trip to the browser: a tab's network log, a site's kept run or
        // live charter).
        if (keys === null || !keysListed) return session.read(keys);
        const present = keys.filter((key) => stored.has(key) || areaWrites.has(key));
        return present.length > 0 ? session.read(present) : Promise.resolve({});
      },
      async write(all) {
        // A private session that ended is not written back, whatever was still at work for it.
        const items = Object.fromEntries(Object.entries(all).filter(([key]) => !writesForgotten(key)));
        if (Object.keys(items).length === 0) return;
        // A site's live charter or kept run written: its pages are retired in the same write.
        const pages = pagesRetiredBy(Object.keys(items));
        const write = pages ? { ...items, ...pages } : items;
        const keys = Object.keys(items);
        for (const key of keys) areaWrites.set(key, (areaWrites.get(key) ?? 0) + 1);
        const caller = { items: write, refusal: null as WriteTooLargeError | null };
        areaCallers.add(caller);
        try {
          // Its own item refused: said so, rather than another error of the write it was part of.
          await retiringWrite(pages !== null, () => writeRetiring(write, pages)).catch((error: unknown) => {
            throw caller.refusal ?? error;
          });
          if (caller.refusal) throw caller.refusal;
        } finally {
          areaCallers.delete(caller);
          for (const key of keys) {
            const left = areaWrites.get(key)! - 1;
            if (left > 0) areaWrites.set(key, left);
            else areaWrites.delete(key);
          }
        }
      },
      async remove(keys) {
        // A site's live charter or kept run removed: its pages go with it.
        const pages = pagesRetiredBy(keys);
        const removed = pages ? [...keys, ...Object.keys(pages)] : keys;
        await retiringWrite(pages !== null, async () => {
          // After the writes already queued, so none of them brings a removed key back.
          for (const key of removed) writer.discard(key);
          await writer.flush();
          savedUnlessWaiting();
          await session.remove?.(removed);
          for (const key of removed) stored.delete(key);
        });
      },
    },
  };
}
