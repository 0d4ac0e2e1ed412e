/**
 * Two recordings of the same site compared, one after accepting every tracker and one after
 * refusing them all: what the audit's `--consent both` writes (comparison.md) and what the
 * panels show side by side after "Record the other choice". One function for both, so they
 * cannot disagree.
 */
import { compareText } from '../compare.ts';
import type { ReportCookie } from './report.ts';

/** What a run needs to be compared: its cookies' names, whether each is still there, and its category. */
export type ComparableRun = { cookies: ReadonlyArray<Pick<ReportCookie, 'name' | 'removed' | 'category'>> };

/** What differs between an "accept" run and a "refuse" run, as sorted cookie names. */
export type RunComparison = {
  /** Cookies seen only after accepting. */
  onlyAfterAccept: string[];
  /** Cookies seen only after refusing (none expected). */
  onlyAfterRefuse: string[];
  /** Non-necessary cookies present after the refusal. */
  trackersAfterRefuse: string[];
};

export function compareRuns(accept: ComparableRun, refuse: ComparableRun): RunComparison {
  const names = (run: ComparableRun) => new Set(run.cookies.map((c) => c.name));
  const accepted = names(accept);
  const refused = names(refuse);
  return {
    onlyAfterAccept: [...accepted].filter((name) => !refused.has(name)).sort(compareText),
    onlyAfterRefuse: [...refused].filter((name) => !accepted.has(name)).sort(compareText),
    trackersAfterRefuse: refuse.cookies
      .filter((c) => c.removed === null && c.category !== 'necessary')
      .map((c) => c.name)
      .sort(compareText),
  };
}
