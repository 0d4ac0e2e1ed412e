/**
 * Reports built once. Opening the popup, refreshing a badge or exporting asks for a site's report
 * again and again while nothing changed; a portal with 2,000 cookies made each ask match 2,000
 * cookies against the registry and rebuild every finding. The memo keeps, per site, the report
 * last built and what each cookie matched:
 * - nothing changed (same record revision, same registry, same live charter) and no cookie it
 *   showed present has expired since (nor, the clock set back, one it showed expired not yet):
 *   the report built before, stamped with the time and the store's losses of now;
 * - only time passed over an expiry (the browser deletes an expired cookie lazily, so the record
 *   may not change): built again, nothing matched again;
 * - the record changed (a cookie event): the report is rebuilt, but only cookies whose identity
 *   (name, domain, embedded or not) the memo has not matched yet are matched;
 * - the registry or the site's charter changed: everything is matched again.
 *
 * It is a cache, never the source of truth: the records live in storage.session, a worker that
 * restarts starts with an empty memo and fills it on the first ask. Pure: the record's revision is
 * the caller's (the store counts its writes), since records are updated in place (site-record.ts)
 * and their identity alone does not say they changed. A live charter is read afresh from storage
 * at each ask, so it is known by the name of the attempt that stored it instead (liveStamp):
 * the worker names each record it stores anew (live-charters.ts).
 */
import type { LiveCharterRecord } from '../charter/live.ts';
import type { SiteRecord } from '../cookies/site-record.ts';
import { siteMatcher, type CookieIdentity, type MatchResult } from '../registry/match.ts';
import type { Registry } from '../registry/registry.ts';
import { expiryJudgementSpan } from './expired.ts';
import { buildReport, type CookieMatcher, type Report, type SiteCookieMatcher, type StoreLosses } from './report.ts';
import { ownCookieNames, registryForChoice, siteCharterChoice, type SiteCharterChoice } from './site-charter.ts';

/** What a report is built from, with the record's revision that says whether it changed. */
export type ReportInputs = {
  /** The site's record (updated in place by the recorder). */
  site: SiteRecord;
  /** Changes whenever the record does (the store's count of its writes of it). */
  revision: number;
  /** The bundled registry. */
  base: Registry;
  /** The last attempt to read the site's live charter (what storage holds now). */
  live: LiveCharterRecord | null;
  /** The clock, for `generatedAt`. */
  now: number;
  /** What the store could not keep, now. */
  losses: StoreLosses;
};

export type ReportMemo = {
  /** The site's report: the one built before when nothing changed, else built again (only new cookies matched). */
  report(inputs: ReportInputs): Report;
  /** Forgets every site (the registry was rebuilt, or to free memory). */
  clear(): void;
  /** Sites held. */
  readonly size: number;
};

type SiteEntry = {
  site: SiteRecord;
  revision: number;
  base: Registry;
  /** Which attempt `live` was (liveStamp), or none: a new one stored, or storage dropping it (site-store's makeRoom), changes it. */
  liveStamp: string;
  choice: SiteCharterChoice;
  registry: Registry;
  /** What each cookie identity matched, against `registry`: by domain (prefixed 1 for embedded content, else 0), then by name. */
  matches: Map<string, Map<string, MatchResult>>;
  report: Report;
  /** The times (ms) its expiry judgements hold for (expiryJudgementSpan): outside them, it is built again. */
  judgedFrom: number;
  judgedUntil: number;
};

/** Sites kept by default: the popup, the side panel and the badges of the open tabs ask for a few at a time. */
const DEFAULT_MAX_SITES = 16;

/**
 * @param match the matcher (siteMatcher by default; a test passes a spy of matchCookie to count the calls)
 * @param maxSites sites kept, the least recently asked for dropped first
 */
export function createReportMemo(options: { match?: CookieMatcher; maxSites?: number } = {}): ReportMemo {
  const maxSites = options.maxSites ?? DEFAULT_MAX_SITES;
  const entries = new Map<string, SiteEntry>();

  /**
   * The cached report as of now: only the time and the store's losses differ. The losses are
   * copied field by field, in buildReport's order: the store's status carries more (its ledger's
   * count of host access changes), which a report does not state, and an export must not differ
   * by whether its report was cached.
   */
  function stamped(report: Report, { site, now, losses }: ReportInputs): Report {
    return {
      ...report,
      generatedAt: now,
      storage: {
        sitesDropped: losses.sitesDropped,
        lastDropAt: losses.lastDropAt,
        cookiesDropped: site.droppedCookies ?? 0,
        unsavedSince: losses.unsavedSince,
      },
    };
  }

  function report(inputs: ReportInputs): Report {
    const { site, revision, base, live } = inputs;
    const key = `${site.storeId}\u0000${site.host}`;
    const entry = entries.get(key);
    // Most recently asked last: the first key is the one to drop.
    if (entry) entries.delete(key);
    const stamp = liveStamp(live);
    const sameLive = entry !== undefined && entry.liveStamp === stamp;
    const sameJudgement = entry !== undefined && inputs.now >= entry.judgedFrom && inputs.now < entry.judgedUntil;
    if (entry && entry.site === site && entry.revision === revision && entry.base === base && sameLive && sameJudgement) {
      entries.set(key, entry);
      return stamped(entry.report, inputs);
    }

    const choice = siteCharterChoice(base, site.host, live, () => ownCookieNames(Object.values(site.cookies)));
    const sameCharter = sameLive && entry.base === base && entry.choice === choice;
    const registry = sameCharter ? entry.registry : registryForChoice(base, site.host, live, choice);
    const previous = sameCharter ? entry.matches : new Map<string, Map<string, MatchResult>>();
    // Only the identities the record still holds are kept: a cleared site does not keep its old matches.
    const matches = new Map<string, Map<string, MatchResult>>();
    const matchOne = options.match
      ? (cookie: CookieIdentity) => options.match!(registry, site.host, cookie)
      : siteMatcher(registry, site.host);
    // By domain (and embedded or not), then by name: most cookies of a site share their domain.
    let lastDomain: string | null = null;
    let lastThirdParty = false;
    let byName = new Map<string, MatchResult>();
    let previousByName: Map<string, MatchResult> | undefined;
    const memoized: SiteCookieMatcher = (cookie) => {
      const thirdParty = cookie.thirdParty === true;
      if (cookie.domain !== lastDomain || thirdParty !== lastThirdParty) {
        lastDomain = cookie.domain;
        lastThirdParty = thirdParty;
        const domainKey = `${thirdParty ? 1 : 0}${cookie.domain}`;
        byName = matches.get(domainKey) ?? new Map<string, MatchResult>();
        matches.set(domainKey, byName);
        previousByName = previous.get(domainKey);
      }
      let result = byName.get(cookie.name) ?? previousByName?.get(cookie.name);
      if (result === undefined) result = matchOne(cookie);
      byName.set(cookie.name, result);
      return result;
    };
    const built = buildReport(site, registry, inputs.now, live, inputs.losses, memoized);
    const { from, until } = expiryJudgementSpan(Object.values(site.cookies), inputs.now);
    entries.set(key, {
      site,
      revision,
      base,
      liveStamp: stamp,
      choice,
      registry,
      matches,
      report: built,
      judgedFrom: from,
      judgedUntil: until,
    });
    while (entries.size > maxSites) entries.delete(entries.keys().next().value!);
    return built;
  }

  return {
    report,
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}

/**
 * Which attempt to read a live charter `live` is: none, or the name the worker gave it when it
 * stored it, new at each (live-charters.ts), so a record stored again in the same millisecond, or
 * after the clock was set back, or after storage dropped the one before, is never taken for it.
 * A record an older version stored has no name: its times stand for it.
 */
function liveStamp(live: LiveCharterRecord | null): string {
  if (live === null) return '';
  return live.attempt ?? `${live.fetchedAt}/${live.failedAt ?? ''}`;
}
