import { useState } from 'preact/hooks';
import type { Finding, FindingKind } from '../core/report/findings.ts';
import { messageKey, type Translate } from '../core/ui-strings.ts';
import { findingText } from './finding-text.ts';

type FindingsSummaryProps = {
  /** The site's findings, most serious first. */
  findings: Finding[];
  /** Shows the cookie a finding is about. */
  onSelect: (finding: Finding) => void;
  /** UI strings. */
  t: Translate;
  /** UI language, for lifetimes. */
  language: string;
};

const KINDS: FindingKind[] = ['before-consent', 'after-refusal', 'undeclared', 'lifetime', 'not-seen'];

/** Findings listed at first; a portal with thousands of cookies can have thousands of findings. */
const FIRST_FINDINGS = 20;

/** Counts per kind of finding, then each finding as a link to its cookie. */
export function FindingsSummary({ findings, onSelect, t, language }: FindingsSummaryProps) {
  const [open, setOpen] = useState(findings.length <= 6);
  const [limit, setLimit] = useState(FIRST_FINDINGS);
  if (findings.length === 0) {
    return (
      <section class="findings" aria-labelledby="findings-title">
        <h2 id="findings-title">{t('findingsTitle')}</h2>
        <p class="ok">{t('noFindings')}</p>
      </section>
    );
  }
  const counts = KINDS.map((kind) => ({ kind, count: findings.filter((f) => f.kind === kind).length })).filter((c) => c.count > 0);
  return (
    <section class="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">
        {t('findingsTitle')} <span class="count">{findings.length}</span>
      </h2>
      <ul class="finding-counts">
        {counts.map(({ kind, count }) => (
          <li key={kind} class={`chip severity-${findings.find((f) => f.kind === kind)!.severity}`} data-finding-count={kind}>
            {t(messageKey('finding', kind))} <strong>{count}</strong>
          </li>
        ))}
      </ul>
      <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{t('findingsTitle')}</summary>
        {/* Rendered only while open: closed, the list costs nothing. */}
        {open && (
          <ul class="finding-list">
            {findings.slice(0, limit).map((finding) => (
              <li
                key={`${finding.kind} ${finding.cookie} ${finding.domain}`}
                data-finding={finding.kind}
                data-finding-cookie={finding.cookie}
              >
                <button type="button" class="link" onClick={() => onSelect(finding)} title={t('goToCookie', finding.cookie)}>
                  <span class={`dot severity-${finding.severity}`} aria-hidden="true" />
                  <span class="finding-kind">{t(messageKey('finding', finding.kind))}</span> <code>{finding.cookie}</code>
                </button>
                <span class="evidence">{findingText(finding, t, language)}</span>
              </li>
            ))}
            {findings.length > limit && (
              <li>
                <button type="button" onClick={() => setLimit(limit + 100)}>
                  {t('showMore')} ({t('shownOf', String(limit), String(findings.length))})
                </button>
              </li>
            )}
          </ul>
        )}
      </details>
    </section>
  );
}
