import { useEffect, useRef, useState } from 'preact/hooks';
import type { FindingCounts } from '../core/report/finding-counts.ts';
import type { Finding } from '../core/report/findings.ts';
import type { MessageKey, Translate } from '../core/ui-strings.ts';
import { countText } from './count-text.ts';
import { trackerName } from '../core/consent/tracker-names.ts';

/** What the report's news follows while the page is open. */
export type NewsState = {
  /** The visitor's choice, as its summary names it (ConsentSummary's consentStateKey): a mixed one "per tracker". */
  consent: MessageKey;
  /** Each tracker's choice in words, as the summary lists them ("Matomo: refused, …"); '' when the choice names none. */
  trackers: string;
  /**
   * The findings the page holds: all of them, or the first page of a report sent in part, the rest
   * known by `findings` and `high` alone. The report's own list: compared by identity
   * (knownFindings) only when the news is told, not kept so (a map of every finding's identity
   * weighed about 0.05 MiB in the popup's heap with 150 cookies shown: `npm run bench`).
   */
  shown: readonly Finding[];
  /** How many findings the report has. */
  findings: number;
  /** Of those, how many are high. */
  high: number;
};

/** Findings by identity (kind, and the cookie's name, domain, path and partition): how many have it, and how many of those are high. */
type KnownFindings = ReadonlyMap<string, { count: number; high: number }>;

/**
 * A finding's identity: its kind and its cookie's (name, domain, path, partition), as the findings
 * list keys it. A not-seen one names no path; an entry the charter writes twice makes two of one
 * identity, counted as such.
 */
const findingIdentity = (finding: Finding) =>
  JSON.stringify([
    finding.kind,
    finding.cookie,
    finding.domain,
    finding.path ?? null,
    finding.partitionKey ?? null,
    finding.hasCrossSiteAncestor ?? null,
    finding.firstPartyDomain ?? null,
  ]);

/** The findings a page holds, by identity, for its news. */
function knownFindings(findings: readonly Finding[]): KnownFindings {
  const known = new Map<string, { count: number; high: number }>();
  for (const finding of findings) {
    const identity = findingIdentity(finding);
    const counted = known.get(identity) ?? { count: 0, high: 0 };
    counted.count++;
    if (finding.severity === 'high') counted.high++;
    known.set(identity, counted);
  }
  return known;
}

/** Each tracker's choice in words, as the consent summary lists them: "Matomo: refused, Google Analytics: accepted". */
export function trackersText(trackers: Readonly<Record<string, boolean>>, t: Translate): string {
  return Object.entries(trackers)
    .map(([key, accepted]) => t(accepted ? 'trackerAccepted' : 'trackerRefused', trackerName(key)))
    .join(', ');
}

/** One piece of news, numbered: the same words said twice are two pieces. */
export type News = { text: string; id: number };

/** The fewest milliseconds between two pieces of news: a burst of changes (a page load, a consent flow) is said once, summed. */
export const NEWS_INTERVAL_MS = 5000;

/** How many findings are high, from their counts per kind and severity. */
export function highCount(counts: FindingCounts): number {
  return Object.values(counts).reduce((sum, ofKind) => sum + (ofKind?.high ?? 0), 0);
}

/**
 * How many of `to`'s findings are new since `from`, and how many of those are high: by identity,
 * so a finding taking another's place (a low not-seen `vuid` gone, a high after-refusal `vuid`
 * come) is news though the count did not change, while one whose severity changed (medium to
 * high) is not new, and its being high now makes no new finding high. Where a page held only a
 * report's first page, never more than it shows: a finding of `to`'s page missing from `from`'s
 * may be one of `from`'s rest (not new), and the new ones past `to`'s page are known only by the
 * totals growing. A high one past `to`'s page is new only where no earlier finding off that page
 * can be it: any of them, high before or not, may be there now, raised.
 */
function newFindings(from: NewsState, to: NewsState): { added: number; high: number } {
  let added = 0;
  let high = 0;
  let highOnPage = 0;
  // Earlier findings surely on `to`'s page: the others may be past it.
  let earlierOnPage = 0;
  const knownNow = knownFindings(to.shown);
  const knownThen = knownFindings(from.shown);
  for (const [identity, now] of knownNow) {
    const before = knownThen.get(identity);
    const addedOfIt = Math.max(0, now.count - (before?.count ?? 0));
    const highOfIt = Math.max(0, now.high - (before?.high ?? 0));
    added += addedOfIt;
    // A finding already there that became high is not new: of this identity's highs, only as many as were added.
    high += Math.min(addedOfIt, highOfIt);
    highOnPage += now.high;
    earlierOnPage += Math.min(now.count, before?.count ?? 0);
  }
  let knownBefore = 0;
  for (const { count } of knownThen.values()) knownBefore += count;
  const unknownBefore = from.findings - knownBefore;
  if (unknownBefore > 0) {
    added = Math.max(0, added - unknownBefore);
    high = Math.max(0, high - unknownBefore);
  }
  added = Math.max(added, to.findings - from.findings);
  const highPastPage = Math.max(0, to.high - highOnPage);
  const earlierOffPage = Math.max(0, from.findings - earlierOnPage);
  return { added, high: Math.min(added, high + Math.max(0, highPastPage - earlierOffPage)) };
}

/** What changed from `from` to `to` that matters, in the UI language: the consent state, new findings and how many are high; '' when nothing did. */
export function newsText(from: NewsState, to: NewsState, t: Translate, language: string): string {
  const parts: string[] = [];
  // A mixed choice changed for another mixed one is news too: the trackers' words say which.
  if (to.consent !== from.consent || to.trackers !== from.trackers)
    parts.push(`${t('consentLabel')} ${t(to.consent)}${to.trackers === '' ? '' : ` (${to.trackers})`}`);
  const { added, high } = newFindings(from, to);
  if (added > 0)
    parts.push(
      high > 0
        ? countText(t, language, 'newFindingsHigh', added, countText(t, language, 'severityHighCount', high))
        : countText(t, language, 'newFindings', added),
    );
  return parts.join(t('listSeparator'));
}

/**
 * The news of a report while it is shown, for one polite status: nothing at first (the page says
 * it all), then what changed, at most once every NEWS_INTERVAL_MS; what changes meanwhile is said
 * when that time is over, summed with the rest (a finding that came and went is not news).
 */
export function useReportNews(state: NewsState, t: Translate, language: string): News | null {
  const [news, setNews] = useState<News | null>(null);
  // What the person was last told of (at first, what the page showed), and the state now.
  const told = useRef(state);
  const latest = useRef(state);
  const waiting = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { consent, trackers, shown, findings, high } = state;
  useEffect(() => {
    latest.current = { consent, trackers, shown, findings, high };
    const tell = () => {
      const text = newsText(told.current, latest.current, t, language);
      told.current = latest.current;
      waiting.current = text ? setTimeout(tell, NEWS_INTERVAL_MS) : null;
      if (text) setNews((said) => ({ text, id: (said?.id ?? 0) + 1 }));
    };
    if (waiting.current === null) tell();
  }, [consent, trackers, shown, findings, high, t, language]);
  useEffect(
    () => () => {
      if (waiting.current !== null) clearTimeout(waiting.current);
    },
    [],
  );
  return news;
}
