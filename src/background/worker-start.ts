import type { StartupTimings } from './diagnostics.ts';

/** What the worker does when it starts (each wake). */
export type WorkerStartSteps = {
  /** Restores the records from storage.session. */
  loadState(): Promise<void>;
  /** Reads the hosts the person granted. */
  readGrantedHosts(): Promise<void>;
  /** Reads the tabs open now. */
  readOpenTabs(): Promise<void>;
  /** Marks, in every record, that the worker was stopped and started again. */
  markRestart(): void;
  /** Records the cookies present now: some may have been set while the worker was stopped. */
  scanCookies(): Promise<void>;
  /** Start-up timings, step by step. */
  timings: Pick<StartupTimings, 'step' | 'ready'>;
  /** Hears a start-up that could not complete. */
  onError?: (error: unknown) => void;
};

/**
 * The `ready` promise every handler waits on: state, permissions and tabs read in parallel, then
 * the restart marked and the present cookies recorded. It always resolves: a worker never stays
 * stuck on a failed start, it records from there on and says what went wrong.
 */
export function startWorker(steps: WorkerStartSteps): Promise<void> {
  const { timings, onError = (error) => console.error('Cookie Charter Inspector: start-up incomplete', error) } = steps;
  return Promise.all([
    steps.loadState().then(() => timings.step('state restored')),
    steps.readGrantedHosts().then(() => timings.step('permissions read')),
    steps.readOpenTabs().then(() => timings.step('tabs read')),
  ])
    .then(async () => {
      steps.markRestart();
      timings.step('restart marked');
      await steps.scanCookies();
      timings.ready('cookies scanned');
    })
    .catch(onError);
}
