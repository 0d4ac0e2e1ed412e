import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Finding, FindingKind, Severity } from '../core/report/findings.ts';
import { FIRST_PAGE } from '../core/message-contract.ts';
import type { ReportTotals } from '../core/report/report-page.ts';
import type { CharterKind } from '../core/registry/registry.ts';
import { findingCounts, type SeverityCounts } from '../core/report/finding-counts.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';
import { findingWords } from './finding-text.ts';
import { foreignLanguage } from './own-words.ts';
import { formatCount } from './time-format.ts';
import { countText, type CountedKey } from './count-text.ts';
import { focusLost } from './lazy-view.tsx';
import { CookieName, cookieNameText } from './CookieName.tsx';
import { visibleCookieName } from '../core/cookies/nameless.ts';

type FindingsSummaryProps = {
  /** The site's findings, most serious first (while `totals` is given, the first of them). */
  findings: Finding[];
  /** The counts of the whole report, when `findings` holds only its first page. */
  totals?: ReportTotals | undefined;
  /** Given when `findings` is only the first page: asks for all of them (Show more). */
  onWantAll?: (() => void) | undefined;
  /** How many cookies were seen (in the whole report): with none, no finding says nothing was checked. */
  cookiesSeen: number;
  /** False where the visitor's choice cannot be read (off the platform): no consent finding was looked for. */
  consentReadable: boolean;
  /** How many of the cookies seen are of unknown origin: no finding judges them. */
  unjudged?: number;
  /** Shows the cookie a finding is about. */
  onSelect: (finding: Finding) => void;
  /** UI strings. */
  t: Translate;
  /** UI language, for counts and lifetimes. */
  language: string;
  /** The charter's language, for its words a finding quotes (marked where not the page's); null or absent: unknown, unmarked. */
  charterLanguage?: string | null | undefined;
  /** The report's kind of charter: 'none' where the extension found none for the site. */
  charterKind?: CharterKind | undefined;
};

/**
 * A kind's name. An undeclared cookie of a site with no charter found is named so, not "Not in the
 * charter": there was none to read.
 */
const kindName = (kind: FindingKind, noCharter: boolean, t: Translate) =>
  t(kind === 'undeclared' && noCharter ? 'findingUndeclaredNoCharter' : messageKey('finding', kind));

/** A finding's facts, the charter's words it quotes marked with their language where it is not the page's (own-words.ts). */
function Evidence({
  finding,
  t,
  language,
  charterLanguage,
}: {
  finding: Finding;
  t: Translate;
  language: string;
  charterLanguage?: string | null | undefined;
}) {
  const [before, quoted, after] = findingWords(finding, t, language);
  const lang = foreignLanguage(charterLanguage, language);
  return (
    <span class="evidence">
      {before}
      {quoted && (lang ? <span lang={lang}>{quoted}</span> : quoted)}
      {after}
    </span>
  );
}

/**
 * The findings' keys in the list: each one's kind and its cookie's identity (name, domain, path,
 * partition: a cookie has at most one finding of a kind), then how many listed before it had the
 * same. A not-seen finding (or one an older version made) names no path, so two may share the rest
 * (a charter declaring one name twice). Keyed by their place in the list instead, they changed
 * key whenever a finding came or went above them: a live update wrote their lines anew, and a
 * focused button lost the focus. A not-seen finding is about a charter entry, so its section is
 * part of its identity: one name declared for two (the site's own testCookie, Disqus's third-party
 * one), the one seen took its finding away and the other's became the first of its name. Not its
 * provider, which a live charter read may spell otherwise (Huwise for Opendatasoft).
 */
function findingKeys(findings: readonly Finding[]): string[] {
  const earlier = new Map<string, number>();
  return findings.map((finding) => {
    const identity = JSON.stringify([
      finding.kind,
      finding.cookie,
      finding.domain,
      finding.path,
      finding.partitionKey,
      finding.hasCrossSiteAncestor,
      finding.firstPartyDomain,
      ...(finding.kind === 'not-seen' ? [finding.detail.category] : []),
    ]);
    const count = earlier.get(identity) ?? 0;
    earlier.set(identity, count + 1);
    return `${count}:${identity}`;
  });
}

const KINDS: FindingKind[] = ['before-consent', 'after-refusal', 'undeclared', 'lifetime', 'not-seen'];

/** Findings listed at first; a portal with thousands of cookies can have thousands of findings. */
const FIRST_FINDINGS = FIRST_PAGE.findings;

/** Severities, most serious first, with their words. */
const SEVERITY_WORD: Record<Severity, MessageKey> = { high: 'severityHigh', medium: 'severityMedium', low: 'severityLow' };
const SEVERITIES = Object.keys(SEVERITY_WORD) as Severity[];

/** "2 high", "1 medium"…: a count of findings at one severity. */
const SEVERITY_COUNT: Record<Severity, CountedKey> = { high: 'severityHighCount', medium: 'severityMediumCount', low: 'severityLowCount' };

/** The severity in words beside its colour: read by screen readers, and seen by those who cannot tell the colours apart. */
const severityWord = (severity: Severity, t: Translate) => <span class="muted"> ({t(SEVERITY_WORD[severity])})</span>;

/**
 * A kind's severities in words: its one severity ("high"), or how many at each ("1 high and 1
 * medium"), so a chip coloured by the most serious does not say the others are as serious.
 */
function severitiesWords(counts: SeverityCounts, t: Translate, language: string): string {
  const present = SEVERITIES.filter((severity) => counts[severity]);
  if (present.length === 1) return t(SEVERITY_WORD[present[0]!]);
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(
    present.map((severity) => countText(t, language, SEVERITY_COUNT[severity], counts[severity]!)),
  );
}

/** Counts per kind of finding, then each finding as a link to its cookie. */
export function FindingsSummary({
  findings,
  totals,
  onWantAll,
  cookiesSeen,
  consentReadable,
  unjudged = 0,
  onSelect,
  t,
  language,
  charterLanguage,
  charterKind,
}: FindingsSummaryProps) {
  const total = totals?.findings ?? findings.length;
  const [open, setOpen] = useState(total <= 6);
  const [limit, setLimit] = useState(FIRST_FINDINGS);
  const shown = Math.min(limit, findings.length);
  // "Show more" leads to the first finding it adds, once it is shown (the whole report may still be
  // on its way): on the last page the button goes away, and focus with it.
  const firstAdded = useRef<number | null>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const index = firstAdded.current;
    if (index === null || index >= shown) return;
    firstAdded.current = null;
    const focused = document.activeElement;
    // Unless the visitor went elsewhere while the findings were on their way.
    if (focused && focused !== document.body && !list.current?.lastElementChild?.contains(focused)) return;
    list.current?.children[index]?.querySelector('button')?.focus();
  });
  // Rendered only while open: closed, the list costs nothing.
  const listed = open ? findings.slice(0, shown) : [];
  const keys = findingKeys(listed);
  // The finding whose button had the focus last, and the findings listed at the last render.
  const focusedKey = useRef<string | null>(null);
  const shownKeys = useRef<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  // A focused finding that goes (its cookie came, a live update mended it) takes its button, and the
  // focus, with it: the focus goes to the finding now in its place, the one before it, or the heading.
  // Gone while the focus was elsewhere, it is forgotten: a later lost focus is not its doing.
  useLayoutEffect(() => {
    const key = focusedKey.current;
    const before = shownKeys.current;
    shownKeys.current = keys;
    if (key === null || keys.includes(key)) return;
    focusedKey.current = null;
    if (!focusLost()) return;
    const buttons = list.current?.querySelectorAll<HTMLElement>('[data-finding] > button') ?? [];
    (buttons[Math.min(before.indexOf(key), buttons.length - 1)] ?? heading.current)?.focus();
  });
  // The person left the finding (another control, plain text): forgotten once it is still there after
  // this task. Chrome also blurs a button as it is removed; that one goes, and the effect above places the focus.
  // A blur that leaves the button active only means the window lost focus (the person went to the
  // site's page): the finding is still the one focused.
  const forgetLeftFinding = (event: FocusEvent) => {
    const button = event.currentTarget as HTMLElement;
    const key = focusedKey.current;
    queueMicrotask(() => {
      if (button.isConnected && document.activeElement !== button && focusedKey.current === key) focusedKey.current = null;
    });
  };
  const title = (
    <h2 id="findings-title" ref={heading} tabIndex={-1}>
      {t('findingsTitle')}
      {total > 0 && (
        <>
          {' '}
          <span class="count">{formatCount(total, language)}</span>
        </>
      )}
    </h2>
  );
  if (total === 0) {
    // The all-clear only says what was checked: nothing without a cookie, not the cookies no
    // finding judges (of unknown origin), not consent where it cannot be read.
    const nothing = cookiesSeen === 0 ? 'noFindingsNoCookies' : consentReadable ? 'noFindings' : 'noFindingsConsentUnread';
    return (
      <section class="findings" aria-labelledby="findings-title">
        {title}
        {cookiesSeen > 0 && unjudged > 0 ? (
          <>
            <p class="muted">{countText(t, language, 'noFindingsUnjudged', unjudged)}</p>
            {!consentReadable && <p class="muted">{t('consentNotChecked')}</p>}
          </>
        ) : (
          <p class={nothing === 'noFindings' ? 'ok' : 'muted'}>{t(nothing)}</p>
        )}
      </section>
    );
  }
  const byKind = totals?.findingsByKind ?? findingCounts(findings);
  // Each undeclared finding says it too, but the first page may hold none of them.
  const noCharter = charterKind === 'none' || findings.some((finding) => finding.detail.charter === 'none');
  return (
    <section class="findings" aria-labelledby="findings-title">
      {title}
      <ul class="finding-counts">
        {KINDS.map((kind) => {
          const counts = byKind[kind];
          const count = SEVERITIES.reduce((sum, severity) => sum + (counts?.[severity] ?? 0), 0);
          if (!counts || count === 0) return null;
          // Coloured by the most serious of the kind: a consent finding is high or medium by its cookie.
          const severity = SEVERITIES.find((level) => counts[level])!;
          return (
            <li key={kind} class={`chip severity-${severity}`} data-finding-count={kind}>
              {kindName(kind, noCharter, t)} <strong>{formatCount(count, language)}</strong>
              <span class="muted"> ({severitiesWords(counts, t, language)})</span>
            </li>
          );
        })}
      </ul>
      <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{t('findingsEach')}</summary>
        {open && (
          <ul class="finding-list" ref={list}>
            {listed.map((finding, index) => (
              <li key={keys[index]} data-finding={finding.kind} data-finding-cookie={finding.cookie}>
                <button
                  type="button"
                  class="link"
                  onFocus={() => (focusedKey.current = keys[index]!)}
                  onBlur={forgetLeftFinding}
                  onClick={() => onSelect(finding)}
                  title={t('goToCookie', cookieNameText(visibleCookieName(finding.cookie), t))}
                >
                  <span class={`dot severity-${finding.severity}`} aria-hidden="true" />
                  <span class="finding-kind">{kindName(finding.kind, finding.detail.charter === 'none', t)}</span>{' '}
                  <CookieName name={visibleCookieName(finding.cookie)} t={t} />
                  {severityWord(finding.severity, t)}
                </button>
                <Evidence finding={finding} t={t} language={language} charterLanguage={charterLanguage} />
              </li>
            ))}
            {total > shown && (
              <li>
                <button
                  type="button"
                  onClick={() => {
                    firstAdded.current = shown;
                    setLimit(shown + 100);
                    onWantAll?.();
                  }}
                >
                  {/* What is shown: while the whole report loads, its first page, not the limit asked for. */}
                  {t('showMore')} ({t('shownOf', formatCount(shown, language), formatCount(total, language))})
                </button>
              </li>
            )}
          </ul>
        )}
      </details>
    </section>
  );
}
