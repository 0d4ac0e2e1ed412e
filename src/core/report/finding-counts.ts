import type { Finding, FindingKind, Severity } from './findings.ts';

/** How many findings of one kind there are at each severity (a severity none has is absent). */
export type SeverityCounts = Partial<Record<Severity, number>>;

/** Findings counted per kind, and within a kind per severity: a consent finding is high or medium by its cookie. */
export type FindingCounts = Partial<Record<FindingKind, SeverityCounts>>;

/** Counts `findings` per kind and severity (a kind none has is absent). */
export function findingCounts(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = {};
  for (const { kind, severity } of findings) {
    const ofKind = (counts[kind] ??= {});
    ofKind[severity] = (ofKind[severity] ?? 0) + 1;
  }
  return counts;
}
