import type { Finding, Severity } from '../core/report/findings.ts';

/** Badge colours by the most serious finding: consent breaches red, charter gaps amber, absences grey. */
export const BADGE_COLORS: Record<Severity, string> = { high: '#b3261e', medium: '#b26a00', low: '#5d6369' };

/** The badge for a portal: how many findings, coloured by the most serious; empty when there are none. */
export function badgeFor(findings: readonly Finding[]): { text: string; color: string } {
  if (findings.length === 0) return { text: '', color: BADGE_COLORS.low };
  const worst = findings.some((f) => f.severity === 'high') ? 'high' : findings.some((f) => f.severity === 'medium') ? 'medium' : 'low';
  return { text: findings.length > 999 ? '999+' : String(findings.length), color: BADGE_COLORS[worst] };
}
