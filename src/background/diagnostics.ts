import type { Result } from '../core/message-contract.ts';
import type { SiteRecord } from '../core/cookies/site-record.ts';

/** What getDiagnostics answers: start-up timings (ms after the browser started the worker) and how much the worker holds. */
export type Diagnostics = Result<'getDiagnostics'>;

/** The worker's start-up timings, noted as it starts, for getDiagnostics and the benchmark. */
export type StartupTimings = {
  /** Notes that start-up step `name` is done now; returns the time. */
  step(name: string): number;
  /** Notes that the worker is ready: its last step is done. */
  ready(lastStep: string): void;
  /** The timings so far, and the counts of what `sites` hold. */
  diagnostics(sites: readonly SiteRecord[]): Diagnostics;
};

/**
 * @param codeStartedMs when the worker's first module ran (started-at.ts)
 * @param evaluatedMs when the entry's own code ran, every module evaluated
 */
export function createStartupTimings(
  codeStartedMs: number,
  evaluatedMs: number,
  now: () => number = () => performance.now(),
): StartupTimings {
  const steps: Record<string, number> = {};
  let readyMs = -1;
  const step = (name: string) => (steps[name] = now());
  return {
    step,
    ready(lastStep) {
      readyMs = step(lastStep);
    },
    diagnostics: (sites) => ({
      codeStartedMs,
      evaluatedMs,
      readyMs,
      steps,
      sites: sites.length,
      cookies: sites.reduce((sum, site) => sum + Object.keys(site.cookies).length, 0),
    }),
  };
}
