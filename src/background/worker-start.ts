import type { StartupTimings } from './diagnostics.ts';
import type { CookieScan } from './recorder.ts';

/** What the worker does when it starts (each wake). */
export type WorkerStartSteps = {
  /** Learns which records storage.session holds (their keys; each record is read when first needed). */
  loadState(): Promise<void>;
  /** Reads the hosts the person granted. */
  readGrantedHosts(): Promise<void>;
  /** Reads the tabs open now. */
  readOpenTabs(): Promise<void>;
  /** Marks, in every record, that the worker was stopped and started again (records read later get it as they are read). */
  markRestart(): void;
  /**
   * Starts reading the cookies present now (some may have been set while the worker was
   * stopped); the scan records them when asked.
   */
  beginCookieScan(): CookieScan;
  /** Start-up timings, step by step. */
  timings: Pick<StartupTimings, 'step' | 'ready'>;
  /** Hears a start-up that could not complete. */
  onError?: (error: unknown) => void;
};

/**
 * The `ready` promise every handler waits on: state (the records' keys), permissions, tabs and
 * the cookies present read in parallel, then the restart marked and the cookies found recorded
 * (after the marker, into the records of the sites they concern, read for it). Handlers queue
 * their work behind it in the order heard (the recorder's queue keeps it). It always resolves, and
 * only once every read has ended, failed or not: a worker never stays stuck on a failed start, it
 * records from there on and says what went wrong.
 */
export function startWorker(steps: WorkerStartSteps): Promise<void> {
  const { timings, onError = (error) => console.error('Cookie Charter Inspector: start-up incomplete', error) } = steps;
  // Every read settles before `ready` does, failed or not: were it to resolve at the first failure,
  // a handler could run while the state is still being restored, and start a record afresh over
  // the one storage holds. The first failure is then said, as a failed start is.
  const reads = Promise.allSettled([
    steps.loadState().then(() => timings.step('state restored')),
    steps.readGrantedHosts().then(() => timings.step('permissions read')),
    steps.readOpenTabs().then(() => timings.step('tabs read')),
  ]).then((outcomes) => {
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  });
  // The cookies' read runs beside the others; only their recording waits for them.
  const scan = steps.beginCookieScan();
  return reads
    .then(async () => {
      steps.markRestart();
      timings.step('restart marked');
      await scan.record();
      timings.ready('cookies scanned');
    })
    .catch((error: unknown) => {
      scan.drop();
      onError(error);
    });
}
