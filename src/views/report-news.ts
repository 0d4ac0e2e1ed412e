import { useEffect, useRef, useState } from 'preact/hooks';
import type { FindingCounts } from '../core/report/finding-counts.ts';
import type { MessageKey, Translate } from '../core/ui-strings.ts';
import { countText } from './count-text.ts';
import { trackerName } from '../core/consent/tracker-names.ts';

/** What the report's news follows while the page is open. */
export type NewsState = {
  /** The visitor's choice, as its summary names it (ConsentSummary's consentStateKey): a mixed one "per tracker". */
  consent: MessageKey;
  /** Each tracker's choice in words, as the summary lists them ("Matomo: refused, …"); '' when the choice names none. */
  trackers: string;
  /** How many findings the report has. */
  findings: number;
  /** Of those, how many are high. */
  high: number;
};

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

/** What changed from `from` to `to` that matters, in the UI language: the consent state, new findings and how many are high; '' when nothing did. */
export function newsText(from: NewsState, to: NewsState, t: Translate, language: string): string {
  const parts: string[] = [];
  // A mixed choice changed for another mixed one is news too: the trackers' words say which.
  if (to.consent !== from.consent || to.trackers !== from.trackers)
    parts.push(`${t('consentLabel')} ${t(to.consent)}${to.trackers === '' ? '' : ` (${to.trackers})`}`);
  const added = to.findings - from.findings;
  const high = Math.min(added, to.high - from.high);
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
  const { consent, trackers, findings, high } = state;
  useEffect(() => {
    latest.current = { consent, trackers, findings, high };
    const tell = () => {
      const text = newsText(told.current, latest.current, t, language);
      told.current = latest.current;
      waiting.current = text ? setTimeout(tell, NEWS_INTERVAL_MS) : null;
      if (text) setNews((said) => ({ text, id: (said?.id ?? 0) + 1 }));
    };
    if (waiting.current === null) tell();
  }, [consent, trackers, findings, high, t, language]);
  useEffect(
    () => () => {
      if (waiting.current !== null) clearTimeout(waiting.current);
    },
    [],
  );
  return news;
}
